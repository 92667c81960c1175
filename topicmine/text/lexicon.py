"""Words: the one place that builds jieba tokenizers and reads the office's word lists.

- :func:`read_word_list` — the ONE reader for every word-list file under ``corpus/dicts`` (UTF-8, one entry a
  line, blank lines and ``#`` comments skipped); errors are :class:`~topicmine.errors.ConfigError` naming the
  file and the fix.
- :func:`new_tokenizer` / :func:`add_user_dict` — a private ``jieba.Tokenizer`` (never the global one, so
  dictionaries never leak between callers), copied from a pristine default dictionary loaded once a process.
- :class:`Lexicon` — words, content terms and key terms with the user dictionary, stop words, and the
  generic / label / framing subsets as named sets. :meth:`Lexicon.from_settings` builds it once per settings
  (cached), so segmentation, drafting and topic labels read the same files the same way.

>>> lex = Lexicon(extra_words=("社区嵌入式托育",))
>>> "社区嵌入式托育" in lex.words("推广社区嵌入式托育服务")
True
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from topicmine.errors import ConfigError
from topicmine.text.wordlists import (
    BUILTIN_STOPWORDS,
    DRAFT_GENERIC_TERMS,
    FRAMING_TERMS,
    FUNCTION_WORDS,
    LABEL_GENERIC_TERMS,
)

if TYPE_CHECKING:  # pragma: no cover
    import jieba

__all__ = [
    "Lexicon",
    "read_word_list",
    "read_user_dict",
    "new_tokenizer",
    "add_user_dict",
    "tfidf_similarity",
    "lexicon_from_settings",
]

# jieba's user-dictionary line format: "词 [频] [词性]"
_USERDICT_LINE = re.compile(r"^(.+?)(?: ([0-9]+))?(?: ([a-z]+))?$")
_TERM_OK = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]+$")
_NON_WORD = re.compile(r"[\W_]+")


# ---------------------------------------------------------------------------------------------- files
def read_lines(path: Path | str, what: str = "word list") -> list[tuple[int, str]]:
    """(line number, stripped line) of a UTF-8 file, every line (comments included); ConfigError naming
    the file and the fix when it is missing, unreadable or not UTF-8."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{what} {path} not found; create it or point the setting at an existing file") from None
    except OSError as exc:
        raise ConfigError(f"{what} {path} cannot be read ({exc})") from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{what} {path} is not UTF-8 (byte {exc.start}); save it as UTF-8 (e.g. iconv -f GBK -t UTF-8)"
        ) from exc
    return [(i, line.strip()) for i, line in enumerate(content.splitlines(), 1)]


def read_word_list(path: Path | str, what: str = "word list") -> list[str]:
    """Entries of a word-list file: one per line, blank lines and ``#`` comments skipped, order kept.

    The one reader for ``corpus/dicts/*.txt`` (stopwords, label stop words, formulaic patterns …).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "w.txt")
    >>> _ = open(p, "w", encoding="utf-8").write("# 注释\\n营商环境\\n\\n 一老一小 \\n")
    >>> read_word_list(p)
    ['营商环境', '一老一小']
    """
    return [line for _, line in read_lines(path, what) if line and not line.startswith("#")]


def read_user_dict(path: Path | str) -> list[tuple[str, int | None, str | None]]:
    """(word, frequency or None, tag or None) of a jieba user dictionary (``词 [频] [词性]`` a line;
    ``#`` lines are comments here, unlike in ``jieba.load_userdict``)."""
    out: list[tuple[str, int | None, str | None]] = []
    for lineno, line in read_lines(path, "user dictionary"):
        if not line or line.startswith("#"):
            continue
        m = _USERDICT_LINE.match(line)
        if m is None:  # pragma: no cover - the pattern matches any non-empty line
            raise ConfigError(f"{path}:{lineno}: invalid dictionary line {line!r}; use '词 频 词性'")
        freq = m.group(2)
        out.append((m.group(1).strip(), int(freq) if freq else None, m.group(3)))
    return out


# ---------------------------------------------------------------------------------------------- jieba
#: jieba's default dictionary as loaded once per process: (FREQ, total). Building a Tokenizer from jieba's
#: cache takes 1–3 s; copying the loaded prefix dictionary takes ~40 ms, so every further tokenizer
#: (tests, a service reloading dictionaries, several corpora in one process) starts almost at once,
#: while each keeps its own FREQ dict and user words never leak between tokenizers.
_BASE_DICT: tuple[dict[str, int], int] | None = None
_BASE_LOCK = threading.Lock()


