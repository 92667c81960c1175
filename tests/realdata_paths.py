"""Where the real-data tests find ../shared/data: ``$TOPICMINE_DATA_DIR`` like the rest of the project (the older
``$TOPICMINE_DATA`` still works), else ``../shared/data`` beside the checkout; and the skip mark for a missing folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("TOPICMINE_DATA_DIR") or os.environ.get("TOPICMINE_DATA") or ROOT.parent / "shared" / "data")
PROVINCES = DATA / "gov_reports_lawtext" / "政府工作报告-省自治区"


def needs(folder: Path) -> list[pytest.MarkDecorator]:
    """``pytestmark`` for a module that reads ``folder``: marked realdata, skipped with the reason when it is absent."""
    return [
        pytest.mark.realdata,
        pytest.mark.skipif(not folder.is_dir(), reason=f"real data not found at {folder} (set TOPICMINE_DATA_DIR)"),
    ]
