"""Topic shares: how much of each document a topic takes, and how that changes over years and regions.

Counting *whether* a report mentions a topic says nothing about yearly reports — every report mentions every
chapter. A topic's **share** of a document is the part of that document's passages assigned to it; the share of
a year (a region, a doc type) is the **mean over its documents** of the within-document share, so a 30-page report
and a 3-page one count the same. Filters (years, regions, doc types) change the population of documents; the
trend is still computed on shares.

The trend of a topic is read from its yearly share series:

* ``new``      — absent before some year, present since ("2020年起出现，此后平均占4.1%")
* ``rising`` / ``fading`` — a lasting step up / down at the best split year, confirmed by a Welch t-test
  ("2022年起篇幅由7%升至13%", "2021年后基本不再提及（此前平均8.2%）")
* ``episodic`` — a short burst inside the series that ended ("2020–2022年集中提及（峰值2020年9.4%），此后回落至0.3%")
* ``steady``   — none of these ("各年篇幅在2%–4%之间，平均3.0%")

plus the least-squares slope of the share (percentage points per year) with a 90 % interval.

>>> tab = share_table([0, 0, 1, 0, 1, 1], ["a", "a", "a", "b", "b", "b"], {"a": 2024, "b": 2025}, topics=[0, 1])
>>> tab.by_year(0)
{2024: 0.6667, 2025: 0.3333}
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class ShareTable:
    """Within-document shares, documents × topics, with each document's year, region and type."""

    docs: list[str]
    years: list[int | None]
    regions: list[str | None]
    doc_types: list[str | None]
    topics: list[int]
    S: np.ndarray  # (n_docs, n_topics) share of the document's passages in each topic
    n_passages: np.ndarray  # passages counted per document
    _col: dict[int, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._col = {t: j for j, t in enumerate(self.topics)}

    def subset(self, *, regions: Iterable[str] | None = None, years: tuple[int | None, int | None] | None = None,
               doc_types: Iterable[str] | None = None) -> ShareTable:
        """The same table over the documents that pass the filters (the population changes, shares do not)."""
        reg = set(regions) if regions else None
        dts = {getattr(d, "value", d) for d in doc_types} if doc_types else None
        lo, hi = years if years else (None, None)
        keep = [i for i in range(len(self.docs))
                if (reg is None or self.regions[i] in reg) and (dts is None or self.doc_types[i] in dts)
                and (lo is None or (self.years[i] is not None and self.years[i] >= lo))
                and (hi is None or (self.years[i] is not None and self.years[i] <= hi))]
        return ShareTable([self.docs[i] for i in keep], [self.years[i] for i in keep], [self.regions[i] for i in keep],
                          [self.doc_types[i] for i in keep], list(self.topics), self.S[keep], self.n_passages[keep])

    def column(self, topic: int) -> np.ndarray:
        j = self._col.get(int(topic))
        return self.S[:, j] if j is not None else np.zeros(len(self.docs))

    def mean_share(self, topic: int) -> float:
        """Mean over documents of the within-document share."""
        c = self.column(topic)
        return float(c.mean()) if len(c) else 0.0

    def n_docs(self, topic: int) -> int:
        return int((self.column(topic) > 0).sum())

    def _mean_by(self, topic: int, keys: Sequence[Any]) -> dict[Any, float]:
        c = self.column(topic)
        acc: dict[Any, list[float]] = {}
        for k, v in zip(keys, c):
            if k is not None:
                acc.setdefault(k, []).append(float(v))
        return {k: round(float(np.mean(v)), 4) for k, v in sorted(acc.items(), key=lambda kv: str(kv[0]))}

    def by_year(self, topic: int) -> dict[int, float]:
        """Year → mean within-document share (years with documents only)."""
        return dict(sorted(self._mean_by(topic, self.years).items()))

    def by_region(self, topic: int) -> dict[str, float]:
        return self._mean_by(topic, self.regions)

    def by_doc_type(self, topic: int) -> dict[str, float]:
        return self._mean_by(topic, self.doc_types)

    def series_rows(self, min_years: int = 3, *, span_share: float = 0.75, topic: int | None = None) -> np.ndarray:
        """Documents of the regions with the long yearly series: reports in ≥ ``min_years`` different years and in
        ≥ ``span_share`` of the years the longest series has (all documents when no region qualifies). A trend is
        read inside regions' own series, not across a cross-section of other regions' single reports (one province
        2015–2026 plus three provinces' 2026 reports: the 2026 mean would mix a province with three others and
        bend every trend of that province at its last year), nor across a short series that covers only some of
        the years (another region's 2023–2025 would lower or raise just those years).

        >>> tab = share_table([0, -1, 0, -1, 0, 0], ["a1", "a2", "a3", "b3", "c1", "c2"],
        ...                   {"a1": 2021, "a2": 2022, "a3": 2023, "b3": 2023, "c1": 2022, "c2": 2023},
        ...                   regions={"a1": "甲省", "a2": "甲省", "a3": "甲省", "b3": "乙省", "c1": "丙市", "c2": "丙市"}, topics=[0])
        >>> [tab.regions[i] for i in np.flatnonzero(tab.series_rows())]
        ['甲省', '甲省', '甲省']
        """
        years_of: dict[str | None, set[int]] = {}
        for r, y in zip(self.regions, self.years):
            if y is not None:
                years_of.setdefault(r, set()).add(int(y))

        def long_ones(regions: Iterable[str | None]) -> set[str | None]:
            spans = {r: len(years_of.get(r, ())) for r in regions}
            need = max(min_years, math.ceil(span_share * max(spans.values(), default=0)))
            return {r for r, n in spans.items() if n >= need}

        # ``topic``: among the regions that name it (a matter of the sample's 江苏省 2023–2025 is read on 江苏省,
        # not as "云南省2015–2026年未见提及"); the regions of the whole table when none of those has a series
        named = {self.regions[i] for i in np.flatnonzero(self.column(topic) > 0)} if topic is not None else set()
        longi = long_ones(named) or long_ones(years_of)
        keep = np.array([r in longi and y is not None for r, y in zip(self.regions, self.years)], dtype=bool)
        return keep if keep.any() else np.array([y is not None for y in self.years], dtype=bool)

    def year_counts(self, topic: int, rows: np.ndarray | None = None) -> YearSeries:
        """Per year over ``rows`` (default: every document): the mean within-document share, the topic's units
        (passages or clauses) and all units counted."""
        rows = np.ones(len(self.docs), dtype=bool) if rows is None else rows
        c = self.column(topic)
        acc: dict[int, list[float]] = {}
        k: dict[int, float] = {}
        n: dict[int, float] = {}
        for i in np.flatnonzero(rows):
            y = self.years[i]
            if y is None:
                continue
            acc.setdefault(int(y), []).append(float(c[i]))
            k[int(y)] = k.get(int(y), 0.0) + float(c[i] * self.n_passages[i])
            n[int(y)] = n.get(int(y), 0.0) + float(self.n_passages[i])
        ys = sorted(acc)
        return YearSeries(ys, [round(float(np.mean(acc[y])), 4) for y in ys], [round(k[y]) for y in ys],
                          [round(n[y]) for y in ys])

    def trend(self, topic: int, *, min_years: int = 3) -> tuple[ShareTrend, dict[int, float], list[str]]:
        """The topic's trend read on its regions' own yearly series (:meth:`series_rows`) by
        :func:`count_trend`; returns the trend, the yearly shares it was read on and the regions of that series
        when they are not all of the table's (the trend's text then names them)."""
        rows = self.series_rows(min_years, topic=topic)
        ser = self.year_counts(topic, rows)
        basis = sorted({str(self.regions[i]) for i in np.flatnonzero(rows) if self.regions[i]})
        everyone = sorted({str(r) for r in self.regions if r})
        tr = count_trend(ser)
        part = basis if basis != everyone else []
        if part and tr.kind != "single" and tr.text:
            tr.text = f"{'、'.join(part)}{tr.text}"
        return tr, dict(zip(ser.years, ser.shares)), part

    def top_document_share(self, topic: int) -> float:
        """Share of the topic's passages that come from its single largest document (1.0 = one document)."""
        c = self.column(topic) * self.n_passages
        tot = c.sum()
        return float(c.max() / tot) if tot > 0 else 0.0


@dataclass
class YearSeries:
    """A topic's yearly series: mean within-document share, its units (passages or clauses) and all units."""

    years: list[int]
    shares: list[float]
    k: list[int]
    n: list[int]


def share_table(
    assignments: Sequence[int] | np.ndarray,
    doc_ids: Sequence[object],
    years: Mapping[str, int | None],
    *,
    regions: Mapping[str, str | None] | None = None,
    doc_types: Mapping[str, str | None] | None = None,
    topics: Sequence[int] | None = None,
    exclude: Iterable[str] = (),
) -> ShareTable:
    """Within-document shares from passage assignments (any label; -1/-2 count in the denominator only).

    ``exclude``: documents left out altogether (e.g. a report stored twice: only one copy counts).
    """
    a = np.asarray(assignments)
    keys = [str(d) for d in doc_ids]
    ex = {str(d) for d in exclude}
    docs = sorted({k for k in keys if k not in ex})
    row = {d: i for i, d in enumerate(docs)}
    tops = sorted(int(t) for t in (topics if topics is not None else np.unique(a[a >= 0])))
    col = {t: j for j, t in enumerate(tops)}
    counts = np.zeros((len(docs), len(tops)))
    n = np.zeros(len(docs))
    for lab, k in zip(a.tolist(), keys):
        i = row.get(k)
        if i is None:
            continue
        n[i] += 1
        j = col.get(int(lab))
        if j is not None:
            counts[i, j] += 1
    S = counts / np.maximum(n, 1)[:, None]
    return ShareTable(docs, [years.get(d) for d in docs], [(regions or {}).get(d) for d in docs],
                      [(doc_types or {}).get(d) for d in docs], tops, S, n)


@dataclass
class ShareTrend:
    """A topic's yearly share series read as a trend, with the words for the office."""

    kind: str  # new | rising | fading | episodic | steady | single
    text: str
    slope_pp: float = 0.0  # percentage points per year
    slope_low: float = 0.0  # 90 % interval
    slope_high: float = 0.0
    split_year: int | None = None
    before: float | None = None
    after: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "slope_pp": round(self.slope_pp, 3),
                "slope_interval": [round(self.slope_low, 3), round(self.slope_high, 3)],
                "split_year": self.split_year, "before": None if self.before is None else round(self.before, 4),
                "after": None if self.after is None else round(self.after, 4)}


