"""A 提案 far under the usual length is told so (a warning, never a failure).

Readers of split's own drafts (docs/figures/drafts21-reread.md) met "✅ 正文 428 字（一般 800–1500 字，上限 2500 字）" on
proposals of 384–567 字 that needed their situation and analysis filled out. Filed proposals that short exist (10 of
287 jszx 2019 proposals run under 600 字), so the draft still passes; the drafter sees a ⚠ that says what to add.
"""

from __future__ import annotations

import csv
import re

from realdata_paths import DATA, needs
from topicmine.drafts.checks import check_draft
from topicmine.drafts.checktypes import PROPOSAL_SHORT, PROPOSAL_TYPICAL

SHORT = (
    "关于加快推进公交移动支付的提案\n"
    "一、调研情况\n"
    "目前，我市公交乘车主要使用公交IC卡和现金，从外地回到本市下了火车转乘公交需要提前准备零钱。很多城市的公交已支持支付宝或微信"
    "支付，并与公交卡一样享有折扣。据公交IC卡管理中心介绍，公交IC卡App和微信公众平台正在开发，已委托相关机构开发自助终端。\n"
    "二、问题分析\n"
    "公交乘车不支持手机移动支付，乘客需提前准备零钱或办理实体卡，既不方便外地来本市人员，也影响乘车效率。公交IC卡App、扫码乘车"
    "和与支付宝、微信的对接已推进多时，尚未全面上线。\n"
    "三、具体建议\n"
    "一是督促公交IC卡管理中心加快公交IC卡App和扫码乘车上线，尽快完成与支付宝、微信等支付方的对接，移动支付享受与公交卡同等折扣。"
    "二是在火车站、高铁站等换乘站点优先布设自助充值终端，方便外地来本市人员乘车。\n"
)


def _length(report):
    return next(c for c in report.checks if c.name == "length")


def test_a_short_proposal_is_warned_but_passes():
    r = check_draft(SHORT, "proposal")
    c = _length(r)
    chars = int(re.search(r"正文 (\d+) 字", c.message).group(1))
    assert 300 <= chars < PROPOSAL_SHORT
    assert not c.passed and c.severity == "warning"
    assert "短于一般篇幅" in c.message and f"{PROPOSAL_TYPICAL[0]}–{PROPOSAL_TYPICAL[1]}" in c.message
    # a warning informs; it never decides whether the draft passes
    assert c not in r.failed()


def test_the_same_text_as_a_social_opinion_is_not_told_it_is_short():
    c = _length(check_draft(SHORT, "opinion"))
    assert c.passed and "短于" not in c.message


_REAL = needs(DATA / "jszx_proposals_2019")


@_REAL[0]
@_REAL[1]
def test_filed_proposals_warned_only_under_the_short_mark():
    with (DATA / "jszx_proposals_2019" / "jszx2019_dev.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[:60]
    for r in rows:
        c = _length(check_draft(r["reason"].strip() + "\n" + r["content"], "proposal"))
        chars = int(re.search(r"正文(?:仅)? (\d+) 字", c.message).group(1))
        assert ("短于一般篇幅" in c.message) == (300 <= chars < PROPOSAL_SHORT), (chars, c.message)
        assert c.passed or c.severity == "warning"