def new_tokenizer() -> jieba.Tokenizer:
    """A fresh, initialised ``jieba.Tokenizer`` with the default dictionary only (never the global one)."""
    import jieba  # heavy (dictionary load): only here

    global _BASE_DICT
    tok = jieba.Tokenizer()
    with _BASE_LOCK:
        if _BASE_DICT is None or not hasattr(tok, "FREQ"):
            tok.initialize()
            _BASE_DICT = (dict(tok.FREQ), tok.total)  # pristine copy, before any user word is added
            return tok
        freq, total = _BASE_DICT
    with tok.lock:
        # what Tokenizer.initialize() would set (jieba 0.42.1, pinned in pyproject.toml)
        tok.FREQ, tok.total, tok.initialized = dict(freq), total, True
    return tok


def add_user_dict(tok: jieba.Tokenizer, path: Path | str | None, extra: Iterable[str] = ()) -> set[str]:
    """Add a user dictionary file and extra words to ``tok``; returns the words added.

    A word without frequency gets jieba's suggested one (high enough to stay whole).
    """
    terms: set[str] = set()
    if path is not None:
        for word, freq, tag in read_user_dict(path):
            tok.add_word(word, freq, tag)
            terms.add(word)
    for w in extra:
        if w and w.strip():
            tok.add_word(w.strip())
            terms.add(w.strip())
    return terms


@lru_cache(maxsize=8)
def _cached_tokenizer(user_dict: str | None, extra: tuple[str, ...], mtime: float) -> tuple[Any, frozenset[str]]:
    tok = new_tokenizer()
    terms = add_user_dict(tok, user_dict, extra)
    return tok, frozenset(terms)


@lru_cache(maxsize=16)
def _cached_words(paths: tuple[str, ...], mtimes: tuple[float, ...]) -> frozenset[str]:
    words: set[str] = set()
    for p in paths:
        words.update(read_word_list(p, "word list"))
    return frozenset(words)


@lru_cache(maxsize=8192)
def _cut(user_dict: str | None, extra: tuple[str, ...], mtime: float, text: str) -> tuple[str, ...]:
    """Words of a text with one lexicon's tokenizer, cached: drafting cuts the same unit and passage texts
    for key terms, tf-idf linking and checks (jieba is most of a split's time without embeddings)."""
    from topicmine.text.layout import clean_text

    tok = _cached_tokenizer(user_dict, extra, mtime)[0]
    nonword = _NON_WORD.fullmatch
    return tuple(w for w in tok.lcut(clean_text(text)) if w.strip() and not nonword(w))


def _mtime(path: str | None) -> float:
    try:
        return Path(path).stat().st_mtime if path else 0.0
    except OSError:
        return -1.0


def _paths(value: str | Path | Sequence[str | Path] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, Path)):
        return (str(value),)
    return tuple(str(v) for v in value)


