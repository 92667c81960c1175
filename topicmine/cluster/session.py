"""Connecting to Ray: a local instance on a laptop, or the cluster that ``ray start`` made.

>>> from topicmine.config import ClusterSettings
>>> with ray_session(ClusterSettings(num_cpus=2, object_store_mb=200)) as info:   # doctest: +SKIP
...     info["cpus"]
2.0
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from topicmine.config import PROJECT_ROOT, ClusterSettings
from topicmine.errors import TopicmineError

logger = logging.getLogger("topicmine.cluster")


class ClusterError(TopicmineError):
    """The Ray engine is missing, cannot connect, or a distributed stage failed (says what to do)."""


def require_ray() -> Any:
    """``import ray`` or a ClusterError telling how to install the extra."""
    try:
        import ray
    except ImportError as exc:  # the local engine never needs it
        raise ClusterError(
            "engine = \"ray\" 需要 Ray：pip install 'topicmine[cluster]' (ray[data] + pyarrow); "
            "or set engine = \"local\""
        ) from exc
    return ray


def _runtime_env() -> dict[str, Any]:
    # workers on other machines import topicmine from the same path (a shared install or image);
    # on one machine the project root on PYTHONPATH is what makes `topicmine` importable in workers
    path = os.environ.get("PYTHONPATH", "")
    root = str(PROJECT_ROOT)
    return {"env_vars": {"PYTHONPATH": root + (os.pathsep + path if path and root not in path.split(os.pathsep) else "")}}


@contextmanager
def ray_session(settings: ClusterSettings, address: str | None = None) -> Iterator[dict[str, Any]]:
    """Use the running Ray session, or start/join one for the duration of the block.

    ``address`` (else ``settings.address``): ``None``/``"local"`` starts Ray inside this process with
    ``num_cpus`` and a small object store; ``"auto"`` joins the cluster ``ray start --head`` made on this
    machine; ``ray://host:10001`` a remote one. A session this function started is shut down at the end,
    so no Ray processes linger on a shared machine; one that was already running is left alone.
    """
    ray = require_ray()
    addr = address if address is not None else settings.address
    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                  "runtime_env": _runtime_env(), "configure_logging": False}
        if addr in (None, "", "local"):
            # "local" explicitly: a bare ray.init() would join any cluster already running on this machine
            kwargs["address"] = "local"
            if settings.num_cpus:
                kwargs["num_cpus"] = settings.num_cpus
            if settings.object_store_mb:
                kwargs["object_store_memory"] = int(settings.object_store_mb) << 20
        else:
            kwargs["address"] = addr
        try:
            ray.init(**kwargs)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise ClusterError(f"cannot start or reach Ray at {addr or 'local'} ({exc}); "
                               f"start it with `ray start --head` or use --address local") from exc
        started = True
    try:
        res = ray.cluster_resources()
        yield {"address": addr or "local", "cpus": float(res.get("CPU", 0)), "gpus": float(res.get("GPU", 0)),
               "nodes": len([n for n in ray.nodes() if n.get("Alive")])}
    finally:
        if started:
            ray.shutdown()


def quiet_data() -> None:
    """No Ray Data progress bars or per-operator INFO lines on the console (stdout stays one JSON line)."""
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
