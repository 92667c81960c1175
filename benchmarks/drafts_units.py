"""承办单位 on filed proposals, proxies (no filed proposal carries its 承办 line, so there is no label):

1. ``lead_in_category`` — the share whose suggested 主办 is a department of the proposal's own category
   (jszx2019_dev.csv's ``type``: 教育事业 → 省教育厅, 医卫体育 → 省卫生健康委/省体育局/省医保局, …;
   ``topicmine.drafts.departments.CATEGORY_DEPARTMENTS``), over the categories that name a clear body. A correct
   主办 outside the category's list (省知识产权局 for a patent proposal filed under 科学技术, 省林业局 for 湿地) counts
   as a miss, so the ceiling is well below 100 %.
2. ``finance_asked`` / ``finance_in_units`` — proposals whose asks (the 具体建议 part) say "财政" in a demand
   ("加大财政投入", "财政补贴", "省级财政…") and how many of them get 省财政厅 among their units (主办 or 协办);
   ``finance_unasked_in_units`` counts 财政 given where that simple reading sees no such demand (the other side).
3. ``named`` / ``named_in_units`` — proposals whose asks name a 省级 body in full ("省卫健委", "省教育厅") and how
   many get every such body among their units (as many as the units hold when more are named).

Default text is title + "\n" + the whole content (the first figure's text since it was made: 57 → 63 of 94 at
99b653f); ``--asks`` reads what check-draft reads — the title on one line, then the 具体建议 part only.

    TOPICMINE_DATA_DIR=../shared/data nice .venv/bin/python benchmarks/drafts_units.py --pool 144-286 [--asks] [-v]

Prints one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
from pathlib import Path

from topicmine.drafts.departments import CATEGORY_DEPARTMENTS, load_departments_for_level

ROOT = Path(__file__).resolve().parents[1]
#: categories whose list names the body that usually leads (社会事业/经济发展/政治建设/统战综合 are too broad)
CLEAR = ("教育事业", "医卫体育", "城乡建设", "科学技术", "资源环境", "农林水利", "工业商贸", "文化宣传", "财税金融",
         "法制建设")
#: a demand on public money, read simply and apart from the rules under test: 财政 next to a verb of giving/raising
_FINANCE_ASK = re.compile(r"财政[^，。；]{0,8}(?:投入|扶持|支持|补助|补贴|拨款|资金|预算|经费|奖补|力度)|省级财政|财政部门")
_FULL_NAME = re.compile(r"省[\u4e00-\u9fff]{1,10}?(?:厅|委|局|办)")


def _asks(content: str) -> str:
    m = re.search(r"具体建议\s*[：:]", content)
    return content[m.end():] if m else content


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TOPICMINE_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--pool", default="0-143", help="rows a-b of jszx2019_dev.csv (0-143 tuning, 144-286 measured)")
    ap.add_argument("--asks", action="store_true", help="title on one line + the 具体建议 part (what check-draft reads)")
    ap.add_argument("--exclude", default="", help="rows left out, comma-separated (e.g. rows outside readers used)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the misses (tuning rows only: never read the "
                                                                  "measured rows' misses)")
    a = ap.parse_args()
    path = Path(a.data) / "jszx_proposals_2019" / "jszx2019_dev.csv"
    if not path.is_file():
        raise SystemExit(f"{path}: 找不到真实数据（设置 TOPICMINE_DATA_DIR 或 --data）")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    lo, hi = (int(x) for x in a.pool.split("-"))
    skip = {int(x) for x in a.exclude.split(",") if x.strip()}
    deps = load_departments_for_level("省")
    finance = deps.counterpart("省财政厅")
    n = ok = none = fin_n = fin_ok = named_n = named_ok = fin_other = n_units = n_rows = 0
    for i in range(lo, min(hi, len(rows) - 1) + 1):
        if i in skip:
            continue
        r = rows[i]
        if a.asks:
            asks = _asks(r["content"])
            text = re.sub(r"\s+", "", r["reason"]) + "\n" + asks
        else:
            asks = _asks(r["content"])
            text = r["reason"] + "\n" + r["content"]
        hs = deps.suggest(text, level="省")
        units = [h.name for h in hs]
        n_rows += 1
        n_units += len(units)
        if finance in units and not _FINANCE_ASK.search(asks):
            fin_other += 1  # 财政 among the units where the simple reading sees no demand on 财政 (some are right:
            # "专项资金", "转移支付" without the word 财政): read these before trusting a rise
        if _FINANCE_ASK.search(asks):
            fin_n += 1
            fin_ok += finance in units
            if a.verbose and finance not in units:
                print(i, "财政?", r["reason"].strip()[:30], units)
        named = {m.name for m in deps.mentions(" ".join(_FULL_NAME.findall(asks)))}
        if named:
            named_n += 1
            got = len(named & set(units)) >= min(len(named), len(units), 3)
            named_ok += got
            if a.verbose and not got:
                print(i, "点名?", r["reason"].strip()[:30], sorted(named), units)
        if r["type"] not in CLEAR:
            continue
        n += 1
        if not hs:
            none += 1
        elif hs[0].name in CATEGORY_DEPARTMENTS[r["type"]]:
            ok += 1
        elif a.verbose:
            print(i, r["type"], r["reason"].strip()[:30], hs[0].name, "；".join(hs[0].reasons[:2]))
    print(json.dumps({"pool": a.pool, "text": "asks" if a.asks else "whole", "excluded": len(skip),
                      "proposals": n, "lead_in_category": ok, "no_unit": none,
                      "finance_asked": fin_n, "finance_in_units": fin_ok,
                      "finance_unasked_in_units": fin_other, "named": named_n, "named_in_units": named_ok,
                      "units_per_proposal": round(n_units / max(1, n_rows), 2)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
