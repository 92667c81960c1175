"""Text helpers shared by the dedup modules: normalisation, char n-grams, proposal structure.

Lexical comparison works on a *normalised* string — no punctuation, no whitespace, ASCII
lower-cased — because two proposals that differ only in 标点 or line breaks are the same text.
Offsets for highlighting are always mapped back to the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from topicmine.text.parts import PART_LABELS, STAGE_LABELS, label_alternation

# punctuation / symbols / separators in any script (Unicode categories P*, S*, Z*, C*)
_DROP_CATS = ("P", "S", "Z", "C")


def _keep(ch: str) -> bool:
    return not unicodedata.category(ch).startswith(_DROP_CATS)


class _FoldTable(dict):
    """str.translate table: each code point → its NFKC, lower-cased form without punctuation,
    symbols or separators (None when nothing is left).

    Filled lazily per distinct code point (``__missing__``), so after the first occurrence a lookup
    is a C-level dict hit; one ``translate`` call then does folding and dropping at C speed, which
    matters for 10⁵ passages (NFKC over whole texts costs ~5x more).
    """

    def __missing__(self, cp: int) -> str | None:
        folded = "".join(c for c in unicodedata.normalize("NFKC", chr(cp)).lower() if _keep(c))
        v = folded or None
        self[cp] = v
        return v


_FOLD = _FoldTable()


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset in the original text.

    >>> normalize_with_map("建议：加快 5G 建设。")
    ('建议加快5g建设', [0, 1, 3, 4, 6, 7, 9, 10])
    """
    out: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        f = _FOLD[ord(ch)]
        if f:
            out.append(f)
            pos.extend([i] * len(f))
    return "".join(out), pos


def normalize(text: str) -> str:
    """Normalised text for lexical comparison: NFKC-folded (full-width → ASCII), lower case,
    no punctuation / symbols / whitespace — two proposals differing only in 标点 are the same text.

    >>> normalize("关于加强“菜篮子”工程建设的提案！ ５Ｇ")
    '关于加强菜篮子工程建设的提案5g'
    """
    return text.translate(_FOLD)


def fold_width(text: str) -> int:
    """The most normalised characters one character of ``text`` becomes (0 when all are dropped; 1 for plain
    Chinese text; more for a few compatibility characters: "㍻" → "平成").

    >>> fold_width("建议：加快5G建设。"), fold_width("㍻元年"), fold_width("。")
    (1, 2, 0)
    """
    return max((len(_FOLD[ord(ch)] or "") for ch in set(text)), default=0)


def codepoints(norm: str) -> np.ndarray:
    """uint64 array of the code points of a (normalised) string."""
    if not norm:
        return np.zeros(0, dtype=np.uint64)
    return np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def ngram_ids(norm: str, n: int = 3) -> np.ndarray:
    """Unique integer ids of the char n-grams (code points packed 21 bits each; exact, no collisions for n≤3).

    Texts shorter than ``n`` yield one gram (the whole text) so short titles still compare.

    >>> len(ngram_ids("乡村振兴乡村", 3))   # 乡村振 村振兴 振兴乡 兴乡村
    4
    """
    cp = codepoints(norm)
    if cp.size == 0:
        return cp
    if cp.size < n:
        n = int(cp.size)
    ids = np.zeros(cp.size - n + 1, dtype=np.uint64)
    for k in range(n):
        # for n > 3 the high bits wrap (uint64): then ids are hashes, collisions negligible
        ids = (ids << np.uint64(21)) ^ cp[k : cp.size - n + 1 + k]
    return np.unique(ids)


def ngram_set(norm: str, n: int = 3) -> frozenset[str]:
    """Char n-gram set (as strings) — for small comparisons and explanations."""
    if len(norm) < n:
        return frozenset([norm]) if norm else frozenset()
    return frozenset(norm[i : i + n] for i in range(len(norm) - n + 1))


#: texts up to this length keep their normalised form and its char 3-gram set (128 texts kept: ~70 MB if all were
#: 5,000 characters, a few MB for proposal-sized texts)
GRAMS_CACHE_MAX_CHARS = 5_000


def normalized_grams(text: str) -> tuple[str, frozenset[str]]:
    """``(normalize(text), ngram_set(normalize(text), 3))``, computed once per text: a check compares the draft
    with every candidate, and a split's drafts meet the same past items again (the 3-gram candidates, the
    matter decision's ``jac3``, the document lengths).

    >>> n, grams = normalized_grams("加强，养老")
    >>> n, sorted(grams)
    ('加强养老', ['加强养', '强养老'])
    """
    return _grams_kept(text) if len(text) <= GRAMS_CACHE_MAX_CHARS else _grams_kept.__wrapped__(text)


@lru_cache(maxsize=128)
def _grams_kept(text: str) -> tuple[str, frozenset[str]]:
    n = normalize(text)
    return n, ngram_set(n, 3)


def jaccard(a: frozenset | set, b: frozenset | set) -> float:
    """|A∩B| / |A∪B| (0 when both empty)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(a: frozenset | set, b: frozenset | set) -> float:
    """|A∩B| / min(|A|,|B|): 1.0 when the shorter text is copied inside the longer one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# ---- structure: 情况 / 问题 / 建议 -------------------------------------------------------------

# part labels from the text layer's one table (调研情况/问题分析/具体建议 …); the suggestion part starts at the first
# suggestion label that sits at a line start or after a heading number.
_SUGG_MARKERS = tuple(k for k, v in PART_LABELS.items() if v == "suggestion" and k in STAGE_LABELS["dedup"])
# a marker counts at a line start or after a sentence end / whitespace (PDF text is hard-wrapped, so
# "具体建议：" often sits mid-line), optionally numbered, and must be followed by a colon within 12 chars
_HEAD_RE = re.compile(
    r"(?:^|(?<=[\s。；！？]))(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\d+[、.．])?[ \t　]*"
    r"(?P<m>" + label_alternation(stage="dedup") + r")[^\n。；]{0,12}?[：:]"
)


@dataclass(frozen=True)
class Parts:
    """The background (情况+问题) and suggestion (建议/对策) parts of a text, with offsets.

    ``by_marker`` says whether the split came from headings (调研情况/问题分析/具体建议 …) or,
    lacking them, from the last third of the text.
    """

    background: tuple[int, int]
    suggestion: tuple[int, int]
    by_marker: bool


def split_parts(text: str) -> Parts:
    """Split a proposal into background and suggestion parts.

    >>> t = "调研情况：我省养老机构床位空置率高。\\n问题分析：护理人员不足。\\n具体建议：一是加大培训补贴。"
    >>> p = split_parts(t); t[p.suggestion[0]:p.suggestion[1]]
    '具体建议：一是加大培训补贴。'
    >>> split_parts("一句没有标记的话，最后三分之一当作建议。").by_marker
    False
    """
    sugg_start = None
    for m in _HEAD_RE.finditer(text):
        if m.group("m") in _SUGG_MARKERS and m.start("m") > 0.15 * len(text):
            sugg_start = m.start("m")
            # the *last* suggestion heading would cut off earlier items; keep the first one
            break
    if sugg_start is not None:
        return Parts((0, sugg_start), (sugg_start, len(text)), True)
    cut = (2 * len(text)) // 3
    return Parts((0, cut), (cut, len(text)), False)
