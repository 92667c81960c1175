"""Progress bars tied to log level (the sentence-transformers convention).

``show=None`` means: on when the ``topicmine`` logger is enabled for INFO. Bars
go to stderr so ``--json`` output on stdout stays one clean line. The office reads the bars: a stage's
short English name in the code ("ingest", "embed") is shown by its Chinese label from :data:`STAGE_NAMES`
(the one table; ``tests/test_progress_labels.py`` checks every bar in the package has one).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

logger = logging.getLogger("topicmine")

#: the Chinese label of each stage's progress bar (keys: the ``desc`` the code passes)
STAGE_NAMES: dict[str, str] = {
    "ingest": "读入文件",
    "terms": "提取词语",
    "index": "更新向量索引",
    "embed": "计算向量",
    "embed (ray)": "计算向量（Ray）",
    "Batches": "计算向量（分批）",
    "minhash": "MinHash 指纹",
    "pair features": "句对特征",
    "history rule": "历史查重规则（标注句对）",
}

#: the Chinese counting word of each bar's unit
UNIT_NAMES: dict[str, str] = {"it": "步", "file": "个文件", "passage": "段", "chunk": "块", "text": "篇", "pair": "对", "batch": "批"}


def stage_label(desc: str) -> str:
    """The label a progress bar shows for ``desc``: its Chinese name, or ``desc`` itself when already Chinese.

    >>> stage_label("ingest"), stage_label("主题聚类")
    ('读入文件', '主题聚类')
    """
    return STAGE_NAMES.get(desc, desc)


def want_progress(show: bool | None) -> bool:
    """Resolve ``show=None`` from the log level."""
    if show is not None:
        return show
    return logger.isEnabledFor(logging.INFO)


def progress(
    iterable: Iterable[T], *, desc: str = "", total: int | None = None, show: bool | None = None, unit: str = "it"
) -> Iterator[T]:
    """Wrap a loop over the corpus in a tqdm bar with ETA (on stderr).

    >>> list(progress(["提案", "社情民意"], desc="读取", show=False))
    ['提案', '社情民意']
    """
    from tqdm.auto import tqdm

    from topicmine.cancel import active

    bar = iter(tqdm(iterable, desc=stage_label(desc), total=total, disable=not want_progress(show),
                    unit=UNIT_NAMES.get(unit, unit), leave=False))
    return bar if active() is None else _checked(bar)


def _checked(items: Iterator[T]) -> Iterator[T]:
    """Stop between items once the service has cancelled this thread's work (the client left)."""
    from topicmine.cancel import check

    for item in items:
        check()
        yield item
