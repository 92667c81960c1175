"""SQL helpers shared by the store modules: filters, row conversion, chunking, time, JSON.

Only placeholders (``?``) and fixed column names are ever formatted into SQL here; every
value a user could influence travels as a bound parameter.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

from topicmine.errors import InputError
from topicmine.records import DocType
from topicmine.store.rows import PassageRow

MEMORY = ":memory:"

# Rows fetched per round trip by the streaming iterators; the connection lock is released
# between batches so a long export never starves the service's other requests.
_BATCH = 1000
# Keep IN (...) lists well under SQLite's variable limit (32766 since 3.32, 999 before).
_CHUNK = 500

_PASSAGE_COLUMNS = """
    p.id, p.doc_id, p.idx, p."start", p."end", p.text, p.hash, p.section,
    d.doc_type, d.title, d.region, d.year, d.date, d.author, d.category, p.boilerplate
"""



def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    # ensure_ascii=False keeps Chinese readable in the db; default=str tolerates dates from xlsx
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _doc_type(value: str) -> DocType:
    try:
        return DocType(value)
    except ValueError:  # written by a newer version with more types: degrade, don't crash reads
        return DocType.other


def display_source(source: str, locator: str | None) -> str:
    """``path`` or ``path#locator`` — the form ``Document.sources`` uses.

    >>> display_source("提案/2019.xlsx", "row 12")
    '提案/2019.xlsx#row 12'
    """
    return f"{source}#{locator}" if locator else source



def _passage_row(r: sqlite3.Row | tuple[Any, ...]) -> PassageRow:
    return PassageRow(
        id=r[0],
        doc_id=r[1],
        idx=r[2],
        start=r[3],
        end=r[4],
        text=r[5],
        hash=r[6],
        section=r[7],
        doc_type=_doc_type(r[8]),
        title=r[9],
        region=r[10],
        year=r[11],
        date=r[12],
        author=r[13],
        category=r[14],
        boilerplate=bool(r[15]),
    )


def _marks(items: Sequence[Any]) -> str:
    # only placeholders are formatted into SQL, never values
    return ", ".join("?" * len(items))


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, DocType)):
        return [value]
    return list(value)


def _filters(
    doc_types: Any, region: Any, year_from: int | None, year_to: int | None, alias: str = "d"
) -> tuple[str, list[Any]]:
    """`` AND …`` clauses over the documents table with their bound parameters.

    >>> _filters(["提案"], "江苏省", 2022, None)
    (' AND d.doc_type IN (?) AND d.region IN (?) AND d.year >= ?', ['proposal', '江苏省', 2022])
    """
    clauses: list[str] = []
    params: list[Any] = []
    types = _as_list(doc_types)
    if types:
        try:
            values = [DocType.from_any(t).value for t in types]
        except ValueError as exc:
            raise InputError(str(exc)) from exc
        clauses.append(f"{alias}.doc_type IN ({_marks(values)})")
        params += values
    regions = [str(r) for r in _as_list(region)]
    if regions:
        clauses.append(f"{alias}.region IN ({_marks(regions)})")
        params += regions
    if year_from is not None:
        clauses.append(f"{alias}.year >= ?")
        params.append(int(year_from))
    if year_to is not None:
        clauses.append(f"{alias}.year <= ?")
        params.append(int(year_to))
    return "".join(" AND " + cl for cl in clauses), params
