"""Recognise formulaic passages (套话) so they stay out of topics — flagged, never deleted.

Two signals, either suffices:

1. **Patterns** — the fixed formulas of government work reports and Party documents: the opening
   ("现在，我代表江苏省人民政府向大会报告政府工作，请予审议"), thanks ("向……表示崇高的敬意和衷心的感谢"),
   datelines ("——2026年2月3日在江苏省第十四届人民代表大会第五次会议上", "省长 刘小涛"), the closing call
   ("让我们更加紧密地团结在以习近平同志为核心的党中央周围……") and bare address lines ("各位代表：").
   A built-in list ships here; ``corpus/dicts/formulaic.txt`` (one regular expression per line, ``#``
   comments) may add more.
2. **Corpus repetition** — a passage whose wording recurs nearly verbatim in many *other* documents
   (years, regions). Government reports copy their framing sentences from year to year; a real topic
   is worded differently each time. Measured with bottom-k sketches of character 4-grams, so it stays
   linear in the corpus size (10⁶ passages) and deterministic (no Python ``hash``).

>>> flags = flag_boilerplate(["各位代表：", "现在，我代表省人民政府向大会报告工作，请予审议。",
...                           "加快建设现代化综合交通运输体系，推进沿江城市群城际铁路建设。"])
>>> flags.tolist()
[True, True, False]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from topicmine.text.lexicon import read_word_list
from topicmine.text.wordlists import FRAMING_TERMS as _FRAMING_TERMS

#: built-in formulas: (reason, regular expression). Anchors matter: a pattern that would also match
#: a substantive paragraph (e.g. one merely starting with "各位代表！") is restricted to short passages
#: by the ``max_chars`` column of _SHORT_ONLY below.
BUILTIN_PATTERNS: list[tuple[str, str]] = [
    # openings
    ("opening", r"现在[，,]?\s*我代表.{0,30}向(本次)?大会(作|报告)"),
    ("opening", r"请予审议"),
    ("opening", r"请(各位)?(政协委员|列席人员).{0,12}提出意见"),
    ("opening", r"受.{0,20}委托[，,].{0,10}向(本次)?大会(作|报告)"),
    # thanks
    ("thanks", r"(表示|致以)(崇高的|诚挚的|衷心的)?(敬意|感谢|谢意)"),
    ("thanks", r"向.{0,80}(表示|致以).{0,6}(敬意|感谢)"),
    # datelines and signatures
    ("dateline", r"^[—－\-–]*\s*[（(]?\s*(19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,40}(会议|大会)(上|(审议)?通过|批准)?[）)]?$"),
    ("dateline", r"^[—－\-–]*\s*[（(]?\s*[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日.{0,40}(会议|大会)?(上)?[）)]?$"),
    ("dateline", r"^[（(]\s*(19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*\S{0,6}\s*[）)]$"),
    ("dateline", r"^(\S{0,12}(省|市|自治区|区|县))?\s*(代理)?(省长|市长|主席|区长|县长|州长|总理)\s*\S{1,2}\s?\S{1,3}$"),
    ("dateline", r"^(政府工作报告|工作报告)$"),
    # a document's own title line repeated as a passage: "中国共产党苏州市第十三届委员会第五次全体会议决议（节选）"
    ("heading", r"^#*\s*\S{0,30}第\S{1,4}届\S{0,16}第\S{1,3}次(全体)?会议\S{0,8}(决议|公报|决定)(（节选）|\(节选\))?$"),
    # closing calls
    ("closing", r"让我们.{0,20}团结在.{0,30}(党中央|核心)"),
    ("closing", r"(紧密地?|更加紧密地)团结在以.{0,12}同志为(核心|总书记)的党中央周围"),
    ("closing", r"为.{0,60}而(努力|不懈)?奋斗[！!。]?$"),
    # bare addresses and page chrome
    ("address", r"^(各位代表|各位委员|同志们)[：:！!，,。]?$"),
    ("chrome", r"^<!--.*-->$"),
    ("chrome", r"^(下载|打印|全屏|字号|【?[大中小]】?|分享到|来源[:：].{0,30})$"),
    # bare structural headings of report framing (回顾 / 总体要求 / 自身建设 as a heading only)
    (
        "heading",
        r"^[一二三四五六七八九十]+[、.．]\s*\S{0,12}(工作回顾|主要任务|总体要求|目标任务|重点工作|政府自身建设)\S{0,6}$",
    ),
]

# reasons whose pattern is only trusted on passages up to this many characters (a long paragraph that
# merely ends "…而努力奋斗" may still carry substance; the closing call itself is rarely longer)
_SHORT_ONLY: dict[str, int] = {"closing": 600, "thanks": 400, "address": 12, "opening": 160}
# extra (file) formulas flag passages up to this length, or longer ones this much covered by formulas
_DICT_SHORT = 40
_DICT_COVER = 0.3


def load_patterns(path: str | Path | None = None) -> list[tuple[str, re.Pattern[str]]]:
    """The built-in formulas plus one regular expression per line of ``path`` (``#`` starts a comment).

    Lines that are not valid regular expressions are taken literally (an office editing the list by hand
    should not crash the pipeline with a stray bracket).
    """
    out: list[tuple[str, re.Pattern[str]]] = [(r, re.compile(p)) for r, p in BUILTIN_PATTERNS]
    if path is not None and Path(path).is_file():
        for line in read_word_list(path, "formulaic pattern list"):
            try:
                out.append(("dict", re.compile(line)))
            except re.error:
                out.append(("dict", re.compile(re.escape(line))))
    return out


def _pattern_reason(text: str, patterns: list[tuple[str, re.Pattern[str]]]) -> str | None:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) > 1:
        # the segmenter joins short paragraphs: a title, a dateline and "各位代表：" arrive as one passage
        # ("政府工作报告\n\n——2024年1月8日在苏州市第十七届人民代表大会第三次会议上\n\n各位代表："). The anchored
        # formulas are written for one line each, so such a passage is also formulaic when every line is
        reasons = [_line_reason(ln, patterns) for ln in lines]
        if all(reasons):
            return reasons[0]
    return _line_reason(text, patterns)


def _line_reason(text: str, patterns: list[tuple[str, re.Pattern[str]]]) -> str | None:
    t = text.strip().replace("**", "")
    covered = np.zeros(len(t), dtype=bool) if t else None
    for reason, pat in patterns:
        if reason == "dict":
            # the office's list holds framing phrases ("坚持稳中求进工作总基调") that also open substantive
            # paragraphs: they flag a short passage, or one mostly made of such phrases
            for m in pat.finditer(t):
                covered[m.start() : m.end()] = True
            continue
        limit = _SHORT_ONLY.get(reason)
        if limit is not None and len(t) > limit:
            continue
        if pat.search(t):
            return reason
    if covered is not None and covered.any() and (len(t) <= _DICT_SHORT or covered.mean() >= _DICT_COVER):
        return "dict"
    return None


# --------------------------------------------------------------------------------------------------
# corpus-level repetition
# --------------------------------------------------------------------------------------------------
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _gram_hashes(text: str, n: int) -> np.ndarray:
    """Deterministic 64-bit hashes of the character n-grams of ``text`` (vectorised)."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(cps) < n:
        cps = np.concatenate([cps, np.zeros(n - len(cps), dtype=np.uint64)]) if len(cps) else cps
        if len(cps) == 0:
            return np.zeros(0, dtype=np.uint64)
    m = len(cps) - n + 1
    h = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(n):
            h = h * np.uint64(1_000_003) + cps[i : i + m]
        # splitmix64 finaliser: spreads the polynomial hash so "smallest k" is a fair sample
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return h


_STRIP = re.compile(r"[\s\d０-９.,，。、；;：:！!？?“”\"'‘’（）()《》【】%％·\-—*#]+")


def repetition_share(
    texts: Sequence[str],
    doc_ids: Sequence[object] | None = None,
    *,
    ngram: int = 4,
    sketch: int = 64,
    min_docs: int = 3,
    show_progress: bool | None = None,
) -> np.ndarray:
    """Share (0–1) of each passage's n-gram sketch that also occurs in ≥ ``min_docs`` other documents.

    Digits and punctuation are removed first so "2019年" vs "2020年" does not hide a copied sentence.
    Without ``doc_ids`` every passage counts as its own document.
    """
    from topicmine.progress import progress

    n = len(texts)
    docs = np.arange(n) if doc_ids is None else np.unique(np.asarray([str(d) for d in doc_ids]), return_inverse=True)[1]
    sk_list: list[np.ndarray] = []
    for t in progress(texts, desc="套话检测", total=n, show=show_progress, unit="段"):
        h = np.unique(_gram_hashes(_STRIP.sub("", t), ngram))
        sk_list.append(h[:sketch])  # np.unique sorts: the bottom-k sketch
    lens = np.fromiter((len(s) for s in sk_list), dtype=np.int64, count=n)
    if lens.sum() == 0:
        return np.zeros(n)
    grams = np.concatenate(sk_list)
    owner = np.repeat(np.arange(n), lens)
    gdoc = docs[owner]
    # distinct (gram, doc) pairs → number of documents per gram
    pair = np.unique(np.stack([grams, gdoc.astype(np.uint64)], axis=1), axis=0)
    ug, doc_count = np.unique(pair[:, 0], return_counts=True)
    per_gram = doc_count[np.searchsorted(ug, grams)] - 1  # other documents than the passage's own
    hit = (per_gram >= min_docs).astype(np.float64)
    share = np.bincount(owner, weights=hit, minlength=n) / np.maximum(lens, 1)
    return share


#: framing sentences that are formulaic but open substantive paragraphs too: never enough to flag one
#: passage, but a *topic* made mostly of them is a framing topic, not a research topic
FRAMING_PATTERNS: list[str] = [
    r"总体要求是",
    r"指导思想",
    r"清醒地?(看到|认识到)",
    r"以.{0,40}(理论|思想|科学发展观)为指导",
    r"高举.{0,30}旗帜",
    r"^(各位代表[，,！!]?)?(过去的?一年|过去五年|一年来|五年来|新的一年|今后五年)",
    r"(今年|明年)(政府工作|经济社会发展)的?(总体要求|主要预期目标|首要任务)",
    r"本届政府",
    r"(成绩|成就)的取得",
    # the opening of a Party plenum resolution: "……第五次全体会议，在市委常委会主持下，于……举行。全会深入学习……"
    r"第\S{1,4}届\S{0,16}第\S{1,3}次全体会议[，,]?.{0,20}(主持下|于.{0,20}举行)",
    r"^全会(深入学习|听取|审议|认为|强调|指出|号召)",
    # the bridges between a report's parts: "做好今年的工作，必须…", "实现上述目标，必须…", "重点要抓好十个方面工作"
    r"(做好|实现)(今年|明年|今后五年|上述|今年发展)的?(各项)?(工作|目标|发展目标|目标任务)[，,]?.{0,6}(必须|要)",
    r"(抓好|做好|突出)[一二三四五六七八九十]+个方面(的)?(重点)?工作",
    r"(今后五年|未来五年)(的)?(奋斗目标|目标任务|主要目标)",
    r"极不寻常.{0,3}极不平凡",
    r"^(我们坚信|我们相信|我们深知|我们深切体会到)",
    r"新时代赋予新使命|新征程呼唤新作为",
    r"牢记.{0,16}(殷切)?嘱托",
    # the outlook on the situation (形势分析) that opens the year's plan: "展望2012年，我们既面临着诸多严峻挑战，
    # 也拥有难得的发展机遇", "机遇与挑战并存", "仍处于重要战略机遇期"
    r"^展望(今年|明年|未来|新的一年|(19|20)\d\d年|“十.五”)",
    r"(机遇|挑战)(与|和)(挑战|机遇)并存|机遇大于挑战|重要(战略)?机遇期",
    r"(既|也)(面临|有).{0,12}(挑战|困难).{0,20}(也|又)(有|面临|拥有|具备).{0,12}(机遇|条件|优势)",
    r"(国际|国内|外部)(形势|环境)(依然|仍然|更加|日趋|错综)?.{0,4}(复杂|严峻|多变)",
]


#: all framing phrases as one expression (formula_share, and labels' phrase choice)
FRAMING_RE = re.compile("|".join(f"(?:{p})" for p in FRAMING_PATTERNS))


#: words of a report's situation analysis and stock-taking (形势, 机遇, 挑战, 困难, 成绩 …): a topic labelled by these
#: alone is the report talking about itself ("我们既面临诸多困难和挑战，也拥有难得的发展机遇"), whatever its wording
FRAMING_TERMS: frozenset[str] = _FRAMING_TERMS


def is_framing_label(terms: Sequence[str], top: int = 3) -> bool:
    """True when a topic's ``top`` best label terms are all situation/stock-taking words (:data:`FRAMING_TERMS`).

    >>> is_framing_label(["困难", "机遇", "面临", "经济"])
    True
    >>> is_framing_label(["困难群众", "救助", "机遇"])
    False
    """
    head = [t for t in terms[:top] if t]
    return len(head) >= min(top, 2) and all(t in FRAMING_TERMS for t in head)


def formula_share(
    texts: Sequence[str], labels: Sequence[int] | np.ndarray, *, patterns_path: str | Path | None = None
) -> dict[int, float]:
    """Per topic (labels ≥ 0): share of its passages containing a formula or framing phrase anywhere.

    Used to drop framing topics ("我们也清醒地看到…", "总体要求是…") from the ranking: each such passage
    also carries some substance, but a topic made of them is about the report, not about a matter.

    >>> formula_share(["政府工作的总体要求是：坚持稳中求进", "推进太湖治理"], [0, 1])
    {0: 1.0, 1: 0.0}
    """
    pats = [p for _, p in load_patterns(patterns_path)] + [FRAMING_RE]
    labels = np.asarray(labels)
    out: dict[int, float] = {}
    for t in sorted(int(x) for x in np.unique(labels) if x >= 0):
        idx = np.flatnonzero(labels == t)
        hits = sum(1 for i in idx if any(p.search(texts[i]) for p in pats))
        out[t] = hits / len(idx)
    return out


def boilerplate_reasons(
    texts: Sequence[str],
    doc_ids: Sequence[object] | None = None,
    *,
    patterns_path: str | Path | None = None,
    min_chars: int = 8,
    repeat_share: float = 0.6,
    min_docs: int = 3,
    show_progress: bool | None = None,
) -> list[str | None]:
    """Why each passage is formulaic (``opening``, ``thanks``, ``dateline``, ``closing``, ``address``,
    ``chrome``, ``heading``, ``dict``, ``repeated``, ``short``) or ``None`` for a passage to cluster.

    ``repeated``: at least ``repeat_share`` of its wording recurs in ≥ ``min_docs`` other documents
    (only checked when ``doc_ids`` are given — repetition across passages of one document is normal).
    ``short``: fewer than ``min_chars`` characters of text, too little to carry a topic.

    >>> boilerplate_reasons(["向全省人民表示崇高的敬意和衷心的感谢！", "省长 吴政隆", "推进城市更新行动"])
    ['thanks', 'dateline', None]
    """
    pats = load_patterns(patterns_path)
    out: list[str | None] = []
    for t in texts:
        core = _STRIP.sub("", t)
        r = _pattern_reason(t, pats)
        if r is None and len(core) < min_chars:
            r = "short"
        out.append(r)
    if doc_ids is not None and len(texts) > 0 and len(set(map(str, doc_ids))) > min_docs:
        share = repetition_share(texts, doc_ids, min_docs=min_docs, show_progress=show_progress)
        for i, s in enumerate(share):
            if out[i] is None and s >= repeat_share:
                out[i] = "repeated"
    return out


def flag_boilerplate(
    texts: Sequence[str],
    doc_ids: Sequence[object] | None = None,
    *,
    patterns_path: str | Path | None = None,
    min_chars: int = 8,
    repeat_share: float = 0.6,
    min_docs: int = 3,
    show_progress: bool | None = None,
) -> np.ndarray:
    """Boolean mask: True for formulaic passages (套话) to keep out of topics.

    ``patterns_path``: optional extra formulas (e.g. ``corpus/dicts/formulaic.txt``), one regex per line.
    ``doc_ids``: the document of each passage; enables the corpus-level repetition signal.

    >>> flag_boilerplate(["让我们更加紧密地团结在以习近平同志为核心的党中央周围，为谱写新篇章而努力奋斗！",
    ...                   "深入实施乡村振兴战略，推进农业农村现代化。"]).tolist()
    [True, False]
    """
    reasons = boilerplate_reasons(
        texts,
        doc_ids,
        patterns_path=patterns_path,
        min_chars=min_chars,
        repeat_share=repeat_share,
        min_docs=min_docs,
        show_progress=show_progress,
    )
    return np.array([r is not None for r in reasons], dtype=bool)