def pct(x: float) -> str:
    """A share as the office writes it: 7%, 0.4%, 13%.

    >>> pct(0.0712), pct(0.004), pct(0.13), pct(0.0), pct(0.0003)
    ('7.1%', '0.4%', '13%', '0', '0.03%')
    """
    v = 100 * x
    if v == 0:
        return "0"
    if v < 0.095:  # a clause 议题's share: "0.0%" would read as never named
        return f"{v:.2f}%"
    if v >= 10:
        return f"{v:.0f}%"
    return f"{v:.1f}%"


def _slope(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """OLS slope with a 90 % t interval."""
    from scipy import stats

    n = len(x)
    xc = x - x.mean()
    sxx = float((xc**2).sum())
    if n < 3 or sxx == 0:
        b = float((xc * (y - y.mean())).sum() / sxx) if sxx else 0.0
        return b, b, b
    b = float((xc * (y - y.mean())).sum() / sxx)
    resid = y - y.mean() - b * xc
    se = math.sqrt(float((resid**2).sum()) / (n - 2) / sxx)
    q = float(stats.t.ppf(0.95, n - 2))
    return b, b - q * se, b + q * se


def _welch_p(a: np.ndarray, b: np.ndarray) -> float:
    from scipy import stats

    if len(a) < 2 or len(b) < 2:
        return 1.0
    if a.std() == 0 and b.std() == 0:
        return 0.0 if a.mean() != b.mean() else 1.0
    return float(stats.ttest_ind(a, b, equal_var=False).pvalue)


def _episodic(years: list[int], y: np.ndarray, i: int, j: int, base: dict[str, float], *,
              ended: bool = False) -> ShareTrend:
    """The burst of years[i..j] in words: "2020–2022年集中提及（峰值2020年9.0%），此后回落至0.07%"; ``ended``
    (nothing after it): "2020–2023年集中提及（峰值2022年0.3%），2024年后基本不再提及"."""
    top = i + int(np.argmax(y[i:j + 1]))
    when = f"{years[i]}年" if i == j else f"{years[i]}–{years[j]}年"
    tail = f"{years[j + 1]}年后基本不再提及" if ended else f"此后回落至{pct(float(y[j + 1:].mean()))}"
    return ShareTrend("episodic", f"{when}集中提及（峰值{years[top]}年{pct(float(y[top]))}），{tail}",
                      split_year=years[i], before=float(np.r_[y[:i], y[j + 1:]].mean()),
                      after=float(y[i:j + 1].mean()), **base)


def _widen(y: np.ndarray, i: int, j: int) -> tuple[int, int]:
    """A burst's window widened to the first and the last year as high as its lowest year (keeping a year on either
    side): 甘肃's 脱贫攻坚 read "2016–2018年集中提及（峰值2017年2.0%）" with 2019 at 1.4 % and 2021 at 1.1 %, 湖北's
    互联网+ "2016–2018年…" with 2020 at 1.2 %.

    >>> _widen(np.array([.005, .013, .02, .011, .014, .003, .011, 0, 0]), 1, 3)
    (1, 6)
    """
    low = float(y[i:j + 1].min())
    if low <= 0:
        return i, j
    high = [k for k in range(1, len(y) - 1) if y[k] >= low]
    return min(i, high[0]), max(j, high[-1])


#: a share below this is "not mentioned" (one passage in a 200-passage report is 0.5 %)
ABSENT = 0.003


def share_trend(series: Mapping[int, float], *, min_side: int = 2, p_max: float = 0.1,
                min_ratio: float = 1.6, min_pp: float = 0.005) -> ShareTrend:
    """Read a yearly share series ({year: share}) as new / rising / fading / episodic / steady.

    >>> share_trend({2016: .08, 2017: .09, 2018: .08, 2019: .07, 2020: .06, 2021: .002, 2022: 0, 2023: 0, 2024: .001}).text
    '2021年后基本不再提及（此前平均7.6%）'
    >>> share_trend({2018: .0, 2019: .0, 2020: .05, 2021: .06, 2022: .07, 2023: .06}).kind
    'new'
    >>> share_trend({2018: 0, 2019: 0, 2020: .09, 2021: .05, 2022: .04, 2023: .002, 2024: 0, 2025: 0}).text
    '2020–2022年集中提及（峰值2020年9.0%），此后回落至0.07%'
    """
    years = sorted(series)
    if not years:
        return ShareTrend("single", "")
    y = np.array([float(series[k]) for k in years])
    x = np.array(years, dtype=float)
    if len(years) == 1:
        return ShareTrend("single", f"{years[0]}年占篇幅{pct(y[0])}")
    b, lo, hi = _slope(x, y) if len(years) >= 3 else (float(y[-1] - y[0]) / max(x[-1] - x[0], 1),) * 3
    base = dict(slope_pp=100 * b, slope_low=100 * lo, slope_high=100 * hi)
    n = len(y)
    # a burst: a window of ≤ 3 years well above everything around it, with quieter years after it
    if n >= 5:
        best = None
        for i in range(1, n - 1):
            for j in range(i, min(i + 3, n - 1)):
                inside, outside = y[i:j + 1], np.r_[y[:i], y[j + 1:]]
                after = y[j + 1:]
                if len(after) < 1 or inside.min() < max(3 * outside.mean(), min_pp) or after.mean() > inside.mean() / 3:
                    continue
                gap = (inside.mean() - outside.mean()) * len(inside)  # the whole burst, not its peak year
                if best is None or gap > best[0]:
                    best = (gap, i, j)
        if best is not None:
            return _episodic(years, y, best[1], best[2], base)
    # the best single split (largest between-group sum of squares), ≥ min_side years each side
    best_k, best_ss = None, -1.0
    for k in range(min_side, n - min_side + 1):
        a, c = y[:k], y[k:]
        ss = len(a) * (a.mean() - y.mean()) ** 2 + len(c) * (c.mean() - y.mean()) ** 2
        if ss > best_ss:
            best_k, best_ss = k, ss
    if best_k is not None:
        a, c = y[:best_k], y[best_k:]
        ma, mc = float(a.mean()), float(c.mean())
        sy = years[best_k]
        p = _welch_p(a, c)
        hi_, lo_ = max(ma, mc), min(ma, mc)
        step = hi_ - lo_ >= min_pp and hi_ >= min_ratio * max(lo_, 1e-9) and p <= p_max
        if step and mc > ma:
            if a.max() < ABSENT:
                return ShareTrend("new", f"{sy}年起出现，此后平均占篇幅{pct(mc)}", split_year=sy, before=ma, after=mc, **base)
            return ShareTrend("rising", f"{sy}年起篇幅由{pct(ma)}升至{pct(mc)}", split_year=sy, before=ma, after=mc, **base)
        if step and mc < ma:
            if mc < ABSENT:
                return ShareTrend("fading", f"{sy}年后基本不再提及（此前平均{pct(ma)}）", split_year=sy, before=ma, after=mc,
                                  **base)
            return ShareTrend("fading", f"{sy}年起篇幅由{pct(ma)}降至{pct(mc)}", split_year=sy, before=ma, after=mc, **base)
    span = f"{years[0]}–{years[-1]}年"
    return ShareTrend("steady", f"{span}篇幅平稳，在{pct(float(y.min()))}–{pct(float(y.max()))}之间（平均{pct(float(y.mean()))}）",
                      **base)


def _binom_sf(k: float, n: float, p: float) -> float:
    """P(X ≥ k) for X ~ Binomial(n, p)."""
    from scipy import stats

    return float(stats.binom.sf(int(k) - 1, int(n), min(max(p, 0.0), 1.0)))


def _binom_cdf(k: float, n: float, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n, p)."""
    from scipy import stats

    return float(stats.binom.cdf(int(k), int(n), min(max(p, 0.0), 1.0)))


def count_trend(ser: YearSeries, *, alpha: float = 0.1, alpha_burst: float = 0.01, min_ratio: float = 1.6,
                min_side: int = 2, max_burst: int = 3, min_present: float = 0.5) -> ShareTrend:
    """Read a topic's yearly series as new / rising / fading / episodic / steady with tests on its **counts**.

    A clause-level 议题 takes 0.1–1 % of a report's clauses (one to five clauses a year), a paragraph topic 5–15 %:
    thresholds on the share itself (a step of 0.5 points, "absent" below 0.3 %) call every clause 议题 steady. So
    each year's units naming the topic (k) are compared with all units counted that year (n), against the
    topic's *own* rate: under "no change" the topic's K units fall on the years in proportion to their sizes, so
    the units after a split year follow Binomial(K, n_after / N). The office's numbers in the text are the mean
    within-document shares (a long and a short report count the same).

    * ``episodic`` (read first) — a window of ≤ ``max_burst`` years with ≥ 1 year on either side whose rate is
      ≥ 3× the rate outside, before and after it, upper-tail binomial p ≤ ``alpha_burst`` (stricter: ~25 windows
      are tried); 疫情 2020–2022;
    * ``new`` — nothing in the first ≥ ``min_side`` years, present in ≥ ``min_present`` of the years since, and
      P(none of the K units in those first years) = (1 − n_before/N)^K ≤ ``alpha``;
    * ``rising`` / ``fading`` — the split year (≥ ``min_side`` years each side) with the smallest one-sided
      binomial p, p ≤ ``alpha`` and the rate after ≥ ``min_ratio``× (or ≤ 1/``min_ratio``×) the rate before;
    * ``steady`` — none of these.

    >>> ys = list(range(2016, 2027))
    >>> count_trend(YearSeries(ys, [0, 0, 0, 0, .0025, .0025, .0023, .0036, .004, .0046, .0052],
    ...                        [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2], [400] * 11)).text
    '2020年起出现，此后平均占篇幅0.4%'
    >>> count_trend(YearSeries(ys, [.01, .012, .0105, .01, .0025, .0025, 0, 0, .0025, 0, 0],
    ...                        [4, 5, 4, 4, 1, 1, 0, 0, 1, 0, 0], [400] * 11)).kind
    'fading'
    >>> count_trend(YearSeries(ys, [.0025] * 11, [1] * 11, [400] * 11)).kind
    'steady'
    >>> count_trend(YearSeries(list(range(2015, 2027)), [0] * 5 + [.002, .002, .003, .003] + [0] * 3,
    ...                        [0] * 5 + [1, 1, 1, 1] + [0] * 3, [300] * 12)).text
    '2020–2023年集中提及（峰值2022年0.3%），2024年后基本不再提及'
    """
    years = list(ser.years)
    if not years:
        return ShareTrend("single", "")
    y = np.array(ser.shares, dtype=float)
    k = np.array(ser.k, dtype=float)
    n = np.maximum(np.array(ser.n, dtype=float), 1.0)
    if len(years) == 1:
        return ShareTrend("single", f"{years[0]}年占篇幅{pct(y[0])}")
    x = np.array(years, dtype=float)
    b, lo, hi = _slope(x, y) if len(years) >= 3 else (float(y[-1] - y[0]) / max(x[-1] - x[0], 1),) * 3
    base = dict(slope_pp=100 * b, slope_low=100 * lo, slope_high=100 * hi)
    K, N, m = float(k.sum()), float(n.sum()), len(years)
    span = f"{years[0]}–{years[-1]}年"
    if K == 0:
        return ShareTrend("steady", f"{span}未见提及", **base)
    # a burst that ended: the window's units far more than its size predicts, quiet after it
    burst = None
    for i in range(1, m - 1):
        for j in range(i, min(i + max_burst, m - 1)):
            kin, nin = k[i:j + 1].sum(), n[i:j + 1].sum()
            r_in, r_out = kin / nin, (K - kin) / (N - nin)
            r_after = k[j + 1:].sum() / n[j + 1:].sum()
            r_before = k[:i].sum() / n[:i].sum()
            # it rose from a lower level and fell back (2016–2018 all high then low is a fading, not a 2017 burst)
            if r_in < 3 * r_out or r_after > r_in / 3 or r_before > r_in / 3:
                continue
            p = _binom_sf(kin, K, nin / N)
            if p <= alpha_burst and (burst is None or p < burst[0]):
                burst = (p, i, j)
    if burst is not None:
        i, j = _widen(k / n, burst[1], burst[2])
        return _episodic(years, y, i, j, base, ended=k[j + 1:].sum() == 0)
    present = np.flatnonzero(k > 0)
    i0, i1 = int(present[0]), int(present[-1])
    # a matter that came and ended: absent in the first years and in the last ``min_side`` — its window is longer
    # than a burst's (湖北's 疫情防控 2020–2023, 万企万亿技改 2017–2023 read "新出现" with 0 since 2024)
    if i0 >= 1 and m - 1 - i1 >= min_side and (1 - (N - n[i0:i1 + 1].sum()) / N) ** K <= alpha:
        return _episodic(years, y, i0, i1, base, ended=True)
    # new: absent in the first years, then present; how unlikely that absence is under one constant rate
    if i0 >= min_side and (1 - n[:i0].sum() / N) ** K <= alpha and (k[i0:] > 0).mean() >= min_present:
        return ShareTrend("new", f"{years[i0]}年起出现，此后平均占篇幅{pct(float(y[i0:].mean()))}", split_year=years[i0],
                          before=float(y[:i0].mean()), after=float(y[i0:].mean()), **base)
    # a lasting step: the split year whose after-part departs most from the topic's own rate
    step = None
    for s in range(min_side, m - min_side + 1):
        ka, na = k[:s].sum(), n[:s].sum()
        kc, nc = K - ka, N - na
        ra, rc = ka / na, kc / nc
        if rc >= min_ratio * ra:
            p, up = _binom_sf(kc, K, nc / N), True
        elif ra >= min_ratio * rc:
            p, up = _binom_cdf(kc, K, nc / N), False
        else:
            continue
        if p <= alpha and (step is None or p < step[0]):
            step = (p, s, up, ra, rc)
    if step is not None:
        _, s, up, ra, rc = step
        ma, mc, sy = float(y[:s].mean()), float(y[s:].mean()), years[s]
        if up:
            return ShareTrend("rising", f"{sy}年起篇幅由{pct(ma)}升至{pct(mc)}", split_year=sy, before=ma, after=mc, **base)
        if rc <= ra / 5:
            return ShareTrend("fading", f"{sy}年后基本不再提及（此前平均{pct(ma)}）", split_year=sy, before=ma, after=mc,
                              **base)
        return ShareTrend("fading", f"{sy}年起篇幅由{pct(ma)}降至{pct(mc)}", split_year=sy, before=ma, after=mc, **base)
    return ShareTrend("steady", f"{span}篇幅平稳，在{pct(float(y.min()))}–{pct(float(y.max()))}之间（平均{pct(float(y.mean()))}）",
                      **base)
