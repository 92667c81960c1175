"""Chinese names of document types and draft genres, derived from :mod:`topicmine.records`.

One source for every stage, the service and the page: ``DocType.label_zh`` names document types; a draft's
genre is one of the doc types a report can be split into (建议案 / 提案 / 社情民意信息) or ``keep``
(stays in the report).

>>> GENRE_ZH["opinion"], DOC_TYPE_ZH["report"]
('社情民意信息', '调研报告')
"""

from __future__ import annotations

from topicmine.records import DocType

__all__ = ["DOC_TYPE_ZH", "GENRE_ZH", "GENRES", "doc_type_zh", "genre_zh"]

#: doc type id → Chinese name (政府工作报告, 提案, 社情民意信息 …); ``other`` → 文件 in running text
DOC_TYPE_ZH: dict[str, str] = {d.value: d.label_zh for d in DocType}
DOC_TYPE_ZH["other"] = "文件"

#: the genres a report's suggestions can be drafted as, in the order a drafter weighs them
GENRES: tuple[str, ...] = (DocType.motion.value, DocType.proposal.value, DocType.opinion.value)

#: genre id → Chinese name; ``keep`` = not drafted, stays in the report
GENRE_ZH: dict[str, str] = {**{g: DocType(g).label_zh for g in GENRES}, "keep": "保留在报告中"}


def doc_type_zh(value: str | DocType | None) -> str:
    """Chinese name of a doc type id (unknown ids → 文件).

    >>> doc_type_zh("gov_report"), doc_type_zh("xyz")
    ('政府工作报告', '文件')
    """
    if isinstance(value, DocType):
        value = value.value
    return DOC_TYPE_ZH.get(str(value or ""), "文件")


def genre_zh(genre: str) -> str:
    """Chinese name of a genre id (unknown ids unchanged).

    >>> genre_zh("motion")
    '建议案'
    """
    return GENRE_ZH.get(genre, genre)
