"""Input sanity when documents arrive: the same report stored twice, and reports filed under the wrong year.

Both silently bend topic shares and trends: a report stored as ``2019.md`` and again as ``2020.md`` quotes
each passage twice and makes 2019 look like 2020; a file ``2015.md`` that holds the report *delivered* in
January 2016 ("在四川省第十二届人民代表大会第四次会议上（2016年1月25日）") shifts every trend by a year.
Nothing is deleted: duplicates are reported (and the copy is left out of shares), year mismatches are
warned about and the dateline's year is used for trends.

>>> dateline_year(["**政府工作报告**\\n在四川省第十二届人民代表大会第四次会议上（2016年1月25日）"])
2016
>>> dateline_year(["——二〇二〇年五月九日在四川省第十三届人民代表大会第三次会议上"])
2020
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

_CN_DIGIT = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
             "七": "7", "八": "8", "九": "9"}
_DATE = re.compile(r"((?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                   r"\s*[\d一二三四五六七八九十]{1,3}\s*日")
_SESSION = re.compile(r"(人民代表大会|代表大会|全体会议|会议)")


def dateline_year(first_passages: Sequence[str], *, max_chars: int = 400) -> int | None:
    """The year of the session a report was delivered at, from its dateline in the first passages.

    Only a date on the same line as a session ("…代表大会第四次会议上") counts: a report's opening lines are
    its title, its dateline and the speaker, and any other date there ("2015年是…") is not the delivery.
    """
    text = "\n".join(first_passages)[:max_chars]
    for line in text.replace("**", "").splitlines():
        if not _SESSION.search(line):
            continue
        m = _DATE.search(line)
        if m:
            y = "".join(_CN_DIGIT.get(ch, ch) for ch in m.group(1))
            if y.isdigit():
                return int(y)
    return None


@dataclass
class YearMismatch:
    """A document whose dateline names another year than the stored one."""

    doc_id: str
    title: str
    stored_year: int | None
    dateline_year: int

    def message(self) -> str:
        return (f"《{self.title}》存为{self.stored_year}年，但落款为{self.dateline_year}年召开的会议；"
                f"趋势按{self.dateline_year}年计算")


@dataclass
class DuplicateDocs:
    """Two documents of the same type whose passages are (nearly) all the same."""

    keep: str
    copy: str
    keep_title: str
    copy_title: str
    shared: int  # passages with identical text
    overlap: float  # shared / passages of the smaller document
    doc_type: str

    def message(self) -> str:
        return (f"《{self.copy_title}》与《{self.keep_title}》几乎相同（{self.overlap:.1%}的段落一致，共{self.shared}段），"
                f"疑为同一文件存了两次；议题份额只计一份")


def near_identical_documents(
    passages: Iterable[tuple[str, str, str]],
    *,
    min_overlap: float = 0.8,
    min_passages: int = 5,
    prefer: dict[str, int] | None = None,
) -> list[DuplicateDocs]:
    """Pairs of documents of the same type sharing ≥ ``min_overlap`` of the smaller one's passages (exact
    passage hashes after normalisation — a re-filed copy keeps its wording).

    ``passages``: (doc_id, doc_type, passage hash) rows. ``prefer``: a score per doc id (higher = the copy to
    keep, e.g. 1 when its stored year agrees with its dateline); ties keep the larger, then the lower id.

    >>> rows = [("d2019", "gov_report", f"h{i}") for i in range(10)] + [("d2020", "gov_report", f"h{i}") for i in range(11)]
    >>> [(d.keep, d.copy, round(d.overlap, 2)) for d in near_identical_documents(rows)]
    [('d2020', 'd2019', 1.0)]
    """
    hashes: dict[str, set[str]] = defaultdict(set)
    dtype: dict[str, str] = {}
    for doc, dt, h in passages:
        hashes[doc].add(h)
        dtype[doc] = dt
    owners: dict[str, list[str]] = defaultdict(list)
    for doc, hs in hashes.items():
        for h in hs:
            owners[h].append(doc)
    shared: Counter[tuple[str, str]] = Counter()
    for docs in owners.values():
        if 1 < len(docs) <= 50:  # a passage shared by 50 documents is a formula, not a copy
            docs = sorted(docs)
            for i, a in enumerate(docs):
                for b in docs[i + 1:]:
                    if dtype[a] == dtype[b]:
                        shared[(a, b)] += 1
    prefer = prefer or {}
    out = []
    copied: set[str] = set()
    for (a, b), n in sorted(shared.items()):
        small = min(len(hashes[a]), len(hashes[b]))
        if small < min_passages or n / small < min_overlap:
            continue
        keep, copy = sorted((a, b), key=lambda d: (-prefer.get(d, 0), -len(hashes[d]), d))
        if copy in copied:
            continue
        copied.add(copy)
        out.append(DuplicateDocs(keep, copy, keep, copy, n, n / small, dtype[a]))
    return out


def input_checks(rows: Sequence[Any], *, first_n: int = 3) -> dict[str, Any]:
    """Run both checks over the store's passage rows (PassageRow: id, doc_id, index, text, hash, doc_type,
    title, year). Returns ``{"year_of": {doc_id: year for trends}, "mismatches": [YearMismatch],
    "duplicates": [DuplicateDocs], "copies": {doc_id of each copy}}``.
    """
    first: dict[str, list[tuple[int, str]]] = defaultdict(list)
    title: dict[str, str] = {}
    stored: dict[str, int | None] = {}
    for r in rows:
        d = str(r.doc_id)
        title.setdefault(d, r.title or d)
        stored.setdefault(d, r.year)
        if r.index < first_n:
            first[d].append((r.index, r.text))
    mismatches: list[YearMismatch] = []
    year_of: dict[str, int | None] = dict(stored)
    for d, ps in first.items():
        y = dateline_year([t for _, t in sorted(ps)])
        if y is not None and stored.get(d) is not None and y != stored[d]:
            mismatches.append(YearMismatch(d, title[d], stored[d], y))
            year_of[d] = y
    agree = {d: int(d not in {m.doc_id for m in mismatches}) for d in title}
    dups = near_identical_documents(
        ((str(r.doc_id), str(getattr(r.doc_type, "value", r.doc_type)), str(r.hash)) for r in rows), prefer=agree)
    for dd in dups:
        dd.keep_title, dd.copy_title = title.get(dd.keep, dd.keep), title.get(dd.copy, dd.copy)
    return {"year_of": year_of, "mismatches": mismatches, "duplicates": dups, "copies": {dd.copy for dd in dups}}
