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

    def top_document_share(self, topic: int) -> float:
        """Share of the topic's passages that come from its single largest document (1.0 = one document)."""
        c = self.column(topic) * self.n_passages
        tot = c.sum()
        return float(c.max() / tot) if tot > 0 else 0.0


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

    >>> pct(0.0712), pct(0.004), pct(0.13), pct(0.0)
    ('7.1%', '0.4%', '13%', '0')
    """
    v = 100 * x
    if v == 0:
        return "0"
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
    '2020–2022年集中提及（峰值2020年9.0%），此后回落至0.1%'
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
            _, i, j = best
            k = i + int(np.argmax(y[i:j + 1]))
            span = f"{years[i]}年" if i == j else f"{years[i]}–{years[j]}年"
            return ShareTrend("episodic", f"{span}集中提及（峰值{years[k]}年{pct(y[k])}），此后回落至{pct(y[j + 1:].mean())}",
                              split_year=years[i], before=float(np.r_[y[:i], y[j + 1:]].mean()),
                              after=float(y[i:j + 1].mean()), **base)
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
