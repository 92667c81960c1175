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


def report_paragraphs(files: list[Path], region: str, doc_prefix: str) -> tuple[list[str], list[dict]]:
    """The paragraphs (≥ 30 characters, front matter and ``**`` removed) of a region's yearly reports, with the
    metadata the topic stage reads: passage id, document id (``doc_prefix`` + year), type, year and region."""
    texts: list[str] = []
    meta: list[dict] = []
    for f in files:
        year = int(f.stem[:4])
        raw = f.read_text(encoding="utf-8")
        if raw.startswith("---"):
            raw = raw[raw.find("\n---", 3) + 4:]
        for k, para in enumerate(p.strip().replace("**", "") for p in raw.split("\n\n")):
            if len(para) >= 30:
                texts.append(para)
                meta.append({"passage_id": f"{year}-{k}", "doc_id": f"{doc_prefix}{year}", "doc_type": "gov_report",
                             "year": year, "region": region})
    return texts, meta


def filed_matter(row: dict[str, str]) -> tuple[str, str, str, str]:
    """(heading, situation, problem, measures) of a filed jszx2019 proposal written with the three labels
    调研情况/问题分析/具体建议 (or 具体意见): the pieces tests assemble into a 调研报告."""
    import re

    c = re.sub(r"[ \u3000]+", "", row["content"])
    sit, rest = c.removeprefix("调研情况：").split("问题分析：", 1)
    prob, sugg = re.split(r"具体(?:建议|意见)：", rest, maxsplit=1)
    head = re.sub(r"^关于|的(?:建议|提案)$", "", row["reason"])
    return head, sit.strip(), prob.strip(), sugg.strip()
