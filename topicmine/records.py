"""Plain records that flow between the stages.

Bottom layer: imports nothing but the standard library, so every stage (and a
notebook) can use these without pulling in an NLP library.

Offsets are always character offsets into ``Document.text`` (Python ``str``
indices), half-open ``[start, end)``, so ``doc.text[p.start:p.end] == p.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class DocType(str, Enum):
    """Kinds of document a CPPCC research office holds (see DOMAIN.md).

    >>> DocType.from_any("提案")
    <DocType.proposal: 'proposal'>
    >>> DocType.proposal.label_zh
    '提案'
    """

    party_doc = "party_doc"
    gov_report = "gov_report"
    proposal = "proposal"
    motion = "motion"
    opinion = "opinion"
    speech = "speech"
    report = "report"
    reply = "reply"
    other = "other"

    @property
    def label_zh(self) -> str:
        return _LABELS_ZH[self]

    @classmethod
    def from_any(cls, value: str | DocType | None) -> DocType:
        """Accept an identifier (``proposal``) or a Chinese name (``提案``, ``社情民意``).

        Raises ``ValueError`` naming the accepted values when nothing matches.
        """
        if isinstance(value, DocType):
            return value
        if value is None:
            raise ValueError("doc type is empty")
        v = str(value).strip()
        try:
            return cls(v.lower())
        except ValueError:  # not an English id: try the Chinese names next
            pass
        for dt, names in _ALIASES_ZH.items():
            if v in names:
                return dt
        accepted = ", ".join(f"{d.value} ({d.label_zh})" for d in cls)
        raise ValueError(f"unknown doc type {value!r}; use one of: {accepted}")


_LABELS_ZH: dict[DocType, str] = {
    DocType.party_doc: "党委文件",
    DocType.gov_report: "政府工作报告",
    DocType.proposal: "提案",
    DocType.motion: "建议案",
    DocType.opinion: "社情民意信息",
    DocType.speech: "委员发言",
    DocType.report: "调研报告",
    DocType.reply: "答复",
    DocType.other: "其他",
}

_ALIASES_ZH: dict[DocType, tuple[str, ...]] = {
    DocType.party_doc: ("党委文件", "党委", "党代会报告", "全会决定", "党内法规", "规范性文件"),
    DocType.gov_report: ("政府工作报告", "政府报告", "工作报告"),
    DocType.proposal: ("提案",),
    DocType.motion: ("建议案",),
    DocType.opinion: ("社情民意信息", "社情民意", "民意信息", "留言"),
    DocType.speech: ("委员发言", "大会发言", "发言"),
    DocType.report: ("调研报告", "调研协商报告", "研究报告"),
    DocType.reply: ("答复", "办理结果", "答复函", "办理答复"),
    DocType.other: ("其他",),
}


def content_hash(text: str, length: int = 16) -> str:
    """Stable hex id of a text (sha256 prefix); used for documents and passages.

    >>> content_hash("关于加强营商环境建设的提案")[:4]
    'b4a2'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` into some text."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class RawDocument:
    """What a reader yields before normalisation and classification.

    ``meta`` holds whatever the source says about the document (front matter,
    table columns): keys such as ``title``, ``date``, ``year``, ``region``,
    ``author``, ``category``, ``doc_type``, ``id``.
    ``locator`` tells where inside the file it came from (``row 12``), so error
    messages and the source list can point at it.
    """

    text: str
    source: str
    meta: dict[str, Any] = field(default_factory=dict)
    locator: str | None = None
    # Headings the reader recognised structurally (Markdown #, docx Heading n):
    # (line text, level). The segmenter uses them beside the numbering.
    headings: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Document:
    """One document after ingest. ``id`` is the content hash of ``text``.

    ``sources`` lists every path (with ``#row`` locator for tables) that produced
    this exact text; exact duplicates collapse into one Document.
    """

    id: str
    doc_type: DocType
    title: str
    text: str
    date: str | None = None  # ISO "YYYY-MM-DD" (or "YYYY-MM" / "YYYY") when known
    year: int | None = None
    region: str | None = None
    author: str | None = None
    category: str | None = None
    sources: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    headings: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Section:
    """A numbered or headed section: ``一、``, ``（一）``, ``1.``, ``（1）``, ``第X章`` …

    ``level`` is 1 for the outermost numbering found in the document.
    ``start``/``end`` cover the heading line and the body up to the next section
    of the same or a higher level. ``heading`` is the heading line's text.
    """

    index: int
    level: int
    number: str  # the numbering token as written, e.g. "一、", "（二）", "3." ; "" for plain headings
    heading: str
    start: int
    end: int
    parent: int | None = None


@dataclass
class Passage:
    """The unit for embedding, topics and dedup: a paragraph or part of one.

    ``section`` is the index of the innermost section containing it (or None).
    ``hash`` keys the embedding cache (same text ⇒ same vector).
    """

    index: int
    start: int
    end: int
    text: str
    section: int | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass
class SegmentedDocument:
    """A document with its sections, passages and sentences (all with offsets)."""

    document: Document
    sections: list[Section]
    passages: list[Passage]
    sentences: list[Span]
    # jieba words of each passage (same order as passages), for FTS and labels
    passage_words: list[list[str]] = field(default_factory=list)


@dataclass
class IngestIssue:
    """A file (or row) that could not be ingested, and why — shown to the user."""

    source: str
    reason: str
    locator: str | None = None

    def __str__(self) -> str:
        where = f"{self.source} ({self.locator})" if self.locator else self.source
        return f"{where}: {self.reason}"
