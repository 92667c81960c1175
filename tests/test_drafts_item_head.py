"""A problem item whose head sentence opens a long body ("1．地位有所弱化。主要表现在：……", 300 字 and more): the sixth
blind drafts reader met the heads dropped — the passage splitter closed the head alone, it read as a bare heading and
was left out, and the draft showed two paragraphs in a row opening "主要表现在：" with the items' claims gone."""

from __future__ import annotations

from topicmine.drafts import analyze_report
from topicmine.text.layout import normalize_layout

_BODY = ("主要表现在：政治地位体现不够明显，参加国家治理和各个层面政治建设的途径单一，党代会、人大、政协中工人代表、委员比例"
         "偏低，一线产业工人在各级工会领导班子中的比例不高；经济地位有待提升，部分产业工人收入水平偏低，劳动报酬在初次分配中"
         "的比重不高，技能人才的薪酬待遇与其贡献不相匹配；社会地位不够突出，社会上重学历轻技能、重理论轻操作的观念依然存在，"
         "一些青年人不愿当工人，产业工人的职业认同感和社会尊崇度有待进一步提高，劳模工匠的示范带动作用发挥得还不够充分。")

_REPORT = ("关于我省产业工人队伍建设情况的调研报告\n一、基本情况\n我省产业工人总数达到1200万人，技能人才占三成。\n"
           "二、存在的主要问题\n（一）产业工人地位存在不足\n总体上讲，产业工人的地位不断提高，但与新时代的要求相比仍不相适应：\n"
           f"1．地位有所弱化。{_BODY}\n2．发展通道狭窄。主要表现在：对职业教育和继续教育的重视还不够，职工教育经费提取和使用"
           "不规范。\n三、对策建议\n（一）产业工人\n1．提高政治地位。增加产业工人在各级人大代表、政协委员中的比例。\n"
           "2．拓宽发展通道。加大职业教育投入，规范职工教育经费使用。\n")


def test_a_long_items_head_sentence_stays_with_its_body() -> None:
    assert len(_BODY) > 220
    text = normalize_layout(_REPORT)
    problems = [text[p.start:p.end] for p in analyze_report(text).passages if p.kind == "problem"]
    assert any(p.startswith("1．地位有所弱化。主要表现在") for p in problems), problems
    assert not any(p.startswith("主要表现在") for p in problems), problems
