"""`topicmine split` and `topicmine check-draft` from the command line (empty corpus: no history)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from topicmine.cli import app

ROOT = Path(__file__).resolve().parent.parent
REPORT = sorted((ROOT / "corpus" / "sample" / "调研报告").rglob("*.md"))[0]


def _last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def test_split_writes_every_draft_and_prints_json(tmp_path: Path):
    out = tmp_path / "drafts"
    r = CliRunner().invoke(app, ["split", str(REPORT), "--out", str(out), "--json", "-w", str(tmp_path / "wd")])
    assert r.exit_code == 0, r.output
    res = _last_json(r.stdout)
    assert res["units"] and res["drafts"]
    assert {d["genre"] for d in res["drafts"]} <= {"motion", "proposal", "opinion"}
    for d in res["drafts"]:
        assert d["title"].startswith("关于") and d["checks"]
    import docx

    files = sorted(out.glob("*.docx"))
    assert len(files) == len(res["drafts"])
    first = docx.Document(str(files[0]))
    assert res["drafts"][0]["title"] in [p.text for p in first.paragraphs[:4]]
    assert (out / "summary.json").is_file() and (out / "summary.md").is_file()


def test_check_draft_without_suggestions_fails_with_the_reason(tmp_path: Path):
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "关于加强社区托育服务的提案\n调研情况：近年来我省托育需求持续增长，社区托育机构数量不足，"
        "双职工家庭普遍反映入托难、入托贵。问题分析：普惠性托育供给不足，从业人员队伍不稳定。\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(app, ["check-draft", str(draft), "--genre", "proposal", "--json", "-w", str(tmp_path / "wd")])
    assert r.exit_code == 1, r.output
    res = _last_json(r.stdout)
    assert res["passed"] is False and res["genre"] == "proposal"
    failed = [c for c in res["checks"] if not c["passed"]]
    assert any("建议" in c["message"] for c in failed), failed


def test_split_rejects_a_malformed_genre_override(tmp_path: Path):
    r = CliRunner().invoke(app, ["split", str(REPORT), "--genre", "u1", "-w", str(tmp_path / "wd")])
    assert r.exit_code != 0 and "UNIT_ID=GENRE" in r.output


def test_split_of_too_short_input_exits_nonzero_with_a_chinese_message(tmp_path: Path):
    f = tmp_path / "short.txt"
    f.write_text("关于加强养老服务的建议", encoding="utf-8")
    r = CliRunner().invoke(app, ["split", str(f), "-w", str(tmp_path / "wd")])
    assert r.exit_code != 0 and "报告过短" in r.output


def test_split_without_out_says_nothing_was_written(tmp_path: Path):
    r = CliRunner().invoke(app, ["split", str(REPORT), "-w", str(tmp_path / "wd")])
    assert r.exit_code == 0, r.output
    assert "未写入文件" in r.output and "--out" in r.output


def test_check_draft_takes_a_folder_of_split_drafts(tmp_path: Path):
    """`check-draft` on the folder `split --out` wrote — one run, every draft (.md and .docx) checked,
    the form lines and the .md's appended 审核提示 not read as the draft's matter."""
    out = tmp_path / "drafts"
    r = CliRunner().invoke(app, ["split", str(REPORT), "--out", str(out), "-w", str(tmp_path / "wd")])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["check-draft", str(out), "--json", "-w", str(tmp_path / "wd")])
    res = _last_json(r.stdout)
    names = sorted(p.name for p in out.glob("*.md") if not p.name.startswith("summary"))
    assert sorted(x["file"] for x in res["files"] if x["file"].endswith(".md")) == names
    assert len(res["files"]) == 2 * len(names)  # .md and .docx of every draft; summary and .json left out
    for x in res["files"]:
        assert x["genre"] in {"motion", "proposal", "opinion"} and x["title"], x["file"]
        assert not any("审核提示" in c["message"] for c in x["checks"])
    assert r.exit_code == (0 if res["passed"] else 1)
