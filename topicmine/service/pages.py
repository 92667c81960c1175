"""The drafters' web page at / (static HTML + JS; all document text is inserted as text, never HTML)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

router = APIRouter()

_PAGE = Path(__file__).parent / "templates" / "index.html"


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    """The drafting page: paste or upload a report, review units and drafts, download .docx."""
    return FileResponse(_PAGE, media_type="text/html; charset=utf-8")
