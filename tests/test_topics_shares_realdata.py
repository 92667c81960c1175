"""Shares, trends and input checks on real reports (四川省 2015–2026, ../shared/data; skipped when absent).

A matter's passages here are the passages that name it (脱贫/扶贫, 成渝, 疫情): the check is on what the topics
stage does with an assignment — within-document shares, the dateline's year, one copy of a report stored twice,
the trend read from the shares — on the real documents the issue was found with.
"""

from __future__ import annotations

import re

import pytest

from topicmine.topics.nonmatter import nonmatter_reason
from topicmine.ingest.sanity import dateline_year, near_identical_documents
from topicmine.topics.shares import share_table, share_trend

from realdata_paths import DATA, PROVINCES, ROOT, needs  # noqa: E402,F401

SICHUAN = PROVINCES / "四川省"

pytestmark = needs(SICHUAN)


@pytest.fixture(scope="module")
def reports() -> dict[str, list[str]]:
    from topicmine.segment import Segmenter

    seg = Segmenter()
    out = {}
    for y in range(2015, 2027):
        text = (SICHUAN / f"{y}.md").read_text(encoding="utf-8")
        text = re.sub(r"^---.*?---\s*", "", text, flags=re.S)  # front matter
        out[str(y)] = [text[p.start:p.end] for p in seg.passages(text)]
    return out


@pytest.fixture(scope="module")
def checked(reports):
    stored = {d: int(d) for d in reports}
    year_of = {d: dateline_year(ps[:3]) or stored[d] for d, ps in reports.items()}
    rows = [(d, "gov_report", p) for d, ps in reports.items() for p in ps]
    dups = near_identical_documents(rows, prefer={d: int(year_of[d] == stored[d]) for d in reports})
    return year_of, dups


def _trend(reports, checked, pattern: str):
    year_of, dups = checked
    pat = re.compile(pattern)
    labels, docs = [], []
    for d, ps in reports.items():
        for p in ps:
            labels.append(0 if pat.search(p) else -1)
            docs.append(d)
    tab = share_table(labels, docs, year_of, topics=[0], exclude={x.copy for x in dups})
    # the trend the ranking reads: counts against the topic's own rate (shares.count_trend)
    trend, series, _basis = tab.trend(0)
    assert series == tab.by_year(0)  # one region: the series is the yearly share
    return tab.by_year(0), trend


def _share_rule(reports, checked, pattern: str):
    """The former rule on the shares alone (share_trend), kept for callers without counts."""
    year_of, dups = checked
    pat = re.compile(pattern)
    labels = [0 if pat.search(p) else -1 for ps in reports.values() for p in ps]
    docs = [d for d, ps in reports.items() for _ in ps]
    tab = share_table(labels, docs, year_of, topics=[0], exclude={x.copy for x in dups})
    return share_trend(tab.by_year(0))


def test_reports_filed_a_year_early_and_stored_twice(checked):
    year_of, dups = checked
    # 2015.md is the report delivered on 2016-01-25; 2019.md is the 2020 report again
    assert year_of["2015"] == 2016 and year_of["2018"] == 2019 and year_of["2024"] == 2024
    assert [(d.keep, d.copy) for d in dups] == [("2020", "2019")]
    assert dups[0].overlap > 0.9


def test_poverty_alleviation_fades_after_2020(reports, checked):
    by_year, tr = _trend(reports, checked, r"脱贫攻坚|精准扶贫|贫困县|贫困人口")
    # the step the trend finds is at or before the end of 脱贫攻坚 (2020), and what follows is a fraction
    assert tr.kind == "fading" and tr.split_year <= 2021, tr
    before = sum(by_year[y] for y in range(2016, 2021)) / 5
    after = sum(by_year[y] for y in range(2022, 2027)) / 5
    assert after < before / 3
    assert max(by_year[y] for y in (2016, 2017, 2018)) > 4 * max(by_year[y] for y in (2024, 2025, 2026))


def test_chengyu_circle_from_2020(reports, checked):
    by_year, tr = _trend(reports, checked, r"成渝地区双城经济圈")
    assert tr.kind in ("new", "rising") and tr.split_year in (2020, 2021), tr
    assert all(by_year[y] == 0 for y in (2016, 2017, 2018, 2019))


def test_epidemic_peaks_2020_to_2022(reports, checked):
    by_year, tr = _trend(reports, checked, r"疫情")
    assert tr.kind == "episodic" and 2020 <= tr.split_year <= 2021, tr
    assert min(by_year[y] for y in (2020, 2021)) > 3 * max(by_year[y] for y in (2016, 2017, 2018, 2019))
    assert by_year[2020] > by_year[2025]


@pytest.mark.parametrize("pattern,kind", [(r"脱贫攻坚|精准扶贫|贫困县|贫困人口", "fading"), (r"成渝地区双城经济圈", "new"),
                                          (r"疫情", "episodic")])
def test_count_rule_and_share_rule_agree_on_the_known_cases(reports, checked, pattern, kind):
    by_year, tr = _trend(reports, checked, pattern)
    old = _share_rule(reports, checked, pattern)
    assert tr.kind == kind and old.kind in (kind, "rising" if kind == "new" else kind), (tr, old)


def test_glossary_entries_are_flagged(reports):
    kinds = [nonmatter_reason(p) for ps in reports.values() for p in ps]
    assert kinds.count("glossary") >= 50  # the 名词解释 appended to the 2015–2018 reports
    substantive = [p for ps in reports.values() for p in ps if "高标准农田" in p]
    assert sum(nonmatter_reason(p) is None for p in substantive) >= len(substantive) // 2
