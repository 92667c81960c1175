"""Result records returned by the store (plain dataclasses, JSON-friendly via ``asdict``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from topicmine.errors import StoreError
from topicmine.records import DocType


@dataclass
class SourceChange:
    """What ``Store.replace_source`` did to one source file.

    - ``new_docs``: documents inserted now (their passages need embedding);
    - ``removed_docs``: documents deleted because no source produces them any more;
    - ``kept_docs``: documents this source already had and still has (unchanged text);
    - ``updated_docs``: the subset of ``kept_docs`` whose metadata (type, title, region …) changed;
    - ``duplicates``: ``(doc_id, other)`` for documents whose exact text another source
      (``path`` or ``path#locator``) already had — they collapse into that document;
    - ``new_passage_ids`` / ``removed_passage_ids``: for incremental vector-index updates.

    >>> SourceChange(new_docs=["3f2a…"]).changed
    True
    """

    new_docs: list[str] = field(default_factory=list)
    removed_docs: list[str] = field(default_factory=list)
    kept_docs: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    updated_docs: list[str] = field(default_factory=list)
    new_passage_ids: list[int] = field(default_factory=list)
    removed_passage_ids: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when documents or passages were added or removed (metadata-only updates excluded)."""
        return bool(self.new_docs or self.removed_docs or self.new_passage_ids or self.removed_passage_ids)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PassageRow:
    """One passage with the metadata of its document, as read back from the store.

    ``start``/``end`` are offsets into the document text, so
    ``store.get_document(row.doc_id).text[row.start:row.end] == row.text``.
    """

    id: int
    doc_id: str
    idx: int
    start: int
    end: int
    text: str
    hash: str
    section: int | None
    doc_type: DocType
    title: str
    region: str | None
    year: int | None
    date: str | None
    author: str | None
    category: str | None
    boilerplate: bool = False

    @property
    def index(self) -> int:
        """Alias of ``idx`` (the name records.Passage uses)."""
        return self.idx


@dataclass
class KeywordHit:
    """A keyword-search hit. ``score`` is ``-bm25`` (higher is better).

    ``matches`` are ``[start, end)`` offsets of the query words in the passage text
    (add ``PassageRow.start`` for document offsets); ``snippet`` shows them in 【】:
    ``"…持续优化【营商环境】，减轻企业负担…"``.
    """

    passage_id: int
    doc_id: str
    score: float
    snippet: str
    matches: list[tuple[int, int]]


class EmbeddingsMissingError(StoreError, KeyError):
    """Some requested vectors are not cached; ``missing`` lists their passage hashes.

    Also a ``KeyError`` so ``except KeyError`` around a lookup works as for a dict.
    """

    def __init__(self, model_id: str, missing: list[str], requested: int) -> None:
        self.model_id = model_id
        self.missing = missing
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        msg = (
            f"{len(missing)} of {requested} passage vectors are not cached for model {model_id!r} "
            f"({shown}); run `topicmine embed` first"
        )
        super().__init__(msg)
        self.message = msg

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.message
