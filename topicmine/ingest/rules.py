"""Source rules from ``corpus/ingest.toml``: what a folder or file *is*, when its name can't tell.

Format — a list of ``[[source]]`` tables, checked in file order, the first matching
rule wins::

    # corpus/ingest.toml
    [[source]]
    path = "corpus/sample/**"            # glob; relative to the project root, or absolute
    region = "江苏省"

    [[source]]
    path = "../shared/data/jszx_proposals_2019/*.csv"
    type = "proposal"                    # identifier or Chinese name (提案, 社情民意 …)
    region = "江苏省"
    columns = { title = "reason", text = "content", date = "publish_time",
                author = "personnel_name", category = "type", id = "pkid" }

    [[source]]
    path = "../shared/data/gov_messages_tipdm2020/附件2_dev.xlsx"
    type = "opinion"
    columns = { title = "留言主题", text = "留言详情", date = "留言时间", category = "一级分类" }

    [[source]]
    path = "old_exports/*.txt"
    encoding = "gb18030"                 # skip detection for files known to be GBK
    year = 2018

    [[source]]
    path = "**/_index.md"
    skip = true                          # site index pages, not documents

Keys: ``path`` (required), ``type``, ``region``, ``year``, ``columns`` (field → column
name; fields: text title date year author category id region doc_type url),
``encoding``, ``skip``. Glob syntax: ``*`` and ``?`` stay within one folder, ``**``
spans folders; a pattern without wildcards naming a folder matches everything in it.
A rule's type/region/year rank just below explicit CLI options.
"""

from __future__ import annotations

import codecs
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from topicmine.errors import ConfigError
from topicmine.records import DocType

__all__ = ["SourceRule", "IngestRules", "glob_to_regex"]

