"""The whole term a title is cut from (:func:`topicmine.topics.titles.make_titles` calls :func:`whole_title` last).

An outside reader's weak titles were pieces of the name the clauses say: "联运服务中心" of 舟山江海联运服务中心 (a place
inside a name: no candidate may hold a place), "遗址申遗" of 良渚古城遗址申遗, the bare object "产学研" of 省部院产学研合作
or "实验室" of 之江实验室, and "宅基地空间置换" (2 of 19 clauses) where 12 say 土地承包 and six 第二轮土地承包到期后再延长30年.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from topicmine.topics.labels import GENERIC_TERMS
from topicmine.topics.titles import _AND, _BAD, _EDGE, _PIECE, _TAIL, _VERB_HEAD, is_measure_name, names_object

def _region_names() -> frozenset[str]:
    try:
        from topicmine.ingest.classify import CITIES, PROVINCES
    except ImportError:  # the ingest stage is optional here
        return frozenset()
    return frozenset(set(PROVINCES) | set(PROVINCES.values()) | set(CITIES) | {c[:-1] for c in CITIES})


def complete_name(phrase: str, texts: Sequence[str], words: Callable[[str], list[str]],
                  stop: frozenset[str] = frozenset(), *, share: float = 0.6, max_len: int = 18,
                  min_count: float | None = None) -> str:
    """The whole name a fragment is cut from: the characters that ``share`` of the phrase's occurrences (two at
    least) carry on both sides within the same clause, trimmed to whole words with no verb or generic word at an
    end and no province or city before it. A place inside a name is part of it ("舟山江海联运服务中心", of which
    "联运服务中心" is a fragment — the place filter of :func:`candidates` cannot offer it); so is a number in a
    policy's name ("第二轮土地承包到期后再延长30年"). Returns ``phrase`` when no longer name is shared.

    >>> words = lambda s: __import__("jieba").lcut(s)
    >>> complete_name("联运服务中心", ["加快推进舟山江海联运服务中心建设", "全面推进舟山江海联运服务中心建设",
    ...                                "规划建设舟山江海联运服务中心和绿色石化基地"], words)
    '舟山江海联运服务中心'
    >>> complete_name("服务中心", ["建设政务服务中心", "建设养老服务中心"], words)
    '服务中心'
    """
    lefts: list[list[str]] = []
    rights: list[list[str]] = []
    for text in texts:
        for piece in _PIECE.split(text.replace("“", "").replace("”", "")):
            if phrase not in piece:
                continue
            # the piece's own words (segmented whole, as the candidates are), split around each occurrence
            spans, pos = [], 0
            for w in words(piece):
                spans.append((pos, pos + len(w), w))
                pos += len(w)
            for m in re.finditer(re.escape(phrase), piece):
                lefts.append([w for a, b, w in spans if b <= m.start()])
                rights.append([w for a, b, w in spans if a >= m.end()])
    n = len(lefts)
    if n < 2:
        return phrase
    # (``min_count``: fewer suffice — a name said in half the clauses a candidate counts, whatever the lists say)
    need = max(2, share * n if min_count is None else min(share * n, min_count))

    def grow(ctx: list[list[str]], left: bool) -> list[str]:
        got: list[str] = []
        last = 0
        for k in range(1, 9):  # whole words, never a character of one ("化事业单位")
            c = Counter(tuple(x[-k:] if left else x[:k]) for x in ctx if len(x) >= k)
            if not c:
                break
            s, m = c.most_common(1)[0]
            # (nor where the name splits into variants: 国家东南 / 省级 / 粤北 区域应急救援中心 share 区域应急救援中心)
            if m < need or m < 0.75 * last:
                break
            got, last = list(s), m
        return got

    regions = _region_names()
    from topicmine.topics.general import general_tag

    def bad_edge(w: str, left: bool) -> bool:
        tags = ("v", "d", "c", "p", "u") if left else ("d", "c", "p", "u")
        return w in _EDGE or (left and (w in GENERIC_TERMS or w in stop)) or _VERB_HEAD.search(w) is not None \
            or (general_tag(w) or "").startswith(tags) or (left and w in regions) or w in ("工作", "力度") \
            or (len(w) == 4 and (w[:2] in _EDGE or w[2:] in _EDGE)) or (not left and _TAIL.match(w) is not None)
    left, right = grow(lefts, True), grow(rights, False)
    # the words outside the phrase: a verb, a generic word or a region at the ends is no part of the name
    while left and bad_edge(left[0], True):
        left = left[1:]
    while right and bad_edge(right[-1], False) and not (right[-1] == "年" and len(right) > 1 and right[-2].isdigit()):
        right = right[:-1]
    ws = left + [phrase] + right
    name = "".join(ws)
    if phrase not in name or len(name) > max_len or name == phrase or any(x in name for x in "等的"):
        return phrase
    return name



#: what the clauses say before a thing to be avoided ("守牢不发生规模性返贫底线", "防止返贫", "杜绝……")
_AVOID = re.compile(r"(?:不|未|无|防止|杜绝|避免|严防|遏制|防范)(?:发生|出现)?$")


def _name_start(q: str, words: Callable[[str], list[str]]) -> str:
    """``q`` without the verbs, adverbs and negations a fragment may open with: a name does not start on what is done
    ("发生规模性" was a fragment of "不发生规模性返贫"; its completion "发生规模性返贫" read as the opposite of every
    clause — a sealed 福建 read).

    >>> _name_start("发生规模性返贫", lambda s: __import__("jieba").lcut(s))
    '规模性返贫'
    """
    from topicmine.topics.general import general_tag

    ws = words(q)
    while len(ws) > 1 and (general_tag(ws[0]) or "").startswith(("v", "d")) and ws[0] not in ("发展",):
        ws = ws[1:]
    return "".join(ws)


def _avoided(q: str, texts: Sequence[str]) -> str:
    """A thing the clauses mostly say to avoid is titled by the avoiding: "防止规模性返贫", never "规模性返贫" alone
    when "不发生规模性返贫" is what the reports say.

    >>> _avoided("规模性返贫", ["守牢不发生规模性返贫底线", "确保不发生规模性返贫", "防止规模性返贫"])
    '防止规模性返贫'
    >>> _avoided("高标准农田", ["建设高标准农田", "新建高标准农田"])
    '高标准农田'
    """
    before = [x[max(0, m.start() - 4):m.start()] for x in texts for m in re.finditer(re.escape(q), x)]
    if before and sum(bool(_AVOID.search(b)) for b in before) >= 0.5 * len(before):
        return "防止" + q
    return q


def _clean_name(q: str, texts: Sequence[str], docs: Sequence[object]) -> bool:
    """A completed name fit for a title: said in two documents, no count in it (a duration ending it is a
    policy's term: "延长30年"), names something, ≤ 18 characters."""
    body = re.sub(r"\d+年$", "", q)
    return 4 <= len(q) <= 18 and not _BAD.search(body) and names_object(q) and not is_measure_name(q, texts) \
        and len({d for x, d in zip(texts, list(docs) + [None] * len(texts)) if q in x}) >= 2


def whole_title(title: str, texts: Sequence[str], docs: Sequence[object], words: Callable[[str], list[str]],
                stop: frozenset[str], said: Mapping[str, int], fragments: Sequence[str], anchor: str, *,
                share: float = 0.6) -> str:
    """The whole term a title is cut from, when the clauses say it (an outside reader's weak titles were pieces:
    "联运服务中心" of 舟山江海联运服务中心, "遗址申遗" of 良渚古城遗址申遗, the bare object "产学研" of 省部院产学研合作,
    "宅基地空间置换" from 2 of 19 clauses that share 第二轮土地承包到期后再延长30年).

    1. a fragment the candidates dropped that the clauses say twice as often as the title, in a quarter of them,
       is completed (:func:`complete_name`) and taken: the term most clauses share, whole;
    2. a title that ``share`` of its occurrences continue leftwards (a place inside a name, which no candidate
       can hold) takes the whole name;
    3. a bare shared object takes the name a quarter of its occurrences say around it ("之江实验室",
       "省部院产学研合作"), or the pair of whole terms it is said with ("高新技术企业和科技型中小微企业").

    >>> words = lambda s: __import__("jieba").lcut(s)
    >>> ts = ["深化省部院产学研合作", "开展新一轮省部院产学研合作", "推进产学研协同创新", "加强产学研深度融合"]
    >>> whole_title("产学研", ts, ["a", "b", "c", "d"], words, frozenset(), {}, [], "产学研")
    '省部院产学研合作'
    """
    n = max(len(texts), 1)
    k_title = sum(title in x for x in texts)
    for f in sorted(fragments, key=lambda f: -said.get(f, 0)):
        k = said.get(f, 0)
        if k >= max(3, 2 * k_title, 0.25 * n):
            q = _name_start(complete_name(f, texts, words, stop, share=0.5, min_count=0.5 * k), words)
            if q != f and q not in title and _clean_name(q, texts, docs) and sum(q in x for x in texts) >= 0.5 * k:
                return _avoided(q, texts)
        break
    q = complete_name(title, texts, words, stop, share=share)
    if q != title and q.endswith(title) and not _AND.search(q[:-len(title)]) and _clean_name(q, texts, docs):
        return q
    if anchor and title.strip("“”") == anchor:
        q = complete_name(anchor, texts, words, stop, share=0.25)
        if q != anchor and _clean_name(q, texts, docs) and sum(q in x for x in texts) >= 0.25 * n:
            return q
        # a pair the reports name as one object ("高新技术企业和科技型中小微企业", the 双倍增 programme's): said in
        # fewer clauses than the object, but its other half, a whole term, is said in a quarter of them too
        q = complete_name(anchor, texts, words, stop, share=0.25, min_count=2)
        m = _AND.search(q)
        other = (q[m.end():] if q.startswith(anchor) else q[:m.start()]) if m and anchor in q else ""
        if len(other) >= 4 and _clean_name(q, texts, docs) and sum(other in x for x in texts) >= 0.25 * n:
            return q
    return title

