"""A report whose 基本情况 / 存在问题 are plain paragraphs (no "（一）（二）" item per matter): each draft quotes only its
own matter's paragraphs, as the same report with its items does (no model: lexical linking).

Built from the failing shape a blind reader found: with the four "（k）" lines under 一、基本情况 deleted, the 环卫
draft of a 噪声 report opened its 调研情况 with the 渣土车 paragraphs, the 小作坊 draft with the 麻将馆 one — each matter
took the three best paragraphs of the whole block, whoever's they were. The report here is written anew (老旧小区改造,
a 县's), matter by matter, with a lead line opening each part, as such reports are.
"""

from __future__ import annotations

import re

import pytest

from topicmine.drafts import split_report

HEADED = """关于A9县老旧小区改造情况的调研报告
A9县政协城乡建设委员会调研组
老旧小区改造是群众身边的民生工程。今年，县政协城乡建设委员会组成调研组，走访了城关镇、东塘镇的12个老旧小区，听取了居民和有关部门的意见。现将调研情况报告如下：
一、基本情况
近年来，我县把老旧小区改造列入民生实事，累计改造小区46个，惠及居民1.2万户，小区面貌明显改善。
（一）加装电梯
全县2000年以前建成的多层住宅有180栋，已加装电梯23部。县住建局出台了加装电梯补助办法，每部电梯补助15万元，城关镇桂花苑小区一次加装了6部电梯。
（二）停车设施
城关镇老旧小区现有停车位约900个，夜间停放车辆超过2600辆。县城管局在小区周边道路施划了夜间临时停车泊位300个，东塘镇利用闲置地块建成一处立体停车场。
（三）雨污分流
纳入改造的小区中有31个实施了雨污分流，新铺设排水管网14公里。县水利局对县城主要排水口开展了排查，封堵了直排口9处。
（四）物业管理
全县老旧小区中有物业服务的占38%，其余由社区代管或居民自治。城关镇在5个小区试点引入国有物业企业，物业费每平方米每月0.5元。
二、存在的主要问题
调研发现，我县老旧小区改造中还存在一些群众反映集中的问题。
（一）加装电梯协调难
低层住户担心采光、噪音和房价受影响，一栋楼意见难以统一，已申请的楼栋中近一半因低层住户反对而停工；电梯后期维保费用由谁承担也没有明确办法。
（二）停车位缺口大
小区内道路狭窄，车辆占用消防通道、绿地停放的现象普遍，救护车、消防车进出困难；新建立体停车场收费偏高，居民宁愿停在路边。
（三）雨污管网改造不彻底
部分小区只改了主管，楼前支管和化粪池没有接入，雨天污水从检查井冒出，积水深的地方没过脚踝；施工后路面恢复不及时，坑洼不平。
（四）改造后管理跟不上
改造后的小区没有专业物业接管，新装的门禁、路灯、健身器材坏了无人维修，居民不愿交物业费，物业企业亏损退出，“改造一次、脏乱几年”。
三、对策建议
针对上述问题，调研组提出如下建议：
（一）破解加装电梯协调难题
一是县住建局会同各镇制定加装电梯协商议事规则，对低层住户给予适当补偿。二是明确电梯维保费用分摊办法，由使用电梯的住户按楼层分担。
（二）增加老旧小区停车供给
一是县自然资源局梳理小区周边闲置地块，建设公共停车场。二是县发改局核定立体停车场收费标准，对周边居民实行包月优惠。三是清理占用消防通道的车辆，保障救护车、消防车通行。
（三）彻底实施雨污分流
一是县水利局把楼前支管和化粪池纳入雨污分流改造范围，做到应接尽接。二是施工单位完工后限期恢复路面，由县住建局组织验收。
（四）健全改造后长效管理
一是城关镇推广国有物业企业托底接管，对物业费收缴率低的小区给予过渡期补贴。二是社区组织居民议事会，明确门禁、路灯、健身器材的维修责任和经费来源。
"""

_ITEM = re.compile(r"^（[一二三四五六七八九十]）")


def _plain(text: str) -> str:
    """The report with the "（k）" lines of 一、基本情况 and 二、存在的主要问题 deleted (its 对策建议 keeps them)."""
    out, part = [], ""
    for ln in text.split("\n"):
        if re.match(r"^[一二三四五六七八九十]、", ln):
            part = ln
        if _ITEM.match(ln) and "对策建议" not in part:
            continue
        out.append(ln)
    return "\n".join(out)


def _norm(s: str) -> str:
    return re.sub(r"^[（(][一二三四五六七八九十]+[）)]|\s", "", s)


def _quoted(res) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each draft's quoted 情况/问题 paragraphs, by the draft's title."""
    return {d.title: [p.text for s in d.sections[:-1] for p in s.paragraphs if p.kind != "generated"]
            for d in res.drafts}


#: each matter's own words, one per paragraph of its situation and its problem (the truth the test reads by)
OWN = {"电梯": ("加装电梯补助办法", "低层住户担心采光"), "停车": ("夜间临时停车泊位", "占用消防通道、绿地停放"),
       "雨污": ("新铺设排水管网", "楼前支管和化粪池没有接入"), "管理": ("引入国有物业企业", "没有专业物业接管")}


@pytest.fixture(scope="module")
def both():
    return split_report(HEADED, layout=True), split_report(_plain(HEADED), layout=True)


def test_the_headed_report_gives_each_matter_its_own_items(both) -> None:
    headed, _ = both
    quoted = _quoted(headed)
    assert len(quoted) == 4
    for key, (situation, problem) in OWN.items():
        title = next(t for t in quoted if key in t)
        text = "".join(quoted[title])
        assert situation in text and problem in text, title


def test_plain_paragraphs_go_to_their_own_matter_only(both) -> None:
    headed, plain = both
    h, p = _quoted(headed), _quoted(plain)
    assert sorted(p) == sorted(h)  # the same four drafts
    for title, paras in p.items():
        own = "".join(_norm(x) for x in h[title])
        foreign = [x for x in paras if _norm(x) not in own]
        assert not foreign, (title, foreign)  # no other matter's paragraph, no lead line of a part
        key = next(k for k in OWN if k in title)
        text = "".join(paras)
        for other, words in OWN.items():
            if other != key:
                assert not any(w in text for w in words), (title, other)


def test_plain_paragraphs_still_reach_their_matter(both) -> None:
    _, plain = both
    quoted = _quoted(plain)
    for key, (situation, problem) in OWN.items():
        title = next(t for t in quoted if key in t)
        text = "".join(quoted[title])
        assert situation in text and problem in text, title


def test_a_plain_block_about_the_whole_field_still_frames_every_matter() -> None:
    """Paragraphs that all fit one matter best are the report's general situation, not one matter's: both matters
    keep quoting them (the shape before this change), only a block spread over two matters or more is divided."""
    from topicmine.drafts import analyze_report

    text = ("关于A9县养老服务情况的调研报告\n一、基本情况\n全县60岁以上老年人4.2万人，占总人口的21%，养老机构护理员流失严重。\n"
            "县内养老机构护理员平均月薪2800元，年流失率超过30%，持证护理员不足一半。\n"
            "二、对策建议\n（一）稳定养老护理员队伍\n提高护理员薪酬，落实持证上岗补贴。\n"
            "（二）盘活空置养老床位\n推行公建民营，引入社会力量运营乡镇敬老院。\n")
    a = analyze_report(text)
    assert len(a.groups) == 2
    for g in a.groups:
        assert any("4.2万人" in p.text for p in g.support), g.heading
