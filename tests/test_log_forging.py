"""A newline or a bidi override in a file name cannot forge or reorder a log line."""

from __future__ import annotations

import logging

from topicmine.logsafe import SafeFormatter, escape_controls


def test_a_newline_in_a_file_name_stays_on_one_line() -> None:
    fmt = SafeFormatter("%(levelname)s %(message)s")
    name = "关于x.txt\n2026-12-06 03:00:01 pid=1 INFO topicmine: refresh ok"
    rec = logging.LogRecord("topicmine", logging.WARNING, __file__, 1, "无法读取 %s", (name,), None)
    line = fmt.format(rec)
    assert "\n" not in line and "\\n2026-12-06" in line


def test_bidi_controls_are_escaped() -> None:
    assert escape_controls("提案\u202etxt.exe") == "提案\\u202etxt.exe"
    assert escape_controls("普通文件名.txt\t") == "普通文件名.txt\t"


def test_markup_in_a_file_name_prints_as_written(tmp_path) -> None:
    """A folder "a[" holding "]b.pdf" makes the path contain "[/]": printed through rich markup it raised
    MarkupError and the ingest command ended in a traceback; names and reasons are data and print verbatim."""
    from typer.testing import CliRunner

    from topicmine.cli import app

    folder = tmp_path / "c" / "a["
    folder.mkdir(parents=True)
    (folder / "]b.pdf").write_text("不是 PDF", encoding="utf-8")
    res = CliRunner().invoke(app, ["ingest", str(tmp_path / "c"), "--workdir", str(tmp_path / "wd"), "--quiet"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "a[/]b.pdf" in res.output.replace("\n", "")
    assert "不是有效的 PDF" in res.output
