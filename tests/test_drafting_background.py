"""The corpus background that whole-draft checks are judged against (pipeline.drafting_job._background_vectors).

A real SQLite store under a temp workdir, documents ingested from files, vectors stored in the real
embeddings table (random unit vectors under a test model id: what is checked is which documents make
the background and how their vectors are formed, not what a model thinks of them).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from topicmine.config import load_settings
from topicmine.pipeline import drafting_job as drafting
from topicmine.pipeline.core import Workspace, ingest

MODEL = "test-model@000000000000"


def _write(folder: Path, n_proposals: int, n_reports: int) -> None:
    topics = ["托育服务", "养老服务", "义务教育", "公共交通", "河湖治理", "乡村振兴", "营商环境", "社区治理",
              "职业教育", "数字政府", "文化遗产", "食品安全", "住房保障", "医疗保障"]
    for i in range(n_proposals):
        t = topics[i % len(topics)]
        (folder / f"提案{i:02d}.md").write_text(
            f"---\ntitle: 关于加强{t}的提案（{i}）\ndoc_type: proposal\ndate: 2024-01-{i % 28 + 1:02d}\n---\n\n"
            f"# 关于加强{t}的提案（{i}）\n\n当前我市{t}工作存在短板，群众反映较多。第{i}号调研发现问题集中。\n\n"
            f"建议：一是完善{t}制度；二是加大{t}投入；三是建立{t}考核机制。\n",
            encoding="utf-8")
    for i in range(n_reports):
        (folder / f"报告{i}.md").write_text(
            f"---\ntitle: 政府工作报告{i}\ndoc_type: gov_report\ndate: 2024-02-01\n---\n\n"
            f"# 政府工作报告{i}\n\n过去一年，全市经济运行稳中有进。今年要坚持稳中求进工作总基调。\n",
            encoding="utf-8")


def _workspace(tmp_path: Path, n_proposals: int, n_reports: int = 3) -> Workspace:
    src = tmp_path / "src"
    src.mkdir(parents=True)
    _write(src, n_proposals, n_reports)
    ws = Workspace(load_settings(workdir=tmp_path / "w"))
    ingest(ws, [src])
    return ws


def _embed_all(ws: Workspace, seed: int = 0) -> None:
    todo = ws.store.missing_embeddings(MODEL)
    v = np.random.default_rng(seed).normal(size=(len(todo), 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    ws.store.put_embeddings(MODEL, [h for h, _ in todo], v)


def test_background_is_one_unit_vector_per_proposal(tmp_path: Path):
    ws = _workspace(tmp_path, n_proposals=14)
    _embed_all(ws)
    bg = drafting._background_vectors(ws, MODEL)
    assert bg is not None and bg.shape == (14, 16)  # proposals only: the 3 government reports are not in it
    np.testing.assert_allclose(np.linalg.norm(bg, axis=1), 1.0, atol=1e-5)
    # each row is the renormalised mean of that proposal's passage vectors
    pids, pvecs = ws.store.passage_vectors(MODEL, doc_types="proposal")
    owners = [r.doc_id for r in ws.store.passages([int(i) for i in pids])]
    first = owners[0]
    mean = pvecs[[i for i, d in enumerate(owners) if d == first]].mean(axis=0)
    np.testing.assert_allclose(bg[0], mean / np.linalg.norm(mean), atol=1e-5)
    assert drafting._background_vectors(ws, MODEL) is bg  # cached for this store state


def test_too_few_proposals_or_missing_vectors_fall_back_to_the_prior(tmp_path: Path):
    ws = _workspace(tmp_path, n_proposals=4)
    _embed_all(ws)
    assert drafting._background_vectors(ws, MODEL) is None  # 4 < BACKGROUND_MIN_DOCS
    ws2 = _workspace(tmp_path / "b", n_proposals=14)
    assert drafting._background_vectors(ws2, MODEL) is None  # nothing embedded yet
    _embed_all(ws2)
    bg = drafting._background_vectors(ws2, MODEL)  # "none yet" was not cached
    assert bg is not None and len(bg) == 14
