"""Framing groups by their shape, and titles that are never a bare place (the seen 浙江 and 广东 reads,
docs/figures/topics11-judge.md; tuned on them, so not held out).

A sealed read counted 广东's "落实立德树人根本任务" (rank 17) and 浙江's "扩大有效益的投资…提高投资效益" (rank 15) as
framing; the lead then listed both phrases as stock lines. Here the phrases are no longer listed: the clauses the
reports say about them are a slogan group by :func:`topicmine.topics.slogan.is_slogan_group`, and the clauses of
matters said every year in a short line (特殊教育, 学前教育, 中医药) are not.
"""

from __future__ import annotations

import re

import jieba
import pytest

from topicmine.topics.clauses import split_clauses_heads
from topicmine.topics.slogan import is_slogan_group, slogan_topics
from topicmine.topics.stockline import is_stock_line
from topicmine.topics.titles import is_bare_name, make_titles

from realdata_paths import PROVINCES, needs  # noqa: E402

pytestmark = needs(PROVINCES / "广东省") + needs(PROVINCES / "浙江省")


def _clauses(province: str, pattern: str) -> tuple[list[str], list[int]]:
    """Every clause of the province's 2015–2026 reports matching ``pattern``, with its year."""
    out, years = [], []
    for year in range(2015, 2027):
        f = PROVINCES / province / f"{year}.md"
        if not f.exists():
            continue
        for para in f.read_text(encoding="utf-8").split("\n\n"):
            for clause, head in split_clauses_heads(para.strip().replace("**", "")):
                if not head and re.search(pattern, clause):
                    out.append(clause)
                    years.append(year)
    return out, years


@pytest.mark.parametrize("province, pattern", [("广东省", "立德树人根本任务"), ("浙江省", "投资效益|有效益的投资")])
def test_the_framing_groups_of_the_sealed_read_are_slogans_without_their_phrases_listed(province, pattern) -> None:
    clauses, years = _clauses(province, pattern)
    assert len(set(years)) >= 3, (clauses, years)
    assert not any(is_stock_line(c) for c in clauses)  # the per-phrase patch is gone: the shape finds them
    assert is_slogan_group(clauses, years), clauses


@pytest.mark.parametrize("province, pattern", [("广东省", "特殊教育"), ("浙江省", "学前教育"), ("浙江省", "中医药"),
                                               ("广东省", "高校毕业生")])
def test_matters_said_in_a_short_line_every_year_are_not_slogans(province, pattern) -> None:
    clauses, years = _clauses(province, pattern)
    assert len(clauses) >= 5
    assert not is_slogan_group(clauses, years), clauses


def test_other_task_formulas_are_found_by_the_same_shape() -> None:
    # formulas nobody listed: the party-building line and the development idea, said once a year
    texts = ["坚定不移推进全面从严治党", "持之以恒推进全面从严治党", "纵深推进全面从严治党", "坚持以人民为中心的发展思想",
             "践行以人民为中心的发展思想", "坚持以人民为中心的发展思想，办好民生实事", "坚持以人民为中心的发展思想"]
    years = [2019, 2021, 2023, 2018, 2020, 2022, 2024]
    assert slogan_topics([0, 0, 0, 1, 1, 1, 1], texts, years, [0, 1]) == [0, 1]


def test_a_place_is_never_a_title() -> None:
    clauses, _ = _clauses("浙江省", "义乌")
    assert len(clauses) >= 5
    titles = make_titles({0: clauses}, {0: [f"d{i}" for i in range(len(clauses))]}, jieba.lcut, anchors={0: "义乌"})
    assert titles.get(0), titles
    assert not is_bare_name(titles[0].strip("“”")), titles
    assert titles[0].startswith("义乌"), titles  # the place with what is done there: 义乌国际贸易综合改革
