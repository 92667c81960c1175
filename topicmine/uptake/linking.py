"""Linking an item (提案, 建议案, 社情民意信息, citizen message) to its reply or replies.

Three ways, strongest first, each recorded as the link's ``method``:

- ``number`` — the reply names the item's number: "第0123号提案", or front matter ``reply_to: "0123"``,
  matched with the item's ``number`` (and the session when both give one);
- ``title`` — the reply quotes the item's title: "您提出的《关于……的提案》收悉", or ``reply_to_title``;
- ``row`` — message and reply sit in one table row (附件4: 留言编号 … 答复意见, 答复时间): ingest makes the
  reply its own 答复 document naming the message (``meta.reply_to_doc``, link kind "shared row"); a store
  ingested before that keeps the reply in the row's fields and is linked as ``<message id>#答复``.

    >>> reply_refs("关于省政协十三届一次会议第0330号提案的答复", "您提出的《关于健全高标准农田建后管护机制的提案》收悉。")
    {'numbers': ['0330'], 'titles': ['关于健全高标准农田建后管护机制的提案']}
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_NUMBER = re.compile(r"第\s*(\d{1,5})\s*号(?:提案|建议|议案|信息)")
_QUOTED = re.compile(r"(?:提出|反映|提交|所提|领衔提出)的?[“\"《]([^”\"》]{4,80})[”\"》]")
_TITLE_NORM = re.compile(r"[\s《》“”\"'：:，,。、（）()]")

from topicmine.ingest.rowreply import REPLY_TEXT_COLUMNS, REPLY_TIME_COLUMNS, row_reply  # noqa: F401 (re-exported)


def norm_title(title: str) -> str:
    """Title without punctuation and spaces, for exact comparison.

    >>> norm_title("关于《加强…》的提案 ") == norm_title("关于加强…的提案")
    True
    """
    return _TITLE_NORM.sub("", title or "").replace("…", "")


def reply_refs(title: str, text: str, meta: dict[str, Any] | None = None) -> dict[str, list[str]]:
    """Item numbers and quoted titles a reply refers to (front matter first, then its title and opening)."""
    meta = meta or {}
    nums: list[str] = []
    titles: list[str] = []
    if meta.get("reply_to"):
        nums.append(str(meta["reply_to"]).lstrip("0") or "0")
    if meta.get("reply_to_title"):
        titles.append(str(meta["reply_to_title"]))
    head = (title or "") + "\n" + (text or "")[:600]
    nums += [m.group(1).lstrip("0") or "0" for m in _NUMBER.finditer(head)]
    titles += [m.group(1) for m in _QUOTED.finditer(head)]
    return {"numbers": [n.zfill(4) for n in dict.fromkeys(nums)], "titles": list(dict.fromkeys(titles))}


@dataclass(frozen=True)
class ItemRef:
    """What an item can be found by: document id, number, session, normalised title, row id."""

    doc_id: str
    number: str | None
    session: str | None
    title_key: str
    row_id: str | None
    date: str | None


def item_ref(doc: Any) -> ItemRef:
    meta = doc.meta or {}
    fields = meta.get("fields") or {}
    number = meta.get("number") or fields.get("提案号") or fields.get("案号")
    row_id = meta.get("id") or fields.get("留言编号") or fields.get("id")
    return ItemRef(doc.id, str(number).lstrip("0").zfill(4) if number else None, meta.get("session"),
                   norm_title(doc.title), str(row_id) if row_id else None, doc.date)


def match_reply(reply: Any, items: Iterable[ItemRef]) -> list[tuple[ItemRef, str, dict[str, Any]]]:
    """Items a reply answers, each with the method and its evidence (the words that matched)."""
    refs = reply_refs(reply.title, reply.text, reply.meta)
    session = (reply.meta or {}).get("session")
    out: list[tuple[ItemRef, str, dict[str, Any]]] = []
    items = list(items)
    by_title = {norm_title(t): t for t in refs["titles"]}
    for it in items:
        if it.number and it.number in refs["numbers"] and (not session or not it.session or session == it.session):
            out.append((it, "number", {"number": it.number, "session": session}))
        elif it.title_key and it.title_key in by_title:
            out.append((it, "title", {"quoted_title": by_title[it.title_key]}))
    return out


def in_row_reply(doc: Any) -> tuple[str, str | None] | None:
    """``(reply_text, reply_time)`` when a message document carries its reply in the same row, else None.

    >>> from types import SimpleNamespace as NS
    >>> in_row_reply(NS(meta={"fields": {"答复意见": "已修复。", "答复时间": "2019/5/22 10:00:00"}}))
    ('已修复。', '2019/5/22 10:00:00')
    """
    return row_reply(doc)
