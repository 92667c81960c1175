"""Trends of clause-level 议题: counts against the topic's own rate, read inside a region's own yearly series.

A clause 议题 takes 0.1–1 % of a report's clauses; the former share thresholds (a step of 0.5 points, "absent" below
0.3 %) called every late starter "steady". Tuned on 四川省/湖南省 2015–2026 only.
"""

from __future__ import annotations

import numpy as np

from topicmine.topics import rank_topics, topic_evidence
from topicmine.topics.shares import YearSeries, count_trend, share_table, share_trend

YEARS = list(range(2016, 2027))


def _table(per_year: dict[str, list[int]], size: int = 400, extra: dict[str, int] | None = None):
    """One report per year and region with ``size`` clauses; ``per_year[region]`` = the topic's clauses per year
    (topic 0); ``extra``: regions with only a 2026 report and its clauses on the topic."""
    labels, docs, years, regions = [], [], {}, {}
    for reg, ks in per_year.items():
        for y, k in zip(YEARS, ks):
            d = f"{reg}{y}"
            labels += [0] * k + [-1] * (size - k)
            docs += [d] * size
            years[d], regions[d] = y, reg
    for reg, k in (extra or {}).items():
        d = f"{reg}2026"
        labels += [0] * k + [-1] * (size - k)
        docs += [d] * size
        years[d], regions[d] = 2026, reg
    return share_table(labels, docs, years, regions=regions, topics=[0]), labels, docs, years, regions


def test_a_late_clause_matter_is_new_where_the_share_rule_said_steady():
    ks = [0, 0, 0, 0, 1, 1, 2, 1, 2, 2, 3]  # 夜间经济-like: from 2020, 0.25–0.75 % of the clauses
    tab = _table({"四川省": ks})[0]
    old = share_trend(tab.by_year(0))
    new, series, basis = tab.trend(0)
    assert old.kind == "steady"  # the former thresholds (0.5 points) could not see it
    assert new.kind == "new" and new.split_year == 2020, new
    assert new.text.startswith("2020年起出现") and basis == []
    assert series == tab.by_year(0)


def test_steady_sparse_mentions_stay_steady():
    # one or two clauses every year: no year is special, whatever the small wobble
    tab = _table({"四川省": [1, 2, 1, 1, 2, 1, 2, 1, 1, 2, 1]})[0]
    assert tab.trend(0)[0].kind == "steady"
    # a one-off clause in a quiet series is no burst
    assert count_trend(YearSeries(YEARS, [0] * 11, [0, 1, 0, 0, 1, 0, 0, 2, 0, 1, 0], [400] * 11)).kind == "steady"


def test_a_burst_that_ended_and_a_step_down():
    ep = count_trend(YearSeries(YEARS, [0.0] * 11, [0, 0, 0, 0, 9, 6, 5, 1, 0, 1, 0], [400] * 11))
    assert ep.kind == "episodic" and ep.split_year == 2020
    # high for three years, then low: fading, not a burst of its middle year
    fd = count_trend(YearSeries(YEARS, [0.0] * 11, [6, 8, 6, 2, 2, 1, 2, 1, 2, 1, 2], [400] * 11))
    assert fd.kind == "fading" and fd.split_year == 2019


def test_other_regions_single_reports_do_not_bend_the_series():
    # a province's own matter, 2 clauses a year from 2021 up to 2026; three other provinces' 2026 reports
    # never name it: the mean over 2026's four reports would fall to a quarter
    ks = [0, 0, 0, 0, 0, 2, 2, 2, 3, 2, 3]
    tab, labels, docs, years, regions = _table({"云南省": ks}, extra={"吉林省": 0, "江西省": 0, "陕西省": 0})
    assert tab.by_year(0)[2026] < tab.by_year(0)[2025] / 2  # the cross-section dilutes the last year
    tr, series, basis = tab.trend(0)
    assert basis == ["云南省"] and tr.kind == "new" and tr.text.startswith("云南省2021年起出现")
    assert series[2026] == round(3 / 400, 4)
    # the ranking shows the series the trend was read on
    meta = [{"doc_id": d, "doc_type": "gov_report", "year": years[d], "region": regions[d]} for d in docs]
    r = rank_topics(topic_evidence(np.asarray(labels), meta), shares=tab)[0]
    assert r.trend.kind == "new" and r.share_by_year == series


