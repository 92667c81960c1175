"""The outside reader on 陕西 2015–2026 (seen now): the box said "黄河流域：2021年6%的段落提及…，已单列为议题" while that
议题 held three clauses at rank 116 (the programme's other clauses sit in 几字弯, 排污口, 秦岭 议题). A director reading
"已单列为议题" looks for it on the first screen. The box now says where a term's 议题 stands when it is below the first
twenty: "…已单列为议题（排第116名）". Real data: 陕西's reports, paragraph by paragraph (tests/realdata_paths)."""

from __future__ import annotations

from types import SimpleNamespace as NS

import jieba
import numpy as np

from tests.realdata_paths import PROVINCES, needs, report_paragraphs
from topicmine.topics.parts import fold_level
from topicmine.topics.placeprog import place_programmes
from topicmine.topics.rank import RankedTopic
from topicmine.topics.salient import FIRST_SCREEN

pytestmark = needs(PROVINCES / "陕西省")


def _shaanxi() -> tuple[list[str], list[dict]]:
    files = [PROVINCES / "陕西省" / f"{y}.md" for y in range(2015, 2027) if (PROVINCES / "陕西省" / f"{y}.md").is_file()]
    return report_paragraphs(files, "陕西省", "陕西省")


def _level(ranks: dict[int, int]) -> NS:
    """A 议题 level with topics ranked as given (topic → rank), no programme and no part."""
    ranked = [RankedTopic(t, r, 10.0 - r / 1000, f"r{t}") for t, r in sorted(ranks.items(), key=lambda kv: kv[1])]
    return NS(assignments=np.array(sorted(ranks)), labels={t: NS(title=f"t{t}") for t in ranks}, ranked=ranked,
              programmes=[], part_of={})


def test_the_yellow_river_programme_below_the_first_screen_is_told_with_its_rank() -> None:
    texts, meta = _shaanxi()
    progs = {s.term: s for s in place_programmes(texts, meta, jieba.lcut, home="陕西省")}
    assert "黄河流域" in progs
    s = progs["黄河流域"]
    assert s.peak_share >= 0.05 and sum(v >= 0.05 for v in s.by_year.values()) >= 3
    # its 议题 made (status "已成议题", topic 7) and ranked 116th, as on the reader's list
    s.status, s.topic = "已成议题", 7
    level = _level({k: k + 1 for k in range(200) if k != 7} | {7: 116})
    fold_level(level, [f"c{k}" for k in range(200)], {}, [s])
    assert s.rank == 116
    assert s.message().endswith("已单列为议题（排第116名）")
    assert s.to_dict()["rank"] == 116


def test_a_term_on_the_first_screen_or_without_a_topic_reads_as_before() -> None:
    texts, meta = _shaanxi()
    s = {x.term: x for x in place_programmes(texts, meta, jieba.lcut, home="陕西省")}["黄河流域"]
    s.status, s.topic = "已成议题", 3
    level = _level({k: k + 1 for k in range(30)})
    fold_level(level, [f"c{k}" for k in range(30)], {}, [s])
    assert s.rank == 4 <= FIRST_SCREEN and s.message().endswith("已单列为议题")
    s.status, s.topic = "未成议题", None
    fold_level(level, [f"c{k}" for k in range(30)], {}, [s])
    assert s.rank is None and s.message().endswith("未成议题")
