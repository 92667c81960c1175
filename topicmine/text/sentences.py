"""The one sentence splitter of topicmine: Chinese sentences with character offsets.

Every stage (segmentation, drafting, dedup explanations) splits sentences here, so a sentence is the same
thing everywhere. Rules:

- a sentence ends after 。！？!? (and ；; when ``semicolon=True``, the default) and after an ellipsis
  ``……``; a run of terminators (。”。 / ？！ / ！……) is one end;
- closing quotes and brackets after the end stay with their sentence (。” ！」 ’ ）), so
  ``他说：“要抓落实。”我们照办！……好`` → ``他说：“要抓落实。”`` | ``我们照办！……`` | ``好``;
- never inside 《》 or brackets （）()【】〔〕: a terminator inside an unclosed pair does not end the
  sentence (``《关于“十四五”规划的建议？》`` stays whole), up to the line end;
- line breaks: ``lines="break"`` (default) ends a sentence at every line break; ``lines="paragraph"``
  only at a paragraph break — after sentence punctuation or a colon, at a blank line, or after a short
  line that is whole (a heading) — so a hard-wrapped line (PDF paste) does not end a sentence.

Spans are half-open ``(start, end)`` into the text given and *stripped* (never start or end on
whitespace); together they cover every non-space character of the range, in order.

>>> t = '他说："要抓落实。"我们照办！……好'
>>> [t[a:b] for a, b in sentence_spans(t)]
['他说："要抓落实。"', '我们照办！……', '好']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

__all__ = ["sentence_spans", "sentences", "LINE_BREAKS", "CLOSERS"]

#: all line breaks of str.splitlines() (each is also whitespace)
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: closing quotes/brackets (and Markdown ``**``) that belong to the sentence they follow
CLOSERS = "”’\"'」』）)\\]】》〕〉*"
#: opening → closing pairs a sentence is never cut inside of
_PAIRS = {"《": "》", "（": "）", "(": ")", "【": "】", "〔": "〕"}
#: a paragraph break after a line this short that holds no inner sentence end (a heading line)
SHORT_LINE = 30


@lru_cache(maxsize=4)
def _pattern(semicolon: bool) -> re.Pattern[str]:
    """The sentence regex: a terminator run alone, or a non-space char, then anything but line breaks
    and terminators, ending with a terminator run or (backtracking over trailing spaces only) at the
    last non-space character before a line break / the range end. One regex pass, no per-char Python."""
    terms = "。！？!?" + ("；;" if semicolon else "")
    run = rf"(?:(?:[{terms}]|…+)+[{re.escape(CLOSERS)}]*)+"
    return re.compile(
        rf"{run}|\S[^{LINE_BREAKS}{terms}…]*(?:{run}|(?<=\S)(?=[^\S{LINE_BREAKS}]*(?:[{LINE_BREAKS}]|\Z)))"
    )


def _unbalanced(piece: str) -> bool:
    """Whether a piece's sentence end lies inside 《》 or brackets: the piece without its trailing
    closers leaves one open ("学习《关于……的建议？》" ended at ？ inside the title). Cheap: counts, and
    only for pieces holding an opener. A piece that *is* a parenthetical ("（详见附件。）") ends normally."""
    piece = piece.rstrip(CLOSERS)
    if piece[:1] in _PAIRS:
        piece = piece[1:]
    for o, c in _PAIRS.items():
        if o in piece and piece.count(o) > piece.count(c):
            # a half-width opener closed full-width ("(国办发〔2017〕5号）") or the reverse is closed
            if o in "(（" and piece.count("(") + piece.count("（") <= piece.count(")") + piece.count("）"):
                continue
            return True
    return False


def _has_break(text: str, a: int, b: int) -> bool:
    return any(ch in LINE_BREAKS for ch in text[a:b])


def sentence_spans(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    semicolon: bool = True,
    lines: Literal["break", "paragraph"] = "break",
) -> list[tuple[int, int]]:
    """(start, end) of each stripped sentence of ``text[start:end]`` (clamped into the text).

    >>> t = "会议指出：“要抓落实。”\\n一是稳增长；二是促改革！"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['会议指出：“要抓落实。”', '一是稳增长；', '二是促改革！']
    >>> [t[a:b] for a, b in sentence_spans(t, semicolon=False)]
    ['会议指出：“要抓落实。”', '一是稳增长；二是促改革！']
    >>> w = "近年来国家和各地对城市公共厕所的建设、运营与日常管理工作以及厕所革命中的\\n问题的关注日益增加。\\n一、基本情况\\n好"
    >>> [w[a:b] for a, b in sentence_spans(w, lines="paragraph")]
    ['近年来国家和各地对城市公共厕所的建设、运营与日常管理工作以及厕所革命中的\\n问题的关注日益增加。', '一、基本情况', '好']
    >>> b = "学习《关于“十四五”规划的建议？》精神。下一句"
    >>> [b[x:y] for x, y in sentence_spans(b)]
    ['学习《关于“十四五”规划的建议？》精神。', '下一句']
    >>> m = "见(国办发〔2017〕5号）。下一句"
    >>> [m[x:y] for x, y in sentence_spans(m)]
    ['见(国办发〔2017〕5号）。', '下一句']
    """
    n = len(text)
    start = min(max(start, 0), n)
    end = n if end is None else min(max(end, start), n)
    spans = [m.span() for m in _pattern(semicolon).finditer(text, start, end)]
    if not spans:
        return spans
    out: list[tuple[int, int]] = [spans[0]]
    open_pair = _unbalanced(text[spans[0][0] : spans[0][1]])
    for a, b in spans[1:]:
        pa, pb = out[-1]
        gap_break = _has_break(text, pb, a)
        join = False
        if open_pair and not gap_break:
            join = True  # a terminator inside 《…》 / （…）: the sentence goes on
        elif lines == "paragraph" and gap_break and _wrapped(text, pa, pb, a):
            join = True
        if join:
            out[-1] = (pa, b)
            open_pair = _unbalanced(text[pa:b])
        else:
            out.append((a, b))
            open_pair = _unbalanced(text[a:b])
    return out


def _wrapped(text: str, pa: int, pb: int, nxt: int) -> bool:
    """Whether the line break between a piece ending at ``pb`` and the next at ``nxt`` is a hard wrap
    (not a paragraph break): the piece ends without sentence punctuation or colon, no blank line lies
    between, and the piece is not a short whole line (a heading)."""
    last = text[pb - 1]
    if last in "。！？!?；;：:…" or last in CLOSERS and pb - pa > 1 and text[pb - 2] in "。！？!?；;…":
        return False
    gap = text[pb:nxt]
    if sum(gap.count(c) for c in "\n\r\u2028\u2029") >= 2:
        return False  # a blank line: a paragraph break
    line_start = max(text.rfind("\n", 0, pa) + 1, 0)
    whole_line = not text[line_start:pa].strip()
    return not (whole_line and pb - pa <= SHORT_LINE)


def sentences(text: str, start: int = 0, end: int | None = None, **options: object) -> list[str]:
    """The sentence texts of :func:`sentence_spans` (same options).

    >>> sentences("一是加强培训。二是提高待遇！")
    ['一是加强培训。', '二是提高待遇！']
    """
    return [text[a:b] for a, b in sentence_spans(text, start, end, **options)]  # type: ignore[arg-type]
