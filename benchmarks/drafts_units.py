"""承办单位 on filed proposals, a proxy: the share whose suggested 主办 is a department of the proposal's own
category (jszx2019_dev.csv's ``type``: 教育事业 → 省教育厅, 医卫体育 → 省卫生健康委/省体育局/省医保局, …;
``topicmine.drafts.departments.CATEGORY_DEPARTMENTS``), over the categories that name a clear body.

A proxy, not a label: a correct 主办 outside the category's list (省知识产权局 for a patent proposal filed under
科学技术, 省林业局 for 湿地) counts as a miss, so the figure's ceiling is well below 100 %; it is for comparing two
versions of the unit rules on the same rows, with ``-v`` listing the misses to read.

    TOPICMINE_DATA_DIR=../shared/data nice .venv/bin/python benchmarks/drafts_units.py --pool 144-286 [-v]

Prints one JSON object on the last line: pool, proposals read, lead in category, no unit.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from pathlib import Path

from topicmine.drafts.departments import CATEGORY_DEPARTMENTS, load_departments_for_level

ROOT = Path(__file__).resolve().parents[1]
#: categories whose list names the body that usually leads (社会事业/经济发展/政治建设/统战综合 are too broad)
CLEAR = ("教育事业", "医卫体育", "城乡建设", "科学技术", "资源环境", "农林水利", "工业商贸", "文化宣传", "财税金融",
         "法制建设")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TOPICMINE_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--pool", default="0-143", help="rows a-b of jszx2019_dev.csv (0-143 tuning, 144-286 measured)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the misses")
    a = ap.parse_args()
    path = Path(a.data) / "jszx_proposals_2019" / "jszx2019_dev.csv"
    if not path.is_file():
        raise SystemExit(f"{path}: 找不到真实数据（设置 TOPICMINE_DATA_DIR 或 --data）")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    lo, hi = (int(x) for x in a.pool.split("-"))
    deps = load_departments_for_level("省")
    n = ok = none = 0
    for i in range(lo, min(hi, len(rows) - 1) + 1):
        r = rows[i]
        if r["type"] not in CLEAR:
            continue
        n += 1
        hs = deps.suggest(r["reason"] + "\n" + r["content"], level="省")
        if not hs:
            none += 1
        elif hs[0].name in CATEGORY_DEPARTMENTS[r["type"]]:
            ok += 1
        elif a.verbose:
            print(i, r["type"], r["reason"].strip()[:30], hs[0].name, "；".join(hs[0].reasons[:2]))
    print(json.dumps({"pool": a.pool, "proposals": n, "lead_in_category": ok, "no_unit": none}, ensure_ascii=False))


if __name__ == "__main__":
    main()
