"""Spreadsheet-safe CSV: text cells that Excel/WPS would run as a formula are prefixed with ``'``.

The reports are written with a UTF-8 BOM precisely so staff open them in Excel/WPS; a proposal
title or author beginning with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return, which some
spreadsheet programs strip before parsing) would then be evaluated — ``=HYPERLINK(...)`` becomes a
live link (OWASP "CSV injection"). Numbers stay numbers: only ``str`` cells are touched.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

__all__ = ["safe_cell", "safe_writer"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``'=HYPERLINK("x")`` for a formula-looking text cell; everything else unchanged.

    >>> safe_cell('=HYPERLINK("http://x","点此")'), safe_cell("关于加强养老服务的提案"), safe_cell(-0.5)
    ('\\'=HYPERLINK("http://x","点此")', '关于加强养老服务的提案', -0.5)
    """
    if isinstance(value, str):
        from topicmine.logsafe import strip_bidi

        value = strip_bidi(value)  # a reversed title in Excel/WPS misleads as much as a formula
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


class _SafeWriter:
    def __init__(self, fh: Any, **kw: Any) -> None:
        self._w = csv.writer(fh, **kw)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._w.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(fh: Any, **kw: Any) -> _SafeWriter:
    """``csv.writer`` whose rows go through :func:`safe_cell`."""
    return _SafeWriter(fh, **kw)
