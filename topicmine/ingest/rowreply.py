"""A message row that carries its own reply (附件4: 留言编号 … 留言详情, 答复意见, 答复时间) becomes two documents.

The message stays the row's document; the reply becomes a document of type 答复 whose ``meta`` names the
message (``reply_to_doc``) and the kind of link ("shared row"), so the uptake stage links them like any other
reply and the reply is searchable, embeddable and citable on its own.

    >>> from topicmine.records import Document, DocType
    >>> msg = Document("m1", DocType.other, "小区路灯不亮", "路灯坏了三个月。", sources=["a.xlsx#row 2"],
    ...                meta={"fields": {"答复意见": "经查，该路段路灯已于5月20日修复。", "答复时间": "2019/5/22 10:00:00"}})
    >>> r = row_reply_document(msg)
    >>> r.doc_type.value, r.date, r.meta["reply_to_doc"], r.meta["link"], r.sources
    ('reply', '2019-05-22', 'm1', 'shared row', ['a.xlsx#row 2#答复'])
"""

from __future__ import annotations

from typing import Any

from topicmine.records import Document, DocType, content_hash

#: table columns that hold a reply inside a message row (附件4_dev.xlsx and similar exports)
REPLY_TEXT_COLUMNS = ("答复意见", "回复意见", "答复内容", "办理答复", "reply", "answer")
REPLY_TIME_COLUMNS = ("答复时间", "回复时间", "办结时间", "reply_time")


def row_reply(doc: Any) -> tuple[str, str | None] | None:
    """``(reply_text, reply_time)`` when a document's row carries a reply column, else None."""
    fields = (doc.meta or {}).get("fields") or {}
    for col in REPLY_TEXT_COLUMNS:
        text = fields.get(col)
        if text and str(text).strip():
            when = next((str(fields[c]) for c in REPLY_TIME_COLUMNS if fields.get(c)), None)
            return str(text).strip(), when
    return None


def _iso(when: str | None) -> str | None:
    import re

    m = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", when or "")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def row_reply_document(doc: Document) -> Document | None:
    """The reply of a message row as its own 答复 document linked to the message ("shared row"), or None."""
    from topicmine.ingest.normalize import normalize_text

    found = row_reply(doc)
    if found is None:
        return None
    text = normalize_text(found[0])
    if not text.strip():
        return None
    date = _iso(found[1])
    return Document(content_hash(text), DocType.reply, f"{doc.title}（答复）", text, date=date,
                    year=int(date[:4]) if date else doc.year, region=doc.region,
                    sources=[s + "#答复" for s in doc.sources],
                    meta={"reply_to_doc": doc.id, "link": "shared row", "reply_time": found[1],
                          "reply_to_title": doc.title})
