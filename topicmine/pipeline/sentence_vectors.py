"""One embedding pass per report: its sentences are embedded once, and every text cut from it — a suggestion,
a supporting passage, a whole draft for the history check — gets the mean of its sentences' vectors.

Splitting a 调研报告 used to embed the suggestions and passages for support linking, then every draft again
(as one long text) for the history check, and the draft's asks a third time; on two cores most of the wait
was the model. Here the model sees each sentence of the report once (the workspace's query cache keeps them
for the asks, which are sentences of the drafts too). History vectors come from the store, never from the
model (:func:`topicmine.pipeline.drafting_job.similar_items` with ``qvec``).

    >>> sv = SentenceVectors(ws, "一是提高护理员待遇。二是建立晋升通道。")          # doctest: +SKIP
    >>> sv(["一是提高护理员待遇。"]).shape, sv.embedded, sv.extra                  # doctest: +SKIP
    ((1, 384), 2, 0)
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from topicmine.text.numbering import QUOTE_DEPTHS, style_alternation

__all__ = ["SentenceVectors", "drop_review", "embed_sentences", "query_text", "stored_query_vectors"]

#: lines of a draft that are form or structure, not its matter (提案人：…, 一、调研情况, 【请填写】)
_NOT_MATTER = re.compile(r"^\s*(?:(?:提案人|领衔提案人|界别|联系方式|建议承办单位|承办单位|主送|落款|日期|反映人及单位|反映人)[：:].*|"
                         r"(?:[一二三四五六七八九十]、)?\s*(?:案由|调研情况|基本情况|问题分析|问题及原因|具体建议|意见建议|主要问题|建议)[：:]?\s*|"
                         r".*【请填写】.*|提案|建议案|社情民意信息)$")


_REVIEW = re.compile(r"(?m)^[ \t>*#-]*审核提示[ \t*]*$")


def drop_review(draft_text: str) -> str:
    """A draft without the check results a split writes at the end of its .md ("---⏎**审核提示**⏎- ✅ …"): they
    are the tool's messages, not the draft, and must not be embedded or compared with history.

    >>> drop_review("关于稳定护理员队伍的提案\\n护理员流失严重。\\n---\\n\\n**审核提示**\\n- ✅ 全文围绕同一事项。")
    '关于稳定护理员队伍的提案\\n护理员流失严重。'
    """
    m = _REVIEW.search(draft_text)
    if not m:
        return draft_text
    return re.sub(r"[\s-]+\Z", "", draft_text[: m.start()])


#: a draft's form and structure lines (提案人：…, 建议承办单位：…, > 文种：提案, 一、调研情况) and unwritten parts
#: (【请填写】): never quoted, never compared
_FORM_LINE = re.compile(r"^[\s>]*(?:文种[：:].*|(?:提案人|领衔提案人|界别|联系方式|建议承办单位|承办单位|主送|落款|日期|反映人及单位|反映人)[：:].*|"
                        r"(?:[一二三四五六七八九十]、)?\s*(?:案由|调研情况|基本情况|问题分析|问题及原因|具体建议|意见建议|主要问题|建议)[：:]?\s*|"
                        r".*【请填写】.*|提案|建议案|社情民意信息)$")


def _matter_lines(text: str) -> str:
    """``text`` without its form lines: what :class:`SentenceVectors` embeds up front."""
    return "\n".join(ln for ln in text.split("\n") if not _FORM_LINE.match(ln))


def query_text(draft_text: str) -> str:
    """A draft without its form and section-heading lines: what it is about.

    >>> query_text("关于稳定护理员队伍的提案\\n提案人：【请填写】\\n一、调研情况\\n护理员流失严重。")
    '关于稳定护理员队伍的提案\\n护理员流失严重。'
    """
    return "\n".join(ln for ln in draft_text.splitlines() if ln.strip() and not _NOT_MATTER.match(ln))


#: generated or numbering leads a draft puts before a quoted sentence ("一是", "（二）", "1.", "外地经验（合肥市）：")
_LEAD = re.compile(r"^(?:外地经验（[^）]{1,12}）[：:]|"
                   + style_alternation(tuple(s for _, styles in QUOTE_DEPTHS for s in styles), named=False) + r")\s*")


def _key(sentence: str) -> str:
    """A sentence without its numbering lead, so a draft's "一是提高待遇。" finds the report's "（一）提高待遇。".

    >>> _key("外地经验（合肥市）：场景开放。"), _key("（一）规划缺乏统筹。"), _key("2.加大核心零部件攻关。")
    ('场景开放。', '规划缺乏统筹。', '加大核心零部件攻关。')
    """
    return _LEAD.sub("", sentence, count=1)


def _sentences(text: str) -> list[str]:
    from topicmine.drafts.units import sentence_spans
    from topicmine.text.layout import clean_text

    out = [clean_text(text[a:b]) for a, b in sentence_spans(text)]
    return [s for s in out if s] or ([clean_text(text)] if text.strip() else [])


def stored_query_vectors(ws: Any, sentences: list[str]) -> np.ndarray:
    """Query-side vectors of sentences, kept in the store by content hash (the table the asks use): a report's
    sentences embedded by ``split`` are found again by ``check-draft`` on its drafts (they quote the report),
    and re-checking a folder after editing one draft embeds only the sentences that changed."""
    from topicmine.pipeline.dedup_job import short_text_vectors

    return np.asarray(short_text_vectors(ws, list(sentences)), dtype=np.float32)


class SentenceVectors:
    """``embed(texts)`` for the drafts stage, backed by one batch of the report's sentence vectors.

    ``embedded``: sentences embedded up front; ``extra``: sentences embedded later (text not in the report,
    e.g. a draft's generated title). Vectors are the e5 "query:" side, L2-normalised.
    """

    def __init__(self, ws: Any, text: str) -> None:
        from topicmine.text.layout import normalize_layout

        self.ws = ws
        # each sentence without its numbering lead: a draft quotes the report's "（三）提高待遇。" as "一是提高待遇。",
        # and both are the same sentence — the one vector the store keeps for it
        sents = list(dict.fromkeys(_key(s) for s in _sentences(normalize_layout(_matter_lines(text)))))
        vecs = stored_query_vectors(ws, sents) if sents else np.zeros((0, 0), np.float32)
        self.vec: dict[str, np.ndarray] = dict(zip(sents, vecs))
        self.embedded = len(sents)
        self.extra = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        per = [[_key(x) for x in _sentences(t)] for t in texts]
        missing = list(dict.fromkeys(s for ss in per for s in ss if s not in self.vec))
        if missing:
            self.vec.update(zip(missing, stored_query_vectors(self.ws, missing)))
            self.extra += len(missing)
        dim = next(iter(self.vec.values())).shape[0] if self.vec else 0
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for i, ss in enumerate(per):
            if ss:
                v = np.mean([self.vec[s] for s in ss], axis=0)
                out[i] = v / (np.linalg.norm(v) + 1e-12)
        return out

    def query(self, draft_text: str) -> np.ndarray:
        """The (1, dim) vector a draft is compared with history by (form and headings left out)."""
        return self(([query_text(draft_text) or draft_text]))


def embed_sentences(ws: Any, texts: list[str]) -> int:
    r"""Embed the sentences of several drafts in one model call (``check-draft FOLDER``): each draft's
    :class:`SentenceVectors` then finds its sentences in the workspace's query cache instead of calling
    the model once per draft. Returns how many distinct sentences were asked for.

    >>> embed_sentences(ws, ["关于稳定护理员队伍的提案\n护理员流失严重。", "关于规范校外培训收费的提案"])  # doctest: +SKIP
    3
    """
    from topicmine.errors import ModelError, TopicmineError
    from topicmine.text.layout import normalize_layout

    sents = list(dict.fromkeys(_key(s) for t in texts if (t or "").strip()
                               for s in _sentences(normalize_layout(_matter_lines(drop_review(t))))))
    if sents:
        try:
            _ = ws.embedder  # loading is what may fail: the checks then run without vectors, as alone
        except (ModelError, TopicmineError, OSError) as exc:  # each check then runs without vectors, as alone
            import logging

            logging.getLogger("topicmine").info("drafts not embedded in one batch: %s", exc)
            return 0
        stored_query_vectors(ws, sents)
    return len(sents)
