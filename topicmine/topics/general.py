"""Words of general Chinese: how common a word is and what part of speech it is outside the office's texts.

A 议题 is anchored on a word that names an object or a measure (隐性债务, 托育点, 信访). Two measures, both read from
jieba's default dictionary (built from general Chinese text, without the office's user dictionary), tell the words
that name nothing of their own: a very common word (时间, 价值, 学习: :func:`is_common_term`) and a word that says how
or which, not what (均衡, 繁荣, 县级: :func:`is_quality_word`). The office's policy terms are not in that dictionary
at all, so they are never common.

>>> is_common_term("时间"), is_common_term("隐性债务"), is_quality_word("均衡"), is_quality_word("债务")
(True, False, True, False)
"""

from __future__ import annotations

from collections.abc import Callable

#: general-language frequency (jieba's default dictionary, built from general Chinese text) above which a word is
#: common Chinese rather than a name of something: 时间 33288, 产品 22801, 价值 15777, 学习 13482, 希望 12597 —
#: the sample corpus's "学习运用", "价值", "时间", "家长希望" 议题 were anchored on such words. Objects an office
#: studies are far rarer there (债务 1035, 信访 68, 白酒 248, 粮食 5923); the office's policy terms are not in it at all
COMMON_FREQ = 10_000
#: a word of a two-word term counts as common from this frequency on (家长 2998, 运用 4112)
COMMON_PART_FREQ = 2_500
_GENERAL_FREQ: dict[str, int] | None = None


def general_frequency(word: str) -> int:
    """The word's frequency in jieba's default dictionary (general Chinese; 0 when absent: the office's policy
    terms and most compounds). Loaded once, without the office's user dictionary.

    >>> general_frequency("时间") > COMMON_FREQ > general_frequency("债务") > 0 == general_frequency("隐性债务")
    True
    """
    global _GENERAL_FREQ
    if _GENERAL_FREQ is None:
        import logging

        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.initialize()
        _GENERAL_FREQ = dict(tok.FREQ)
    return int(_GENERAL_FREQ.get(word, 0))


_GENERAL_TAG: dict[str, str] | None = None


def general_tag(word: str) -> str:
    """The word's part of speech in jieba's default dictionary ("" when absent): n 名词, v 动词, a 形容词, b 区别词 …

    >>> general_tag("债务"), general_tag("均衡"), general_tag("隐性债务")
    ('n', 'a', '')
    """
    global _GENERAL_TAG
    if _GENERAL_TAG is None:
        import logging

        import jieba.posseg

        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.posseg.initialize()
        _GENERAL_TAG = dict(jieba.posseg.dt.word_tag_tab)
    return _GENERAL_TAG.get(word, "")


#: parts of speech that name no object: adjectives (均衡, 繁荣, 和谐), distinguishing words (县级, 国家级), adverbs,
#: pronouns, numerals and measure words
_QUALITY_TAGS = frozenset("a an ad ag b d r m q".split())


def is_quality_word(term: str) -> bool:
    """A word of general Chinese that says how or which, not what: it never anchors a 议题 (贵州's "均衡" gathered
    义务教育 and 医疗资源 clauses — an area; 湖南's "繁荣" 哲学社会科学 and 文化事业). Like a quality in …性.

    >>> is_quality_word("均衡"), is_quality_word("繁荣"), is_quality_word("县级"), is_quality_word("债务")
    (True, True, True, False)
    """
    return general_tag(term) in _QUALITY_TAGS


def is_common_term(term: str, words: Callable[[str], list[str]] | None = None) -> bool:
    """A term made of common words of general Chinese only: one very common word ("时间", "价值", "学习") or
    two words both common, one very common ("学习运用", "家长希望"). It names no object or measure of its own and
    never anchors a 议题 (it may still join one as a side term); "隐性债务", "粮食", "托育点" do anchor.

    >>> is_common_term("时间"), is_common_term("价值"), is_common_term("学习运用", lambda s: ["学习", "运用"])
    (True, True, True)
    >>> is_common_term("债务"), is_common_term("粮食"), is_common_term("隐性债务", lambda s: ["隐性", "债务"])
    (False, False, False)
    """
    f = general_frequency(term)
    if f >= COMMON_FREQ:
        return True
    if f or words is None:
        return False
    parts = [w for w in words(term) if w.strip()]
    if len(parts) != 2:  # clause terms are words and pairs of adjacent words (clause_terms)
        return False
    fs = [general_frequency(w) for w in parts]
    return min(fs) >= COMMON_PART_FREQ and max(fs) >= COMMON_FREQ
