"""One exception tree for topicmine.

Every message names the thing at fault (file, id, setting) and says what to do
next, in the manner of spaCy's errors. Entry points catch ``TopicmineError`` and
print the message without a traceback; anything else is a bug.
"""

from __future__ import annotations


class TopicmineError(Exception):
    """Base of every error topicmine raises on purpose."""

    #: process exit code the CLI uses for this kind of error
    exit_code: int = 1


class ConfigError(TopicmineError):
    """A setting is missing or invalid (names the setting and where it came from)."""

    exit_code = 2


class ReaderError(TopicmineError):
    """A source file (or one row of it) cannot be read.

    >>> str(ReaderError("corpus/a.docx", "不是有效的 .docx 文件 (zip 损坏)"))
    'corpus/a.docx: 不是有效的 .docx 文件 (zip 损坏)'
    """

    def __init__(self, source: str, reason: str, locator: str | None = None) -> None:
        self.source = str(source)
        self.reason = reason
        self.locator = locator
        where = f"{self.source} ({locator})" if locator else self.source
        super().__init__(f"{where}: {reason}")


class StoreError(TopicmineError):
    """The SQLite store cannot be opened, migrated or written."""


class LockError(TopicmineError):
    """Another process holds the workdir's lock (one writer / one refresh at a time)."""

    exit_code = 75  # EX_TEMPFAIL: cron may simply try again later


class ModelError(TopicmineError):
    """An embedding model cannot be found or loaded (offline: no hub downloads)."""


class IndexMismatchError(TopicmineError):
    """A saved artifact does not match the store or model; the message says how to rebuild."""


class InputError(TopicmineError):
    """User input (a query, a draft, an uploaded file) is unusable; says why."""


class UnsupportedTypeError(InputError):
    """An uploaded or given file is of a type topicmine does not read (the service answers 415)."""


class DiskError(StoreError):
    """The workdir's disk is full, read-only or not writable for this account (see ``topicmine.diskerrors``).

    ``kind`` is ``"full"`` / ``"readonly"`` / ``"denied"``; the service answers 507 for a full disk and 503
    otherwise; the CLI exits 74 (EX_IOERR) so cron can tell it from a bug.
    """

    exit_code = 74

    def __init__(self, message: str, *, kind: str, path: str) -> None:
        self.kind = kind
        self.path = path
        super().__init__(message)
