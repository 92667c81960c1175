"""Walk the paths a user asked to ingest: files in a stable order, problems as issues.

Sorted order makes runs reproducible (same ids, same progress, same logs). Hidden
files (``.git``, ``.DS_Store``), Office lock files (``~$报告.docx``) and editor
back-ups are skipped silently. A symlink that leads outside the folder being
ingested is refused with an issue (a corpus folder must not pull in ``/etc`` or
another user's files) unless ``follow_symlinks_outside_root`` is set.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from topicmine.records import IngestIssue

if TYPE_CHECKING:
    from topicmine.config import IngestSettings

__all__ = ["iter_files", "is_ignored_name"]

_IGNORED_NAMES = {"thumbs.db", "desktop.ini", "__pycache__", "node_modules", "__macosx"}


def is_ignored_name(name: str) -> bool:
    """Hidden files, Office lock files (``~$…``), back-ups (``…~``, ``.bak`` is kept) and OS litter.

    >>> [is_ignored_name(n) for n in (".DS_Store", "~$调研报告.docx", "调研报告.docx", "Thumbs.db")]
    [True, True, False, True]
    """
    return (
        name.startswith(".")
        or name.startswith("~$")
        or name.endswith("~")
        or name.lower() in _IGNORED_NAMES
    )


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def iter_files(paths: Iterable[str | Path], limits: IngestSettings) -> Iterator[Path | IngestIssue]:
    """Yield every file under ``paths`` (recursively, sorted) or an ``IngestIssue`` for a problem.

    Paths are normalised (``a/../b`` → ``b``) but symlinks keep their names. A file
    given directly is yielded even if hidden (the user asked for it).

    >>> from topicmine.config import IngestSettings
    >>> for item in iter_files(["corpus/sample"], IngestSettings()):  # doctest: +SKIP
    ...     print(item)
    corpus/sample/党委文件/中共某市委关于制定十五五规划的建议.docx
    …
    """
    seen_real: set[str] = set()
    for given in paths:
        p = Path(os.path.normpath(os.path.expanduser(str(given))))
        src = str(given)
        if not p.exists() and not p.is_symlink():
            yield IngestIssue(src, "路径不存在")
            continue
        if p.is_symlink() and not p.exists():
            yield IngestIssue(src, "符号链接指向的目标不存在")
            continue
        if p.is_file():
            real = os.path.realpath(p)
            if real not in seen_real:
                seen_real.add(real)
                yield p
            continue
        if not p.is_dir():
            yield IngestIssue(src, "不是普通文件或文件夹（设备/管道），已跳过")
            continue
        root_real = Path(os.path.realpath(p))
        yield from _walk(p, root_real, limits, seen_real, visited_dirs={str(root_real)})


def _walk(
    top: Path, root_real: Path, limits: IngestSettings, seen_real: set[str], visited_dirs: set[str]
) -> Iterator[Path | IngestIssue]:
    # an explicit stack instead of recursion: deep folder trees must not hit the recursion limit
    stack: list[Path] = [top]
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield IngestIssue(str(d), f"无法读取文件夹：{exc.strerror or exc}")
            continue
        subdirs: list[Path] = []
        for e in entries:
            if is_ignored_name(e.name):
                continue
            path = d / e.name
            try:
                is_link = e.is_symlink()
                if is_link:
                    real = Path(os.path.realpath(path))
                    if not real.exists():
                        yield IngestIssue(str(path), "符号链接指向的目标不存在，已跳过")
                        continue
                    if not _inside(real, root_real) and not limits.follow_symlinks_outside_root:
                        yield IngestIssue(
                            str(path),
                            f"符号链接指向导入目录之外（{real}），已跳过；"
                            "如确需读取请设置 [ingest] follow_symlinks_outside_root = true",
                        )
                        continue
                    is_dir = real.is_dir()
                    is_file = real.is_file()
                else:
                    real = None
                    is_dir = e.is_dir(follow_symlinks=False)
                    is_file = e.is_file(follow_symlinks=False)
            except OSError as exc:
                yield IngestIssue(str(path), f"无法访问：{exc.strerror or exc}")
                continue
            if is_dir:
                key = str(real or Path(os.path.realpath(path)))
                if key in visited_dirs:  # a symlink loop or a second link to the same folder
                    continue
                visited_dirs.add(key)
                subdirs.append(path)
            elif is_file:
                key = str(real or os.path.realpath(path))
                if key in seen_real:  # the same file reached twice through links
                    continue
                seen_real.add(key)
                yield path
            # sockets, fifos, devices: silently not documents
        # push in reverse so folders are visited in sorted order (depth-first)
        stack.extend(reversed(subdirs))
