"""Export: drafts as .docx (GB/T 9704 typography from one style file), Markdown and JSON.

Importing this package is cheap; python-docx loads inside :func:`export_docx`.
"""

from __future__ import annotations

from topicmine.export.docx import DEFAULT_STYLE_PATH, build_docx, export_docx, load_style
from topicmine.export.markdown import export_json, export_markdown, summary_markdown

__all__ = [
    "DEFAULT_STYLE_PATH",
    "build_docx",
    "export_docx",
    "export_json",
    "export_markdown",
    "load_style",
    "summary_markdown",
]
