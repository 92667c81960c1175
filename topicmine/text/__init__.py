"""The Chinese-document layer under every stage (import freely, like ``records`` and ``errors``).

- :mod:`~topicmine.text.sentences` — the one sentence splitter, with offsets, quote- and ellipsis-aware;
- :mod:`~topicmine.text.parts` — the one table of part labels (调研情况/问题分析/具体建议 …) and their kinds;
- :mod:`~topicmine.text.structure` — document structure: numbered sections and inline part blocks;
- :mod:`~topicmine.text.layout` — one paragraph layout for every input shape (Word, one-newline, PDF paste);
- :mod:`~topicmine.text.lexicon` — the ``Lexicon`` (jieba with the user dictionary, stop/generic/framing words)
  and the one reader for word-list files; :mod:`~topicmine.text.wordlists` — the built-in lists;
- :mod:`~topicmine.text.names` — Chinese names of doc types and genres, from ``records``.

This package imports only the standard library, ``records``/``errors`` and (lazily) jieba.

>>> from topicmine.text import sentence_spans
>>> t = "他说：“要抓落实。”我们照办！……好"
>>> [t[a:b] for a, b in sentence_spans(t)]
['他说：“要抓落实。”', '我们照办！……', '好']
"""

from topicmine.text.layout import clean_text
from topicmine.text.lexicon import Lexicon, read_word_list, tfidf_similarity
from topicmine.text.names import DOC_TYPE_ZH, GENRE_ZH, doc_type_zh, genre_zh
from topicmine.text.parts import PART_LABELS, classify_heading, part_kind
from topicmine.text.sentences import sentence_spans, sentences
from topicmine.text.structure import ReportSection, parse_sections

__all__ = [
    "DOC_TYPE_ZH", "GENRE_ZH", "Lexicon", "PART_LABELS", "ReportSection", "classify_heading", "clean_text",
    "doc_type_zh", "genre_zh", "parse_sections", "part_kind", "read_word_list", "sentence_spans", "sentences",
    "tfidf_similarity",
]
