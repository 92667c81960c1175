"""The asks of an item: its suggestion units, each with the sentences that name a measure.

A Jiangsu proposal writes ``调研情况：… 问题分析：… 具体建议：1、继续完善疾病监测体系。…2、…``; a report lists
"一是……二是……". The drafts stage's report analysis already recovers these units (:func:`analyze_report`);
this module keeps, for each unit, its headline (the first sentence, usually the measure itself) and its
sentences, which are what a later passage is aligned against.

    >>> asks = extract_asks("具体建议：1、建立农村互助养老服务体系。在每个行政村建设互助养老点。2、设立专项资金。")
    >>> [a.headline for a in asks]
    ['建立农村互助养老服务体系。', '设立专项资金。']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SUGGEST_HEAD = re.compile(r"(?:具体建议|对策建议|意见建议|建议如下|几点建议|为此，?建议|我们建议|建议)[：:]")
_NUMBER_PREFIX = re.compile(r"^\s*(?:[一二三四五六七八九十]+[是、.．]|\d{1,2}[、.．)）]|（[一二三四五六七八九十\d]+）|第[一二三四五六七八九十]+[，,、]|其[一二三四五六七八九十][，,、]?)\s*")


_INLINE_NUMBER = re.compile(r"[。；;！!？?]\s*((?:\d{1,2}[、.．](?!\d)|[二三四五六七八九十]是|（[二三四五六七八九十\d]{1,2}）))")


_ITEM_START = re.compile(r"(?:^|[。；;！!？?：:]|\s{2,})\s*((?:\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]是|（[一二三四五六七八九十\d]{1,2}）|[一二三四五六七八九十][、．.]))")


@dataclass
class Ask:
    """One suggestion unit: ``text`` with offsets into the item, its ``headline`` and ``sentences``."""

    index: int
    text: str
    start: int
    end: int
    headline: str
    sentences: list[str] = field(default_factory=list)


def _sentences(text: str) -> list[str]:
    """Sentences of an ask: the text layer's one splitter (at 。；！？, never inside 《》/（）, line breaks as
    paragraph breaks only, so a hard-wrapped PDF line stays one sentence); fragments under 4 Chinese
    characters (a stray "好。") dropped.

    >>> _sentences("设立《关于养老的办法（试行）。》专项资金；\\n建设互助养老点。好。")
    ['设立《关于养老的办法（试行）。》专项资金；', '建设互助养老点。']
    """
    from topicmine.text.sentences import sentences

    return [s for s in sentences(text, lines="paragraph") if len(re.sub(r"[^\u4e00-\u9fa5]", "", s)) >= 4]


def suggestion_part(text: str) -> tuple[int, str]:
    """The suggestion part of an item (from "具体建议：" on) and its offset; the whole text when none is marked."""
    m = None
    for m in _SUGGEST_HEAD.finditer(text):
        if m.group(0).startswith(("具体建议", "对策建议", "意见建议")):
            break
    if m is None:
        return 0, text
    return m.end(), text[m.end():]


def extract_asks(text: str, *, max_asks: int = 20) -> list[Ask]:
    """Suggestion units of ``text`` (via the drafts stage's report analysis), or the suggestion part's
    sentences when no numbered units are found.

    >>> [a.headline for a in extract_asks("具体建议：一是提高护理人员待遇。二是建立职业晋升通道。")]
    ['提高护理人员待遇。', '建立职业晋升通道。']
    """
    from topicmine.drafts.analyze import analyze_report

    asks: list[Ask] = []
    off, part = suggestion_part(text)
    # numbered items of the suggestion part: "1、…2、…", "一是…二是…", "（一）…"
    cuts = [off + m.start(1) for m in _ITEM_START.finditer(part)]
    spans: list[tuple[int, int]] = list(zip(cuts, cuts[1:] + [len(text)]))
    if len(spans) < 2:
        try:
            units = analyze_report(text).units
        except Exception:  # noqa: BLE001 — a text the outline parser cannot read still has sentences
            units = []
        spans = []
        for u in units:
            # an inline list the outline parser kept whole ("…体系。2、设立专项资金。") is split at its numbers
            inner = [u.start] + [u.start + m.start(1) for m in _INLINE_NUMBER.finditer(u.text)] + [u.end]
            spans.extend((x, y) for x, y in zip(inner, inner[1:]) if y > x)
    for a, b in spans[:max_asks]:
        body = _NUMBER_PREFIX.sub("", text[a:b])
        sents = _sentences(body)
        if not sents:
            continue
        asks.append(Ask(len(asks), text[a:b], a, b, sents[0], sents))
    if asks:
        return asks
    for s in _sentences(part)[:max_asks]:
        k = text.find(s, off)
        asks.append(Ask(len(asks), s, max(k, 0), max(k, 0) + len(s), s, [s]))
    return asks
