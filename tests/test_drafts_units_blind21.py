"""承办单位 on a 市 report built from citizens' messages (the seventh blind reader, docs/figures/drafts21-blind.md):
bodies a measure names in a list that opens with the measure's own marker ("一是城管、交通运输部门对……"), 交警 named
beside other bodies, and a 补贴 mechanism to be set up (a money ask) were all left out of the 承办 line."""

from __future__ import annotations

from topicmine.drafts.departments import load_departments_for_level


def _units(text: str) -> list[tuple[str, str]]:
    return [(h.name, h.role) for h in load_departments_for_level("市").suggest(text, level="市")]


def test_a_list_opening_with_the_measures_marker_still_names_its_bodies() -> None:
    got = _units("关于规范共享单车管理的提案\n一是城管、交通运输部门对共享单车投放实行总量控制和备案管理，根据区域容量确定投放规模。"
                 "二是督促企业按规定配备管理人员，运用电子围栏等手段规范停放。")
    names = [n for n, _ in got]
    assert "市城市管理局" in names and "市交通运输局" in names, got


def test_traffic_police_named_beside_other_bodies_takes_part() -> None:
    got = _units("关于加快人行过街设施建设的提案\n一是由市城管局牵头，会同自然资源和规划、交警部门和A5区政府，将劳动路尊邸华庭路段"
                 "人行天桥或地下通道纳入建设计划，建成前先设置临时人行通道和安全警示设施。")
    assert got[0] == ("市城市管理局", "主办") and ("市公安局", "协办") in got, got


def test_setting_up_a_subsidy_mechanism_asks_finance() -> None:
    got = _units("关于补齐新建小区公交服务短板的提案\n1．交通运输部门对新建小区开展公交出行需求调查，优先开通社区微循环公交。"
                 "2．对客源不足但群众确需的线路，研究建立公交运营亏损补贴机制，避免“一停了之”。")
    assert got[0][0] == "市交通运输局" and ("市财政局", "协办") in got, got


def test_a_long_last_item_of_a_list_of_bodies_still_closes_it() -> None:
    # "自然资源和规划" (seven characters, a city body's own name) ended the list, which then matched nothing at all
    got = _units("关于加快小区配套幼儿园移交的提案\n2．对拒不移交、继续对外出租收益的开发企业，由教育、住建、自然资源和规划等部门联合约谈，"
                 "依法依规处理，并纳入企业信用记录。")
    names = [n for n, _ in got]
    assert names[0] == "市教育局" and "市住房城乡建设局" in names and "市自然资源局" in names, got


def test_a_body_with_its_duty_in_brackets_is_still_in_the_list() -> None:
    # "发展改革（价格）、教育部门加强…检查": the bracket cut the list, and 发改 (which checks fees) was never seated
    got = _units("关于规范普惠性民办幼儿园收费和服务的提案\n二是发展改革（价格）、教育部门加强对普惠园收费的检查，向社会公开收费标准和投诉电话。")
    assert ("市发展改革委", "协办") in got or ("市发展改革委", "主办") in got, got
