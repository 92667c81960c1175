"""An urgent, specific item (社情民意信息: 反映情况, 时效性, one fact + one ask) becomes a 社情民意信息 — on its own
and inside a larger matter of a report — while a system or policy ask, or an item without a situation, stays 提案.

Items are the sample reports' own (低空经济, 高标准农田, 一老一小, 新就业形态) and the sample 社情民意信息
"部分高标准农田灌溉设施损毁失管影响春灌", as a drafter meets them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from topicmine.drafts import read_report, split_report, suggest_genre

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "corpus" / "sample" / "调研报告"


@pytest.mark.parametrize(
    "text,genre",
    [
        # a situation residents report (扰民, 投诉) and an ask to act now (立即)
        ("三是针对居民反映集中的小区上空盘旋拍摄、夜间飞行扰民问题，建议立即明确住宅区上空飞行高度和时段限制，"
         "开通投诉举报渠道，及时回应群众关切。", "opinion"),
        # a hazard (隐患, 损毁) and a near date (秋冬种前, 限期)
        ("一是立即开展灌排设施隐患排查。建议在秋冬种前，组织各地对已建成项目区的泵站、涵闸、渠道开展一次全面排查，"
         "建立问题清单，对影响灌溉排涝的损毁设施限期修复，确保明年汛期安全度汛。", "opinion"),
        ("一是立即开展养老机构消防安全专项排查整治。建议在今年汛期和冬季用火用电高峰来临前，由民政、消防救援部门对"
         "2010年以前建成的农村敬老院和小型民办养老机构逐一排查，限期整改消防设施失效等重大隐患。", "opinion"),
        # one fact + one ask, as a 社情民意信息 writes it (春灌在即 / 春灌前)
        ("春灌在即，部分早年建成的高标准农田项目区泵站电机被盗、渠道破损淤塞，设施损毁严重，农户只能自购柴油机抽水。"
         "建议农业农村部门在春灌前组织对灌排设施开展一次集中排查和应急抢修，确保春耕生产用水。", "opinion"),
        # no ask for now: a system to build, even with a hazard word in it
        ("二是推进数字化监测。将高标准农田“一张图”延伸到建后管护，在重点泵站安装远程监控设备，实现设施运行状态"
         "实时监测、损毁情况及时预警。", "proposal"),
        # an ask for now, but a rule to write, not a situation people meet
        ("一是尽快出台无人机飞行管理实施细则，公布适飞空域“一张图”，规范飞行申报流程。", "proposal"),
        ("2. 建立普惠托育运营补贴制度。建议省财政对社区嵌入式普惠托位按实际收托人数给予运营补贴，与收费水平和质量"
         "评估结果挂钩。", "proposal"),
    ],
)
def test_urgent_specific_items_table(text: str, genre: str) -> None:
    g = suggest_genre(text)
    assert g.genre == genre, (g.scores, g.reasons)
    if genre == "opinion":
        assert any(r.startswith("一事一报") for r in g.reasons)
        assert g.features["immediate"] and g.features["situation_words"]


def test_a_long_item_is_not_an_urgent_item() -> None:
    """A whole proposal-length ask is not 一事一报 even with 立即 and 隐患 in it (the bonus needs a short item)."""
    long = ("建议立即开展全市电梯安全隐患排查，" + "对住宅小区老旧电梯逐台检测，建立维保档案，明确物业和业主责任，" * 12)
    g = suggest_genre(long)
    assert g.features["immediate"] and g.features["situation_words"]
    assert not any(r.startswith("一事一报") for r in g.reasons)


def _split(name: str):  # type: ignore[no-untyped-def]
    path = next(REPORTS.rglob(name))
    text, heads = read_report(path)
    return split_report(text, headings=heads, layout=True)


def test_low_altitude_report_keeps_the_drone_nuisance_item_in_its_matter() -> None:
    """The urgent 扰民 item ("三是针对居民反映集中的小区上空盘旋拍摄……") is one of 守牢低空飞行安全底线's measures:
    the genre step no longer cuts it out as a 社情民意信息 (one matter, one draft, one genre for the whole; drafts7)."""
    r = _split("关于苏州市低空经济发展情况的调研报告.md")
    assert not [d for d in r.drafts if d.genre == "opinion"]
    safety = [d for d in r.drafts if "飞行管理实施细则" in d.text()]
    assert len(safety) == 1 and safety[0].genre == "proposal"
    assert "盘旋拍摄" in safety[0].text()


def test_farmland_report_reports_the_repair_before_sowing_as_opinion() -> None:
    r = _split("关于我省高标准农田建设与管护情况的调研报告.md")
    ops = [d for d in r.drafts if d.genre == "opinion"]
    assert any("灌排设施隐患排查" in d.text() for d in ops)


def test_urgent_matter_keeps_its_items_together() -> None:
    """新就业形态: the whole 充电隐患 matter is a 社情民意信息; its urgent item does not leave it."""
    r = _split("关于新就业形态劳动者权益保障情况的调研报告.md")
    charge = [d for d in r.drafts if "飞线充电" in d.text() or "换电柜" in d.text()]
    assert len(charge) == 1 and charge[0].genre == "opinion"
    assert "飞线充电" in charge[0].text() and "换电柜" in charge[0].text()
