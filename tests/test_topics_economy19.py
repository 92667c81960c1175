"""The outside reader on 吉林 2015–2026 (seen now): 冰雪 — in 6.5 / 9.1 / 6.6 % of the passages of 2019, 2020, 2023 —
came as two 议题, "冰雪装备" (21 clauses, anchored on 冰雪, rank 53) and "冰雪经济高质量发展试验区" (7 clauses, anchored on
冰雪经济, rank 71): one matter split in two. A 议题 anchored on "X经济" / "X产业" is now listed under the 议题 of X in
the same area (topics.parts.economy_parts). Real data: 吉林's reports, paragraph by paragraph (tests/realdata_paths)."""

from __future__ import annotations

from types import SimpleNamespace as NS

import numpy as np

from tests.realdata_paths import PROVINCES, needs, report_paragraphs
from topicmine.topics.parts import economy_parts, fold_level
from topicmine.topics.rank import RankedTopic

pytestmark = needs(PROVINCES / "吉林省")


def _jilin() -> tuple[list[str], list[dict]]:
    files = [PROVINCES / "吉林省" / f"{y}.md" for y in range(2015, 2027) if (PROVINCES / "吉林省" / f"{y}.md").is_file()]
    return report_paragraphs(files, "吉林省", "吉林省")


def test_jilin_says_ice_and_snow_and_its_economy_over_years() -> None:
    texts, meta = _jilin()
    years: dict[int, list[str]] = {}
    for t, m in zip(texts, meta):
        years.setdefault(m["year"], []).append(t)
    heavy = [y for y, ts in years.items() if len(ts) >= 20 and sum("冰雪" in t for t in ts) >= 0.05 * len(ts)]
    assert len(heavy) >= 3
    econ = {m["year"] for t, m in zip(texts, meta) if "冰雪经济" in t}
    assert len(econ) >= 3
    # every passage naming 冰雪经济 names 冰雪: its economy is said of the same object
    assert all("冰雪" in t for t in texts if "冰雪经济" in t)


def test_the_economy_of_a_thing_is_listed_under_the_thing() -> None:
    # the reader's list: 冰雪 (topic 169, rank 53) and 冰雪经济 (topic 90, rank 71) in one area; 农产品 / 农产品加工 are
    # two matters and stay apart, and an economy in another area stays beside
    anchors = {169: "冰雪", 90: "冰雪经济", 5: "农产品", 6: "农产品加工", 7: "数字", 8: "数字经济"}
    area = {169: 12, 90: 12, 5: 3, 6: 3, 7: 1, 8: 2}
    assert economy_parts(anchors, [5, 169, 6, 90, 7, 8], area) == {90: 169}
    ranks = {169: 53, 90: 71} | {k: k for k in range(1, 53)}  # 5/6 and 7/8 among them, in their areas
    ranked = [RankedTopic(t, r, 10.0 - r / 100, f"r{t}") for t, r in sorted(ranks.items(), key=lambda kv: kv[1])]
    run = NS(by_id=lambda: {t: NS(parent=area.get(t, 0)) for t in ranks})
    level = NS(assignments=np.array(sorted(ranks)), labels={t: NS(title=f"t{t}") for t in ranks}, ranked=ranked,
               programmes=[], part_of={}, run=run)
    fold_level(level, [f"c{k}" for k in ranks], {str(k): anchors.get(k, f"a{k}") for k in ranks}, [])
    assert level.part_of == {90: 169}
    head = next(r for r in level.ranked if r.topic == 169)
    part = next(r for r in level.ranked if r.topic == 90)
    assert head.rank == 53 and head.parts == [90] and "含同一计划的议题" in head.reason
    assert part.part_of == 169 and part.rank == len(level.ranked)
