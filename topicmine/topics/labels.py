"""Topic labels people can use: 3–6 diversified domain terms plus a short readable phrase.

Terms come from class-based TF-IDF over the passages' token lists (our jieba segmenter with the domain
dictionary). Three things BERTopic gets wrong on Chinese policy text are handled here:

* generic policy verbs and formulaic words (发展, 加快, 坚持, 推进 …) are excluded by a built-in list plus
  the caller's stop words — they are frequent in *every* topic, and c-TF-IDF alone still lets them in;
* terms jieba splits (营商 + 环境, 乡村 + 振兴) are re-joined when the pair is frequent and cohesive;
* near-synonyms (养老 / 养老服务 / 养老机构) are not all shown: terms are picked by maximal marginal
  relevance with a character-overlap similarity.

>>> labels = [0, 0, 0, 1, 1, 1]
>>> toks = [["养老", "服务", "社区"], ["养老服务", "社区", "老年人"], ["养老", "老年人", "护理"],
...         ["营商", "环境", "民营企业"], ["营商", "环境", "审批"], ["营商", "环境", "民营企业"]]
>>> out = label_topics(labels, toks, n_terms=3, min_count=1)
>>> out[1].terms[0]
'营商环境'
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from topicmine.text.wordlists import LABEL_GENERIC_TERMS
from topicmine.topics.boilerplate import FRAMING_RE

#: words frequent in every policy topic: verbs of doing, degree adverbs, formulaic nouns. Excluded from
#: labels in addition to the caller's stop words (corpus/dicts/stopwords.txt).
GENERIC_TERMS: frozenset[str] = LABEL_GENERIC_TERMS

_BAD_TERM = re.compile(r"^[\d０-９.,%％\-—·/+年月日号个万亿第]+$|^[a-zA-Z]$|[\s\W_]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_label_term(term: str, stopwords: Iterable[str] | frozenset[str] = frozenset()) -> bool:
    """A usable label term: ≥ 2 characters, has a CJK character or is a short Latin/digit acronym
    (5G, AI), no punctuation or whitespace, not a number or date, not a stop word.

    >>> [is_label_term(t) for t in ["营商环境", "发展", "2019年", "，", "水", "5G", "AI"]]
    [True, False, False, False, False, True, True]
    """
    if len(term) < 2 or term in GENERIC_TERMS or term in stopwords:
        return False
    if _BAD_TERM.search(term):
        return False
    if not _CJK.search(term) and not re.fullmatch(r"[A-Za-z0-9]{2,12}", term):
        return False
    if re.fullmatch(r"[\d]+", term):
        return False
    return True


def _char_sim(a: str, b: str) -> float:
    """Character-overlap similarity of two terms: 1 when one contains the other (养老 ⊂ 养老服务)."""
    if a in b or b in a:
        return 1.0
    sa, sb = set(a), set(b)
    return len(sa & sb) / min(len(sa), len(sb))


def _mmr(cands: list[str], scores: np.ndarray, k: int, diversity: float,
         cooc: np.ndarray | None = None) -> list[int]:
    """Maximal marginal relevance. ``cooc[i, j]``: how far term i and j are used together (share of the rarer
    term's passages holding both); a near-synonym (脱贫 / 扶贫: a shared character and used together) is
    not shown beside the term it repeats."""
    chosen: list[int] = []
    rel = scores / (scores.max() or 1.0)
    while len(chosen) < k and len(chosen) < len(cands):
        best, best_v = -1, -math.inf
        for i in range(len(cands)):
            if i in chosen:
                continue
            red = max((_char_sim(cands[i], cands[j]) for j in chosen), default=0.0)
            if red >= 1.0:  # a contained term is never shown beside its container
                continue
            if cooc is not None and any(_char_sim(cands[i], cands[j]) >= 0.5 and cooc[i, j] >= 0.5 for j in chosen):
                continue
            v = (1 - diversity) * rel[i] - diversity * red
            if v > best_v:
                best, best_v = i, v
        if best < 0:
            break
        chosen.append(best)
    return chosen


def find_compounds(
    token_lists: Sequence[Sequence[str]],
    *,
    min_count: int = 5,
    min_cohesion: float = 0.4,
    stopwords: Iterable[str] | frozenset[str] = frozenset(),
) -> set[tuple[str, str]]:
    """Adjacent token pairs that behave like one term (营商+环境, 乡村+振兴).

    Cohesion = count(ab) / min(count(a), count(b)): a pair whose rarer part almost always appears with
    the other. Both parts must be 2–3 characters (fragments, not whole dictionary words) and content
    words (not 的/和/推进).
    """
    uni: Counter[str] = Counter()
    bi: Counter[tuple[str, str]] = Counter()
    for toks in token_lists:
        uni.update(toks)
        bi.update(zip(toks, toks[1:]))
    sw = frozenset(stopwords)
    out = set()
    for (a, b), c in bi.items():
        if c < min_count or len(a) < 2 or len(b) < 2 or a == b:
            continue
        if not (_CJK.search(a) and _CJK.search(b)) or a in sw or b in sw:
            continue
        if a in GENERIC_TERMS and b in GENERIC_TERMS:
            continue
        # only short fragments are re-joined: two dictionary words side by side stay two terms
        if c / min(uni[a], uni[b]) >= min_cohesion and len(a) <= 3 and len(b) <= 3:
            out.add((a, b))
    return out


def _with_compounds(toks: Sequence[str], compounds: set[tuple[str, str]]) -> list[str]:
    """Tokens plus the joined compound of every cohesive adjacent pair (parts stay, MMR drops them)."""
    out = list(toks)
    out.extend(a + b for a, b in zip(toks, toks[1:]) if (a, b) in compounds)
    return out


def _cooccurrence(pool: list[str], passages: list[set[str]], comp: object = None, limit: int = 400) -> np.ndarray:
    """(i, j) → share of the rarer term's passages (of this topic) that also hold the other term."""
    idx = {w: i for i, w in enumerate(pool)}
    M = np.zeros((len(passages[:limit]), len(pool)), dtype=np.float32)
    for r, terms in enumerate(passages[:limit]):
        for w in terms:
            if w in idx:
                M[r, idx[w]] = 1.0
    both = M.T @ M
    n = np.diag(both).copy()
    rarer = np.minimum.outer(n, n)
    # fewer than three passages say nothing about two terms being used as one
    return np.where(rarer >= 3, both / np.maximum(rarer, 1.0), 0.0)


@dataclass
class TopicLabel:
    """A topic's label: ``terms`` (3–6, best first), their c-TF-IDF ``weights``, a readable ``phrase``.

    >>> TopicLabel(3, ["营商环境", "民营企业", "审批"], [0.9, 0.5, 0.3], "持续优化营商环境").name
    '营商环境·民营企业·审批'
    """

    topic: int
    terms: list[str]
    weights: list[float] = field(default_factory=list)
    phrase: str = ""
    #: a short title naming the matter, from the topic's own wording (topics.titles); the name when set
    title: str = ""

    @property
    def name(self) -> str:
        return self.title or "·".join(self.terms[:3])

    def to_dict(self) -> dict:
        return {"topic": self.topic, "terms": self.terms, "weights": self.weights, "phrase": self.phrase,
                "title": self.title, "name": self.name}


_CLAUSE_SPLIT = re.compile(r"[。；;！!？?\n]")
_LEAD = re.compile(r"^\s*([（(]?[一二三四五六七八九十\d]+[)）、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、]?|[—\-·•*]+)\s*")


def key_phrase(texts: Sequence[str], terms: Sequence[str], weights: Sequence[float], max_chars: int = 30) -> str:
    """The clause (between 。；！？) of the given passages that best covers the label terms, ≤ max_chars.

    >>> key_phrase(["坚持稳中求进。持续优化营商环境，支持民营企业发展壮大；加强审计监督。"],
    ...            ["营商环境", "民营企业"], [1.0, 0.6])
    '持续优化营商环境，支持民营企业发展壮大'
    >>> key_phrase(["我们也清醒地看到，退捕渔民就业仍有困难。做好长江退捕渔民安置保障工作。"], ["退捕渔民"], [1.0])
    '做好长江退捕渔民安置保障工作'
    """
    best, best_v = "", -math.inf
    for rank, t in enumerate(texts):
        for clause in _CLAUSE_SPLIT.split(t.replace("**", "")):
            c = _LEAD.sub("", clause).strip(" ，,：:、")
            if len(c) < 4:
                continue
            cover = sum(w for term, w in zip(terms, weights) if term in c)
            # prefer short clauses from the most central passages: a label, not a paragraph
            v = cover - 0.004 * max(0, len(c) - max_chars) - 0.02 * rank
            # a framing clause ("我们也清醒地看到…", "总体要求是…") names the report, not the matter: only
            # when nothing else is there
            if FRAMING_RE.search(c):
                v -= 1e6
            if v > best_v:
                best, best_v = c, v
    if len(best) > max_chars:
        # trim at the last comma inside the window, else hard-cut with an ellipsis
        cut = max(best.rfind(ch, 0, max_chars) for ch in "，,、")
        best = best[:cut] if cut >= 8 else best[: max_chars - 1] + "…"
    return best


def label_topics(
    labels: Sequence[int] | np.ndarray,
    token_lists: Sequence[Sequence[str]],
    *,
    n_terms: int = 5,
    stopwords: Iterable[str] | None = None,
    texts: Sequence[str] | None = None,
    representatives: dict[int, Sequence[int]] | None = None,
    diversity: float = 0.3,
    min_count: int = 2,
    compounds: bool = True,
    phrase_chars: int = 30,
) -> dict[int, TopicLabel]:
    """Label every topic (labels ≥ 0; -1 unassigned and -2 boilerplate are skipped).

    c-TF-IDF (per-topic presence counts × log(1 + mean topic size / term frequency)) over content terms,
    then MMR with character overlap for 3–6 distinct terms. ``texts`` + ``representatives`` (passage
    indices per topic, most central first) give the readable phrase; without them the phrase is the
    terms joined by "、".

    >>> out = label_topics([0, 0, -1], [["乡村", "振兴", "农村"], ["乡村", "振兴", "农民"], ["各位", "代表"]],
    ...                    n_terms=3, min_count=1)
    >>> out[0].terms[0], sorted(out[0].terms[1:])
    ('乡村振兴', ['农村', '农民'])
    """
    labels = np.asarray(labels)
    sw = frozenset(stopwords or ())
    topics = sorted(int(t) for t in np.unique(labels) if t >= 0)
    if not topics:
        return {}
    comp = find_compounds(token_lists, stopwords=sw, min_count=max(2, min_count)) if compounds else set()
    # presence (not raw) counts per topic: a term repeated ten times in one passage is one vote
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    members: dict[int, list[set[str]]] = defaultdict(list)
    for lab, toks in zip(labels, token_lists):
        if lab < 0:
            continue
        terms = {t for t in _with_compounds(toks, comp) if is_label_term(t, sw)}
        counts[int(lab)].update(terms)
        members[int(lab)].append(terms)
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    avg = np.mean([sum(c.values()) for c in counts.values()]) or 1.0
    out: dict[int, TopicLabel] = {}
    for t in topics:
        c = counts.get(t, Counter())
        cands = [w for w, n in c.items() if n >= min_count] or [w for w, _ in c.most_common(n_terms * 3)]
        if not cands:
            out[t] = TopicLabel(t, [], [], "")
            continue
        tf = np.array([c[w] for w in cands], dtype=float)
        idf = np.log(1.0 + avg / np.array([total[w] for w in cands], dtype=float))
        # longer domain terms are more informative than two-character fragments at equal score
        lenb = np.array([1.0 + 0.1 * min(len(w) - 2, 4) for w in cands])
        score = tf * idf * lenb
        top = np.argsort(-score, kind="stable")[: max(30, n_terms * 6)]
        pool = [cands[i] for i in top]
        chosen = _mmr(pool, score[top], n_terms, diversity, _cooccurrence(pool, members.get(t, []), comp))
        terms = [pool[i] for i in chosen]
        weights = [round(float(score[top][i]), 4) for i in chosen]
        phrase = ""
        if texts is not None:
            reps = list(representatives.get(t, [])) if representatives else [i for i in np.flatnonzero(labels == t)[:5]]
            phrase = key_phrase([texts[i] for i in reps[:5]], terms, weights, max_chars=phrase_chars)
        out[t] = TopicLabel(t, terms, weights, phrase or "、".join(terms[:3]))
    return out
