"""Linear-time replacements for the Markdown clean-up regexes that could backtrack quadratically.

A lazy regex such as ``\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*`` tries every ``**`` as an opener and, when
no closer follows, scans to the end of the line from each one: a 200 KB line of ``**a ``
costs ~10¹⁰ steps, and the regex engine holds the interpreter lock meanwhile (one upload
froze the whole service). Each function here gives exactly the result of ``rx.sub(r"\\1", s)``
for its regex (a property test compares them on random input) with ``str.find`` scans that
never look at a character twice more than a constant number of times. The key fact each
uses: the set of possible closers for a later opener is a subset of those for an earlier
one, so when one opener finds no closer, no later opener can, and the scan stops.
"""

from __future__ import annotations

__all__ = ["strip_delimited", "strip_paired", "strip_links", "is_table_separator"]


class _NextFinder:
    """``s.find(word, pos)`` for a few words, each search resumed where it stopped (linear overall)."""

    def __init__(self, s: str, words: tuple[str, ...]) -> None:
        self.s = s
        self.next = {w: -2 for w in words}  # -2: not searched yet

    def first(self, pos: int) -> tuple[int, str]:
        best, word = -1, ""
        for w, at in self.next.items():
            if at != -1 and at < pos:
                at = self.s.find(w, pos)
                self.next[w] = at
            if at >= 0 and (best < 0 or at < best):
                best, word = at, w
        return best, word


def strip_delimited(s: str, openers: tuple[str, ...], closers: tuple[str, ...]) -> str:
    """Remove every ``opener … closer`` span (shortest, leftmost first), like ``re.sub(r"<!--.*?-->", "", s, flags=re.S)``.

    Alternatives are allowed on both sides (Hugo shortcodes open with ``{{<``/``{{%`` and
    close with ``>}}``/``%}}``, in any combination, as the regex did); a closer may not
    overlap its opener.

    >>> strip_delimited("前文<!-- 注释 -->后文<!-- 未闭合", ("<!--",), ("-->",))
    '前文后文<!-- 未闭合'
    """
    out: list[str] = []
    pos = 0
    opens = _NextFinder(s, openers)
    closes = _NextFinder(s, closers)
    while True:
        i, op = opens.first(pos)
        if i < 0:
            break
        j, cl = closes.first(i + len(op))
        if j < 0:
            break  # no closer after this opener, so none after any later opener either
        out.append(s[pos:i])
        pos = j + len(cl)
    out.append(s[pos:])
    return "".join(out)


def strip_paired(s: str, delim: str) -> str:
    """``re.sub(rf"{D}(?=\\S)(.+?)(?<=\\S){D}", r"\\1", s)`` for a delimiter D (``**``, ``~~`` …), in linear time.

    The text between the delimiters must start and end with a non-space character and
    be at least one character long; ``s`` is one line (no newline inside a match).

    >>> strip_paired("**一、基本情况** 与 ~~删除~~", "**")
    '一、基本情况 与 ~~删除~~'
    >>> strip_paired("**a **a **a ", "**")
    '**a **a **a '
    """
    if "\n" in s:
        return "\n".join(strip_paired(line, delim) for line in s.split("\n"))
    d = len(delim)
    out: list[str] = []
    pos = 0
    i = s.find(delim)
    while i >= 0:
        body = i + d
        if body >= len(s) or s[body].isspace():
            i = s.find(delim, i + 1)  # not an opener; the next occurrence may be
            continue
        # smallest closer j ≥ body + 1 whose preceding character is not a space
        j = s.find(delim, body + 1)
        while j >= 0 and s[j - 1].isspace():
            j = s.find(delim, j + 1)
        if j < 0:
            break  # later openers have only a subset of these closers
        out.append(s[pos:i])
        out.append(s[body:j])
        pos = j + d
        i = s.find(delim, pos)
    out.append(s[pos:])
    return "".join(out)


def strip_links(s: str, opener: str, min_text: int, tail_open: str, tail_close: str) -> str:
    """``[text](url)`` → ``text`` (and ``![alt](src)``, ``[text][ref]``) in linear time.

    Equals ``re.sub(r"\\[([^\\]\\n]+)\\]\\([^)\\n]*\\)", r"\\1", s)`` with ``opener="["``,
    ``min_text=1``, ``tail_open="("``, ``tail_close=")"``; images use ``opener="!["`` and
    ``min_text=0``; reference links ``tail_open="["``, ``tail_close="]"``.

    >>> strip_links("详见[附件](a.pdf)，[未闭合", "[", 1, "(", ")")
    '详见附件，[未闭合'
    """
    out: list[str] = []
    pos = 0
    i = s.find(opener)
    while i >= 0:
        body = i + len(opener)
        k = s.find("]", body)
        if k < 0:
            break  # no "]" after this opener: no link can start here or later
        nl = s.find("\n", body, k)
        if nl >= 0:  # the text may not span lines: restart after the newline
            i = s.find(opener, nl + 1)
            continue
        if k - body < min_text:
            i = s.find(opener, i + 1)
            continue
        if not s.startswith(tail_open, k + 1):
            # every opener before k closes at the same "]" and fails the same way
            i = s.find(opener, k + 1)
            continue
        m = s.find(tail_close, k + 1 + len(tail_open))
        if m < 0:
            break  # no closing bracket for any later link either
        nl = s.find("\n", k, m)
        if nl >= 0:
            i = s.find(opener, nl + 1)
            continue
        out.append(s[pos:i])
        out.append(s[body:k])
        pos = m + len(tail_close)
        i = s.find(opener, pos)
    out.append(s[pos:])
    return "".join(out)


def _is_sep_cell(cell: str) -> bool:
    c = cell.strip(" \t")
    if c.startswith(":"):
        c = c[1:]
    if c.endswith(":"):
        c = c[:-1]
    return len(c) >= 2 and not c.strip("-")


def is_table_separator(line: str) -> bool:
    """A Markdown table rule (``|---|:--:|``), decided by splitting on ``|`` (the regex was quadratic on blanks).

    >>> is_table_separator("| --- | :---: |"), is_table_separator("|  数据 |")
    (True, False)
    """
    s = line.strip(" \t")
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return all(_is_sep_cell(c) for c in s.split("|"))
