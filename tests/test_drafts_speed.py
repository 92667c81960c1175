"""Waiting for drafts: a split embeds the report's sentences once and nothing else for its history check, and
``check-draft FOLDER`` loads the model once for every draft in it.

Built from the profile of `split` on the 低空经济 sample report (cProfile, 2026-12-07, this pass): of 81 s under load,
34.5 s embedded the report's sentences once ("query:" side) and 29.5 s embedded every draft's passages again on
the "passage:" side, only so the history check's document-level rule could compare the draft as dedup compares two
documents. The rule now takes the draft's sentence-mean vector the split already has, with a z offset calibrated
on the labelled dev pairs (dedup/calibration/draft_query_side.json).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from topicmine import pipeline
from topicmine.config import load_settings
from topicmine.pipeline.dedup_job import draft_query_z_offset

ROOT = Path(__file__).resolve().parent.parent
LA = ROOT / "corpus" / "sample" / "调研报告" / "2025" / "关于苏州市低空经济发展情况的调研报告.md"


def _spy(ws: Any) -> list[tuple[str, str]]:
    """Every text the model is asked to embed, with its side ("query" / "passage")."""
    seen: list[tuple[str, str]] = []
    emb = ws.embedder
    real = emb.encode

    def encode(texts: list[str], *args: Any, kind: str = "passage", **kw: Any) -> Any:
        seen.extend((t, kind) for t in texts)
        return real(texts, *args, kind=kind, **kw)

    emb.encode = encode
    return seen


@pytest.fixture(scope="module")
def proposals_ws(tmp_path_factory: pytest.TempPathFactory, model_dir: Path, sample_dir: Path) -> Path:
    """A workspace whose corpus is the sample proposals, embedded and indexed (so the history check has vectors)."""
    wd = tmp_path_factory.mktemp("speed") / "wd"
    ws = pipeline.Workspace(load_settings(workdir=wd))
    pipeline.ingest(ws, [sample_dir / "提案"], doc_type="proposal", show_progress=False)
    pipeline.embed(ws, show_progress=False)
    return wd


def test_the_calibration_for_the_shipped_model_exists(model_dir: Path) -> None:
    ws = pipeline.Workspace(load_settings(workdir=model_dir.parent / "nonexistent-wd-not-created"))
    off = draft_query_z_offset(ws.embedder.model_id)
    assert off is not None and -3.0 < off < 3.0
    assert draft_query_z_offset("another-model@000") is None  # another model's scale is not this one's


@pytest.mark.slow
def test_a_split_embeds_each_sentence_once_and_no_passage(proposals_ws: Path) -> None:
    ws = pipeline.Workspace(load_settings(workdir=proposals_ws))
    seen = _spy(ws)
    res = pipeline.split(ws, pipeline.read_upload(ws, LA.name, LA.read_bytes()))
    assert len(res["drafts"]) >= 3
    texts = [t for t, _ in seen]
    assert len(seen) > 30  # the report's sentences were embedded (not a run without a model)
    assert [t for t, k in seen if k == "passage"] == []  # no draft embedded again on the "passage:" side
    assert len(texts) == len(set(texts)), [t for t in set(texts) if texts.count(t) > 1][:3]
    # the document-level rule did run on the sample proposals about 低空经济 (z is its corpus-relative cosine)
    assert any("z" in it for d in res["drafts"] for it in d["similar"])


@pytest.mark.slow
def test_check_draft_on_a_folder_loads_the_model_once(proposals_ws: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from topicmine.cli import app
    from topicmine.embed import st

    folder = tmp_path / "drafts"
    folder.mkdir()
    for p in sorted((ROOT / "corpus" / "sample" / "提案" / "2025").glob("*.md"))[:3]:
        (folder / p.name).write_bytes(p.read_bytes())
    loads: list[int] = []
    real = st.SentenceTransformerEmbedder.load

    def load(self: Any) -> Any:
        if self._model is None:  # a real load of the weights, not the "already loaded" return
            loads.append(1)
        return real(self)

    monkeypatch.setattr(st.SentenceTransformerEmbedder, "load", load)
    r = CliRunner().invoke(app, ["check-draft", str(folder), "--workdir", str(proposals_ws), "--json"])
    assert r.exit_code in (0, 1), r.output
    import json

    out = json.loads(r.output.strip().splitlines()[-1])
    assert len(out["files"]) == 3
    assert len(loads) == 1
