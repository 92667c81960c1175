"""Segmentation of Chinese policy text: sections, passages, sentences, words.

A :class:`Segmenter` turns the text of one document into

- **sections** from the numbering hierarchy of official documents
  (``第一章`` / ``第一条``, ``一、`` / ``（一）`` / ``1.`` / ``（1）`` / ``①``), from the part labels of a
  proposal (``调研情况：`` / ``问题分析：`` / ``具体建议：``) and from Markdown/docx headings;
- **passages** (the unit for embedding, topics and dedup): paragraphs, a heading glued to the paragraph
  after it, trivially short paragraphs merged with a neighbour, over-long ones split at sentence ends;
- **sentences** (。！？；!?; and ……, closing quotes and brackets kept with their sentence);
- **words** and content **terms** from a ``jieba.Tokenizer`` instance the segmenter owns, loaded with the
  office's domain dictionary, so dictionaries never leak between callers through the global ``jieba``.

Every section, passage and sentence carries half-open character offsets into the text it was given, and
passages/sentences are *stripped*: ``text[start]`` and ``text[end - 1]`` are never whitespace. Joining all
passages (or all sentences) gives back every non-whitespace character of the text, in order.

Example::

    >>> seg = Segmenter(min_passage_chars=10)
    >>> text = "一、总体要求\\n坚持稳中求进工作总基调。\\n（一）加快发展新质生产力\\n培育壮大战略性新兴产业。"
    >>> [(s.level, s.number, s.heading) for s in seg.sections(text)]
    [(1, '一、', '一、总体要求'), (2, '（一）', '（一）加快发展新质生产力')]
    >>> [p.text for p in seg.passages(text)]
    ['一、总体要求\\n坚持稳中求进工作总基调。', '（一）加快发展新质生产力\\n培育壮大战略性新兴产业。']
    >>> said = "他说：“要抓落实。”我们照办！……好"
    >>> [s.slice(said) for s in seg.sentences(said)]
    ['他说：“要抓落实。”', '我们照办！……', '好']

jieba itself is imported only when words are first needed (``import topicmine.segment`` stays cheap).
jieba logs "Building prefix dict…" through its own module logger when a tokenizer initialises; the
library leaves that logger alone (silencing it is the job of entry points, see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import bisect
import math
import re
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicmine.records import Document, Passage, Section, SegmentedDocument, Span
from topicmine.text.lexicon import add_user_dict, new_tokenizer, read_word_list
from topicmine.text.outline import ITEM_HEAD_MAX as _ITEM_HEAD_MAX
from topicmine.text.outline import LINE_RE as _LINE
from topicmine.text.outline import clean_heading as _clean
from topicmine.text.outline import is_heading_only as _is_heading_only
from topicmine.text.outline import outline_sections
from topicmine.text.sentences import CLOSERS, sentence_spans
from topicmine.text.wordlists import BUILTIN_STOPWORDS

if TYPE_CHECKING:  # pragma: no cover - typing only; jieba is imported lazily
    import jieba

__all__ = ["Segmenter", "BUILTIN_STOPWORDS"]

# --------------------------------------------------------------------------------------------------
# Character classes and precompiled patterns.
#
# "Whitespace" everywhere means str.isspace(), which is exactly what `\s`/`\S` match in a str pattern;
# that keeps the stripping done with regexes consistent with the round-trip property tests.
# Line breaks are those of str.splitlines() (all of them are whitespace too).
# --------------------------------------------------------------------------------------------------
#: closing quotes/brackets (and Markdown ``**``) that belong to the clause they follow
_CLOSERS = CLOSERS
#: one clause of a single over-long sentence (soft break points ，/、/：), stripped likewise
_CLAUSE_RUN = rf"[，,、：:]+[{_CLOSERS}]*"
_CLAUSE = re.compile(rf"{_CLAUSE_RUN}|\S[^，,、：:]*(?:{_CLAUSE_RUN}|(?<=\S)(?=\s*\Z))")
_NON_SPACE = re.compile(r"\S")

# terms(): what is not a content term
_NUMERIC = re.compile(
    r"[0-9０-９.．,，%％‰+\-−~～/:：]*[0-9０-９][0-9０-９.．,，%％‰+\-−~～/:：]*"
    r"(?:年度|月份|万元|亿元|万人|余|多|[年月日号时分秒周岁个次项万亿元%％‰])*"
)
_CN_NUMERIC = re.compile(r"[零〇一二三四五六七八九十百千万亿两几]+[年月日号个次项条届期批种类级倍成]?")
#: measure words/units that remain after jieba splits "1.2万亿元" into "1.2" + "万亿元"
_UNIT = re.compile(r"[万亿千百]+(?:元|美元|千瓦时?|吨|公里|平方米|平方公里|亩|人次|户|个|家|项|人|台|套|间|辆|张|所|座|件|次)?")
_ASCII = re.compile(r"[\x00-\x7f]+")
#: ASCII tokens worth keeping: acronyms and names with a capital letter (GDP, 5G, AI, App, PPP)
_ASCII_TERM = re.compile(r"(?=[^A-Z]*[A-Z])[A-Za-z0-9&+.\-]{2,12}")
#: tokens that are punctuation, symbols, whitespace or control characters only (no letter/digit/CJK)
_NON_WORD = re.compile(r"[\W_]+")


#: numeral-only policy terms that must survive the "no numbers" rule even without a user dictionary
_NUMERAL_TERMS = frozenset(("十三五", "十四五", "十五五"))


class _SectionFinder:
    """Innermost section containing a position (sections nest; starts are sorted)."""

    def __init__(self, sections: Sequence[Section]) -> None:
        self._sections = sorted(sections, key=lambda s: (s.start, -s.end))
        self._starts = [s.start for s in self._sections]
        self._by_index = {s.index: s for s in sections}

    def innermost(self, pos: int) -> int | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return None
        sec: Section | None = self._sections[i]
        seen = 0
        # walk up the parents until one contains pos (bounded: malformed parent links cannot loop)
        while sec is not None and not (sec.start <= pos < sec.end) and seen < 64:
            sec = self._by_index.get(sec.parent) if sec.parent is not None else None
            seen += 1
        return sec.index if sec is not None and sec.start <= pos < sec.end else None

    def contains(self, index: int, pos: int) -> bool:
        sec = self._by_index.get(index)
        return sec is not None and sec.start <= pos < sec.end


class _Group:
    """Consecutive paragraphs on their way to becoming one passage."""

    __slots__ = ("start", "end", "first_section", "last_section", "open_heading", "heading_only")

    def __init__(self, start: int, end: int, section: int | None, is_heading: bool) -> None:
        self.start, self.end = start, end
        self.first_section = self.last_section = section
        # the section of a heading at the end of the group, still waiting for its body
        self.open_heading: int | None = section if is_heading else None
        self.heading_only = is_heading


class Segmenter:
    """Sections, passages, sentences and words of Chinese policy text, with character offsets.

    scikit-learn style: ``__init__`` only stores parameters; the ``jieba.Tokenizer`` (≈1 s and ~100 MB
    to build) is created on first use of :meth:`words`/:meth:`terms`/:meth:`segment`, or explicitly by
    :meth:`load`. Section/passage/sentence splitting needs no dictionary and never loads jieba.

    Parameters
    ----------
    user_dict:
        jieba user dictionary (``词 频 词性`` per line; frequency and tag optional; ``#`` lines are
        comments), e.g. ``corpus/dicts/user_dict.txt``. ``None``: jieba's default dictionary only.
    stopwords:
        one stop word per line; a path or several paths (e.g. ``stopwords.txt`` and ``label_stopwords.txt``),
        whose union is used. ``None``: :data:`BUILTIN_STOPWORDS`.
    min_passage_chars, max_passage_chars:
        the passage size window in characters: shorter paragraphs are merged with a neighbour in the
        same section, longer ones are split at sentence ends into near-equal parts.
    extra_words:
        more dictionary terms (kept whole by jieba and always kept by :meth:`terms`).

    Fitted attributes (after :meth:`load`): ``tokenizer_``, ``stopwords_``, ``dict_terms_``.

    A segmenter may be shared between threads (a lock guards the lazy load) and pickled to worker
    processes (the tokenizer is rebuilt there on first use).

    >>> seg = Segmenter(extra_words=["新质生产力"])
    >>> seg.terms("要进一步加快发展新质生产力，2023年增长5.2%")
    ['新质生产力']
    """

    def __init__(
        self,
        user_dict: Path | str | None = None,
        stopwords: Path | str | Sequence[Path | str] | None = None,
        min_passage_chars: int = 40,
        max_passage_chars: int = 400,
        extra_words: Iterable[str] = (),
    ) -> None:
        self.user_dict = user_dict
        # stored under another name: ``stopwords`` is the property returning the loaded set
        self.stopword_files = stopwords
        self.min_passage_chars = min_passage_chars
        self.max_passage_chars = max_passage_chars
        self.extra_words = tuple(extra_words)
        self._lock = threading.RLock()
        self._added: list[str] = []  # words given to add_words(), replayed if the tokenizer is rebuilt

    # ------------------------------------------------------------------ loading
    def __repr__(self) -> str:
        return (
            f"Segmenter(user_dict={self.user_dict!r}, stopwords={self.stopword_files!r}, "
            f"min_passage_chars={self.min_passage_chars}, max_passage_chars={self.max_passage_chars})"
        )

    def __getstate__(self) -> dict[str, Any]:
        # locks and jieba tokenizers (which hold an RLock) cannot be pickled; a worker reloads lazily
        state = self.__dict__.copy()
        for key in ("_lock", "tokenizer_", "stopwords_", "dict_terms_"):
            state.pop(key, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    def load(self) -> Segmenter:
        """Build the tokenizer and read the dictionaries now (instead of on first use); returns self.

        Raises :class:`~topicmine.errors.ConfigError` naming the file when a dictionary is missing,
        not UTF-8, or malformed.
        """
        self._tokenizer()
        self._stopwords()
        return self

    @property
    def stopwords(self) -> frozenset[str]:
        """The stop list in use (from the stopword files, or the built-in fallback)."""
        return self._stopwords()

    def add_words(self, words: Iterable[str]) -> None:
        """Add dictionary terms (kept whole by jieba, always kept by :meth:`terms`).

        >>> seg = Segmenter()
        >>> seg.add_words(["一老一小"])
        >>> "一老一小" in seg.words("统筹解决好一老一小问题")
        True
        """
        new = [w.strip() for w in words if w and w.strip()]
        with self._lock:
            self._added.extend(new)
            tok = self.__dict__.get("tokenizer_")
            if tok is not None:
                for w in new:
                    tok.add_word(w)
                    self.dict_terms_.add(w)

    def _stopwords(self) -> frozenset[str]:
        sw = self.__dict__.get("stopwords_")
        if sw is not None:
            return sw
        with self._lock:
            if "stopwords_" not in self.__dict__:
                self.stopwords_ = self._read_stopwords()
            return self.stopwords_

    def _read_stopwords(self) -> frozenset[str]:
        files = self.stopword_files
        if files is None:
            return BUILTIN_STOPWORDS
        paths = [files] if isinstance(files, (str, Path)) else list(files)
        words: set[str] = set()
        for p in paths:
            words.update(read_word_list(Path(p), "stopword list"))
        return frozenset(words)

    def _tokenizer(self) -> jieba.Tokenizer:
        tok = self.__dict__.get("tokenizer_")
        if tok is not None:
            return tok
        with self._lock:
            if "tokenizer_" in self.__dict__:  # another thread finished while we waited
                return self.tokenizer_
            tok = new_tokenizer()
            terms = add_user_dict(tok, self.user_dict, (*self.extra_words, *self._added))
            self.dict_terms_ = terms
            self.tokenizer_ = tok  # published last: other threads only see a complete tokenizer
            return tok

    # ------------------------------------------------------------------ sections
    def sections(self, text: str, headings: Sequence[tuple[str, int]] | None = None) -> list[Section]:
        """Sections from the numbering hierarchy and from known heading lines: the text layer's outline
        (:func:`topicmine.text.outline.outline_sections`, where the rules are documented).

        >>> seg = Segmenter()
        >>> text = "第一章　总则\\n第一条　为了规范提案工作，制定本条例。\\n第二章　提案的提出\\n第二条　提案应当一事一案。"
        >>> [(s.number, s.level, s.parent) for s in seg.sections(text)]
        [('第一章', 1, None), ('第一条', 2, 0), ('第二章', 1, None), ('第二条', 2, 2)]
        """
        return outline_sections(text, headings)

    # ------------------------------------------------------------------ sentences
    def sentences(self, text: str, start: int = 0, end: int | None = None) -> list[Span]:
        """Sentence spans of ``text[start:end]`` (offsets into ``text``), stripped, never empty.

        Splits after 。！？；!?; and …… (closing quotes/brackets stay with their sentence: 。” ！」 ）)
        and at line breaks. The spans cover every non-space character of the range.

        >>> seg = Segmenter()
        >>> t = "会议指出：“要抓落实。”\\n一是稳增长；二是促改革！"
        >>> [s.slice(t) for s in seg.sentences(t)]
        ['会议指出：“要抓落实。”', '一是稳增长；', '二是促改革！']
        """
        return [Span(a, b) for a, b in _sentence_spans(text, start, end)]

    # ------------------------------------------------------------------ passages
    def passages(self, text: str, sections: Sequence[Section] | None = None) -> list[Passage]:
        """Passages: paragraphs, headings glued forward, short ones merged, long ones split.

        - a heading line joins the paragraph after it (when that paragraph lies in its section), so a
          heading alone never becomes a passage (an empty section's heading joins the passage before);
        - a paragraph shorter than ``min_passage_chars`` is merged with the next paragraph of the same
          section, or with the previous one at the end of a section; across sections it stays short;
        - a passage longer than ``max_passage_chars`` is split at sentence ends into near-equal parts
          (one over-long sentence at ，/、/：, and a run without punctuation hard, by length).

        ``Passage.text == text[start:end]``, stripped; ``section`` = innermost section containing
        ``start``. ``sections`` defaults to :meth:`sections` of the text (without extra headings).
        """
        if sections is None:
            sections = self.sections(text)
        finder = _SectionFinder(sections)
        heading_at = {s.start: s for s in sections}
        min_c, max_c = self.min_passage_chars, max(self.max_passage_chars, 1)

        groups: list[_Group] = []
        for m in _LINE.finditer(text):
            s, e = m.span()
            sec = finder.innermost(s)
            h = heading_at.get(s)
            is_head = h is not None and (
                h.number == "" or (e - s <= _ITEM_HEAD_MAX and _is_heading_only(_clean(text[s:e])))
            )
            g = groups[-1] if groups else None
            if g is not None and (
                # a heading pulls in what follows it as long as that lies inside its section
                finder.contains(g.open_heading, s)
                if g.open_heading is not None
                # a short paragraph takes the next one of the same section
                else g.end - g.start < min_c and sec == g.last_section
            ):
                g.end, g.last_section = e, sec
                g.heading_only = g.heading_only and is_head
                g.open_heading = sec if is_head else None
            else:
                groups.append(_Group(s, e, sec, is_head))

        # second pass: a heading that pulled nothing in joins the passage before it (or the one after it,
        # at the very start); a short group at the end of its section joins the previous group if that
        # ends in the same section
        merged: list[_Group] = []
        carry: _Group | None = None  # leading heading-only group waiting for a successor
        for g in groups:
            if carry is not None:
                g.start, g.first_section = carry.start, carry.first_section
                carry = None
            if merged:
                prev = merged[-1]
                if g.heading_only or (g.end - g.start < min_c and prev.last_section == g.first_section):
                    prev.end, prev.last_section = g.end, g.last_section
                    continue
            elif g.heading_only:
                carry = g
                continue
            merged.append(g)
        if carry is not None:  # the whole text is one bare heading
            merged.append(carry)

        passages: list[Passage] = []
        for g in merged:
            s, e = g.start, g.end
            parts = [(s, e)] if e - s <= max_c else self._split_long(text, s, e, max_c)
            for ps, pe in parts:
                sec = g.first_section if ps == s else finder.innermost(ps)
                passages.append(Passage(index=len(passages), start=ps, end=pe, text=text[ps:pe], section=sec))
        return passages

    def _split_long(self, text: str, start: int, end: int, max_c: int) -> list[tuple[int, int]]:
        """Near-equal parts ≤ max_c of text[start:end], cut at sentence ends where possible."""
        atoms: list[tuple[int, int]] = []
        for a, b in _sentence_spans(text, start, end):
            if b - a <= max_c:
                atoms.append((a, b))
            else:
                atoms.extend(_split_sentence(text, a, b, max_c))
        if not atoms:
            return []
        # the fewest parts possible (greedy), then the smallest capacity that still gives that many
        # parts (binary search), so parts come out near-equal instead of full-full-full-remainder
        k = len(_pack(atoms, max_c))
        if k > 1 and len(atoms) <= 5000:
            lo = min(max(math.ceil((atoms[-1][1] - atoms[0][0]) / k), max(b - a for a, b in atoms)), max_c)
            hi = max_c
            while lo < hi:
                mid = (lo + hi) // 2
                if len(_pack(atoms, mid)) <= k:
                    hi = mid
                else:
                    lo = mid + 1
            return _pack(atoms, lo)
        return _pack(atoms, max_c)

    # ------------------------------------------------------------------ words
    def words(self, text: str) -> list[str]:
        """jieba tokens (precise mode, HMM on) without whitespace and punctuation-only tokens.

        >>> Segmenter(extra_words=["营商环境"]).words("持续优化营商环境。")
        ['持续', '优化', '营商环境']
        """
        tokens = self._tokenizer().lcut(text, cut_all=False, HMM=True)
        nonword = _NON_WORD.fullmatch
        return [t for t in tokens if not nonword(t)]

    def terms(self, text: str) -> list[str]:
        """Content terms: :meth:`words` without stop/formulaic words, single characters, numbers, dates,
        percentages and ASCII noise. Dictionary terms are always kept (unless listed as stop words).

        >>> Segmenter(extra_words=["乡村振兴"]).terms("2023年，全省大力推动乡村振兴，投入1.5亿元。")
        ['乡村振兴', '投入']
        """
        words = self.words(text)
        stop = self._stopwords()
        dict_terms = self.dict_terms_
        out: list[str] = []
        for w in words:
            if w in stop:
                continue
            if len(w) >= 4 and w not in dict_terms:
                # jieba's dictionary has many formulaic compounds (全面推广, 大力发展, 进一步加强):
                # drop a stop-word prefix and judge what remains ("全面推广" → "推广")
                for k in (3, 2):
                    if w[:k] in stop and len(w) - k >= 2:
                        w = w[k:]
                        break
                if w in stop:
                    continue
            if w in dict_terms or w in _NUMERAL_TERMS:
                out.append(w)
                continue
            if len(w) < 2 or _NUMERIC.fullmatch(w) or _CN_NUMERIC.fullmatch(w) or _UNIT.fullmatch(w):
                continue
            if _ASCII.fullmatch(w) and not _ASCII_TERM.fullmatch(w):
                continue
            out.append(w)
        return out

    # ------------------------------------------------------------------ whole document
    def segment(self, doc: Document) -> SegmentedDocument:
        """Sections (with ``doc.headings``), passages, sentences and the words of every passage."""
        text = doc.text
        sections = self.sections(text, doc.headings)
        passages = self.passages(text, sections)
        sentences = self.sentences(text)
        tok = self._tokenizer()
        nonword = _NON_WORD.fullmatch
        words = [[t for t in tok.lcut(p.text, cut_all=False, HMM=True) if not nonword(t)] for p in passages]
        return SegmentedDocument(
            document=doc, sections=sections, passages=passages, sentences=sentences, passage_words=words
        )


# ---------------------------------------------------------------------------------------------- helpers
def _sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each stripped sentence of text[start:end]: the text layer's one splitter."""
    return sentence_spans(text, start, end)


def _split_sentence(text: str, start: int, end: int, max_c: int) -> list[tuple[int, int]]:
    """One over-long sentence → clauses at ，/、/：, and clauses still over max_c → equal hard chunks."""
    out: list[tuple[int, int]] = []
    for m in _CLAUSE.finditer(text, start, end):
        a, b = m.span()
        if b - a <= max_c:
            out.append((a, b))
            continue
        # no punctuation to cut at (a broken PDF export, a table flattened to one line): cut by length
        k = math.ceil((b - a) / max_c)
        size = math.ceil((b - a) / k)
        for cs in range(a, b, size):
            ce = min(cs + size, b)
            nm = _NON_SPACE.search(text, cs, ce)
            if nm is None:
                continue
            cs = nm.start()
            while text[ce - 1].isspace():  # terminates: text[cs] is not whitespace
                ce -= 1
            out.append((cs, ce))
    return out


def _pack(atoms: list[tuple[int, int]], cap: int) -> list[tuple[int, int]]:
    """Greedy: consecutive atoms into parts whose span (first start → last end) is ≤ cap."""
    parts: list[tuple[int, int]] = []
    ps, pe = atoms[0]
    for a, b in atoms[1:]:
        if b - ps <= cap:
            pe = b
        else:
            parts.append((ps, pe))
            ps, pe = a, b
    parts.append((ps, pe))
    return parts
