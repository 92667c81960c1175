"""Segmentation of Chinese policy text: expected segmentations as data tables (the spaCy habit).

Each table row is a real-looking input and what the segmenter must make of it. Property tests
(offsets, round trip, no crash on arbitrary Unicode) live in test_segment_properties.py.
"""

from __future__ import annotations

import os
import pickle
import re
import threading
from pathlib import Path

import pytest

from topicmine.config import PROJECT_ROOT
from topicmine.errors import ConfigError
from topicmine.records import Document, DocType
from topicmine.segment import BUILTIN_STOPWORDS, Segmenter

REAL_USER_DICT = PROJECT_ROOT / "corpus" / "dicts" / "user_dict.txt"
REAL_STOPWORDS = PROJECT_ROOT / "corpus" / "dicts" / "stopwords.txt"
DATA_DIR = Path(os.environ.get("TOPICMINE_DATA_DIR", PROJECT_ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    """A segmenter with jieba loaded once for the module, and a few domain terms."""
    return Segmenter(extra_words=["营商环境", "乡村振兴", "新质生产力"]).load()


def _secs(seg: Segmenter, text: str, headings=None) -> list[tuple[int, str, str, int | None]]:
    return [(s.level, s.number, s.heading, s.parent) for s in seg.sections(text, headings)]


# ------------------------------------------------------------------------------------------- sections
GOV_REPORT = """2024年政府工作报告
各位代表：
一、过去一年工作回顾
2023年，全省经济回升向好，地区生产总值增长6%。
（一）着力稳定经济增长。
1.5亿元专项资金已全部下达，带动社会投资明显增加。
1.扩大有效投资。实施重大项目500个，完成投资1.2万亿元。
（1）交通项目。新开工高速公路10条。
（2）能源项目。新增装机容量200万千瓦。
2.促进消费。
一是发放消费券；二是举办促消费活动。
（二）加快发展新质生产力
培育壮大战略性新兴产业和未来产业。
二、今年工作安排
"""

PROPOSAL = """关于加快发展银发经济的提案
调研情况：
截至2023年底，全省60岁以上人口达1200万，占总人口的21%。
问题分析：
一是养老服务供给不足；二是适老化产品研发滞后；三是专业人才短缺。
具体建议：
1.完善政策体系。出台支持银发经济发展的若干措施。
2.培育市场主体。引导社会资本进入养老服务领域。
3.加强人才培养。支持职业院校开设养老服务专业。
"""

REGULATION = """江苏省政协提案工作条例
第一章　总则
第一条　为了加强和规范提案工作，根据《中国人民政治协商会议章程》，制定本条例。
第二条　提案是政协委员和参加政协的各党派、各人民团体向政协全体会议或者常务委员会提出的书面意见和建议。
第二章　提案的提出
第一节　提出的主体
第三条　政协委员可以个人或者联名提出提案。
第二节　提出的要求
第四条　提案应当坚持实事求是，一事一案。
"""

SECTION_CASES = [
    pytest.param(
        GOV_REPORT,
        None,
        [
            (1, "一、", "一、过去一年工作回顾", None),
            (2, "（一）", "（一）着力稳定经济增长", 0),
            # "1.5亿元专项资金…" is not a heading; "1.扩大有效投资。实施…" is a numbered item
            (3, "1.", "1.扩大有效投资", 1),
            (4, "（1）", "（1）交通项目", 2),
            (4, "（2）", "（2）能源项目", 2),
            (3, "2.", "2.促进消费", 1),
            (2, "（二）", "（二）加快发展新质生产力", 0),
            (1, "二、", "二、今年工作安排", None),
        ],
        id="gov-report-一（一）1.（1）",
    ),
    pytest.param(
        PROPOSAL,
        None,
        [
            (1, "调研情况：", "调研情况", None),
            (1, "问题分析：", "问题分析", None),
            (1, "具体建议：", "具体建议", None),
            (2, "1.", "1.完善政策体系", 2),
            (2, "2.", "2.培育市场主体", 2),
            (2, "3.", "3.加强人才培养", 2),
        ],
        id="proposal-调研情况/问题分析/具体建议",
    ),
    pytest.param(
        REGULATION,
        None,
        [
            (1, "第一章", "第一章\u3000总则", None),
            (3, "第一条", "第一条\u3000为了加强和规范提案工作，根据《中国人民政治协商会议章程》，制定本条例", 0),
            (3, "第二条", "第二条\u3000提案是政协委员和参加政协的各党派、各人民团体向政协全体会议或者常务委员会提出的书面意见和建议", 0),
            (1, "第二章", "第二章\u3000提案的提出", None),
            # 第一节 first appears after 第一条, yet nests under the chapter and above the articles
            (2, "第一节", "第一节\u3000提出的主体", 3),
            (3, "第三条", "第三条\u3000政协委员可以个人或者联名提出提案", 4),
            (2, "第二节", "第二节\u3000提出的要求", 3),
            (3, "第四条", "第四条\u3000提案应当坚持实事求是，一事一案", 6),
        ],
        id="regulation-第一章/第一节/第一条",
    ),
    pytest.param(
        "（一）总体要求\n坚持稳中求进。\n1.稳增长\n2.促改革\n（二）主要任务\n1．扩大内需\n",
        None,
        [
            (1, "（一）", "（一）总体要求", None),
            (2, "1.", "1.稳增长", 0),
            (2, "2.", "2.促改革", 0),
            (1, "（二）", "（二）主要任务", None),
            (2, "1．", "1．扩大内需", 3),
        ],
        id="starts-at-（一）-is-level-1",
    ),
    pytest.param(
        "**一、两年工作的基本估计**\n\n**（一）拨乱反正，落实政策。**上次大会以后，我们继续清查。\n## 二、今后的任务\n① 抓好春耕\n② 抓好夏收",
        None,
        [
            (1, "一、", "一、两年工作的基本估计", None),
            (2, "（一）", "（一）拨乱反正，落实政策", 0),
            (1, "二、", "二、今后的任务", None),
            # ① is the third style of the document: level 3 even though its parent is at level 1
            (3, "①", "① 抓好春耕", 2),
            (3, "②", "② 抓好夏收", 2),
        ],
        id="markdown-emphasis-and-#-around-numbers",
    ),
    pytest.param(
        "# 关于优化营商环境的调研报告\n## 基本情况\n全市市场主体达到120万户。\n## 存在的不足\n一、审批环节多\n审批事项仍然偏多。\n",
        None,
        [
            (1, "", "关于优化营商环境的调研报告", None),
            (2, "", "基本情况", 0),
            (2, "", "存在的不足", 0),
            (3, "一、", "一、审批环节多", 2),
        ],
        id="markdown-#-headings",
    ),
    pytest.param(
        "关于优化营商环境的调研报告\n总体情况\n全市市场主体达到120万户。\n对策建议\n一、精简审批\n压减审批事项。",
        [("关于优化营商环境的调研报告", 1), ("总体情况", 2), ("对策建议", 2)],
        [
            (1, "", "关于优化营商环境的调研报告", None),
            (2, "", "总体情况", 0),
            (2, "", "对策建议", 0),
            (3, "一、", "一、精简审批", 2),
        ],
        id="docx-headings-matched-by-line-text",
    ),
    pytest.param(
        "2023年，全省经济运行总体平稳。\n1.5亿元专项资金全部下达到位。\n一是加强组织领导；二是强化督查。\n"
        "2、3月份全省降水偏少。\n12.3%的企业实现增长。\n一、二类医院全部达标。\n"
        "第三章中提到的各项措施，各地要认真抓好落实，确保取得实效。\n10.5万人次参加培训。\n1...2...3",
        None,
        [],
        id="false-positives-are-not-headings",
    ),
]


@pytest.mark.parametrize(("text", "headings", "expected"), SECTION_CASES)
def test_sections(seg: Segmenter, text: str, headings, expected) -> None:
    assert _secs(seg, text, headings) == expected


def test_section_spans_cover_to_next_same_or_higher_level(seg: Segmenter) -> None:
    secs = seg.sections(GOV_REPORT)
    text = GOV_REPORT
    assert text[secs[0].start :].startswith("一、过去一年工作回顾")
    # 一、 ends where 二、 begins (minus the newline); （1） ends before （2）
    assert text[secs[0].start : secs[0].end].endswith("培育壮大战略性新兴产业和未来产业。")
    assert text[secs[3].start : secs[3].end] == "（1）交通项目。新开工高速公路10条。"
    assert secs[-1].end == len(text.rstrip())
    for s in secs:
        assert 0 <= s.start < s.end <= len(text)
        if s.parent is not None:
            p = secs[s.parent]
            assert p.level < s.level and p.start <= s.start and s.end <= p.end


def test_numbered_paragraph_is_an_item_with_short_heading(seg: Segmenter) -> None:
    text = "1.加强耕地保护。严格落实耕地保护制度，坚决遏制耕地非农化，确保耕地总量不减少、质量有提升，" * 2
    (sec,) = seg.sections(text)
    assert (sec.number, sec.heading, sec.start, sec.end) == ("1.", "1.加强耕地保护", 0, len(text))
    # an item with no 。 in reach: its first clause
    (sec,) = seg.sections("2、完善补贴政策，" + "提高种粮农民积极性" * 20)
    assert sec.heading == "2、完善补贴政策"


def test_empty_and_blank_text(seg: Segmenter) -> None:
    for text in ("", " ", "\n\n\u3000\t"):
        assert seg.sections(text) == []
        assert seg.passages(text) == []
        assert seg.sentences(text) == []


# ------------------------------------------------------------------------------------------ sentences
SENTENCE_CASES = [
    pytest.param("全省经济回升向好。就业形势总体稳定！", ["全省经济回升向好。", "就业形势总体稳定！"], id="。！"),
    pytest.param(
        "总书记强调：“要抓住新质生产力这个关键。”我们要认真落实。",
        ["总书记强调：“要抓住新质生产力这个关键。”", "我们要认真落实。"],
        id="closing-quote-stays",
    ),
    pytest.param("他问：「怎么办？」大家说：「干！」", ["他问：「怎么办？」", "大家说：「干！」"], id="「」"),
    pytest.param(
        "一是稳增长；二是促改革；三是惠民生。", ["一是稳增长；", "二是促改革；", "三是惠民生。"], id="；-list"
    ),
    pytest.param("城乡差距、区域差距……这些问题仍然突出。", ["城乡差距、区域差距……", "这些问题仍然突出。"], id="……"),
    pytest.param("（详见附件。）下一步将继续推进。", ["（详见附件。）", "下一步将继续推进。"], id="closing-bracket"),
    pytest.param("真的吗？！当然。", ["真的吗？！", "当然。"], id="？！-one-end"),
    pytest.param("Is it ok? Yes!  Fine; done", ["Is it ok?", "Yes!", "Fine;", "done"], id="ascii-?!;"),
    pytest.param("第一行没有句号\n  第二行也没有  \n\n第三行。", ["第一行没有句号", "第二行也没有", "第三行。"], id="newlines"),
    pytest.param("增长5.2%，达到1.5亿元。", ["增长5.2%，达到1.5亿元。"], id="decimal-point-is-not-an-end"),
    pytest.param("**（一）稳增长。**坚持稳中求进。", ["**（一）稳增长。**", "坚持稳中求进。"], id="markdown-bold"),
    pytest.param("。。。", ["。。。"], id="punctuation-only"),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentences(seg: Segmenter, text: str, expected: list[str]) -> None:
    assert [s.slice(text) for s in seg.sentences(text)] == expected


def test_sentences_of_a_range_use_text_offsets(seg: Segmenter) -> None:
    text = "前言。一是稳增长；二是促改革。后记。"
    start, end = 3, text.index("后记")
    spans = seg.sentences(text, start, end)
    assert [s.slice(text) for s in spans] == ["一是稳增长；", "二是促改革。"]
    assert spans[0].start == 3
    assert seg.sentences(text, 5, 2) == []
    assert seg.sentences(text, -10, 10**9) == seg.sentences(text)


# ------------------------------------------------------------------------------------------- passages
PASSAGE_CASES = [
    pytest.param(
        GOV_REPORT,
        dict(min_passage_chars=20, max_passage_chars=120),
        [
            (None, "2024年政府工作报告\n各位代表："),  # two short lines merged
            (0, "一、过去一年工作回顾\n2023年，全省经济回升向好，地区生产总值增长6%。"),  # heading glued forward
            (1, "（一）着力稳定经济增长。\n1.5亿元专项资金已全部下达，带动社会投资明显增加。"),
            (2, "1.扩大有效投资。实施重大项目500个，完成投资1.2万亿元。"),
            (3, "（1）交通项目。新开工高速公路10条。"),  # short, but alone in its section: stays
            (4, "（2）能源项目。新增装机容量200万千瓦。"),
            (5, "2.促进消费。\n一是发放消费券；二是举办促消费活动。"),
            # a trailing heading with no body joins the passage before it
            (6, "（二）加快发展新质生产力\n培育壮大战略性新兴产业和未来产业。\n二、今年工作安排"),
        ],
        id="gov-report",
    ),
    pytest.param(
        "各位委员：\n现在我代表常委会报告工作。\n过去一年，我们围绕中心、服务大局，认真履行政治协商、民主监督、参政议政职能。\n好。",
        dict(min_passage_chars=20, max_passage_chars=400),
        [(None, "各位委员：\n现在我代表常委会报告工作。\n过去一年，我们围绕中心、服务大局，认真履行政治协商、民主监督、参政议政职能。\n好。")],
        id="short-merged-forward-and-back",
    ),
    pytest.param(
        PROPOSAL,
        dict(min_passage_chars=20, max_passage_chars=400),
        [
            (None, "关于加快发展银发经济的提案"),  # short, alone before the first section
            (0, "调研情况：\n截至2023年底，全省60岁以上人口达1200万，占总人口的21%。"),
            (1, "问题分析：\n一是养老服务供给不足；二是适老化产品研发滞后；三是专业人才短缺。"),
            (2, "具体建议：\n1.完善政策体系。出台支持银发经济发展的若干措施。"),
            (4, "2.培育市场主体。引导社会资本进入养老服务领域。"),
            (5, "3.加强人才培养。支持职业院校开设养老服务专业。"),
        ],
        id="proposal",
    ),
    pytest.param(
        "一、其他事项\n二、今年工作安排\n坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。",
        dict(min_passage_chars=10, max_passage_chars=400),
        [(0, "一、其他事项\n二、今年工作安排\n坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。")],
        id="heading-alone-at-start-joins-forward",
    ),
]


@pytest.mark.parametrize(("text", "params", "expected"), PASSAGE_CASES)
def test_passages(text: str, params: dict, expected: list[tuple[int | None, str]]) -> None:
    seg = Segmenter(**params)
    passages = seg.passages(text)
    assert [(p.section, p.text) for p in passages] == expected
    for i, p in enumerate(passages):
        assert p.index == i and text[p.start : p.end] == p.text


def test_long_paragraph_split_at_sentence_ends_into_near_equal_parts() -> None:
    sentence = "坚持把发展经济的着力点放在实体经济上，推进新型工业化。"  # 27 chars
    text = sentence * 20  # 540 chars
    seg = Segmenter(max_passage_chars=400)
    parts = seg.passages(text)
    assert [len(p.text) for p in parts] == [270, 270]  # not 399 + 141
    assert all(p.text.endswith("。") for p in parts)
    assert "".join(p.text for p in parts) == text


def test_single_over_long_sentence_split_at_commas_then_hard() -> None:
    clause = "持续优化营商环境，"  # 9 chars
    text = clause * 60 + "完成。"  # one 543-char sentence
    parts = Segmenter(max_passage_chars=100).passages(text)
    assert all(len(p.text) <= 100 for p in parts)
    assert all(p.text.endswith(("，", "。")) for p in parts)
    assert "".join(p.text for p in parts) == text
    no_punct = "营" * 1001
    parts = Segmenter(max_passage_chars=100).passages(no_punct)
    assert [len(p.text) for p in parts] == [91] * 11  # ceil(1001/100) = 11 equal chunks
    assert "".join(p.text for p in parts) == no_punct


def test_passage_section_is_innermost_containing_start(seg: Segmenter) -> None:
    secs = seg.sections(GOV_REPORT)
    for p in Segmenter(min_passage_chars=20, max_passage_chars=60).passages(GOV_REPORT, secs):
        inner = [s for s in secs if s.start <= p.start < s.end]
        assert p.section == (max(inner, key=lambda s: s.level).index if inner else None)


def test_passages_with_sections_from_elsewhere(seg: Segmenter) -> None:
    # the store may hand back sections; passages() must accept any list, even an empty one
    assert [p.text for p in seg.passages("一、总则\n正文内容。", sections=[])] == ["一、总则\n正文内容。"]


# ------------------------------------------------------------------------------------- words / terms
def test_words_drop_whitespace_and_punctuation(seg: Segmenter) -> None:
    assert seg.words("持续优化营商环境， 推动乡村振兴！\n") == ["持续", "优化", "营商环境", "推动", "乡村振兴"]
    assert seg.words("") == []
    assert seg.words("，。！？、\u3000 \n") == []


TERM_CASES = [
    pytest.param("要进一步加快发展新质生产力", ["新质生产力"], id="formulaic-dropped"),
    pytest.param("2023年，全省投入1.5亿元，增长12.3%。", ["投入"], id="numbers-dates-percent"),
    pytest.param("切实大力推动着力加强乡村振兴", ["乡村振兴"], id="formulaic-policy-words"),
    pytest.param("全面推广5G和AI应用，建设政务App，见http://www.gov.cn", ["推广", "5G", "AI", "应用", "建设", "政务", "App"], id="ascii"),
    pytest.param("十四五期间营商环境持续优化", ["十四五", "期间", "营商环境", "优化"], id="numeral-term-kept"),
]


@pytest.mark.parametrize(("text", "expected"), TERM_CASES)
def test_terms(seg: Segmenter, text: str, expected: list[str]) -> None:
    assert seg.terms(text) == expected


def test_user_dict_keeps_policy_terms_whole(tmp_path: Path) -> None:
    d = tmp_path / "user_dict.txt"
    d.write_text("\ufeff# 政策术语\n营商环境 2000 n\n乡村振兴 2000 n\n新质生产力 2000 n\n一老一小\n放管服 100\n", "utf-8")
    seg = Segmenter(user_dict=d)
    text = "大力发展新质生产力，持续优化营商环境，全面推进乡村振兴，深化放管服改革，统筹解决一老一小问题。"
    assert seg.terms(text) == ["新质生产力", "优化", "营商环境", "乡村振兴", "放管服", "改革", "解决", "一老一小"]
    assert "# 政策术语" not in seg.dict_terms_
    # the global jieba is untouched: dictionaries don't leak between callers
    import jieba

    assert "新质生产力" not in jieba.dt.FREQ


@pytest.mark.skipif(not REAL_USER_DICT.is_file(), reason=f"{REAL_USER_DICT} not written yet")
def test_real_user_dict_keeps_policy_terms_whole() -> None:
    seg = Segmenter(user_dict=REAL_USER_DICT, stopwords=REAL_STOPWORDS if REAL_STOPWORDS.is_file() else None)
    terms = seg.terms("加快发展新质生产力，持续优化营商环境，全面推进乡村振兴。")
    for t in ("新质生产力", "营商环境", "乡村振兴"):
        assert t in terms
    for w in ("加快", "持续", "全面", "推进"):
        assert w not in terms or w in seg.dict_terms_


def test_stopword_files_and_fallback(tmp_path: Path) -> None:
    assert Segmenter().stopwords == BUILTIN_STOPWORDS
    assert {"进一步", "切实", "大力", "加强", "推动", "着力"} <= BUILTIN_STOPWORDS
    a = tmp_path / "stopwords.txt"
    b = tmp_path / "formulaic.txt"
    a.write_text("的\n\n  了  \n", "utf-8")
    b.write_text("# 套话\n进一步\n", "utf-8")
    assert Segmenter(stopwords=a).stopwords == {"的", "了"}
    assert Segmenter(stopwords=[a, b]).stopwords == {"的", "了", "进一步"}


def test_bad_dictionary_files_raise_config_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(ConfigError, match="nope.txt not found"):
        _ = Segmenter(stopwords=missing).stopwords
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("营商环境 100 n\n".encode("gbk"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        Segmenter(user_dict=gbk).load()
    # __init__ only stores parameters: a bad path fails on load, not on construction
    Segmenter(user_dict=missing, stopwords=missing)


def test_add_words_before_and_after_load() -> None:
    seg = Segmenter()
    seg.add_words(["银发经济"])
    assert "银发经济" in seg.words("发展银发经济")
    seg.add_words(["适老化改造"])
    assert "适老化改造" in seg.terms("推进适老化改造")


# -------------------------------------------------------------------------------- lifecycle / threads
def test_init_stores_parameters_only() -> None:
    seg = Segmenter(min_passage_chars=10)
    assert "tokenizer_" not in seg.__dict__
    seg.sections(GOV_REPORT), seg.passages(GOV_REPORT), seg.sentences(GOV_REPORT)
    assert "tokenizer_" not in seg.__dict__  # structure needs no dictionary
    assert seg.load() is seg and "tokenizer_" in seg.__dict__


def test_lazy_load_is_thread_safe() -> None:
    seg = Segmenter(extra_words=["营商环境"])
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(seg.words("持续优化营商环境"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == [["持续", "优化", "营商环境"]] * 8


def test_pickle_for_worker_processes(seg: Segmenter) -> None:
    # multiprocessing pickles the segmenter for its workers: our own object, never untrusted data
    clone = pickle.loads(pickle.dumps(seg))  # noqa: S301
    assert "tokenizer_" not in clone.__dict__
    assert clone.words("持续优化营商环境") == ["持续", "优化", "营商环境"]


# ----------------------------------------------------------------------------------- whole documents
def test_segment_document(seg: Segmenter) -> None:
    text = "# 关于优化营商环境的调研报告\n\n一、基本情况\n全市市场主体达到120万户，同比增长8%。\n\n二、对策建议\n持续优化营商环境，推动乡村振兴。"
    doc = Document(id="x", doc_type=DocType.report, title="关于优化营商环境的调研报告", text=text,
                   headings=[("关于优化营商环境的调研报告", 1)])
    sd = seg.segment(doc)
    assert sd.document is doc
    assert [(s.level, s.heading) for s in sd.sections] == [(1, "关于优化营商环境的调研报告"), (2, "一、基本情况"), (2, "二、对策建议")]
    assert len(sd.passage_words) == len(sd.passages)
    for p, words in zip(sd.passages, sd.passage_words, strict=True):
        assert words == seg.words(p.text)
    assert [s.slice(text) for s in sd.sentences][-2:] == ["二、对策建议", "持续优化营商环境，推动乡村振兴。"]


# --------------------------------------------------------------------------------------- real data
REPORTS = DATA_DIR / "gov_reports_lawtext" / "政府工作报告-省自治区"


@pytest.mark.realdata
@pytest.mark.skipif(not REPORTS.is_dir(), reason=f"real data not found at {REPORTS}")
def test_real_government_reports_segment_sanely(seg: Segmenter) -> None:
    files = sorted(REPORTS.glob("*/202[0-4].md"))[:20]
    assert files
    for f in files:
        text = f.read_text("utf-8")
        secs = seg.sections(text)
        assert secs, f"{f}: no sections found"
        if any(re.fullmatch("[一二三四五六七八九十]+、", s.number) for s in secs):
            top = [s for s in secs if s.level == 1]
            assert all(s.number.endswith("、") for s in top), f"{f}: top level {top[:3]}"
        for p in seg.passages(text, secs):
            assert len(p.text) <= seg.max_passage_chars
            assert text[p.start : p.end] == p.text
