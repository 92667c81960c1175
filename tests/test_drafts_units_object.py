"""承办单位 by the matter's object and the asks (the shapes a blind reader met in drafts6's held-out drafts and the
category proxy's misses on rows 0–143): the 主办 is the body whose duty the title's matter is, not one whose duty
word a measure says once; "A联合B和C" puts A in charge with B and C as 协办; money, 医保报销 and 工商 asks bring
财政, 医保 and 市场监管 as 协办; every reason says why in Chinese."""

from __future__ import annotations

from topicmine.drafts.departments import load_departments_for_level


def _units(text: str, level: str = "省") -> list[tuple[str, str, str]]:
    return [(h.name, h.role, "；".join(h.reasons)) for h in load_departments_for_level(level).suggest(text, level=level)]


def _names(units: list[tuple[str, str, str]]) -> list[str]:
    return [u[0] for u in units]


def test_the_body_put_in_charge_leads_and_its_partners_assist():
    # reader: "省卫健委联合人社厅和财政厅" drafted as 人社厅 主办, the reason reading the partner as the lead
    text = ("关于完善住院医师规范化培训制度的建议\n"
            "1.省卫健委联合人社厅和财政厅等相关部门，将未进行规范化培训的医学毕业生先集中培训，培训结束后再行分配。")
    units = _units(text)
    assert _names(units) == ["省卫生健康委", "省人力资源社会保障厅", "省财政厅"], units
    assert "牵头" in units[0][2] and "省卫健委联合人社厅和财政厅" in units[0][2], units[0]
    assert all("列为协办" in u[2] for u in units[1:]), units


def test_a_partner_named_alone_does_not_lead():
    # "会同财政部门" names a partner; the matter (加装电梯) is 住建's
    text = "关于加快老旧小区加装电梯的建议\n建议会同财政部门设立加装电梯专项补贴，简化既有住宅加装电梯审批。"
    units = _units(text)
    assert units[0][0] == "省住房城乡建设厅" and units[0][1] == "主办", units
    assert "省财政厅" in _names(units[1:]), units


def test_a_joint_verb_is_no_lead():
    # "与人社部门联合推动……" (no body after 联合) puts nobody in charge: a 职业教育 matter stays 教育厅's
    text = ("关于完善现代职业教育体系的建议\n1.加快完善现代职业教育体系建设，推进高职院校专业设置与产业需求对接。"
            "与人社部门联合推动学历证书与职业技能等级证书互通。")
    assert _units(text)[0][0] == "省教育厅"


def test_the_titles_object_outweighs_a_duty_word_said_in_one_measure():
    # reader: 儿童医疗卫生服务体系 → 人社厅 主办 ("职责涉及就业")
    text = ("关于完善儿童医疗卫生服务体系的建议\n1.推动儿科医疗资源均衡配置，建立区域儿童医疗中心。"
            "2.对到基层工作的儿科医师在职称评审、就业安置上给予适当倾斜，加强技能培训。")
    units = _units(text)
    assert units[0][0] == "省卫生健康委", units
    assert "标题" in units[0][2], units[0]


def test_a_place_word_in_the_title_does_not_make_the_lead():
    # reader: "农村" made 农业农村厅 lead on a retail matter in the countryside
    text = ("关于鼓励零售企业下乡进村解决农村消费痛点的建议\n1.支持零售企业在乡镇开设连锁门店，完善农村商业网点布局。"
            "2.推动电商平台与农村物流站点合作，方便农民就近购物。")
    assert _units(text)[0][0] == "省商务厅"


def test_a_money_ask_brings_finance_as_assistant_with_the_words_quoted():
    # reader: 民办职教 with "加大财政扶持" got 教育厅 only
    text = ("关于鼓励社会力量兴办职业教育的建议\n1.完善民办职业教育扶持政策。"
            "2.加大财政扶持，健全民办职业院校经费支持体系，对民办中职按生均标准给予补助。")
    units = _units(text)
    assert units[0][0] == "省教育厅", units
    fin = next(u for u in units if u[0] == "省财政厅")
    assert fin[1] == "协办" and "具体建议要求财政投入" in fin[2] and "加大财政扶持" in fin[2], fin


def test_a_firms_research_money_is_no_ask_of_finance():
    # a guard on the money rule above: "加大研发资金投入" is the words of a money ask, but a firm's money
    text = "关于加强网络安全体系建设的建议\n1.鼓励网络安全企业加大研发资金投入，突破关键技术。2.加强网络安全人才培养。"
    assert "省财政厅" not in _names(_units(text))


def test_a_matter_about_transfer_payments_is_led_by_finance():
    # reader: all asks 省级财政 ("加大省级财政对苏北各县转移支付力度") drafted as 教育厅 only
    text = ("关于加大转移支付力度推动城乡教育优质均衡发展的建议\n1.进一步加大省级财政对苏北各县转移支付力度，"
            "加强省级财政教育经费的统筹。2.继续加大省级财政对高中教育专项经费的投入。")
    units = _units(text)
    assert _names(units)[:2] == ["省财政厅", "省教育厅"], units


def test_an_insurance_reimbursement_ask_brings_the_medical_insurance_bureau():
    # reader: "提高儿科医疗服务医保报销比例" with no 医保 among the units
    text = ("关于完善儿童医疗卫生服务体系的建议\n1.调整儿童医院布局，提高儿科覆盖率。"
            "2.实施政策倾斜，提高儿科医疗服务医保报销比例，扩大儿童用药基本药物范围。")
    units = _units(text)
    assert units[0][0] == "省卫生健康委", units
    ins = next(u for u in units if u[0] == "省医保局")
    assert ins[1] == "协办" and "医保报销" in ins[2], ins


