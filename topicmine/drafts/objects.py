"""Two objects under one field word: a draft whose two stretches are tied only by a broad word of the title.

Two proposals of one field merged part by part ("关于加快建设高铁南站公交遮雨棚的提案" with a 128路末班车 proposal: each
part gives the shelter's text, then "同时，128路公交车末班车……") share the field's word ("公交"), which the title also
says. The lexical one-matter test (:mod:`topicmine.drafts.matters`) finds the two stretches sharing few words, then lets
the title word both say tie them: one matter. What gives the paste away is the title's **object**: its more specific
words ("遮雨棚", "高铁", "南站") are said through one stretch and never in the other, and the other stretch has an object
of its own ("末班车", "驾驶员") said through it and never in the first. A single proposal's aspects keep the title's
object on both sides, or the word that ties them is itself the most specific of the title.

:func:`split_objects` says so for the sides the lexical test found (each side: its pieces' term sets); the one-matter
check then names the second stretch by its own object words.

    >>> sides = [[{"公交", "遮雨棚", "雨棚", "高铁"}, {"雨棚", "高铁", "南站"}, {"公交", "雨棚", "候车"}],
    ...          [{"公交", "末班车", "驾驶员"}, {"末班车", "延时"}, {"公交", "末班车", "驾驶员"}]]
    >>> split_objects("关于加快建设高铁南站公交遮雨棚的提案", sides, DEFAULT_LEXICON, frozenset())
    TwoObjects(named=0, title_obj=['遮雨棚', '高铁'], own=['末班车', '驾驶员'], ties=['公交'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from topicmine.drafts.analyze import Lexicon
from topicmine.drafts.matters import (
    _TITLE_FRAME,
    SLOGAN_WORD,
    THROUGH_SHARE,
    TIE_IDF,
    TIE_SHARE,
    _absent,
    _idf,
    _joins,
    _with_parts,
    MatterSide,
    OneMatterResult,
)

__all__ = ["ObjectsResult", "TwoObjects", "broad_tie", "objects_result", "objects_why", "split_objects"]


def _through(n: int, side: list[set[str]]) -> bool:
    """Said in at least half of a side's pieces, and twice or more (:data:`THROUGH_SHARE`)."""
    return n >= max(2.0, THROUGH_SHARE * len(side))


@dataclass
class TwoObjects:
    """:func:`split_objects`' verdict: ``named`` is the index of the side the title names; ``title_obj`` the title's
    words said through it and never in the other; ``own`` the other side's own object words; ``ties`` the title words
    both say (the field's)."""

    named: int
    title_obj: list[str]
    own: list[str]
    ties: list[str]


def _longest(words: list[str]) -> list[str]:
    """The words not inside another of them ("末班车" for 末班车, 末班, 班车), in their order."""
    return [w for w in words if not any(w != v and w in v for v in words)]


def split_objects(title: str, sides: list[list[set[str]]], lex: Lexicon,
                  ignore: frozenset[str] | set[str]) -> TwoObjects | None:
    """(the side the title names, the title's object words said through it, the other side's own object words) when
    the only title words said on both sides are less specific than a title word said through one side and never in
    the other, and the other side has specific words of its own (jieba idf ≥ :data:`TIE_IDF`) said through it and
    never in the first; None otherwise (one matter, or the title joins two things itself)."""
    from topicmine.drafts.halves import TITLE_WORD_IDF

    if len(sides) != 2 or not all(sides) or _joins(title):
        return None
    idf, med = _idf()
    core = _TITLE_FRAME.sub("", title)
    # the title's own words (jieba idf ≥ 6, as :func:`~topicmine.drafts.matters._said_through` reads them)
    words = {w for w in _with_parts([w for w in lex.terms(core) if w not in ignore])
             if idf.get(w, med) >= TITLE_WORD_IDF and not SLOGAN_WORD.search(w)}
    said = {w: [sum(w in c for c in side) for side in sides] for w in words}
    ties = [w for w, n in said.items() if all(k >= max(1.0, TIE_SHARE * len(sd)) for k, sd in zip(n, sides))]
    absent = _absent(said, sides)
    if not ties or not absent:
        return None
    # a place the title names ("城东", "江苏省") is where, not what (as in :func:`~topicmine.drafts.halves.title_words`)
    import jieba.posseg as pseg

    places = [w for w, f in pseg.cut(core) if f == "ns" or re.fullmatch(r"..?[省市县区]", w)]
    ties = [w for w in ties if not any(w in p for p in places)]
    named = {0 if said[w][0] else 1 for w in absent}
    if len(named) != 1:
        return None  # the title's words said through each side in turn: its own two aspects
    k = named.pop()
    if max((idf.get(w, med) for w in ties), default=0.0) >= max(idf.get(w, med) for w in absent):
        return None  # the word both sides say is as specific as the title gets: the title's object runs through both
    first, other = sides[k], sides[1 - k]
    said_first = set().union(*first)
    count: dict[str, int] = {}
    for c in other:
        for w in c:
            count[w] = count.get(w, 0) + 1
    own = sorted((w for w, n in count.items() if w not in said_first and w not in words and w not in ignore
                  and idf.get(w, med) >= TIE_IDF and not SLOGAN_WORD.search(w) and _through(n, other)),
                 key=lambda w: (-count[w], -idf.get(w, med), w))
    own = _longest(own)
    if not own:
        return None
    # named by the title's own compounds ("遮雨棚" for its parts 遮雨 and 雨棚, which the pieces say)
    compounds = [w for w in lex.terms(core) if w not in ignore]
    title_obj = _longest(list(dict.fromkeys(
        max((c for c in compounds if w in c), key=len, default=w)
        for w in sorted([w for w in absent if idf.get(w, med) >= TIE_IDF] or absent,
                        key=lambda w: (-said[w][k], -idf.get(w, med), w)))))
    return TwoObjects(k, title_obj[:3], own[:3], sorted(ties, key=lambda w: -idf.get(w, med))[:2])


