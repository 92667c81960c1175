"""The one sentence splitter (topicmine.text.sentences), and that every stage splits the same way."""

from __future__ import annotations

import pytest

from topicmine.text.sentences import sentence_spans

CASES = [
    ('他说："要抓落实。"我们照办！……好', ['他说："要抓落实。"', "我们照办！……", "好"]),
    ("他说：“要抓落实。”我们照办！……好", ["他说：“要抓落实。”", "我们照办！……", "好"]),
    ("他问：「怎么办？」大家说：「干！」", ["他问：「怎么办？」", "大家说：「干！」"]),
    ("所谓‘放管服’。下一句", ["所谓‘放管服’。", "下一句"]),
    ("一是稳增长；二是促改革！", ["一是稳增长；", "二是促改革！"]),
    ("学习《关于“十四五”规划的建议？》精神。下一句", ["学习《关于“十四五”规划的建议？》精神。", "下一句"]),
    ("会上（详见附件。）大家发言。", ["会上（详见附件。）大家发言。"]),
    ("（详见附件。）下一步将继续推进。", ["（详见附件。）", "下一步将继续推进。"]),
    ("情况如下……\n一、基本情况", ["情况如下……", "一、基本情况"]),
    ("  \n ", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


def test_semicolon_setting() -> None:
    t = "一是稳增长；二是促改革；三是惠民生。"
    assert [t[a:b] for a, b in sentence_spans(t, semicolon=False)] == [t]


def test_paragraph_mode_keeps_hard_wraps() -> None:
    t = "近年来国家和各地对城市公共厕所的建设、运营与日常管理工作以及厕所革命中的\n问题的关注日益增加。\n一、基本情况\n好"
    assert [t[a:b] for a, b in sentence_spans(t, lines="paragraph")] == [
        "近年来国家和各地对城市公共厕所的建设、运营与日常管理工作以及厕所革命中的\n问题的关注日益增加。", "一、基本情况", "好"]
    assert len(sentence_spans(t)) == 4  # "break" mode: every line break ends a sentence


@pytest.mark.parametrize(("text", "expected"), CASES[:3])
def test_every_stage_splits_the_same(text: str, expected: list[str]) -> None:
    from topicmine.dedup.explain import sentences as dedup_sentences
    from topicmine.drafts.analyze import sentence_spans as draft_sentences
    from topicmine.segment import Segmenter

    assert [s.slice(text) for s in Segmenter().sentences(text)] == expected
    assert [text[a:b] for a, b in dedup_sentences(text)] == expected
    assert [text[a:b] for a, b in draft_sentences(text)] == expected


def test_offsets_with_range() -> None:
    t = "前言。一是加强培训。二是提高待遇！"
    spans = sentence_spans(t, 3)
    assert [t[a:b] for a, b in spans] == ["一是加强培训。", "二是提高待遇！"]
    assert spans[0][0] == 3