def test_market_regulation_joins_when_the_text_asks_for_gongshang():
    # reader: "卫生工商部门联动" (市场监管) drafted as 卫健委 only
    text = ("关于打击“黑120”建立全覆盖急救网络的建议\n1.加强政府监督机制，严厉打击黑中介。"
            "一是卫生工商部门联动，建立打击黑120的考核机制。二是要加大打击力度。")
    units = _units(text)
    assert units[0][0] == "省卫生健康委", units
    assert "省市场监管局" in _names(units[1:]), units


def test_at_city_level_the_same_reading_gives_city_bodies():
    text = "关于完善住院医师规范化培训的建议\n建议市卫健委联合市人社局和市财政局，统筹安排规范化培训名额和补助经费。"
    units = _units(text, "市")
    assert _names(units) == ["市卫生健康委", "市人力资源社会保障局", "市财政局"], units
    assert all("按市级部门" in u[2] for u in units)
    assert all("“市卫健委”会同" in u[2] and "列为协办" in u[2] for u in units[1:]), units


def test_a_list_asked_to_act_together_seats_its_bodies_up_to_six_units():
    # (was "at most three units": a list of bodies asked to act together names each of them now — a blind reader
    # counted "发改、科技、商务、工信、市场监管、知识产权等多部门联合推动" giving two units as an edit)
    text = ("关于推进社区养老服务的建议\n建议民政、财政、卫健、住建、人社等部门协同，加大财政补贴，"
            "将社区护理服务纳入医保报销范围，加强养老护理员技能培训，配建养老服务设施。")
    units = _units(text)
    assert 1 <= len(units) <= 6 and units[0][0] == "省民政厅", units
    assert {"省财政厅", "省卫生健康委", "省住房城乡建设厅", "省人力资源社会保障厅"} <= set(_names(units)), units


def test_check_draft_reads_the_lead_and_partners_from_a_drafts_asks():
    # the path a split's draft takes: check-draft reads the title and the 具体建议 part, and writes the 承办 line
    from topicmine.drafts.checks import check_draft

    draft = ("关于完善住院医师规范化培训制度的提案\n"
             "调研情况：我省住院医师规范化培训自2014年全面实施，培训基地覆盖各设区市，部分基地带教能力参差不齐。\n"
             "问题分析：部分医学毕业生未经规范化培训即上岗，培训期间待遇偏低，基层学员流失较多，就业安置缺乏衔接。\n"
             "具体建议：1.省卫健委联合人社厅和财政厅等相关部门，将未进行规范化培训的医学毕业生先集中培训，"
             "培训结束后再行分配。2.对培训基地定期考核评估，建立能上能下、有进有出的退出机制。")
    r = check_draft(draft, genre="proposal", level="省")
    assert [(h["name"], h["role"]) for h in r.handlers] == [
        ("省卫生健康委", "主办"), ("省人力资源社会保障厅", "协办"), ("省财政厅", "协办")], r.handlers
    msg = next(c.message for c in r.checks if c.name == "handlers")
    assert msg.startswith("建议承办单位：省卫生健康委（主办：") and "列为协办" in msg, msg


def test_a_body_the_asks_name_joins_though_its_duty_words_are_few():
    # the asks put 省教育厅 in charge and name 省人社厅 for the 职称 part: it assists though its points are under half the lead's
    text = ("关于加强特殊教育教师队伍建设的建议\n1.建议省教育厅扩大特殊教育教师培养规模，在师范院校增设特殊教育专业，"
            "加强特殊教育学校师资培训和教研，推进中小学、幼儿园随班就读，提高特殊教育学生义务教育入学率。2.特殊教育教师职称评审单独分组，评审结果报省人社厅备案。")
    units = _units(text)
    assert units[0][0] == "省教育厅", units
    assert "省人力资源社会保障厅" in _names(units[1:]), units


def test_bodies_listed_by_short_name_join_the_units():
    # "建议住建、财政等主管部门……" names two bodies; 财政 joins though its own duty words are one
    text = ("关于保障房管理体制机制有关问题的建议\n二、建立完善相关管理机制。建议住建、财政等主管部门对违规招投标、"
            "保障房退出、公积金增值部分闲置等问题进行专题研究，提出解决措施。")
    units = _units(text)
    assert _names(units) == ["省住房城乡建设厅", "省财政厅"], units
    assert "正文点名“财政”部门" in units[1][2] and "建议住建" not in units[0][2], units


def test_a_long_list_of_bodies_asked_to_work_together_seats_them_behind_the_lead():
    # (was "gives none of them a seat": "建立发改、财政、民政、人社等部门协同推进机制" asks each of them, so each is a
    # 协办; 财政 for 扶持, the matter's own body leads; a list that only describes still seats nobody:
    # tests/test_drafts_units14.py)
    text = ("关于鼓励社会力量兴办职业教育的建议\n1.加大财政扶持，健全民办职业院校经费支持体系。"
            "2.建立发改、财政、民政、人社等部门协同推进机制，落实民办职业院校与公办院校同等待遇。")
    units = _units(text)
    assert _names(units)[:2] == ["省教育厅", "省财政厅"], units
    assert set(_names(units)[2:]) == {"省发展改革委", "省民政厅", "省人力资源社会保障厅"}, units