@dataclass
class ObjectsResult(OneMatterResult):
    """A one-matter verdict "objects": ``sides`` [the title's, the other]; ``ties`` the field's words both say."""

    ties: list[str] = field(default_factory=list)


def objects_why(r: ObjectsResult) -> str:
    """The one-matter message's reason for an "objects" verdict, in the words a drafter reads: the title's object, the
    stretch that says another (before or after the first in the text) and the field's word they share.

    >>> r = ObjectsResult(False, 0.1, "objects", [MatterSide([(0, 9)], ["雨棚"], 0.6),
    ...                   MatterSide([(9, 20)], ["末班车", "驾驶员"], 0.4)], ties=["公交"])
    >>> objects_why(r)
    '标题所说的“雨棚”只在前一段出现，后一段另说“末班车、驾驶员”，两段只共有“公交”这样的领域用词，像是同一领域的两件稿件拼在一起'
    """
    a, b = ("前", "后") if r.sides[-1].spans[0][0] > r.sides[0].spans[0][0] else ("后", "前")
    tie = f"“{'、'.join(r.ties)}”这样的" if r.ties else ""
    return (f"标题所说的“{'、'.join(r.sides[0].terms)}”只在{a}一段出现，{b}一段另说“{'、'.join(r.sides[-1].terms)}”，"
            f"两段只共有{tie}领域用词，像是同一领域的两件稿件拼在一起")


def objects_result(best_part: tuple[list[int], list[int]], piece_sets: list[list[set[str]]],
                   ch: list[tuple[int, int]], lengths: Any, parts: list[tuple[int, int]] | None, title: str,
                   lex: Lexicon, ignore: frozenset[str] | set[str], ratio: float) -> OneMatterResult | None:
    """The lexical test's two sides (``best_part``: chunk indices; ``piece_sets``: their term sets) as two matters
    ("objects") when :func:`split_objects` parts them and the draft has labelled parts; the side the title names comes
    first, the other (the second matter, whose spans the check points at) last. None otherwise."""
    if not parts:
        return None
    # the shape of two matters joined inside each part: each side has text in two parts or more, its measures among
    # them (a single's closing outlook or preamble, in one part, is no second matter)
    where = [{j for i in side for j, (pa, pb) in enumerate(parts) if pa <= ch[i][0] < pb} for side in best_part]
    if not all(len(w) >= 2 and len(parts) - 1 in w for w in where):
        return None
    found = split_objects(title, piece_sets, lex, ignore)
    if found is None:
        return None
    order = [found.named, 1 - found.named]
    sides = [MatterSide(sorted(ch[i] for i in best_part[k]), found.title_obj if k == found.named else found.own,
                        round(float(sum(lengths[i] for i in best_part[k])), 3)) for k in order]
    return ObjectsResult(False, round(ratio, 3), "objects", sides, ties=found.ties)


