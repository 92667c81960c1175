"""A title never says the opposite of its clauses (a sealed 福建 read: the 议题 whose every clause says "确保不发生规模性
返贫" was titled "发生规模性返贫"). Real data: 福建's 2020–2026 reports' clauses on 返贫, titled the way
:func:`make_titles` titles a 议题's clauses."""

from __future__ import annotations

import re

from tests.realdata_paths import PROVINCES, needs
from topicmine.topics.titles import make_titles

pytestmark = needs(PROVINCES / "福建省")


def _clauses(key: str, years: range) -> tuple[list[str], list[str]]:
    texts, docs = [], []
    files = [PROVINCES / "福建省" / f"{year}.md" for year in years]
    files.append(PROVINCES.parent / "政府工作报告-主要城市" / "西宁市" / "2025.md")
    for f in files:
        if f.is_file():
            for c in re.split(r"[。；;\n]", f.read_text(encoding="utf-8")):
                if key in c and 6 <= len(c) <= 200:
                    texts.append(c.strip())
                    docs.append(f"{f.parent.name}{f.stem}")
    return texts, docs


def test_a_thing_the_reports_say_to_avoid_is_titled_by_the_avoiding() -> None:
    import jieba

    # the 议题 as the sealed read's store formed it: 2020's "强化帮扶、防止返贫" and the clauses since 2022 that say
    # 规模性返贫 (福建's and 西宁 2025's)
    texts, docs = _clauses("规模性返贫", range(2021, 2027))
    more, more_docs = _clauses("强化帮扶、防止返贫", range(2020, 2021))
    texts, docs = more + texts, more_docs + docs
    said = [t for t in texts if "不发生规模性返贫" in t]
    assert len(said) >= 4, texts  # the reports' own words: 守住/守牢不发生规模性返贫底线
    title = make_titles({0: texts}, {0: docs}, jieba.lcut, anchors={0: "返贫"}).get(0, "")
    assert "返贫" in title
    assert not title.startswith(("发生", "出现")), title
    # the reports say the thing is to be prevented; so does the title, or it names the prevention itself
    assert title.startswith("防止") or "不发生" in title, title
