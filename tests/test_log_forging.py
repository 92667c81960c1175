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