# ---------------------------------------------------------------------------------------------- Lexicon
@dataclass(frozen=True)
class Lexicon:
    """Where words come from: a jieba user dictionary, stop words and the named generic subsets.

    Parameters are paths (hashable, so a Lexicon is a cheap value that caches its tokenizer per process):

    - ``user_dict``: jieba user dictionary (``corpus/dicts/user_dict.txt``); None → jieba's default only;
    - ``stopwords``: one or more stop-word files (``stopwords.txt``); None → :data:`FUNCTION_WORDS` only;
    - ``label_stopwords``: words too generic for a topic label (``label_stopwords.txt``);
    - ``extra_words``: more dictionary terms, kept whole.

    Named subsets: :attr:`stopword_set` (files ∪ single-character function words), :attr:`generic`
    (too generic to carry a matter), :attr:`label_generic` (never a topic label), :attr:`framing`
    (situation words: 机遇 挑战 困难 …), :attr:`dict_terms` (every user-dictionary word).

    Missing files raise :class:`~topicmine.errors.ConfigError` on first use (not when constructed).

    >>> Lexicon(extra_words=("充电桩",)).key_terms("建议加快建设公共充电桩，完善充电桩的运维管理。", 2)
    ['充电桩', '公共']
    """

    user_dict: str | None = None
    stopwords: str | tuple[str, ...] | None = None
    extra_words: tuple[str, ...] = ()
    label_stopwords: str | None = None

    #: too generic to carry a matter / never a topic label / situation words (class-level named subsets)
    generic: ClassVar[frozenset[str]] = DRAFT_GENERIC_TERMS
    label_generic: ClassVar[frozenset[str]] = LABEL_GENERIC_TERMS
    framing: ClassVar[frozenset[str]] = FRAMING_TERMS

    # -------------------------------------------------------------- construction
    @classmethod
    def from_settings(cls, settings: Any) -> Lexicon:
        """The office's lexicon from a :class:`~topicmine.config.Settings` (or its ``segment`` section plus a
        ``resolve`` method): ``segment.user_dict``, ``segment.stopwords`` and ``label_stopwords.txt`` beside
        them. Files that do not exist are left out (jieba's default / built-in lists then apply). Cached: the
        same settings give the same Lexicon object (and one tokenizer per process).
        """
        seg = settings.segment
        user = Path(settings.resolve(seg.user_dict))
        stop = Path(settings.resolve(seg.stopwords))
        label = stop.with_name("label_stopwords.txt")
        return lexicon_from_paths(
            str(user) if user.is_file() else None,
            str(stop) if stop.is_file() else None,
            str(label) if label.is_file() else None,
        )

    # -------------------------------------------------------------- loaded parts
    def tokenizer(self) -> jieba.Tokenizer:
        """The jieba tokenizer with the user dictionary and extra words (built once per process)."""
        return _cached_tokenizer(self.user_dict, tuple(self.extra_words), _mtime(self.user_dict))[0]

    @property
    def dict_terms(self) -> frozenset[str]:
        """Every word of the user dictionary and ``extra_words``."""
        return _cached_tokenizer(self.user_dict, tuple(self.extra_words), _mtime(self.user_dict))[1]

    @property
    def office_stopwords(self) -> frozenset[str]:
        """The stop words of the configured files only (empty without files)."""
        paths = _paths(self.stopwords)
        return _cached_words(paths, tuple(_mtime(p) for p in paths)) if paths else frozenset()

    @property
    def stopword_set(self) -> frozenset[str]:
        """Stop words: the configured files ∪ :data:`FUNCTION_WORDS`."""
        return FUNCTION_WORDS | self.office_stopwords

    @property
    def segment_stopwords(self) -> frozenset[str]:
        """Segmentation's stop list: the configured files, or :data:`BUILTIN_STOPWORDS` without any."""
        return self.office_stopwords if self.stopwords else BUILTIN_STOPWORDS

    @property
    def label_stopword_set(self) -> frozenset[str]:
        """Words too generic for a topic label: ``label_stopwords.txt`` (empty without it)."""
        paths = _paths(self.label_stopwords)
        return _cached_words(paths, tuple(_mtime(p) for p in paths)) if paths else frozenset()

    # -------------------------------------------------------------- words
    def words(self, text: str) -> list[str]:
        """jieba tokens of ``text`` (hard wraps joined first), no whitespace or punctuation tokens.

        >>> Lexicon(extra_words=("营商环境",)).words("持续优化营商环境。")
        ['持续', '优化', '营商环境']
        """
        return list(_cut(self.user_dict, tuple(self.extra_words), _mtime(self.user_dict), text))

    def terms(self, text: str) -> list[str]:
        """Content terms for drafting: no stop words, no generic policy verbs, no single characters or
        numbers.

        >>> Lexicon().terms("建议进一步加强养老护理员队伍建设")
        ['养老', '护理员', '队伍']
        """
        stop = self.stopword_set
        gen = self.generic
        return [w for w in self.words(text) if len(w) >= 2 and _TERM_OK.match(w) and w not in stop and w not in gen]

    def key_terms(self, text: str, k: int = 6) -> list[str]:
        """Most frequent content terms, ties broken by first occurrence (longer terms first)."""
        ts = self.terms(text)
        c = Counter(ts)
        first = {t: i for i, t in reversed(list(enumerate(ts)))}
        return sorted(c, key=lambda t: (-c[t] - 0.1 * min(len(t), 4), first[t]))[:k]


@lru_cache(maxsize=8)
def lexicon_from_paths(user_dict: str | None, stopwords: str | None, label_stopwords: str | None) -> Lexicon:
    """One Lexicon per combination of files (so the tokenizer and lists are built once)."""
    return Lexicon(user_dict=user_dict, stopwords=stopwords, label_stopwords=label_stopwords)


def lexicon_from_settings(settings: Any) -> Lexicon:
    """Shorthand for :meth:`Lexicon.from_settings`."""
    return Lexicon.from_settings(settings)


def tfidf_similarity(texts_a: Sequence[str], texts_b: Sequence[str], lexicon: Lexicon | None = None) -> Any:
    """Cosine similarity of term tf-idf vectors (idf over both lists): an array of shape (len(a), len(b)).

    >>> s = tfidf_similarity(["提高护理员待遇"], ["护理员流失严重", "道路护栏缺失"])
    >>> bool(s[0, 0] > s[0, 1])
    True
    """
    import numpy as np

    lex = lexicon or Lexicon()
    docs = [Counter(lex.terms(t)) for t in list(texts_a) + list(texts_b)]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    vocab = {w: i for i, w in enumerate(df)}
    n = len(docs)
    m = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for r, d in enumerate(docs):
        for w, c in d.items():
            m[r, vocab[w]] = (1 + math.log(c)) * (math.log((n + 1) / (df[w] + 0.5)))
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    m = m / np.where(norms == 0, 1, norms)
    return m[: len(texts_a)] @ m[len(texts_a) :].T
