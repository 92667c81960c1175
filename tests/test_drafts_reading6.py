"""Cases from the outside reading of drafts5 (docs/figures/drafts5-reading.md), each built from the failing text.

The two compact reports in tests/data/drafts_reading6/ are the reader's 养老 and 教育 inputs (assembled from
jszx2019_dev rows 145 189 229 271 279 and 146 240 151 208 272, seen since that reading), each paragraph cut to its
first two sentences (教育's （五） matter kept whole).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from topicmine.drafts import read_report, split_report
from topicmine.drafts.checks import one_matter_check

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "corpus" / "sample" / "调研报告"
HERE = Path(__file__).resolve().parent / "data" / "drafts_reading6"
from realdata_paths import DATA  # noqa: E402
JSZX = DATA / "jszx_proposals_2019" / "jszx2019_dev.csv"


def _split_sample(name: str):  # type: ignore[no-untyped-def]
    text, heads = read_report(next(REPORTS.rglob(name)))
    return split_report(text, headings=heads, layout=True)


def _split_file(name: str):  # type: ignore[no-untyped-def]
    return split_report((HERE / name).read_text(encoding="utf-8"), layout=True)


def test_a_problem_items_sub_items_stay_with_its_matter() -> None:
    """"1．养老服务顶层设计不全面问题" under "（二）社区养老院供给不足、标准不一" shares few words with the 配建养老院
    measures but is that problem's own aspect; so is "社会养老服务资源明显不足" under （二）社区养老机构建设, the one
    situation item left when every other has its matter. Neither is quoted by 农村养老 any more."""
    r = _split_file("养老.txt")
    own = next(d for d in r.drafts if "配建养老院" in d.title)
    assert "顶层设计不全面" in own.text() and "社会养老服务资源明显不足" in own.text()
    rural = next(d for d in r.drafts if "农村养老" in d.title)
    assert "社会养老服务资源明显不足" not in rural.text()


def test_sample_problem_sub_items_are_quoted_by_their_matter() -> None:
    """农田 "设计与实际需求脱节" (under 建设质量有待提升) → 质量监管; 新就业 "用工形式复杂" (under 劳动关系认定和社会
    保险参保存在难点) → 社会保险; "交通事故多发" (under 交通和消防安全隐患, the other half of the heading from 充电)
    stays nobody's."""
    r = _split_sample("关于我省高标准农田建设与管护情况的调研报告.md")
    quality = next(d for d in r.drafts if "质量" in d.title)
    assert "设计与实际需求脱节" in quality.text()
    r = _split_sample("关于新就业形态劳动者权益保障情况的调研报告.md")
    assert any("用工形式复杂" in d.text() for d in r.drafts if "社会保险" in d.title)
    assert not any("交通事故多发" in d.text() for d in r.drafts)


def test_a_numbered_sentence_with_items_under_it_is_a_measure() -> None:
    """教育 05: "（4）能举行家庭教育沙龙或公开讲座，有系列家庭教育讲座课题。" and "5．采用讲座、沙龙、微课等形式开展家庭
    教育活动。" were read as headings of the lines after them and dropped."""
    r = _split_file("教育.txt")
    d = next(d for d in r.drafts if "家庭教育指导中心" in d.title)
    assert "能举行家庭教育沙龙或公开讲座" in d.text()
    assert "采用讲座、沙龙、微课等形式开展家庭教育活动" in d.text()


def _rows() -> list[dict[str, str]]:
    if not JSZX.exists():
        pytest.skip(f"{JSZX} not found (set TOPICMINE_DATA_DIR)")
    return list(csv.DictReader(JSZX.open(encoding="utf-8")))


def _parts(content: str) -> list[str]:
    import re

    ms = list(re.finditer(r"(调研情况|问题分析|具体建议)[：:]", content))
    return [content[ms[0].end():ms[1].start()].strip(), content[ms[1].end():ms[2].start()].strip(),
            content[ms[2].end():].strip()]


def test_two_proposals_of_one_field_merged_under_one_set_of_parts_fail_one_matter() -> None:
    """The reader's joined file: 太湖印染 (row 155) and 水环境微塑料 (row 256), their situations, problems and measures
    each under one heading. Each measure list runs "一是……三是……", so the measures restart at 一是."""
    rows = _rows()
    a, b = _parts(rows[155]["content"]), _parts(rows[256]["content"])
    title = "关于推动太湖流域印染行业整治提升的提案"
    text = (f"{title}\n一、案由\n{title}\n二、调研情况\n{a[0]}\n{b[0]}\n三、问题分析\n{a[1]}\n{b[1]}\n"
            f"四、具体建议\n{a[2]}\n{b[2]}\n")
    c = one_matter_check(text, "proposal", title=title)
    assert not c.passed and "从头编号" in c.message
    for i in (155, 256):
        r = rows[i]
        assert one_matter_check(r["reason"] + "\n" + r["content"], "proposal", title=r["reason"]).passed


