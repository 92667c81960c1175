"""The one rule matcher (topicmine.text.rules): time expressions, answering units, phrase lists."""

from __future__ import annotations

import pytest

from topicmine.text.rules import PhraseRules, time_matches, tokens, unit_spans


@pytest.mark.parametrize("text, expected", [
    ("施工单位承诺今年8月底前完成修复。", [("rel_ym", "今年8月底前")]),
    ("我局将在三个月内完成整改。", [("span", "三个月内")]),
    ("该项目年内完工。", [("year_end", "年内")]),
    ("预计明年底可完工通车。", [("rel_end", "明年底")]),  # jieba cuts 明|年底
    ("自2016年1月18日起将加大整治力度。", [("ymd", "2016年1月18日")]),  # jieba merges 日起
    ("请于15个工作日内答复，预计三季度印发。", [("span", "15个工作日内"), ("rel_quarter", "三季度")]),
    ("力争2020年上半年动工，12月15日前完成。", [("y_half", "2020年上半年"), ("md", "12月15日前")]),
    ("去年以来，统一部署。", []),
])
def test_time_expressions(text, expected):
    assert [(m.label, m.text) for m in time_matches(text)] == expected
    for m in time_matches(text):
        assert text[m.start:m.end] == m.text


def test_context_the_patterns_cannot_say():
    # "今年" followed by a month is rel_ym, never rel_year; a bare "8月底" right after "年" is part of the year
    assert [m.label for m in time_matches("今年8月底")] == ["rel_ym"]
    assert [m.label for m in time_matches("2019年8月底")] == ["ym_end"]
    assert [m.label for m in time_matches("2019年6月")] == ["ym_end"]


def test_tokens_keep_words_whole_and_cut_time_words():
    words = tokens("住房公积金管理中心")
    assert "".join(words) == "住房公积金管理中心" and "心" not in words  # 中 is a time word only next to numbers
    assert tokens("三个月内") == ["三", "个", "月", "内"]


def test_unit_spans():
    assert [m.text for m in unit_spans("感谢您的支持！A7县公安局交警大队 2014年9月11日")] == ["A7县公安局交警大队"]
    assert [m.text for m in unit_spans("我们已发函交办给县住建局进行办理")] == ["县住建局"]
    assert unit_spans("王秀兰委员提出") == []  # 委 followed by 员 is a person


def test_phrase_rules_longest_and_whole():
    r = PhraseRules(["教育部门", "教育", "省教育厅"])
    assert r.find("教育部门口的教育问题") == [(0, 4, "教育部门"), (6, 8, "教育")]
    assert r.find("建议省教育厅牵头") == [(2, 6, "省教育厅")]