def broad_tie(body: str, title: str, r: OneMatterResult, lex: Lexicon, ignore: frozenset[str]) -> str | None:
    """The reason for a body without part labels whose two stretches share a broad word of the title ("人才") while the
    title's compound of it ("高技能人才") is said through one and never in the other
    (:func:`topicmine.drafts.matters._heads_of_absent`); None otherwise."""
    from topicmine.drafts.checks import _body_parts
    from topicmine.drafts.halves import title_words
    from topicmine.drafts.matters import _heads_of_absent

    if r.reason != "vocabulary" or not title or len(r.sides) != 2 or _body_parts(body):
        return None
    idf, med = _idf()
    words = {w for w in _with_parts([w for w in lex.terms(_TITLE_FRAME.sub("", title)) if w not in ignore])
             if idf.get(w, med) >= TIE_IDF and not SLOGAN_WORD.search(w)} | title_words(title, ignore, lex)
    sides = [[set(_with_parts(lex.terms(body[a:b]))) for a, b in sd.spans] for sd in r.sides]
    said = {w: [sum(w in c for c in side) for side in sides] for w in words}
    # the head said most evenly through both stretches ("人才", not "技能" said twice in the second)
    heads = sorted(_heads_of_absent(said, sides), key=lambda w: -min(k / max(1, len(sd)) for k, sd in zip(said[w], sides)))
    if not heads or not min(said[heads[0]]):
        return None
    head = heads[0]
    comp = next(c for c in _absent(said, sides) if c != head and any(head[i:i + 2] in c for i in range(len(head) - 1)))
    where = "后" if said[comp][-1] == 0 else "前"
    return (f"两段虽都说“{head}”，但标题所说的“{comp}”在{where}一段从未出现，{where}一段说的是另一种“{head}”，"
            "像是两件稿件拼在一起")


def _opens_item(text: str) -> bool:
    """Whether a piece opens a numbered item ("二是……", "具体建议：1、……"; a part's own label before the mark allowed)."""
    from topicmine.drafts.matters import _ENUM, _PART_LINE

    m = _PART_LINE.match(text)
    rest = text[m.end():] if m else text
    return bool(_ENUM.match(rest.lstrip()))


def item_in_list(body: str, sides: list[list[tuple[int, int]]], parts: list[tuple[int, int]]) -> bool:
    """Whether one side's pieces are all items of numbered lists the other side's items go on with ("一是德育…" ·
    "二是教育资源…" · "三是课堂教学…"), in two parts or more: the aspects a single proposal lists one by one in its
    problems and its measures, which the word test may cut apart when one aspect has words of its own (row 31 of
    jszx2019_dev: 教育资源均衡 among 德育, 课堂, 师德). Every run of that side opens a numbered item and an item of the
    other side follows it in the same part, and once the other side's text also comes before it. Two proposals pasted one after the other, or part by part, end a part (or
    the body) with the second one's text, so neither side qualifies. A piece belongs to the part its middle lies in.

    >>> b = "问题：一是德育弱。二是资源不均。三是课堂轻。建议：一是德育课。二是资源均衡。三是课堂改革。"
    >>> i, j, m = b.index("二是资源不"), b.index("三是课堂轻"), b.index("建议")
    >>> k, n = b.index("二是资源均"), b.index("三是课堂改")
    >>> parts = [(3, m), (m + 3, len(b))]
    >>> item_in_list(b, [[(3, i), (j, m), (m + 3, k), (n, len(b))], [(i, j), (k, n)]], parts)
    True
    >>> item_in_list(b, [[(3, i), (m + 3, k)], [(i, m), (k, len(b))]], parts)
    False
    """
    pieces = sorted((a, b, k) for k, side in enumerate(sides) for a, b in side)
    per_part = []
    for pa, pb in parts:
        runs: list[list[object]] = []  # [side, opens with an item]
        for a, b, k in pieces:
            if not pa <= (a + b) // 2 < pb:
                continue
            if runs and runs[-1][0] == k:
                continue
            runs.append([k, _opens_item(body[a:b])])
        per_part.append(runs)
    for k in range(len(sides)):
        ok, where, between = True, 0, False
        for runs in per_part:
            mine = [j for j, r in enumerate(runs) if r[0] == k]
            where += bool(mine)
            for j in mine:
                if not runs[j][1] or j + 1 >= len(runs) or not runs[j + 1][1]:
                    ok = False  # a run that ends its part or is no item of a list: the other matter's text
                between = between or j > 0
        # once between the other side's text: a paste's first matter opens every part, its second ends every part
        if ok and between and where >= 2:
            return True
    return False
