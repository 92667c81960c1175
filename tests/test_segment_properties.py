"""Property tests of the segmenter: arbitrary Unicode never crashes, offsets point inside the
text, spans are sorted and disjoint, and passages/sentences round-trip every non-space character.

Texts include lone surrogates, control characters, emoji, full-width forms, every line-break character
str.splitlines() knows, and numbering-like lines, so the heading regexes are exercised too.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from topicmine.records import Document, DocType, Span
from topicmine.segment import Segmenter

_WS = re.compile(r"\s")

# every Unicode category, surrogates (Cs) and controls (Cc) included
ANY_CHAR = st.characters(codec=None, exclude_categories=())
# the characters the segmenter reacts to, weighted up so that structure actually appears
SPECIAL = st.sampled_from(
    list("。！？；!?;…”’」』）)】》*，、：: \t\u3000\n\r\x0b\x0c\x1c\x85\u2028\u2029#")
    + ["一、", "（一）", "(二)", "1.", "1.5", "2、", "（3）", "4）", "①", "第一章", "第二条 ", "第三节", "十二、",
       "一、二、", "**", "## ", "调研情况：", "具体建议：", "……", "😀", "\ud800", "\udfff", "\x00", "\ufeff"]
)
TEXT = st.lists(st.one_of(ANY_CHAR, SPECIAL, st.sampled_from(list("政协委员提案营商环境乡村振兴"))), max_size=300).map(
    "".join
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return Segmenter(min_passage_chars=8, max_passage_chars=30, extra_words=["营商环境"]).load()


def _non_space(s: str) -> str:
    return _WS.sub("", s)


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    prev_end = 0
    for a, b in spans:
        assert 0 <= prev_end <= a < b <= len(text), (a, b, prev_end, len(text))
        assert not text[a].isspace() and not text[b - 1].isspace(), "spans are stripped"
        prev_end = b


@SETTINGS
@given(text=TEXT)
def test_passages_round_trip(seg: Segmenter, text: str) -> None:
    passages = seg.passages(text)
    _check_spans(text, [(p.start, p.end) for p in passages])
    assert [p.index for p in passages] == list(range(len(passages)))
    for p in passages:
        assert p.text == text[p.start : p.end]
        assert p.end - p.start <= seg.max_passage_chars
    # joined with the whitespace between them, passages give back the text modulo whitespace
    assert _non_space("".join(p.text for p in passages)) == _non_space(text)
    # and the gaps between passages are whitespace only
    gaps = [text[a.end : b.start] for a, b in zip(passages, passages[1:])]
    assert all(g.strip() == "" for g in gaps)


@SETTINGS
@given(text=TEXT)
def test_sentences_round_trip(seg: Segmenter, text: str) -> None:
    spans = seg.sentences(text)
    assert all(isinstance(s, Span) for s in spans)
    _check_spans(text, [(s.start, s.end) for s in spans])
    assert _non_space("".join(s.slice(text) for s in spans)) == _non_space(text)


@SETTINGS
@given(text=TEXT, start=st.integers(-5, 320), length=st.integers(-5, 320))
def test_sentences_of_any_range_stay_inside_it(seg: Segmenter, text: str, start: int, length: int) -> None:
    end = start + length
    spans = seg.sentences(text, start, end)
    lo = min(max(start, 0), len(text))
    hi = min(max(end, lo), len(text))
    for s in spans:
        assert lo <= s.start < s.end <= hi
    assert _non_space("".join(s.slice(text) for s in spans)) == _non_space(text[lo:hi])


@SETTINGS
@given(text=TEXT)
def test_sections_are_well_formed(seg: Segmenter, text: str) -> None:
    sections = seg.sections(text)
    for i, s in enumerate(sections):
        assert s.index == i
        assert 0 <= s.start < s.end <= len(text)
        assert s.level >= 1
        if i:
            assert sections[i - 1].start < s.start
        if s.parent is not None:
            p = sections[s.parent]
            assert p.index < s.index and p.level < s.level
            assert p.start <= s.start and s.end <= p.end
    # every passage points at the innermost section containing its start
    for p in seg.passages(text, sections):
        if p.section is None:
            assert not any(s.start <= p.start < s.end for s in sections)
        else:
            sec = sections[p.section]
            assert sec.start <= p.start < sec.end
            assert not any(s.start <= p.start < s.end and s.level > sec.level for s in sections)


@SETTINGS
@given(text=TEXT, headings=st.lists(st.tuples(TEXT, st.integers(1, 6)), max_size=4))
def test_segment_never_crashes(seg: Segmenter, text: str, headings: list[tuple[str, int]]) -> None:
    doc = Document(id="h", doc_type=DocType.other, title="", text=text, headings=headings)
    sd = seg.segment(doc)
    assert len(sd.passage_words) == len(sd.passages)
    for words in sd.passage_words:
        assert all(w and not w.isspace() for w in words)
    for t in seg.terms(text):
        assert len(t) >= 2 and t not in seg.stopwords


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=2000), lo=st.integers(0, 50), hi=st.integers(1, 500))
def test_any_passage_window_round_trips(text: str, lo: int, hi: int) -> None:
    seg = Segmenter(min_passage_chars=lo, max_passage_chars=hi)
    passages = seg.passages(text)
    _check_spans(text, [(p.start, p.end) for p in passages])
    assert all(p.end - p.start <= hi for p in passages)
    assert _non_space("".join(p.text for p in passages)) == _non_space(text)


# ------------------------------------------------------------------------------ 10⁶-character lines
MILLION = [
    pytest.param("政协委员围绕营商环境建言献策" * 71_429, id="chinese-no-punctuation"),
    pytest.param("a" * 10**6, id="ascii-run"),
    pytest.param("😀\x00\ud800\u200b" * 250_000, id="emoji-control-surrogate"),
    pytest.param("提案，" * 333_334, id="commas-only"),
    pytest.param("。" * 10**6, id="terminators-only"),
]


@pytest.mark.parametrize("text", MILLION)
def test_million_char_line_structure_is_bounded(seg: Segmenter, text: str) -> None:
    """Sections, passages and sentences of a 10⁶-character line: hard splits keep every passage bounded.

    (No time is asserted — timings are noisy here; pytest-timeout bounds a pathological slowdown.)"""
    sections = seg.sections(text)
    passages = seg.passages(text, sections)
    sentences = seg.sentences(text)
    assert all(p.end - p.start <= seg.max_passage_chars for p in passages)
    assert _non_space("".join(p.text for p in passages)) == _non_space(text)
    assert sum(len(_non_space(s.slice(text))) for s in sentences) == len(_non_space(text))


def test_million_char_noise_segments(seg: Segmenter) -> None:
    """segment() end to end (jieba included) on a 10⁶-character line of non-CJK noise."""
    text = "😀\x00\ud800 x\u3000" * 166_667
    sd = seg.segment(Document(id="n", doc_type=DocType.other, title="", text=text))
    assert _non_space("".join(p.text for p in sd.passages)) == _non_space(text)
    assert all(p.end - p.start <= seg.max_passage_chars for p in sd.passages)


@pytest.mark.slow
def test_million_char_chinese_line_segments_completely() -> None:
    """segment() of 10⁶ Chinese characters on one line: bounded passages, every word accounted for.

    (The speed relative to jieba is measured in benchmarks/ingest.py, not asserted here.)"""
    seg = Segmenter().load()
    text = "政协委员围绕营商环境建言献策" * 71_429
    sd = seg.segment(Document(id="big", doc_type=DocType.other, title="", text=text))
    assert all(p.end - p.start <= seg.max_passage_chars for p in sd.passages)
    assert "".join("".join(w) for w in sd.passage_words) == text
