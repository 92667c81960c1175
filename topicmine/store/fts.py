"""FTS5 query building and snippet highlighting, kept apart from SQL execution.

Security rule: a user's word never reaches FTS5 as syntax. Every word becomes an FTS5
*string* (``"..."`` with ``"`` doubled), so ``*``, ``:``, ``^``, ``-``, ``(``, ``NEAR``,
``AND``/``OR``/``NOT`` inside it are literal text; the MATCH expression itself and every
filter are bound as SQL parameters, never formatted into the statement.

>>> print(match_expression(["营商环境", 'a"b', "NEAR(", "*"]))
"营商环境" OR "a""b" OR "NEAR("
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence


def _is_token_char(ch: str) -> bool:
    # Mirrors FTS5's unicode61 tokenizer: letters, numbers and private-use characters
    # make tokens, everything else (punctuation, symbols, spaces) separates them.
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat == "Co"


def clean_words(words: Iterable[str]) -> list[str]:
    """Strip words and drop those FTS5 would tokenise to nothing; keep first occurrences.

    A word made only of punctuation (``"``, ``*``, ``（``) would become an empty phrase,
    which FTS5 accepts but which corrupts bm25 ranking of the whole OR query.

    >>> clean_words([" 营商环境 ", "*", "营商环境", "5G"])
    ['营商环境', '5G']
    """
    seen: set[str] = set()
    out: list[str] = []
    for w in words:
        w = str(w).strip()
        key = w.casefold()
        if not w or key in seen or not any(_is_token_char(c) for c in w):
            continue
        seen.add(key)
        out.append(w)
    return out


def quote(word: str) -> str:
    r'''Quote one word as an FTS5 string literal (``"`` doubled).

    >>> print(quote('"; DROP TABLE documents; --'))
    """; DROP TABLE documents; --"
    >>> print(quote("NEAR(营商 环境)"))
    "NEAR(营商 环境)"
    '''
    return '"' + word.replace('"', '""') + '"'


def match_expression(words: Sequence[str]) -> str:
    """OR of quoted words: any word matches, bm25 rewards passages with more of them.

    Inside a string FTS5 runs the table's tokenizer, so ``a-b`` becomes the phrase
    ``a b`` — the same tokens an indexed passage has — and syntax never applies.
    Returns ``""`` when no word has any letter or digit (the caller then finds nothing).
    """
    return " OR ".join(quote(w) for w in clean_words(words))


def find_matches(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Character offsets ``[start, end)`` of every query word in ``text`` (no overlaps).

    Longer words win where matches overlap, so ``营商环境`` is highlighted whole even if
    ``营商`` was also asked for.

    >>> find_matches("优化营商环境，营商主体", ["营商", "营商环境"])
    [(2, 6), (7, 9)]
    """
    if isinstance(words, str):
        words = [words]
    cleaned = sorted(clean_words(words), key=len, reverse=True)
    if not cleaned:
        return []
    pattern = re.compile("|".join(re.escape(w) for w in cleaned), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def snippet(
    text: str,
    matches: Sequence[tuple[int, int]],
    *,
    width: int = 120,
    open_mark: str = "【",
    close_mark: str = "】",
    ellipsis: str = "…",
) -> str:
    """A window of about ``width`` characters of ``text`` around the densest run of matches,
    with each match wrapped in 【】.

    >>> snippet("各地要持续优化营商环境，减轻企业负担。", [(7, 11)], width=10)
    '…续优化【营商环境】，减轻…'
    """
    if not text:
        return ""
    if not matches:
        cut = text[:width]
        return cut + (ellipsis if len(text) > width else "")
    # choose the window start that covers the most matches (matches are sorted)
    best_i, best_n = 0, 0
    j = 0
    for i, (s, _) in enumerate(matches):
        while j < len(matches) and matches[j][1] <= s + width:
            j += 1
        if j - i > best_n:
            best_i, best_n = i, j - i
    first_s, _ = matches[best_i]
    last_e = matches[best_i + best_n - 1][1]
    slack = max(0, width - (last_e - first_s))
    lo = max(0, first_s - slack // 2)
    hi = min(len(text), max(last_e, lo + width))
    lo = max(0, min(lo, hi - width))
    parts: list[str] = [ellipsis] if lo > 0 else []
    pos = lo
    for s, e in matches:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        parts.append(text[pos:s])
        parts.append(open_mark + text[s:e] + close_mark)
        pos = e
    parts.append(text[pos:hi])
    if hi < len(text):
        parts.append(ellipsis)
    return "".join(parts)
