"""corpus/ingest.toml source rules, the file walker, and read_documents applying both."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from topicmine.config import IngestSettings
from topicmine.errors import ConfigError
from topicmine.ingest import IngestRules, iter_files, read_documents
from topicmine.records import DocType, IngestIssue

TOML = """
[[source]]
path = "data/jszx/*.csv"
type = "提案"
region = "江苏省"
columns = { title = "reason", text = "content", author = "personnel_name", category = "type" }

[[source]]
path = "data/留言/**"
type = "opinion"
encoding = "gb18030"
year = 2019

[[source]]
path = "data/site"
skip = true

[[source]]
path = "/abs/**/*.md"
region = "全国"
"""


def test_rules_load_and_match(tmp_path: Path) -> None:
    f = tmp_path / "corpus" / "ingest.toml"
    f.parent.mkdir()
    f.write_text(TOML, encoding="utf-8")
    rules = IngestRules.load(f, root=tmp_path)
    assert len(rules) == 4
    r = rules.rule_for(tmp_path / "data/jszx/jszx2019_dev.csv")
    assert r is not None and r.doc_type is DocType.proposal and r.region == "江苏省"
    assert r.columns == {"title": "reason", "text": "content", "author": "personnel_name", "category": "type"}
    assert rules.rule_for(tmp_path / "data/jszx/sub/x.csv") is None  # * stays in one folder
    r = rules.rule_for(tmp_path / "data/留言/2019/a/附件2.xlsx")
    assert r is not None and r.encoding == "gb18030" and r.year == 2019 and r.doc_type is DocType.opinion
    assert rules.rule_for(tmp_path / "data/site/x/_index.md").skip
    assert rules.rule_for("/abs/a/b/c.md").region == "全国"
    assert rules.rule_for(tmp_path / "data/other.csv") is None
    # "..", spelled either way, resolves to the same file
    assert rules.rule_for(tmp_path / "data/x/../jszx/a.csv") is not None


def test_missing_rules_file_means_no_rules(tmp_path: Path) -> None:
    assert len(IngestRules.load(tmp_path / "none.toml")) == 0


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('[[source]]\npath = "a"\ntyp = "提案"', "unknown key"),
        ('[[source]]\ntype = "提案"', "'path'"),
        ('[[source]]\npath = "a"\ntype = "新闻"', "unknown doc type"),
        ('[[source]]\npath = "a"\ncolumns = { body = "x" }', "unknown column field"),
        ('[[source]]\npath = "a"\nencoding = "klingon"', "unknown encoding"),
        ('[[source]]\npath = "a"\nyear = "二〇一九"', "year"),
        ('[source]\npath = "a"', "[[source]]"),
        ("[[source]\n", "invalid TOML"),
    ],
)
def test_bad_rules_name_the_problem(tmp_path: Path, toml: str, words: str) -> None:
    f = tmp_path / "ingest.toml"
    f.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as ei:
        IngestRules.load(f, root=tmp_path)
    assert words in str(ei.value) and str(f) in str(ei.value)


def test_read_documents_applies_rule(tmp_path: Path) -> None:
    (tmp_path / "data/jszx").mkdir(parents=True)
    csv = tmp_path / "data/jszx/a.csv"
    csv.write_text(
        "personnel_name,reason,type,content\n邹正,关于x的建议,城乡建设,正文一。\n王五,关于y的建议,经济,正文一。\n张三,关于z,经济,正文二。\n",
        encoding="utf-8",
    )
    f = tmp_path / "ingest.toml"
    f.write_text(TOML, encoding="utf-8")
    rule = IngestRules.load(f, root=tmp_path).rule_for(csv)
    docs, issues = read_documents(csv, IngestSettings(), rule=rule)
    assert issues == []
    assert [d.doc_type for d in docs] == [DocType.proposal, DocType.proposal]
    assert all(d.region == "江苏省" for d in docs)
    # identical bodies collapse into one document that remembers both rows
    assert docs[0].sources == [f"{csv}#row 2", f"{csv}#row 3"]
    docs, _ = read_documents(csv, IngestSettings(), rule=rule, doc_type="reply", region="南京市")
    assert docs[0].doc_type is DocType.reply and docs[0].region == "南京市"


def test_skip_rule(tmp_path: Path) -> None:
    (tmp_path / "data/site").mkdir(parents=True)
    f = tmp_path / "data/site/_index.md"
    f.write_text("# 首页", encoding="utf-8")
    rules = IngestRules.from_dict({"source": [{"path": "data/site", "skip": True}]}, root=tmp_path)
    assert read_documents(f, IngestSettings(), rule=rules.rule_for(f)) == ([], [])


# ---- scan ------------------------------------------------------------------------------
def _tree(root: Path) -> None:
    for rel in ["b/2.md", "a/1.txt", "a/c/3.docx", "0.csv", ".hidden/x.md", "a/.DS_Store", "a/~$锁定.docx",
                "a/备份.txt~", "z.xyz"]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")


def test_iter_files_sorted_and_skips_hidden(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _tree(root)
    out = list(iter_files([root], IngestSettings()))
    assert all(isinstance(p, Path) for p in out)
    assert [p.relative_to(root).as_posix() for p in out] == ["0.csv", "z.xyz", "a/1.txt", "a/c/3.docx", "b/2.md"]
    # a file given directly is read even if hidden; ".." is normalised
    out = list(iter_files([root / "a" / ".." / ".hidden" / "x.md"], IngestSettings()))
    assert out == [root / ".hidden" / "x.md"]


def test_iter_files_symlinks(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _tree(root)
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "passwd.txt").write_text("x", encoding="utf-8")
    os.symlink(outside / "passwd.txt", root / "link_out.txt")
    os.symlink(outside, root / "dir_out")
    os.symlink(root / "a", root / "b" / "loop_to_a")  # inside the root: allowed, not visited twice
    os.symlink(root / "b", root / "b" / "self_loop")
    os.symlink(tmp_path / "missing", root / "dangling.txt")
    out = list(iter_files([root], IngestSettings()))
    issues = [i for i in out if isinstance(i, IngestIssue)]
    files = [p for p in out if isinstance(p, Path)]
    reasons = {Path(i.source).name: i.reason for i in issues}
    assert "导入目录之外" in reasons["link_out.txt"] and "导入目录之外" in reasons["dir_out"]
    assert "不存在" in reasons["dangling.txt"]
    assert not any("secret" in str(os.path.realpath(p)) for p in files)
    assert len({os.path.realpath(p) for p in files}) == len(files) == 5
    allowed = list(iter_files([root], IngestSettings(follow_symlinks_outside_root=True)))
    assert any(isinstance(p, Path) and Path(os.path.realpath(p)).name == "passwd.txt" for p in allowed)


def test_iter_files_missing_path(tmp_path: Path) -> None:
    out = list(iter_files([tmp_path / "不存在"], IngestSettings()))
    assert len(out) == 1 and isinstance(out[0], IngestIssue) and "不存在" in out[0].reason
