"""Request/response schemas of the API (documented in the OpenAPI page at /docs)."""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

Genre = Literal["motion", "proposal", "opinion", "keep"]
DraftGenre = Literal["motion", "proposal", "opinion"]

MAX_TEXT = 200_000  # characters: a long 调研报告 is ~10,000–30,000 字


def parse_overrides(value: Any) -> dict[str, str]:
    """``{unit_id: genre}`` with genre one of motion/proposal/opinion/keep."""
    if not isinstance(value, dict):
        raise ValueError("must be a JSON object {unit_id: genre}")
    out: dict[str, str] = {}
    for k, v in value.items():
        if v not in ("motion", "proposal", "opinion", "keep"):
            raise ValueError(f"unit {k}: genre {v!r} is not one of motion, proposal, opinion, keep")
        out[str(k)] = str(v)
    return out


class SplitRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=MAX_TEXT, description="The report's text (一、（一）1.（1）numbering kept)")
    title: Optional[str] = Field(None, max_length=200, description="The report's title, if not its first line")
    overrides: Optional[dict[str, Genre]] = Field(None, description="Change a unit's genre: {unit_id: genre}")


class SplitResponse(BaseModel):
    model_config = ConfigDict(extra="allow")
    units: list[dict[str, Any]]
    drafts: list[dict[str, Any]]


MAX_SIMILAR_TEXT = 20_000  # characters: a draft or a passage; the full pipeline runs on it


class SimilarRequest(BaseModel):
    """POST body of ``/api/v1/similar``: 20,000 Chinese characters are ~180 KB percent-encoded, past what a
    GET URL carries, so long drafts come this way."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=MAX_SIMILAR_TEXT, description="Draft or passage text")
    limit: int = Field(10, ge=1, le=50, description="How many items")


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=MAX_TEXT, description="The draft's text")
    genre: Optional[DraftGenre] = Field(None, description="proposal / opinion / motion; detected when absent")
    title: Optional[str] = Field(None, max_length=200, description="The draft's title, if not its first line")


class CheckItem(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    passed: bool
    message: str
    spans: list[Any] = []


class CheckResponse(BaseModel):
    model_config = ConfigDict(extra="allow")
    passed: bool
    genre: Optional[str]
    checks: list[CheckItem]


class ParagraphIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: str = Field(..., max_length=MAX_TEXT)
    kind: Literal["body", "heading2", "generated"] = "body"
    start: Optional[int] = None
    end: Optional[int] = None


class SectionIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    heading: str = Field("", max_length=200)
    paragraphs: list[ParagraphIn | str] = Field(default_factory=list, max_length=1000)


class DraftIn(BaseModel):
    """A draft as returned by /split (edited or not): title and sections of quoted paragraphs."""

    model_config = ConfigDict(extra="allow")
    genre: DraftGenre
    title: str = Field(..., min_length=1, max_length=200)
    sections: list[SectionIn] = Field(default_factory=list, max_length=50)


#: what one export request may hold in all: a split of the longest report (200,000 字) gives a few thousand
#: paragraphs; 60 drafts × 50 sections × 1,000 paragraphs (what the shapes alone allow) took hours of CPU
MAX_EXPORT_PARAGRAPHS = 5_000
MAX_EXPORT_CHARS = 2 * MAX_TEXT


def _check_export_size(drafts: list[DraftIn]) -> None:
    paragraphs = chars = 0
    for d in drafts:
        chars += len(d.title)
        for sec in d.sections:
            chars += len(sec.heading)
            paragraphs += len(sec.paragraphs)
            chars += sum(len(p if isinstance(p, str) else p.text) for p in sec.paragraphs)
    if paragraphs > MAX_EXPORT_PARAGRAPHS or chars > MAX_EXPORT_CHARS:
        raise ValueError(f"导出内容过多（{paragraphs:,} 段、{chars:,} 字；上限 {MAX_EXPORT_PARAGRAPHS:,} 段、"
                         f"{MAX_EXPORT_CHARS:,} 字）：请分批导出")


class ExportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    draft: DraftIn
    format: Literal["docx", "md", "json"] = "docx"

    @model_validator(mode="after")
    def _bounded(self) -> ExportRequest:
        _check_export_size([self.draft])
        return self


class SimilarResponse(BaseModel):
    items: list[dict[str, Any]]
    retrieval: str = Field(..., description="semantic+keyword (faiss index + FTS5) or keyword (no index yet)")
    note: Optional[str] = Field(None, description="Why retrieval was degraded, if it was")
    scored: bool = Field(True, description="False when no duplicate scorer could be loaded (items then empty)")


class SearchResponse(BaseModel):
    query: str
    hits: list[dict[str, Any]]


class Health(BaseModel):
    model_config = ConfigDict(extra="allow")
    status: str
    version: str


class ExportAllRequest(BaseModel):
    """All drafts of a split (edited or not), to download at once as one .zip."""

    model_config = ConfigDict(extra="forbid")
    drafts: list[DraftIn] = Field(..., min_length=1, max_length=60)
    format: Literal["docx", "md"] = "docx"

    @model_validator(mode="after")
    def _bounded(self) -> ExportAllRequest:
        _check_export_size(self.drafts)
        return self
