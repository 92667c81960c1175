"""A proposal's asks: the numbered items of its suggestion part (具体建议), and its problem part.

Two proposals are the *same matter* when their objects and problems coincide and their asks overlap
(../shared/data/jszx_proposals_2019/LABELS.md); comparing whole documents mixes the asks with the
background every proposal of one genre shares. This module cuts a proposal into the pieces that the
matter decision (:mod:`topicmine.dedup.matter`) aligns one to one:

- ``asks`` — the items of the suggestion part, cut at its top-level item markers (第一，/ 一是 / 一、/
  （一）/ 1. / 首先 …: the marker family that starts earliest and occurs at least twice); without
  markers, its sentences;
- ``problem`` — the 问题分析 / 存在问题 part when the text has one (else empty);
- ``head`` of an ask — its first clause, usually the ask's own headline ("建立和完善农村互助养老服务体系").

>>> t = ("调研情况：我省农村老人多。问题分析：服务网络不健全。具体建议：针对以上问题，提出如下建议："
...      "第一，建立和完善农村互助养老服务体系。在乡镇建立互助养老服务中心。第二，加快制定互助养老的法规政策。")
>>> [a.head for a in proposal_asks(t).asks]
['建立和完善农村互助养老服务体系', '加快制定互助养老的法规政策']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from topicmine.dedup.text import split_parts
from topicmine.text.sentences import sentence_spans

_CN = "一二三四五六七八九十"
# item-marker families of the suggestion part; each regex matches the marker at an item's start
_FAMILIES: dict[str, re.Pattern[str]] = {
    "第N": re.compile(rf"第[{_CN}]{{1,3}}(?:[，,、：:．.]|是|条|点|要|，)"),
    "N是": re.compile(rf"(?<![{_CN}])[{_CN}]{{1,3}}是(?:要)?[，,：:]?(?=[\u4e00-\u9fff])"),
    "N、": re.compile(rf"(?:^|(?<=[\s。；！？：:]))[{_CN}]{{1,3}}[、．.]"),
    "(N)": re.compile(rf"[（(][{_CN}\d]{{1,3}}[）)]"),
    "d.": re.compile(r"(?:^|(?<=[\s。；！？：:]))\d{1,2}[、．.](?!\d)"),
    "首先": re.compile(r"首先|其次|再次|最后|此外|另外"),
}
_PROBLEM_HEAD = re.compile(r"(?:问题分析|存在问题|存在的问题|主要问题|原因分析)[^\n。；]{0,8}?[：:]")
# a line break ends a headline too (a hard-wrapped or heading-style ask: "…参与医养项目\n作为一种…")
_HEAD_END = re.compile(r"[。；！？!?;：:，,\n]")
#: an ask shorter than this (normalised characters) is merged into the previous one ("第一，" + nothing)
MIN_ASK_CHARS = 8
#: at most this many asks per proposal (a 20-item list is a report, not a proposal; keeps alignment cheap)
MAX_ASKS = 16


@dataclass(frozen=True)
class Ask:
    """One ask: offsets ``[start, end)`` into the proposal text, its text and headline."""

    start: int
    end: int
    text: str
    head: str
    marker: str = ""


@dataclass(frozen=True)
class ProposalAsks:
    """The asks and the problem part of one proposal (offsets into the original text)."""

    asks: list[Ask] = field(default_factory=list)
    problem: tuple[int, int] = (0, 0)
    suggestion: tuple[int, int] = (0, 0)
    by_marker: bool = False
    family: str = ""


def _headline(text: str) -> str:
    """First clause of an ask, without its item marker (at most 40 characters)."""
    body = text
    for rx in _FAMILIES.values():
        m = rx.match(body)
        if m:
            body = body[m.end():]
            break
    body = body.lstrip(" \t　，,：:")
    m = _HEAD_END.search(body)
    head = body[: m.start()] if m else body
    return head.strip()[:40]


def _family_hits(part: str) -> tuple[str, list[int]]:
    """The marker family that starts earliest with at least two hits (more hits break ties)."""
    best: tuple[int, int, str, list[int]] | None = None
    for name, rx in _FAMILIES.items():
        starts = [m.start() for m in rx.finditer(part)]
        if name == "首先" and "首先" not in part:
            continue  # 此外/另外 continue a list only when 首先 began it
        if len(starts) < 2:
            continue
        key = (starts[0], -len(starts))
        if best is None or key < (best[0], best[1]):
            best = (starts[0], -len(starts), name, starts)
    return (best[2], best[3]) if best else ("", [])


def split_asks(text: str, start: int = 0, end: int | None = None) -> tuple[list[Ask], str]:
    """The asks of ``text[start:end]`` (a suggestion part) and the marker family used ("" = sentences).

    >>> asks, fam = split_asks("一是加大培训补贴，提高护理员待遇。二是建立等级评定制度。")
    >>> fam, [a.head for a in asks]
    ('N是', ['加大培训补贴', '建立等级评定制度'])
    """
    end = len(text) if end is None else end
    part = text[start:end]
    family, starts = _family_hits(part)
    spans: list[tuple[int, int]] = []
    if starts:
        bounds = starts + [len(part)]
        spans = [(bounds[k], bounds[k + 1]) for k in range(len(starts))]
    else:
        # the text layer's one sentence splitter (hard-wrapped PDF lines do not end a sentence)
        spans = [(a - start, b - start) for a, b in sentence_spans(text, start, end, lines="paragraph")]
        # the heading sentence "具体建议：…如下：" is no ask
        spans = [(s, e) for s, e in spans if not re.match(r"\s*(具体建议|对策建议|建议)[：:]?\s*$", part[s:e])]
    out: list[Ask] = []
    for s, e in spans:
        seg = part[s:e].strip()
        if not seg:
            continue
        core = re.sub(r"\W", "", seg)
        if out and len(core) < MIN_ASK_CHARS:
            prev = out[-1]
            out[-1] = Ask(prev.start, start + e, text[prev.start:start + e], prev.head, prev.marker)
            continue
        if len(core) < MIN_ASK_CHARS:
            continue
        out.append(Ask(start + s, start + e, text[start + s:start + e], _headline(seg), family))
    if len(out) > MAX_ASKS:
        # too many sentences: merge neighbours so each ask keeps a few sentences together
        k = -(-len(out) // MAX_ASKS)
        merged = []
        for n in range(0, len(out), k):
            grp = out[n:n + k]
            merged.append(Ask(grp[0].start, grp[-1].end, text[grp[0].start:grp[-1].end], grp[0].head, family))
        out = merged
    return out, family


def proposal_asks(text: str) -> ProposalAsks:
    """The asks (items of the suggestion part) and the problem part of one proposal.

    A text without a recognisable suggestion heading uses its last third as the suggestion part
    (``by_marker`` False), as :func:`topicmine.dedup.text.split_parts` does.
    """
    parts = split_parts(text)
    s0, s1 = parts.suggestion
    asks, family = split_asks(text, s0, s1)
    if not asks and text.strip():
        asks, family = split_asks(text, 0, len(text))
    pm = _PROBLEM_HEAD.search(text, 0, s0 if parts.by_marker else len(text))
    problem = (pm.start(), s0 if parts.by_marker else len(text)) if pm else (0, 0)
    return ProposalAsks(asks=asks, problem=problem, suggestion=(s0, s1), by_marker=parts.by_marker, family=family)
