"""The research office's morning report (晨报), rendered from one plain dict: HTML, JSON and Markdown.

``topicmine.pipeline.morning_job`` gathers the data (store, topics and dedup reports) into a dict
of the shape below; this module only renders it, so a notebook or a test can render any dict
of that shape without a corpus. No NLP library is imported here.

- ``render_html(report)`` — ONE self-contained page: inline CSS, charts as inline SVG, no scripts,
  no external assets (it is mailed and opened offline). Every piece of document text goes through
  ``html.escape`` — documents are data, never markup. Every quoted passage has an anchor
  ``#p<passage id>`` in the page's 来源段落 appendix, which in turn links the source file
  (``file://`` URI) with the character offsets of the passage.
- ``render_markdown(report)`` — a short digest for e-mail (links point into the HTML page).
- ``render_json(report)`` — the same dict as UTF-8 JSON, for scripts.

The dict (every key optional except ``date``)::

    {"format": "topicmine.morning/1", "date": "2026-11-26", "generated_at": "…", "first_run": False,
     "since": "2026-11-25T02:00:03+00:00",
     "run": {"id": 7, "documents": {"new": 3, "changed": 0, "deleted": 1, "unchanged": 44},
             "passages_embedded": 31, "topics": {"kept": 9, "new": 1, "gone": 0}, "seconds": 21.4,
             "timings": {...}, "issues": [...]},
     "corpus": {"documents": 55, "passages": 580, "by_type": [{"type", "label", "documents", "passages"}]},
     "new_documents": [{"id", "title", "doc_type", "doc_type_zh", "region", "year", "date", "author",
                        "uri", "source", "passage_id"}],
     "topics": {"n_topics": 10, "changes": {...}, "ranked": [topic rows with "flags" and
                "representatives": [passage ids]], "gone": [{"id", "terms", "phrase", "status"}]},
     "duplicates": {"checked": True, "pairs": [...], "groups": [...]},
     "trends": {"years": [2023, 2024, 2025], "regions": ["江苏省", "苏州市"]},
     "passages": {"284": {"id", "doc_id", "title", "doc_type_zh", "region", "year", "start", "end",
                          "text", "uri", "is_new"}},
     "history": [{"id", "started_at", "status", "seconds", "documents": {...}, "passages_embedded"}]}

>>> page = render_html({"date": "2026-11-26", "new_documents": [
...     {"id": "ab12", "title": "<script>alert(1)</script>关于托育的提案", "doc_type_zh": "提案"}]})
>>> "<script>alert" in page, "&lt;script&gt;alert(1)&lt;/script&gt;关于托育的提案" in page
(False, True)
"""

from __future__ import annotations

# One module per part: ``base`` (escaping, links, flags), ``charts`` (inline SVG), one module per report
# section (``documents``, ``topics``, ``duplicates``, ``uptake``, ``runs``), ``page`` (the HTML page) and
# ``digest`` (Markdown and JSON). The data is gathered by ``topicmine.pipeline.morning_job``.
from topicmine.export.morning.base import FORMAT, TOPIC_FLAGS, TYPE_COLOURS
from topicmine.export.morning.charts import svg_bars, svg_heatmap, svg_year_bars
from topicmine.export.morning.digest import render_json, render_markdown
from topicmine.export.morning.page import render_html

__all__ = ["FORMAT", "TOPIC_FLAGS", "TYPE_COLOURS", "render_html", "render_json", "render_markdown",
           "svg_bars", "svg_heatmap", "svg_year_bars"]