_KEYS = {"path", "type", "doc_type", "region", "year", "columns", "encoding", "skip"}
_FIELDS = ("text", "title", "date", "year", "author", "category", "id", "region", "doc_type", "url")


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Translate a path glob with ``**`` into a regex over '/'-separated absolute paths.

    >>> bool(glob_to_regex("/d/**/*.md").match("/d/a/b/2023.md"))
    True
    >>> bool(glob_to_regex("/d/*.md").match("/d/a/2023.md"))
    False
    """
    i, n, out = 0, len(pattern), ["^"]
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern[i : i + 3] == "**/":
                out.append(r"(?:.*/)?")
                i += 3
                continue
            if pattern[i : i + 2] == "**":
                out.append(r".*")
                i += 2
                continue
            out.append(r"[^/]*")
        elif c == "?":
            out.append(r"[^/]")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : j].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j + 1
                continue
        else:
            out.append(re.escape(c))
        i += 1
    out.append("$")
    return re.compile("".join(out))


def _abs(path: str | Path, root: Path) -> str:
    p = Path(os.path.expanduser(str(path)))
    if not p.is_absolute():
        p = root / p
    # normpath (not resolve): "../shared/data" must match however it is spelled, but
    # a symlinked corpus folder keeps the name the user configured
    return os.path.normpath(str(p)).replace(os.sep, "/")


@dataclass(frozen=True)
class SourceRule:
    """One ``[[source]]`` entry of ``corpus/ingest.toml``."""

    path: str
    doc_type: DocType | None = None
    region: str | None = None
    year: int | None = None
    columns: dict[str, str] | None = None
    encoding: str | None = None
    skip: bool = False
    root: Path = field(default=Path("."), compare=False)

    def matches(self, file: str | Path) -> bool:
        """Whether the rule applies to ``file`` (relative paths are taken from the current folder)."""
        pattern = _abs(self.path, self.root)
        target = _abs(Path(file).absolute(), self.root)
        if glob_to_regex(pattern).match(target):
            return True
        # a plain folder name matches every file below it
        if not any(ch in self.path for ch in "*?["):
            return target.startswith(pattern.rstrip("/") + "/")
        return False


@dataclass
class IngestRules:
    """The ordered source rules; ``rule_for(path)`` returns the first match or None.

    >>> rules = IngestRules.from_dict({"source": [{"path": "corpus/sample/提案/**", "type": "提案", "region": "江苏省"}]},
    ...                               root=Path("/proj"))
    >>> r = rules.rule_for("/proj/corpus/sample/提案/关于加强营商环境建设的提案.docx")
    >>> r.doc_type.value, r.region
    ('proposal', '江苏省')
    """

    rules: list[SourceRule] = field(default_factory=list)
    file: Path | None = None
    #: folders/files `topicmine refresh` reads when given no PATH (``[refresh] paths = [...]``)
    refresh_paths: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: str | Path, root: Path | None = None) -> IngestRules:
        """Read ``corpus/ingest.toml``; a missing file means "no rules".

        ``root`` (default: :func:`topicmine.config.default_home`) anchors relative ``path`` globs.
        Raises ``ConfigError`` naming the file, the rule number and the bad key.
        """
        from topicmine.config import default_home

        p = Path(path)
        if not p.is_file():
            return cls([], p)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{p}: invalid TOML ({exc}); fix the file (see topicmine.ingest.rules for the format)") from exc
        rules = cls.from_dict(data, root=root or default_home(), where=str(p))
        rules.file = p
        return rules

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, root: Path, where: str = "ingest.toml") -> IngestRules:
        extra = set(data) - {"source", "refresh"}
        if extra:
            raise ConfigError(f"{where}: unknown top-level key(s) {sorted(extra)}; only [[source]] tables are allowed")
        items = data.get("source", [])
        if not isinstance(items, list):
            raise ConfigError(f"{where}: 'source' must be an array of tables: write [[source]], not [source]")
        out: list[SourceRule] = []
        for i, item in enumerate(items, start=1):
            at = f"{where} [[source]] #{i}"
            if not isinstance(item, dict):
                raise ConfigError(f"{at}: must be a table")
            unknown = set(item) - _KEYS
            if unknown:
                raise ConfigError(f"{at}: unknown key(s) {sorted(unknown)}; allowed: {', '.join(sorted(_KEYS))}")
            if not isinstance(item.get("path"), str) or not item["path"].strip():
                raise ConfigError(f"{at}: 'path' (a glob) is required")
            dt = None
            t = item.get("type", item.get("doc_type"))
            if t is not None:
                try:
                    dt = DocType.from_any(t)
                except ValueError as exc:
                    raise ConfigError(f"{at}: {exc}") from exc
            cols = item.get("columns")
            if cols is not None:
                if not isinstance(cols, dict) or not all(isinstance(v, str) for v in cols.values()):
                    raise ConfigError(f'{at}: columns must be a table of field = "column name"')
                bad = [k for k in cols if k not in _FIELDS]
                if bad:
                    raise ConfigError(f"{at}: unknown column field(s) {bad}; fields: {', '.join(_FIELDS)}")
            enc = item.get("encoding")
            if enc is not None:
                try:
                    codecs.lookup(enc)
                except (LookupError, TypeError) as exc:
                    raise ConfigError(f"{at}: unknown encoding {enc!r}") from exc
            year = item.get("year")
            if year is not None and not (isinstance(year, int) and 1900 <= year <= 2100):
                raise ConfigError(f"{at}: year must be an integer like 2023")
            region = item.get("region")
            if region is not None and not isinstance(region, str):
                raise ConfigError(f"{at}: region must be a string like \"江苏省\"")
            out.append(
                SourceRule(
                    path=item["path"].strip(),
                    doc_type=dt,
                    region=region,
                    year=year,
                    columns=dict(cols) if cols else None,
                    encoding=enc,
                    skip=bool(item.get("skip", False)),
                    root=Path(root),
                )
            )
        refresh = data.get("refresh", {})
        paths = refresh.get("paths", []) if isinstance(refresh, dict) else None
        if not isinstance(paths, list) or not all(isinstance(x, str) and x.strip() for x in paths):
            raise ConfigError(f'{where}: [refresh] paths must be a list of folders, e.g. paths = ["corpus/sample"]')
        unknown = set(refresh) - {"paths"} if isinstance(refresh, dict) else set()
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)} in [refresh]; only 'paths' is allowed")
        return cls(out, refresh_paths=[_abs(x, root) for x in paths])

    def rule_for(self, path: str | Path) -> SourceRule | None:
        """The first rule whose glob matches ``path``, or None."""
        for rule in self.rules:
            if rule.matches(path):
                return rule
        return None

    def __len__(self) -> int:
        return len(self.rules)
