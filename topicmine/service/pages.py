"""The drafters' web page at / (static HTML + JS; all document text is inserted as text, never HTML).

The page's names (genres 建议案/提案/社情民意信息, document types) come from :mod:`topicmine.text.names` —
derived from ``records`` — as a JSON data block in the page, so ``static/app.js`` keeps no copy of them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter()

_PAGE = Path(__file__).parent / "templates" / "index.html"
_META_SLOT = "<!--topicmine-meta-->"


def page_meta() -> dict[str, dict[str, str]]:
    """The names the page shows, from the one source.

    >>> page_meta()["genres"]["opinion"]
    '社情民意信息'
    """
    from topicmine.text.names import DOC_TYPE_ZH, GENRE_ZH

    return {"genres": dict(GENRE_ZH), "doc_types": dict(DOC_TYPE_ZH)}


@lru_cache(maxsize=1)
def _html() -> str:
    # a non-executable JSON block (the CSP forbids inline script, not data); "</" is escaped so no
    # name can close the element
    data = json.dumps(page_meta(), ensure_ascii=False).replace("</", "<\\/")
    block = f'<script type="application/json" id="topicmine-meta">{data}</script>'
    return _PAGE.read_text(encoding="utf-8").replace(_META_SLOT, block)


@router.get("/", include_in_schema=False)
def index() -> HTMLResponse:
    """The drafting page: paste or upload a report, review units and drafts, download .docx."""
    return HTMLResponse(_html(), media_type="text/html; charset=utf-8")