def test_year_filter_reads_the_trend_on_the_filtered_shares():
    # the raw count rises (2 → 12 clauses) only because the reports grow (200 → 1,200 clauses): the share is
    # 1 % every year, so inside the --year window the trend is steady, not rising
    labels, docs, years = [], [], {}
    for y in YEARS:
        size = 200 + 100 * (y - 2016)
        k = size // 100
        d = f"r{y}"
        labels += [0] * k + [-1] * (size - k)
        docs += [d] * size
        years[d] = y
    tab = share_table(labels, docs, years, topics=[0])
    meta = [{"doc_id": d, "doc_type": "gov_report", "year": years[d], "region": "某省"} for d in docs]
    ev = topic_evidence(np.asarray(labels), meta)
    r = rank_topics(ev, shares=tab, years=(2021, 2026))[0]
    assert set(r.share_by_year) == set(range(2021, 2027))
    assert all(v == 0.01 for v in r.share_by_year.values())
    assert r.trend.kind == "steady", r.trend
    # and a real rise of the share inside the window is seen
    labels2 = [0 if (lab == 0 or (years[d] >= 2024 and i % 50 == 1)) else -1
               for i, (lab, d) in enumerate(zip(labels, docs))]
    tab2 = share_table(labels2, docs, years, topics=[0])
    r2 = rank_topics(topic_evidence(np.asarray(labels2), meta), shares=tab2, years=(2021, 2026))[0]
    assert r2.trend.kind == "rising" and r2.trend.split_year == 2024, r2.trend


def test_chart_year_labels_never_overlap():
    import re

    from topicmine.topics.render import svg_share_trend

    series = [(y, 0.001 * (y - 2014)) for y in range(2015, 2027)]
    for mark in (None, 2016, 2020, 2025, 2026):
        svg = svg_share_trend(series, mark=mark)
        xs = [float(x) for x, y in re.findall(r'<text x="([\d.]+)" y="[\d.]+" font-size="10" text-anchor="\w+" '
                                             r'fill="#667085">(\d{4})</text>', svg)]
        years = re.findall(r'fill="#667085">(\d{4})</text>', svg)
        assert "2015" in years and "2026" in years, (mark, years)
        assert all(b - a >= 26 for a, b in zip(xs, xs[1:])), (mark, years, xs)
    # a mark far from both ends is labelled
    assert ">2020</text>" in svg_share_trend(series, mark=2020)


def test_a_short_series_of_another_region_does_not_mix_into_the_years_it_covers():
    # 云南 2016–2026 names the matter from 2021; the sample's 江苏 2023–2025 has short items with big shares of
    # their own: the trend and its series stay 云南's (regions covering ≥ 3/4 of the longest series' years)
    ks = [0, 0, 0, 0, 0, 2, 2, 2, 3, 2, 3]
    labels, docs, years, regions = [], [], {}, {}
    for y, k in zip(YEARS, ks):
        d = f"云南{y}"
        labels += [0] * k + [-1] * (400 - k)
        docs += [d] * 400
        years[d], regions[d] = y, "云南省"
    for y in (2023, 2024, 2025):
        d = f"江苏{y}"
        labels += [0] * 3 + [-1] * 7  # a 10-clause item, 30 % on the matter
        docs += [d] * 10
        years[d], regions[d] = y, "江苏省"
    tab = share_table(labels, docs, years, regions=regions, topics=[0])
    tr, series, basis = tab.trend(0)
    assert basis == ["云南省"] and tr.kind == "new" and tr.split_year == 2021
    assert max(series.values()) < 0.01  # no 15 % year from the short items
    # two provinces with full series are read together
    both = _table({"云南省": ks, "贵州省": ks})[0]
    assert both.trend(0)[2] == [] and both.trend(0)[0].kind == "new"


def test_a_matter_of_another_region_is_read_on_that_region():
    # 江苏 2023–2025 names a matter 云南 never does: its trend is 江苏's, not "云南省…未见提及"
    labels, docs, years, regions = [], [], {}, {}
    for y in YEARS:
        d = f"云南{y}"
        labels += [-1] * 400
        docs += [d] * 400
        years[d], regions[d] = y, "云南省"
    for y, k in ((2023, 1), (2024, 4), (2025, 6)):
        d = f"江苏{y}"
        labels += [0] * k + [-1] * (400 - k)
        docs += [d] * 400
        years[d], regions[d] = y, "江苏省"
    tab = share_table(labels, docs, years, regions=regions, topics=[0])
    tr, series, basis = tab.trend(0)
    assert basis == ["江苏省"] and sorted(series) == [2023, 2024, 2025]
    assert "未见提及" not in tr.text
