"""Log lines that cannot be forged: control and bidi characters in messages are shown escaped.

A file named ``a\\n2026-12-06 03:00:01 pid=1 INFO topicmine: refresh ok.txt`` would otherwise write a
fake line into ``refresh.log``; a name with U+202E (right-to-left override) would display reversed
(``txt.exe`` read as ``exe.txt``). Both come from corpus file names, which anyone can choose.
"""

from __future__ import annotations

import logging
import re

__all__ = ["SafeFormatter", "escape_controls"]

# C0/C1 controls (tab kept) and the Unicode bidi controls
_UNSAFE_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    r"""``"a\nb\u202ec"`` → ``"a\\nb\\u202ec"``: visible, one line.

    >>> escape_controls("关于\n伪造.txt")
    '关于\\n伪造.txt'
    """
    return _UNSAFE_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_BIDI_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_bidi(text: str) -> str:
    """Drop bidi controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C) from text shown to people.

    A title like "关于\u202e录音.exe" would otherwise display reversed in a report or a page.

    >>> strip_bidi("关于\u202e托育\u2066的提案")
    '关于托育的提案'
    """
    return _BIDI_RE.sub("", text)


class SafeFormatter(logging.Formatter):
    """A ``logging.Formatter`` whose records cannot span lines or reorder text."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        # the line itself; a real traceback is appended after this by format() with its own lines
        return escape_controls(super().formatMessage(record))


class SafeFileHandler(logging.FileHandler):
    """A file handler that, when the disk is full, says so once on stderr instead of a traceback per record.

    The run itself goes on (or fails with its own clear disk message); a log line that could not be written
    is not worth a wall of "--- Logging error ---" tracebacks in cron mail.
    """

    _warned = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        if not self._warned:
            self._warned = True
            import sys

            exc = sys.exc_info()[1]
            sys.stderr.write(f"警告 / warning: 无法写入日志 {self.baseFilename}（{exc}）；之后的日志行只显示在终端\n")

    def close(self) -> None:
        try:
            super().close()
        except OSError:  # the final flush on a full disk: the lines are lost either way, the run's error stands
            pass
