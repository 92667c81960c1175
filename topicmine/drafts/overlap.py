"""Drafts of one report about overlapping matters: a hint to merge them or divide the work.

A report may carry two items on nearly the same matter (a blind read: "推动常州泰州一体化发展，打造长三角中部轴线" and
"推动常-泰-淮-宿全省发展中轴崛起", both about 常泰). ``split`` keeps them as two drafts — their filers wrote two — but the
drafter should be told: "第2份与第4份事项相近（共同：一体化、轴线、泰州…），可考虑合并或分工".

Two drafts overlap when the words of their whole text are alike (tf-idf cosine, idf over the report's own paragraphs, so
the report's field — 低空经济, 一老一小, 高标准农田 — weighs little) and so are the words of their asks alone. The bounds are
set on the four sample reports (no pair of their drafts is one matter: highest pair 0.17 in all, 0.15 in the asks) and the
two reports of the fifth blind read (常泰 0.28 / 0.19, the next pair 0.16 / 0.15).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from topicmine.text.lexicon import Lexicon

__all__ = ["OVERLAP_ALL", "OVERLAP_ASKS", "overlapping_drafts"]

#: tf-idf cosine of two drafts' whole text at and above which they may be one matter
OVERLAP_ALL = 0.22
#: … and of their asks (the 建议 part) alone
OVERLAP_ASKS = 0.15
_ASK_HEADINGS = frozenset({"具体建议", "建议", "意见建议"})


def _weights(counts: Counter[str], df: Counter[str], n: int) -> dict[str, float]:
    return {w: (1 + math.log(c)) * math.log((n + 1) / (df.get(w, 0) + 0.5)) for w, c in counts.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    num = sum(v * b[w] for w, v in a.items() if w in b)
    den = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return num / den if den else 0.0


def overlapping_drafts(drafts: list[Any], paragraphs: list[str], lex: Lexicon) -> list[dict[str, Any]]:
    """Pairs of ``drafts`` (numbered 1… in their order) on overlapping matters, each with the words they share and a
    message in Chinese. ``paragraphs``: the report's own paragraphs, for the idf.

    >>> from topicmine.drafts.assemble import Draft, DraftParagraph, DraftSection
    >>> def d(t, body, ask):
    ...     return Draft("proposal", t, [DraftSection("调研情况", [DraftParagraph(body, 0, 1)]),
    ...                                  DraftSection("具体建议", [DraftParagraph(ask, 0, 1)])])
    >>> ds = [d("关于常泰一体化的提案", "常泰过江通道开工。", "推进常泰跨江融合发展。"),
    ...       d("关于常泰中轴崛起的提案", "常泰过江通道建设。", "推进常泰跨江融合。"),
    ...       d("关于托育服务的提案", "托育机构不足。", "扩大托育服务供给。")]
    >>> [o["message"] for o in overlapping_drafts(ds, ["托育机构", "养老服务", "道路交通"], Lexicon())]
    ['第1份与第2份事项相近（共同：常泰、跨江、融合、过江），可考虑合并或分工']
    """
    df: Counter[str] = Counter()
    for t in paragraphs:
        df.update(set(lex.terms(t)))
    n = max(1, len(paragraphs))
    whole, asks = [], []
    for d in drafts:
        c_all: Counter[str] = Counter(lex.terms(d.title))
        c_ask: Counter[str] = Counter()
        for s in d.sections:
            for p in s.paragraphs:
                if p.kind == "generated":
                    continue
                ts = lex.terms(p.text)
                c_all.update(ts)
                if s.heading in _ASK_HEADINGS:
                    c_ask.update(ts)
        whole.append(_weights(c_all, df, n))
        asks.append(_weights(c_ask, df, n))
    out = []
    for i in range(len(drafts)):
        for j in range(i + 1, len(drafts)):
            s_all, s_ask = _cos(whole[i], whole[j]), _cos(asks[i], asks[j])
            if s_all < OVERLAP_ALL or s_ask < OVERLAP_ASKS:
                continue
            # the words they share, those of both asks first, the most telling first
            shared = sorted((w for w in whole[i] if w in whole[j]),
                            key=lambda w: (not (w in asks[i] and w in asks[j]), -min(whole[i][w], whole[j][w])))[:4]
            out.append({
                "drafts": [i + 1, j + 1],
                "ids": [getattr(drafts[i], "id", ""), getattr(drafts[j], "id", "")],
                "titles": [drafts[i].title, drafts[j].title],
                "similarity": round(s_all, 3),
                "asks_similarity": round(s_ask, 3),
                "shared": shared,
                "message": f"第{i + 1}份与第{j + 1}份事项相近（共同：{'、'.join(shared)}），可考虑合并或分工",
            })
    return out
