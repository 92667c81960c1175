"""The cases of the topics8 pass, from the outside readers' findings on the (now seen) sets D, E and F.

- a city report's "有关词语解释" glossary ("【四水共治】即统筹推进…", 兰州 2026: 34 % of its passages) is flagged
  名词解释 like the numbered form ("40.“五大提升”行动：指…");
- a province's list is the home region's: a 议题 only other regions' reports feed ("人工智能+" from three cities'
  2026 reports on a 西藏 list) is 外地动向, ranked after the home region's 议题 and said so in Chinese;
- a heavy matter of several years (西藏 脱贫攻坚, 杭州 亚运) is not ranked down for being said in one region only.
"""

from __future__ import annotations

import pytest

from realdata_paths import DATA
from topicmine.topics.nonmatter import nonmatter_reason

CITIES = DATA / "gov_reports_lawtext" / "政府工作报告-主要城市"


def test_bracketed_glossary_entries_are_flagged_and_bracketed_headings_are_not():
    assert nonmatter_reason("【四水共治】即统筹推进水环境、水生态、水资源、水安全四个方面协同治理。") == "glossary"
    assert nonmatter_reason("【债务化解“三大攻坚战”】：即国有资产清理盘活、国有企业重构重塑。") == "glossary"
    assert nonmatter_reason("有关词语解释\n\n【1139工作部署】即市委十四届七次全会对兰州发展作出的部署。") == "glossary"
    # a bracket that is no definition stays a passage of the report
    assert nonmatter_reason("【专栏】全年新开工重大项目120个，完成投资800亿元，带动就业3万人。") != "glossary"
    assert nonmatter_reason("实施消费品以旧换新，支持汽车、家电更新换代。") is None


@pytest.mark.realdata
@pytest.mark.skipif(not (CITIES / "兰州市" / "2026.md").is_file(),
                    reason=f"real data not found at {CITIES} (set TOPICMINE_DATA_DIR)")
def test_lanzhou_2026_glossary_is_flagged():
    """兰州 2026 (a seen city report): its 47 "【…】即…" entries were counted nowhere (set D's reader)."""
    paras = [p.replace("**", "").strip() for p in (CITIES / "兰州市" / "2026.md").read_text(encoding="utf-8").split("\n") if p.strip()]
    entries = [p for p in paras if p.startswith("【") and "】" in p[:42]]
    assert len(entries) >= 40
    flagged = [p for p in entries if nonmatter_reason(p) == "glossary"]
    assert len(flagged) >= 0.9 * len(entries)
    # the report's own measures are not glossary
    body = [p for p in paras if not p.startswith("【") and len(p) > 60]
    assert sum(nonmatter_reason(p) == "glossary" for p in body) <= 1
