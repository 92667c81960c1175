"""Waiting for drafts: a split embeds the report's sentences once and its drafts' passages once (one batch, for the
history check's passage-side document rule), and ``check-draft FOLDER`` loads the model once for every draft in it.

Built from the profile of `split` on the 低空经济 sample report (cProfile, 2026-12-07): of 81 s under load,
34.5 s embedded the report's sentences once ("query:" side) and 29.5 s embedded every draft's passages again on
the "passage:" side, so the history check's document-level rule could compare the draft as dedup compares two
documents. Estimates of that vector from the sentences a split already has — their "query:" mean (shifted, or
with the rule refitted on it) and their "passage:" mean — were measured on the labelled dev pairs and lost
(docs/figures/drafts8s.md, drafts9s.md, speed10.md), so the split keeps one batched passage prefetch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from topicmine import pipeline
from topicmine.config import load_settings

ROOT = Path(__file__).resolve().parent.parent
LA = ROOT / "corpus" / "sample" / "调研报告" / "2025" / "关于苏州市低空经济发展情况的调研报告.md"


def _spy(ws: Any) -> list[tuple[str, str, int]]:
    """Every text the model is asked to embed, with its side ("query" / "passage") and the call's number."""
    seen: list[tuple[str, str, int]] = []
    calls = [0]
    emb = ws.embedder
    real = emb.encode

    def encode(texts: list[str], *args: Any, kind: str = "passage", **kw: Any) -> Any:
        calls[0] += 1
        seen.extend((t, kind, calls[0]) for t in texts)
        return real(texts, *args, kind=kind, **kw)

    emb.encode = encode
    return seen


@pytest.mark.slow
def test_a_split_embeds_each_text_once_and_the_drafts_passages_in_one_call(proposals_ws: Path) -> None:
    ws = pipeline.Workspace(load_settings(workdir=proposals_ws))
    seen = _spy(ws)
    res = pipeline.split(ws, pipeline.read_upload(ws, LA.name, LA.read_bytes()))
    assert len(res["drafts"]) >= 3
    query = [t for t, k, _ in seen if k == "query"]
    assert len(query) > 30  # the report's sentences were embedded (not a run without a model)
    assert len(query) == len(set(query)), [t for t in set(query) if query.count(t) > 1][:3]
    # the report's sentences in one call, before anything else
    assert sum(1 for _, k, c in seen if c == 1) >= 30 and seen[0][1] == "query"
    passage_calls = {c for _, k, c in seen if k == "passage"}
    assert len(passage_calls) <= 1  # the drafts' passages for the history check: one batch, not one per draft
    passages = [t for t, k, _ in seen if k == "passage"]
    assert len(passages) == len(set(passages))
    # the document-level rule did run on the sample proposals about 低空经济 (z is its corpus-relative cosine)
    assert any("z" in it for d in res["drafts"] for it in d["similar"])


@pytest.mark.slow
def test_check_draft_on_a_folder_loads_the_model_once(proposals_ws: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from topicmine.cli import app
    from topicmine.embed import st

    folder = tmp_path / "drafts"
    folder.mkdir()
    for p in sorted((ROOT / "corpus" / "sample" / "提案" / "2025").glob("*.md"))[:3]:
        (folder / p.name).write_bytes(p.read_bytes())
    loads: list[int] = []
    real = st.SentenceTransformerEmbedder.load

    def load(self: Any) -> Any:
        if self._model is None:  # a real load of the weights, not the "already loaded" return
            loads.append(1)
        return real(self)

    monkeypatch.setattr(st.SentenceTransformerEmbedder, "load", load)
    r = CliRunner().invoke(app, ["check-draft", str(folder), "--workdir", str(proposals_ws), "--json"])
    assert r.exit_code in (0, 1), r.output
    import json

    # the JSON object is the last stdout line (the runner also mixes in stderr: jieba's and the model's messages)
    last = [x for x in r.output.strip().splitlines() if "{" in x][-1]
    out = json.loads(last[last.index('{"'):])
    assert len(out["files"]) == 3
    assert len(loads) == 1


@pytest.mark.slow
def test_the_history_rule_on_labelled_pairs_needs_the_drafts_passage_side(tmp_path: Path, model_dir: Path,
                                                                         data_dir: Path) -> None:
    """The harness the figures pages use (``history_rule_levels``) on labelled dev pairs — here a slice, the first 40
    pairs over a corpus of just their proposals (embedding the whole table is the slow part): the passage side is
    the stored document vector, an estimate given as ``document_vectors`` is judged exactly like it, and the
    "query:" sentence mean a split already has is close as a vector yet moves verdicts — why a split still embeds
    its drafts' passages (on all 320 pairs: F1 0.79 → 0.27, docs/figures/drafts8s.md)."""
    import csv
    import json

    from topicmine.pipeline.dedup_job import history_rule_levels, labelled_corpus

    src = data_dir / "jszx_proposals_2019"
    pairs = [json.loads(x) for x in (src / "pairs_dev.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()][:40]
    keep = {k for p in pairs for k in (p["a"], p["b"])}
    with (src / "jszx2019_dev.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = [r for r in reader if r["pkid"] in keep]
        fields = reader.fieldnames or []
    corpus, labelled = tmp_path / "slice.csv", tmp_path / "pairs.jsonl"
    with corpus.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    labelled.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
    ws = pipeline.Workspace(load_settings(workdir=tmp_path / "wd"))
    data = labelled_corpus(ws, corpus, labelled, show_progress=False)
    passage = history_rule_levels(ws, data)
    assert len(passage["levels"]) == len(pairs) and min(passage["cos"]) > 0.9999  # the stored document vector itself
    assert any(z is not None for z in passage["z"])  # the document-level rule ran
    given = history_rule_levels(ws, data, document_vectors=lambda i: data["vectors"][i])
    assert given["levels"] == passage["levels"] and given["z"] == passage["z"]
    query = history_rule_levels(ws, data, side="query")
    assert sum(query["cos"]) / len(query["cos"]) > 0.95  # close as a vector …
    assert query["levels"] != passage["levels"]  # … yet it moves verdicts