def test_filed_proposals_whose_sides_share_their_object_pass() -> None:
    """Rows 175 ("企业" in 经济、企业、稳中求进 · 企业、社保、人才) and 283 ("景点": a 休闲年卡's situation and its 地级市
    measures) are single filed proposals the check called two matters."""
    rows = _rows()
    for i in (175, 283):
        r = rows[i]
        assert one_matter_check(r["reason"] + "\n" + r["content"], "proposal", title=r["reason"]).passed, i


def test_a_local_complaint_that_keeps_coming_back_is_a_social_opinion() -> None:
    """噪声 (市; built from 网络问政 messages 3747 6470 16521 17053 17011 18652 and their replies): 夜宵排档 ("板桥小区夜宵
    一条街……群众多次反映，迟迟得不到根本解决") and 娱乐场所 ("泉塘街道一酒吧……投诉后长期没有得到解决") are short, specific,
    unresolved local complaints — 社情民意信息; 夜间施工审批 (a rule to change) stays a 提案."""
    r = _split_file("噪声.txt")
    genres = {d.title: d.genre for d in r.drafts}
    assert genres["关于严格夜间施工审批和监管的提案"] == "proposal"
    night = next(d for d in r.drafts if "夜宵排档" in d.title)
    ktv = next(d for d in r.drafts if "娱乐场所" in d.title)
    assert night.genre == ktv.genre == "opinion"
    assert any("群众反复反映" in x for x in night.genre_reasons)


def test_units_from_the_object_not_a_closing_publicity_measure() -> None:
    """draftsread3 F5 (shapes, invented wording): "加强宣传" at the end of a measure list made 宣传部 主办; a road-traffic
    matter (信号灯/人行横道) and a 医保 benefit (门诊慢性病、报销) found no unit."""
    from topicmine.drafts.departments import load_departments_for_level

    d = load_departments_for_level("市")
    first = [h.name for h in d.suggest("建议将儿童门诊慢性病用药纳入医保报销，提高报销比例，加强宣传，提高知晓率。")]
    assert first[0] == "市医保局" and "市委宣传部" not in first
    assert d.suggest("建议在学校周边路口增设信号灯和人行横道，规范交通秩序。")[0].name == "市公安局"


def test_a_measure_with_yi_shi_items_keeps_its_lead_sentence() -> None:
    """draftsread3 F2 (its invented example of the shape): "2．建立校园欺凌报告平台。平台要……，" followed by lines
    "一是……" "二是……" lost "2．建立校园欺凌报告平台。" — the ask itself."""
    r = _split_file("校园安全.txt")
    d = next(d for d in r.drafts if "欺凌" in d.title)
    text = d.text().replace("2.", "2．")
    assert "2．建立校园欺凌报告平台。平台要实现匿名报告" in text
    assert text.index("建立校园欺凌报告平台") < text.index("一是开通线上举报入口")


def test_an_item_leaving_its_matter_is_called_user_chosen_only_when_the_user_chose() -> None:
    """draftsread3 F3: a 社情民意信息 cut out of its matter by its own features said "用户指定文种" without any --genre.
    drafts7: no item leaves its matter on its features (one matter, one draft); with --genre u…=opinion it does, and
    its reasons say the user chose."""
    r = _split_sample("关于苏州市低空经济发展情况的调研报告.md")
    assert not [d for d in r.drafts if d.genre == "opinion"]
    d = next(d for d in r.drafts if "盘旋拍摄" in d.text())
    uid = next(u for u in d.unit_ids if "盘旋拍摄" in r.analysis.unit(u).text)
    text, heads = read_report(next(REPORTS.rglob("关于苏州市低空经济发展情况的调研报告.md")))
    chosen = split_report(text, headings=heads, layout=True, genres={uid: "opinion"})
    d2 = next(x for x in chosen.drafts if uid in x.unit_ids)
    assert d2.genre == "opinion" and d2.genre_reasons[0].startswith("用户指定文种")
