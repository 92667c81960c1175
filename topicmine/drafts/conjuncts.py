"""A title joining two things ("强化人才和金融支撑", "养老机构消防和托育预收费"): whether it does
(:func:`_joins`), whether the body's items each take one of them for different departments (:func:`_conjuncts_apart`),
and whether two vocabulary sides each carry their own one (:func:`_conjuncts_tie`). Used by
:func:`topicmine.drafts.matters.one_matter`."""

from __future__ import annotations

import re
from functools import lru_cache

from topicmine.drafts.analyze import DEFAULT_LEXICON, Lexicon
from topicmine.drafts.matters import _TITLE_FRAME, TIE_IDF, MatterSide, _idf

_ITEM_START = re.compile(r"(?:^|(?<=[。；：:\n]))\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]|[一二三四五六七八九十]是)")


@lru_cache(maxsize=1)
def _departments():  # type: ignore[no-untyped-def]
    from topicmine.drafts.departments import load_departments

    return load_departments(None)


def _conjuncts_apart(text: str, title: str, lex: Lexicon) -> list[MatterSide] | None:
    r"""Sides when the title's two joined objects ("人才" | "金融") each lead their own items of the body and
    those items go to different departments; else None.

    >>> t = ("1.加强人才培养引进。支持高校开设无人机应用技术专业，将高端人才纳入重点人才计划。\n"
    ...      "2.创新金融服务。引导银行开发“低空贷”信用贷款产品，发挥产业基金作用。")
    >>> [s.terms for s in _conjuncts_apart(t, "关于强化人才和金融支撑的提案", DEFAULT_LEXICON)]
    [['人才'], ['金融']]
    """
    import jieba.posseg as pseg

    from topicmine.text.wordlists import DRAFT_GENERIC_TERMS

    core = _TITLE_FRAME.sub("", title)
    parts = [c for c in re.split(r"[和与及、]", core) if len(c) >= 2]
    if len(parts) != 2:
        return None
    objs = [{w for w, f in pseg.cut(p) if f.startswith("n") and len(w) >= 2 and w not in DRAFT_GENERIC_TERMS}
            for p in parts]
    for p, o in zip(parts, objs):
        # the lexicon's compound over its nouns ("养老机构", not 养老 + 机构: "机构" is said of 托育机构 too)
        for t in lex.terms(p):
            inner = {w for w in o if w in t and w != t}
            if len(t) >= 3 and inner and t in lex.dict_terms:
                o -= inner
                o.add(t)
    if not objs[0] or not objs[1] or objs[0] & objs[1]:
        return None
    starts = [m.end() for m in _ITEM_START.finditer(text)]
    spans = list(zip(starts, starts[1:] + [len(text)]))
    sides: list[list[tuple[int, int]]] = [[], []]
    for a, b in spans:
        lead = re.split(r"[。；;：:\n]", text[a:b], maxsplit=1)[0]
        hit = [bool(o & set(lex.terms(lead)) or any(w in lead for w in o)) for o in objs]
        if hit[0] != hit[1]:
            sides[0 if hit[0] else 1].append((a, b))
    if not sides[0] or not sides[1]:
        return None
    texts = [" ".join(text[a:b] for a, b in sd) for sd in sides]
    if any(w in texts[1] for w in objs[0]) or any(w in texts[0] for w in objs[1]):
        return None  # one object in both ("加大对生活垃圾分类工作的精准指导和资金投入"): two measures, one matter
    dep = _departments()
    heads = [dep.suggest(t, k=1) for t in texts]
    names = [h[0].name if h else None for h in heads]
    if names[0] == names[1]:
        return None  # one department handles both: two measures of one matter ("精准指导和资金投入")
    total = max(1, len(text))
    return [MatterSide(sd, sorted(o)[:3], round(sum(b - a for a, b in sd) / total, 3)) for sd, o in zip(sides, objs)]


def _conjuncts_tie(text: str, title: str, sides: list[MatterSide], lex: Lexicon) -> bool:
    r"""Whether each of two vocabulary sides carries its own one of the title's two joined objects and one
    department handles both sides (the mirror of :func:`_conjuncts_apart`).

    >>> t = ("中小学生课业负担过重，学生睡眠不足。建议减少学生作业总量，提升中考升学率。\n"
    ...      "家长辅导作业压力大。建议学校明确家长责任，家庭作业由教师批改，不得交由家长批改。")
    >>> k = t.index("\n")
    >>> _conjuncts_tie(t, "关于给中小学生减负、家长减压的提案",
    ...                [MatterSide([(0, k)], [], 0.5), MatterSide([(k, len(t))], [], 0.5)], DEFAULT_LEXICON)
    True
    """
    import jieba.posseg as pseg

    from topicmine.text.wordlists import DRAFT_GENERIC_TERMS

    if len(sides) != 2:
        return False
    core = _TITLE_FRAME.sub("", title)
    parts = [c for c in re.split(r"[和与及、]", core) if len(c) >= 2]
    if len(parts) != 2:
        return False
    # nouns and abbreviations ("中小学生" is tagged j)
    objs = [{w for w, f in pseg.cut(p) if f[:1] in ("n", "j") and len(w) >= 2 and w not in DRAFT_GENERIC_TERMS}
            for p in parts]
    if not objs[0] or not objs[1] or objs[0] & objs[1]:
        return False
    texts = [" ".join(text[a:b] for a, b in sd.spans) for sd in sides]
    # each object said more on its own side than on the other ("家长" is said once beside 中考升学率, again and
    # again beside 家庭作业); two proposals of one field say the title's words on both sides alike
    n = [[sum(t.count(w) for w in o) for o in objs] for t in texts]
    if not ((n[0][0] > n[1][0] and n[1][1] > n[0][1]) or (n[0][1] > n[1][1] and n[1][0] > n[0][0])):
        return False
    dep = _departments()
    heads = [dep.suggest(t, k=1) for t in texts]
    names = [h[0].name if h else None for h in heads]
    return names[0] is not None and names[0] == names[1]


def _joins(title: str) -> bool:
    """Whether a title joins two things ("强化人才和金融支撑"); two aims for one object ("加快江苏文化创意产业发展、
    促进文化产业高质量发展": 文化产业 in both) join nothing."""
    core = _TITLE_FRAME.sub("", title)
    conj = [c for c in re.split(r"[和与及、]", core) if len(c) >= 2]
    if len(conj) < 2:
        return False
    idf, med = _idf()
    for i, c in enumerate(conj):
        for w in DEFAULT_LEXICON.terms(c):
            # the object said again in another conjunct, perhaps with a word inside ("文化产业" ~ "文化创意产业")
            if len(w) >= 4 and idf.get(w, med) >= TIE_IDF and any(
                    re.search(re.escape(w[:2]) + ".{0,4}" + re.escape(w[2:]), o) for j, o in enumerate(conj) if j != i):
                return False
    return True
