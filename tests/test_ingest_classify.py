"""Classification tables: doc type, region, year/date and title from explicit args, meta, paths, titles, text."""

from __future__ import annotations

from pathlib import Path

import pytest

from topicmine.ingest.classify import (
    doc_type_from_path,
    doc_type_from_title,
    parse_date,
    region_from_path,
    region_from_title,
    to_document,
)
from topicmine.ingest.normalize import normalize_text
from topicmine.records import DocType, RawDocument, content_hash

TITLES = [
    ("关于加快发展银发经济的提案", DocType.proposal),
    ("提案：关于加强基层医疗的建议", DocType.proposal),
    ("关于完善城市环卫公厕指引系统的建议", DocType.proposal),  # Jiangsu proposals' 案由
    ("关于推进长江大保护的建议案", DocType.motion),
    ("2023年浙江省政府工作报告", DocType.gov_report),
    ("政府工作报告", DocType.gov_report),
    ("关于政协第十三届江苏省委员会第二次会议第0123号提案的答复", DocType.reply),
    ("关于省政协十二届五次会议第0456号提案办理情况的函", DocType.reply),
    ("关于农村留守老人照护问题的社情民意信息", DocType.opinion),
    ("关于加快发展银发经济的调研报告", DocType.report),
    ("在省政协十三届二次会议上的发言", DocType.speech),
    ("大会发言：以数字化改革推动营商环境优化", DocType.speech),
    ("中共浙江省委关于制定国民经济和社会发展第十五个五年规划的建议", DocType.party_doc),
    ("中国共产党第二十届中央委员会第三次全体会议公报", DocType.party_doc),
    ("十届三中全会决定", DocType.party_doc),
    ("北京共产主义组织的报告 (一大)", DocType.party_doc),
    ("中华人民共和国国民经济和社会发展第十四个五年规划纲要", DocType.gov_report),
    ("第七届全国人民代表大会第一次会议关于国务院机构改革方案的决定", DocType.other),
    ("南京市统计公报", None),
    ("关于加强营商环境建设", None),
]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_doc_type_from_title(title: str, expected: DocType | None) -> None:
    assert doc_type_from_title(title) is expected


PATHS = [
    ("语料/政府工作报告-省自治区/浙江省/2023.md", DocType.gov_report),
    ("语料/政府工作报告-国务院/1954.md", DocType.gov_report),
    ("江苏/提案/2019/关于x.docx", DocType.proposal),
    ("江苏/提案答复/关于x.docx", DocType.reply),
    ("江苏/建议案/关于x.docx", DocType.motion),
    ("江苏/社情民意信息/x.docx", DocType.opinion),
    ("江苏/调研报告/x.docx", DocType.report),
    ("江苏/委员发言/x.docx", DocType.speech),
    ("content/党代会报告/1977-中国共产党章程.md", DocType.party_doc),
    ("content/规范性文件/x.md", DocType.party_doc),
    ("content/党内法规/x.md", DocType.party_doc),
    ("sample/proposals/x.md", DocType.proposal),
    ("杂项/x.md", None),
]


@pytest.mark.parametrize(("path", "expected"), PATHS)
def test_doc_type_from_path(path: str, expected: DocType | None) -> None:
    assert doc_type_from_path(path) is expected


def test_path_hints_only_below_root(tmp_path: Path) -> None:
    root = tmp_path / "提案系统" / "corpus"
    f = root / "杂项" / "x.md"
    f.parent.mkdir(parents=True)
    f.write_text("x", encoding="utf-8")
    assert doc_type_from_path(f) is DocType.proposal  # without a root every folder counts
    assert doc_type_from_path(f, root=root) is None


REGIONS = [
    ("政府工作报告-省自治区/浙江省/2023.md", "浙江省"),
    ("政府工作报告-省自治区/内蒙古自治区/2020.md", "内蒙古自治区"),
    ("政府工作报告-主要城市/南京市/2020.md", "南京市"),
    ("政府工作报告-主要城市/乌鲁木齐市/2019.md", "乌鲁木齐市"),
    ("政府工作报告-国务院/2024.md", "全国"),
    ("2026_raw_text/2026_广西壮族自治区_政府工作报告.csv", "广西壮族自治区"),
    ("江苏/提案/x.docx", "江苏省"),
    ("sample/杂项/x.docx", None),
]


