"""Which part of a cut matter a supporting sentence belongs to.

A matter the report joins ("（三）加强“一老一小”专业人才队伍建设": 1. 扩大培养规模 · 2. 提高职业待遇) is cut into one
draft per part, and the problem paragraph it shares is cut into sentences, each quoted by the part it is about.
Words alone mislead here: jieba reads "工资待遇" as one word, so "托育和养老护理岗位工资待遇偏低……，职业院校相关专业招生
规模偏小。" shared no word with "提高职业待遇" and went to 培养 only. Each sentence is scored on words and on
character pairs (待遇, 护理, 岗位); a sentence whose clauses are about different parts is quoted by each of them; a
sentence about none of them (the report's general opening line) by none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from topicmine.text.lexicon import Lexicon, tfidf_similarity

__all__ = ["assign_sentences", "bigram_similarity"]

#: below this a sentence is about no part (scores are word tf-idf + character-pair tf-idf cosines, 0–2)
MIN_SCORE = 0.06
#: a clause counts for a part when it scores at least this there and this much above every other part: clear
#: evidence only ("低空经济企业多为初创企业" leans to 人才 by the report's field words alone, 0.10 vs 0.02)
CLAUSE_MIN = 0.15
CLAUSE_MARGIN = 0.10

_CJK = re.compile(r"[\u4e00-\u9fff]+")


def _bigrams(text: str) -> Counter[str]:
    return Counter(run[i : i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1))


def bigram_similarity(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
    """Cosine of character-pair tf-idf vectors (idf over both lists), shape (len(a), len(b)).

    >>> s = bigram_similarity(["岗位工资待遇偏低"], ["提高职业待遇，给予岗位补贴", "扩大专业招生规模"])
    >>> bool(s[0, 0] > s[0, 1])
    True
    """
    # the text layer's tf-idf cosine, with character pairs as the terms
    return np.asarray(tfidf_similarity(texts_a, texts_b, _Pairs()), dtype=np.float32)  # type: ignore[arg-type]


class _Pairs:
    """A stand-in lexicon whose terms are a text's character pairs."""

    def terms(self, text: str) -> list[str]:
        return list(_bigrams(text).elements())


def _scores(texts: Sequence[str], sides: Sequence[str], lex: Lexicon | None) -> np.ndarray:
    return np.asarray(tfidf_similarity(texts, sides, lex), dtype=np.float32) + bigram_similarity(texts, sides)


def assign_sentences(sentences: Sequence[str], sides: Sequence[str], lex: Lexicon | None = None) -> list[list[int]]:
    """For each sentence, the parts (indices into ``sides``) that quote it: the best-scoring part; every part one
    of its clauses is clearly about when its clauses are about different parts; none below :data:`MIN_SCORE`.

    >>> sides = ["扩大培养规模。支持职业院校扩大婴幼儿托育、智慧健康养老服务与管理等专业招生。",
    ...          "提高职业待遇。研究制定养老护理员、保育师薪酬指导价位，对持证从业人员给予岗位补贴。"]
    >>> assign_sentences(["托育和养老护理岗位工资待遇偏低、社会认同度不高，从业人员流失率普遍在25%以上，职业院校相关专业招生规模偏小。",
    ...                   "近年来，省委、省政府把“一老一小”工作作为重要民生工程。"], sides)
    [[0, 1], []]
    """
    if not sentences or not sides:
        return [[] for _ in sentences]
    whole = _scores(sentences, sides, lex)
    out: list[list[int]] = []
    for j, sent in enumerate(sentences):
        best = int(np.argmax(whole[j]))
        if whole[j, best] < MIN_SCORE:
            out.append([])
            continue
        clauses = [c for c in re.split(r"[，,；;。！？]", sent) if len(c.strip()) >= 4]
        won: set[int] = set()
        if len(clauses) >= 2 and len(sides) >= 2:
            cs = _scores(clauses, sides, lex)
            for row in cs:
                k = int(np.argmax(row))
                others = np.delete(row, k)
                if row[k] >= CLAUSE_MIN and row[k] - (others.max() if others.size else 0.0) >= CLAUSE_MARGIN:
                    won.add(k)
        out.append(sorted(won) if len(won) >= 2 else [best])
    return out
