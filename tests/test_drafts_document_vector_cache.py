"""The history check's document vector of a draft is kept in the store: a `check-draft` of the folder a `split`
has just written (a new process) embeds none of the drafts' passages again.

Built from the profile of `split` on the 低空经济 sample report (2026-12-07, cProfile): 14 of 24 s went to
``draft_document_vector`` embedding every draft's passages on the "passage:" side, and the same drafts checked
afterwards were embedded all over again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from topicmine import pipeline
from topicmine.config import load_settings
from topicmine.pipeline.dedup_job import DRAFT_MODEL_SUFFIX, draft_document_vector

DRAFT = ("关于加强社区托育服务供给的提案\n"
         "调研情况：全市0至3岁婴幼儿约12万人，现有普惠性托育机构86家，托位4600个，每千人口托位数1.9个。\n"
         "问题分析：一是社区托育用房不足，老旧小区难以配建；二是托育机构运营成本高，收费与家长承受能力不匹配；"
         "三是保育人员持证率低，流动性大。\n"
         "具体建议：一是将社区托育用房纳入新建小区配套，老旧小区通过改造补齐；二是对普惠性托位给予运营补贴；"
         "三是建立保育人员培训和职称制度。")


def _spy(ws: Any) -> list[str]:
    seen: list[str] = []
    real = ws.embedder.encode

    def encode(texts: list[str], *args: Any, **kw: Any) -> Any:
        seen.extend(texts)
        return real(texts, *args, **kw)

    ws.embedder.encode = encode
    return seen


def test_a_drafts_document_vector_is_embedded_once_and_found_again(tmp_path: Path, model_dir: Path) -> None:
    wd = tmp_path / "wd"
    ws = pipeline.Workspace(load_settings(workdir=wd))
    first_seen = _spy(ws)
    v1 = draft_document_vector(ws, DRAFT)
    assert v1 is not None and first_seen  # nothing stored yet: the passages are embedded
    n = ws.store.stats()["embeddings"].get(ws.embedder.model_id + DRAFT_MODEL_SUFFIX, {}).get("vectors", 0)
    assert n >= 1

    ws2 = pipeline.Workspace(load_settings(workdir=wd))  # a new process: nothing in memory
    seen = _spy(ws2)
    v2 = draft_document_vector(ws2, DRAFT)
    assert seen == []
    assert np.allclose(v1, v2, atol=1e-6)

    # an edited draft embeds only what changed
    edited = DRAFT.replace("三是建立保育人员培训和职称制度。", "三是建立保育人员培训和职称制度，并于年底前出台实施办法。")
    v3 = draft_document_vector(ws2, edited)
    assert seen and len(seen) < len(first_seen) + 1 and v3 is not None


def test_draft_vectors_are_not_counted_as_corpus_vectors(tmp_path: Path, model_dir: Path) -> None:
    ws = pipeline.Workspace(load_settings(workdir=tmp_path / "wd"))
    draft_document_vector(ws, DRAFT)
    assert ws.store.embedded_count(ws.embedder.model_id) == 0  # no corpus passage got a vector
    assert ws.store.prune_embeddings() >= 1  # orphans of the cache: pruned with the other caches