@pytest.mark.parametrize(("path", "expected"), REGIONS)
def test_region_from_path(path: str, expected: str | None) -> None:
    assert region_from_path(path) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("江苏省政府工作报告", "江苏省"),
        ("2026年浙江省政府工作报告", "浙江省"),
        ("陕西省2026年政府工作报告", "陕西省"),
        ("2026年宁夏回族自治区政府工作报告", "宁夏回族自治区"),
        ("南京市政府工作报告（2020年1月9日 韩立明）", "南京市"),
        ("2025年中华人民共和国国务院政府工作报告", "全国"),
        ("关于深化长三角与浙江省合作的提案", None),
        ("政府工作报告", None),
    ],
)
def test_region_from_title(title: str, expected: str | None) -> None:
    assert region_from_title(title) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-01-15", ("2019-01-15", 2019)),
        ("2019/1/15", ("2019-01-15", 2019)),
        ("2019.1.5", ("2019-01-05", 2019)),
        ("2019年1月15日", ("2019-01-15", 2019)),
        ("2019 年 1 月 15 日", ("2019-01-15", 2019)),
        ("20190115", ("2019-01-15", 2019)),
        ("2019-01-12 16:04:48", ("2019-01-12", 2019)),
        ("2020/1/4 11:17:46", ("2020-01-04", 2020)),
        ("二〇二六年一月二十七日", ("2026-01-27", 2026)),
        ("2019年3月", ("2019-03", 2019)),
        ("2019", ("2019", 2019)),
        (2019, ("2019", 2019)),
        ("2019-13-45", ("2019", 2019)),
        ("无日期", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_date(value, expected) -> None:
    assert parse_date(value) == expected


def _raw(text: str, source: str = "x.txt", **meta) -> RawDocument:
    return RawDocument(text=text, source=source, meta=meta)


def test_to_document_gov_report_from_path() -> None:
    raw = RawDocument(
        text="政府工作报告\n\n2023年1月12日在浙江省第十四届人民代表大会第一次会议上\n\n各位代表：",
        source="gov_reports/政府工作报告-省自治区/浙江省/2023.md",
        meta={"title": "2023年政府工作报告", "source": "https://www.zj.gov.cn/x.html"},
    )
    d = to_document(raw)
    assert (d.doc_type, d.region, d.year, d.date, d.title) == (
        DocType.gov_report, "浙江省", 2023, "2023-01-12", "2023年政府工作报告"
    )
    assert d.id == content_hash(normalize_text(raw.text)) and d.sources == [raw.source]
    assert d.meta["doc_type_source"] == "path"


def test_precedence_explicit_over_meta_over_path_over_title() -> None:
    raw = _raw("正文。", "提案/关于x的调研报告.md", title="关于x的社情民意信息", doc_type="建议案", region="苏州市")
    assert to_document(raw).doc_type is DocType.motion  # meta
    assert to_document(raw, doc_type="reply").doc_type is DocType.reply  # explicit
    assert to_document(raw).region == "苏州市"
    assert to_document(raw, region="江苏省").region == "江苏省"
    raw.meta.pop("doc_type")
    assert to_document(raw).doc_type is DocType.proposal  # folder
    raw.source = "杂项/x.md"
    assert to_document(raw).doc_type is DocType.opinion  # title


def test_content_hints_and_default() -> None:
    jiangsu = "调研情况：我省……问题分析：一是……具体建议：一是……"
    assert to_document(_raw(jiangsu, title="航空货运")).doc_type is DocType.proposal
    assert to_document(_raw("您提出的关于x的提案收悉，现答复如下：")).doc_type is DocType.reply
    assert to_document(_raw("各位代表：\n现在，我代表市人民政府，向大会报告工作")).doc_type is DocType.gov_report
    assert to_document(_raw("今天天气很好。")).doc_type is DocType.other


def test_title_fallbacks_and_year_sources() -> None:
    d = to_document(RawDocument(text="一、基本情况\n正文", source="a/2021.docx", headings=[("关于x的调研报告", 0)]))
    assert d.title == "关于x的调研报告" and d.year == 2021 and d.doc_type is DocType.report
    d = to_document(_raw("\n\n  2024年全市重点工作安排  \n正文", "a/b.txt"))
    assert d.title == "2024年全市重点工作安排" and d.year == 2024
    d = to_document(_raw("正文……\n2019年3月5日", "a/b.txt", title="关于y的提案"))
    assert d.year == 2019 and d.date == "2019-03-05"
    d = to_document(_raw("正文", "a/b.txt", title="关于y的提案", date="2019年1月15日", year=2019))
    assert d.date == "2019-01-15" and d.year == 2019
    d = to_document(_raw("正文", "a/b.txt", title="关于y的提案", created="2017-05-01"))
    assert d.year == 2017 and d.date is None  # creation time: a year hint only
    d = to_document(_raw("正文 2018年2月1日", "a/2020.txt"), year=2022)
    assert d.year == 2022 and d.date is None


def test_author_category_lists_and_locator_in_sources() -> None:
    raw = RawDocument(text="正文", source="t.csv", meta={"authors": ["中共中央纪委"], "categories": ["规范性文件"]},
                      locator="row 7")
    d = to_document(raw)
    assert d.author == "中共中央纪委" and d.category == "规范性文件"
    assert d.sources == ["t.csv#row 7"] and d.doc_type is DocType.party_doc
