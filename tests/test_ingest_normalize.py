"""normalize_text: full-width → half-width, Chinese punctuation kept, chrome dropped, idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from topicmine.ingest.normalize import is_chrome_line, normalize_line, normalize_text

CASES = [
    # (input, expected)
    ("２０２６年ＧＤＰ增长５．５％左右", "2026年GDP增长5.5%左右"),
    ("各位代表：现在，我代表省人民政府向大会报告工作；请予审议！（掌声）", "各位代表：现在，我代表省人民政府向大会报告工作；请予审议！（掌声）"),
    ("“十五五”规划、《纲要》……", "“十五五”规划、《纲要》……"),
    ("国务院总理　周恩来", "国务院总理 周恩来"),
    ("第一段\r\n第二段\r第三段", "第一段\n第二段\n第三段"),
    ("行尾空格   \n  行首空格", "行尾空格\n行首空格"),
    ("一\n\n\n\n\n二", "一\n\n二"),
    ("控制\x00字\x07符\x1b保留\t制表", "控制字符保留\t制表"),
    ("零\u200b宽\ufeff字符", "零宽字符"),
    ("调研情况：\xa0 \xa0 航空货运", "调研情况： 航空货运"),  # NBSP/space runs collapse
    ("\n\n\n开头和结尾的空行\n\n\n", "开头和结尾的空行"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize_table(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


# the start of a real 2026 provincial report (provincial_gwr_2026, 浙江省)
ZJ_2026 = (
    "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年浙江省政府工作报告\n"
    "2026年1月14日在浙江省第十四届人民代表大会第四次会议上\n来源：浙江日报\n时间：2026-01-22\n"
    "浙江省省长 刘捷\n各位代表：\n现在，我代表省人民政府向大会作政府工作报告，请予审议。"
)
SC_2026_TAIL = (
    "各位代表！让我们奋力谱写中国式现代化四川新篇章！\n责任编辑：\n李莎莎\n扫一扫在手机打开当前页\n"
    "相关附件>>\n相关链接>>\nabcd39f1fb7f426d9dfb6bd0fa1f2146:\n打印本页\n关闭窗口"
)


def test_real_page_chrome_removed() -> None:
    out = normalize_text(ZJ_2026)
    assert out.startswith("2026年浙江省政府工作报告\n2026年1月14日")
    for junk in ("下载", "打印", "全屏", "字号", "减小", "来源：浙江日报", "时间：2026-01-22"):
        assert junk not in out, junk
    assert "浙江省省长 刘捷" in out
    tail = normalize_text(SC_2026_TAIL)
    assert tail == "各位代表！让我们奋力谱写中国式现代化四川新篇章！"


@pytest.mark.parametrize(
    "line",
    ["下载", "【字号：大 中 小】", "分享到：", "打印本页 关闭窗口", "】", ">", "首页 > 政务公开 > 政府工作报告",
     "来源：新华日报", "（来源：青海日报）", "发布时间：2026-02-09 09:45:30", "2026-02-03 09:02:33", "阅读量：1234"],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "下载打印是基层反映较多的问题。",
        "关闭窗口期后仍有企业申报。",
        "时间：紧迫，任务：繁重。",
        "来源：据省统计局数据，全省生产总值增长5.5%，比上年提高0.3个百分点，高于全国平均水平，位居东部第一。",
        "2019年1月15日",  # a formal document's closing date is content
        "大力发展数字经济",
        "一、2025年工作回顾",
    ],
)
def test_content_lines_kept(line: str) -> None:
    assert not is_chrome_line(line)
    assert normalize_text(line) == line


def test_normalize_line_collapses_whitespace() -> None:
    assert normalize_line("  关于加强\tＡＩ治理\n的提案　") == "关于加强 AI治理 的提案"


_alphabet = st.sampled_from(
    list("政协提案关于的建议。，；：！？（）、“”《》【】 \t\n\r\u3000\xa0ＡＢ１２ab12>|")
    + ["下载", "打印", "来源：", "来源:", "浙江日报", "时间：2026-01-22", "字号", "大", "中", "小", "\u200b", "\x00"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_alphabet, max_size=60).map("".join))
def test_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_idempotent_any_unicode(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once
