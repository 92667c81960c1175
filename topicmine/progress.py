"""Progress bars tied to log level (the sentence-transformers convention).

``show=None`` means: on when the ``topicmine`` logger is enabled for INFO. Bars
go to stderr so ``--json`` output on stdout stays one clean line.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

logger = logging.getLogger("topicmine")


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

    bar = iter(tqdm(iterable, desc=desc, total=total, disable=not want_progress(show), unit=unit, leave=False))
    return bar if active() is None else _checked(bar)


def _checked(items: Iterator[T]) -> Iterator[T]:
    """Stop between items once the service has cancelled this thread's work (the client left)."""
    from topicmine.cancel import check

    for item in items:
        check()
        yield item
