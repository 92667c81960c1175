"""The filed rows behind the sixth blind reader's 承办 edits (docs/figures/drafts17-blind.md; seen now): 269 个人信息保护
(立法 + 执法; one sub-ask puts 教育 in charge of a 学生课程), 226 良法善治 (法治文化), 164 产业工人 (人社 named as an actor)."""

from __future__ import annotations

import csv

import pytest

from realdata_paths import DATA, needs
from topicmine.drafts.departments import load_departments_for_level

pytestmark = needs(DATA / "jszx_proposals_2019")


@pytest.mark.parametrize(("row", "lead", "also"), [(269, "省公安厅", "省教育厅"), (226, "省司法厅", None),
                                                   (164, "省总工会", "省人力资源社会保障厅")])
def test_the_filed_rows_the_reader_read(row: int, lead: str, also: str | None) -> None:
    with (DATA / "jszx_proposals_2019" / "jszx2019_dev.csv").open(encoding="utf-8") as f:
        r = list(csv.DictReader(f))[row]
    hs = load_departments_for_level("省").suggest(r["reason"] + "\n" + r["content"], level="省")
    names = [h.name for h in hs]
    assert names[0] == lead, [(h.name, h.reasons[:2]) for h in hs]
    assert "省文化和旅游厅" not in names[:1] and (also is None or also in names), names
