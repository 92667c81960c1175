"""Shared fixtures: real data (skips with a reason when absent), temp workdirs, the sample corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"
MODEL_DIR = ROOT / "models" / "multilingual-e5-small"


def _data_dir() -> Path:
    return Path(os.environ.get("TOPICMINE_DATA_DIR", ROOT.parent / "shared" / "data")).resolve()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """../shared/data (or $TOPICMINE_DATA_DIR); real-data tests skip when it is absent."""
    d = _data_dir()
    if not d.is_dir():
        pytest.skip(f"real data not found at {d} (set TOPICMINE_DATA_DIR to ../shared/data)")
    return d


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """The converted default embedding model (built by `make setup`)."""
    if not (MODEL_DIR / "topicmine_manifest.json").is_file():
        pytest.skip(f"embedding model not built at {MODEL_DIR}: run `make setup`")
    return MODEL_DIR


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    if not SAMPLE.is_dir():
        pytest.skip("corpus/sample missing")
    return SAMPLE


@pytest.fixture(scope="module")
def proposals_ws(tmp_path_factory: pytest.TempPathFactory, model_dir: Path, sample_dir: Path) -> Path:
    """A workspace whose corpus is the sample proposals, embedded and indexed (so the history check has vectors)."""
    from topicmine import pipeline
    from topicmine.config import load_settings

    wd = tmp_path_factory.mktemp("proposals") / "wd"
    ws = pipeline.Workspace(load_settings(workdir=wd))
    pipeline.ingest(ws, [sample_dir / "提案"], doc_type="proposal", show_progress=False)
    pipeline.embed(ws, show_progress=False)
    return wd
