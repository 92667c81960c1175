"""Levels of the filed provincial proposals (jszx2019_dev, all seen): a proposal that names a city with its government
("南京市委市政府提出……", "宿迁市人民政府与……签订") is still 省; one written from a city's own standpoint ("我市", "全市")
stays 市, as the text says."""

from __future__ import annotations

import csv
import re

from realdata_paths import DATA, needs
from topicmine.drafts.departments import load_departments_for_level, report_level

pytestmark = needs(DATA / "jszx_proposals_2019")


def _rows() -> list[dict[str, str]]:
    with (DATA / "jszx_proposals_2019" / "jszx2019_dev.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_provincial_proposals_naming_a_city_are_provincial():
    rows = _rows()
    levels = {i: report_level(r["reason"].strip() + "\n" + r["content"]) for i, r in enumerate(rows)}
    # 158 南京体育活力城市 (南京市委市政府), 91 宿迁时尚体育城市 (宿迁市人民政府), 47 南京市老城区 (its title), 48 (杭州、上海
    # "发挥市委市政府"): read as 市 before
    for i in (47, 48, 91, 158):
        assert levels[i][0] == "省", (i, levels[i])
    # a row read below 省 says so in its own words
    for i, (lv, why) in levels.items():
        if lv != "省":
            assert re.search(r"我[市县区]|全[市县区]|本[市县]|政协", why), (i, lv, why)


def test_row_158_is_answered_by_the_provincial_body():
    r = _rows()[158]
    text = r["reason"].strip() + "\n" + r["content"]
    lv = report_level(text)[0]
    hs = load_departments_for_level(lv).suggest(text, level=lv)
    assert hs[0].name == "省体育局", [(h.name, h.reasons[:2]) for h in hs]
