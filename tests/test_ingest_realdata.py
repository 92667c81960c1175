"""Ingest on real files from ../shared/data (skips with a reason when the folder is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from topicmine.config import IngestSettings
from topicmine.ingest import read_documents, read_file
from topicmine.ingest.normalize import normalize_text
from topicmine.records import DocType

pytestmark = pytest.mark.realdata

LIMITS = IngestSettings()


def _need(p: Path) -> Path:
    if not p.exists():
        pytest.skip(f"{p} not present in the data folder")
    return p


def test_gov_report_markdown_with_front_matter(data_dir: Path) -> None:
    root = data_dir / "gov_reports_lawtext"
    f = _need(root / "政府工作报告-省自治区" / "浙江省" / "2023.md")
    docs, issues = read_documents(f, LIMITS, root=root)
    assert issues == [] and len(docs) == 1
    d = docs[0]
    assert (d.doc_type, d.region, d.year, d.date) == (DocType.gov_report, "浙江省", 2023, "2023-01-12")
    assert d.title == "2023年政府工作报告"
    assert d.meta["source"].startswith("https://www.zj.gov.cn/")
    assert "**" not in d.text and d.text.startswith("政府工作报告")
    assert "一、2022年和过去五年工作回顾" in d.text.splitlines()


@pytest.mark.parametrize(
    ("rel", "region", "year"),
    [
        ("政府工作报告-主要城市/南京市/2020.md", "南京市", 2020),
        ("政府工作报告-国务院/1954.md", "全国", 1954),
        ("政府工作报告-省自治区/内蒙古自治区/2020.md", "内蒙古自治区", 2020),
    ],
)
def test_gov_report_regions_and_years(data_dir: Path, rel: str, region: str, year: int) -> None:
    root = data_dir / "gov_reports_lawtext"
    docs, issues = read_documents(_need(root / rel), LIMITS, root=root)
    assert not issues
    assert (docs[0].doc_type, docs[0].region, docs[0].year) == (DocType.gov_report, region, year)


def test_jszx_proposals_csv_287_rows(data_dir: Path) -> None:
    f = _need(data_dir / "jszx_proposals_2019" / "jszx2019_dev.csv")
    r = read_file(f, LIMITS)
    assert len(r) == 287 and r.issues == []
    docs, issues = read_documents(f, LIMITS, region="江苏省")
    assert issues == []
    assert sum(len(d.sources) for d in docs) == 287
    assert all(d.doc_type is DocType.proposal for d in docs)  # "关于……的建议" + 调研情况/具体建议
    first = next(d for d in docs if d.sources[0].endswith("#row 2"))
    assert first.title == "关于完善城市环卫公厕指引系统的建议"
    assert (first.author, first.category, first.date, first.year) == ("邹正", "城乡建设", "2019-01-12", 2019)
    assert len({d.category for d in docs}) == 14


def test_citizen_messages_xlsx_331_rows(data_dir: Path) -> None:
    f = _need(data_dir / "gov_messages_tipdm2020" / "附件2_dev.xlsx")
    r = read_file(f, LIMITS)
    assert len(r) == 331 and r.issues == []
    docs, _ = read_documents(f, LIMITS, doc_type="社情民意")
    assert sum(len(d.sources) for d in docs) == 331
    d = docs[0]
    assert d.doc_type is DocType.opinion and d.title and d.category and d.year
    assert not d.text.startswith(("\n", "\t"))


def test_provincial_2026_csv_chrome_removed(data_dir: Path) -> None:
    folder = _need(data_dir / "provincial_gwr_2026" / "output" / "2026_raw_text")
    f = _need(folder / "2026_浙江省_政府工作报告.csv")
    docs, issues = read_documents(f, LIMITS)
    assert issues == [] and len(docs) == 1
    d = docs[0]
    assert (d.doc_type, d.region, d.year) == (DocType.gov_report, "浙江省", 2026)
    head = d.text[:200]
    for junk in ("下载", "打印", "全屏", "收藏", "字号", "加大", "减小", "来源：浙江日报"):
        assert junk not in head, junk
    assert head.startswith("2026年浙江省政府工作报告")
    assert normalize_text(d.text) == d.text


def test_all_2026_provinces(data_dir: Path) -> None:
    folder = _need(data_dir / "provincial_gwr_2026" / "output" / "2026_raw_text")
    regions = set()
    for f in sorted(folder.glob("2026_*_政府工作报告.csv")):
        docs, issues = read_documents(f, LIMITS)
        assert not issues and len(docs) == 1, f
        assert docs[0].year == 2026 and docs[0].doc_type is DocType.gov_report
        assert not docs[0].text.startswith("下载")
        regions.add(docs[0].region)
    assert len(regions) == 31


def test_wikisource_jsonl(data_dir: Path) -> None:
    f = _need(data_dir / "political_corpora_wikisource" / "cpc_congress_reports.jsonl")
    docs, issues = read_documents(f, LIMITS)
    assert not issues and sum(len(d.sources) for d in docs) == 16
    assert all(d.doc_type is DocType.party_doc for d in docs)


def test_party_doc_front_matter(data_dir: Path) -> None:
    root = data_dir / "party_docs_lawtext" / "content"
    f = _need(root / "党代会报告" / "1977-中国共产党章程.md")
    docs, _ = read_documents(f, LIMITS, root=root)
    d = docs[0]
    assert (d.doc_type, d.year, d.date, d.author) == (DocType.party_doc, 1977, "1977-08-18", "中共党代会")
    assert d.title == "中国共产党章程（1977年）"
    assert ("总纲", 2) in d.headings
