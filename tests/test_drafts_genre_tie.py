"""A genre tie is said, with the rule that broke it (a blind read: 经济 03 scored 建议案 2.2 = 提案 2.2 and became a 提案
without a word). The tie is made with the user's own knob (GenreWeights) on a strategic text, so the scores meet
exactly as they did there."""

from __future__ import annotations

from dataclasses import replace

from topicmine.drafts.genre import GenreWeights, suggest_genre, tie_reason

STRATEGIC = ("建议在全省统筹建立跨部门的数据共享体制机制，完善顶层设计，由省发改委、省财政厅、省数据局、省工信厅共同推进。"
             "一是编制数据共享目录。二是建设统一的数据交换平台。")


def test_a_tie_between_motion_and_proposal_is_said_and_the_rule_named() -> None:
    base = suggest_genre(STRATEGIC)
    assert "得分相同" not in base.reasons[0]  # no tie, nothing added
    w = GenreWeights()
    # move 提案's base until it meets 建议案's score: the two tie as in the blind read
    tied = replace(w, proposal_base=w.proposal_base + base.scores["motion"] - base.scores["proposal"])
    g = suggest_genre(STRATEGIC, weights=tied)
    assert abs(g.scores["motion"] - g.scores["proposal"]) < 1e-6
    assert g.genre == "proposal"
    first = g.reasons[0]
    assert first.startswith("建议文种：提案（得分")
    assert "建议案与提案得分相同，按规则取提案" in first
    assert "得分相同时以提案为准" in first and "可改为建议案" in first
    # the page drops the scores in brackets; the tie stays readable without them
    import re

    assert "得分相同" in re.sub(r"（得分[^）]*）", "", first)


def test_tie_reason_other_pairs() -> None:
    s = {"motion": 1.0, "proposal": 0.5, "opinion": 1.0, "keep": 0.0}
    r = tie_reason(s, "motion")
    assert "建议案与社情民意信息得分相同，按规则取建议案" in r and "可改为社情民意信息" in r
    assert tie_reason({"motion": 0.0, "proposal": 2.2, "opinion": 0.4, "keep": 0.0}, "proposal") == ""
