"""Files as office PCs save them: CRLF front matter, region in a .docx's subject property."""

from pathlib import Path

from topicmine.config import IngestSettings
from topicmine.ingest import read_documents


def test_crlf_front_matter_is_read(tmp_path: Path):
    p = tmp_path / "社情民意.txt"
    text = "---\r\ntitle: 外卖骑手职业伤害保障亟待完善\r\nregion: 苏州市\r\nauthor: 张伟\r\n---\r\n反映人：张伟\r\n情况：……\r\n"
    p.write_bytes(text.encode("gbk"))
    docs, issues = read_documents(p, IngestSettings())
    assert not issues
    d = docs[0]
    assert d.title == "外卖骑手职业伤害保障亟待完善"
    assert d.region == "苏州市" and d.author == "张伟"
    assert "title:" not in d.text


def test_docx_subject_names_region(tmp_path: Path):
    import docx

    p = tmp_path / "关于完善社区托育服务设施布局的提案.docx"
    doc = docx.Document()
    doc.core_properties.subject = "江苏省"
    doc.core_properties.title = "关于完善社区托育服务设施布局的提案"
    doc.add_paragraph("调研情况：全省托育服务供给不足。具体建议：加快社区托育设施建设。")
    doc.save(p)
    docs, _ = read_documents(p, IngestSettings())
    assert docs[0].region == "江苏省"


def test_docx_subject_that_is_not_a_place_is_ignored(tmp_path: Path):
    import docx

    p = tmp_path / "x.docx"
    doc = docx.Document()
    doc.core_properties.subject = "托育服务"
    doc.add_paragraph("调研情况：全省托育服务供给不足。")
    doc.save(p)
    docs, _ = read_documents(p, IngestSettings())
    assert docs[0].region is None
