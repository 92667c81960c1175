"""The notebooks in notebooks/ run top to bottom without errors (so they never rot).

They are executed with nbclient on the venv's own Python (ipykernel's built-in ``python3`` kernel
spec uses ``sys.executable``, so nothing needs registering on a fresh clone). One workdir is built
for all of them and handed over by ``TOPICMINE_NOTEBOOK_WORKDIR``; each notebook's own refresh then finds
nothing to do. The stored notebooks must equal what ``scripts/build_notebooks.py`` generates and
carry no outputs.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

nbformat = pytest.importorskip("nbformat")


def _builder():
    spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "scripts" / "build_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_notebooks_are_generated_and_stored_without_outputs(tmp_path):
    names = [p.name for p in NOTEBOOKS]
    assert names == ["01_corpus.ipynb", "02_topics.ipynb", "03_duplicates.ipynb", "04_split_report.ipynb", "05_uptake.ipynb"]
    fresh = {p.name: p.read_text(encoding="utf-8") for p in _builder().build(tmp_path)}
    for p in NOTEBOOKS:
        assert p.read_text(encoding="utf-8") == fresh[p.name], f"{p.name} differs from scripts/build_notebooks.py: rebuild it"
        nb = nbformat.read(str(p), as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{p.name} is stored with outputs"
                # notebooks import topicmine, never define reusable logic
                assert "\ndef " not in "\n" + cell.source and "\nclass " not in "\n" + cell.source, p.name


@pytest.fixture(scope="module")
def notebook_workdir(tmp_path_factory, model_dir, sample_dir):
    """The sample corpus refreshed once; every notebook reuses it through TOPICMINE_NOTEBOOK_WORKDIR."""
    from topicmine.pipeline import Workspace
    from topicmine.pipeline.refresh import refresh

    wd = tmp_path_factory.mktemp("notebooks") / "wd"
    ws = Workspace.from_settings(workdir=wd)
    try:
        refresh(ws, [sample_dir], show_progress=False)
    finally:
        ws.close()
    old = os.environ.get("TOPICMINE_NOTEBOOK_WORKDIR")
    os.environ["TOPICMINE_NOTEBOOK_WORKDIR"] = str(wd)  # inherited by the kernel process
    yield wd
    if old is None:
        os.environ.pop("TOPICMINE_NOTEBOOK_WORKDIR", None)
    else:
        os.environ["TOPICMINE_NOTEBOOK_WORKDIR"] = old


@pytest.mark.slow  # a fresh refresh of the sample corpus + five kernels (~3 min); `make test-slow`, which CI runs
@pytest.mark.model
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, notebook_workdir):
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(str(path), as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError naming the cell on any error
    images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
                 if o.get("output_type") == "display_data" and "image/png" in o.get("data", {}))
    assert images >= 1, f"{path.name} shows no inline plot"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
