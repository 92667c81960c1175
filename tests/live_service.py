"""A live uvicorn on 127.0.0.1 over a temp workdir holding the ingested sample corpus.

Shared by tests/test_api_fuzz.py, tests/test_load_short.py and benchmarks/load.py. The sample corpus
is ingested once per process (``topicmine ingest corpus/sample --workdir W``, as a user would) and
copied for each server, so every test module gets its own store to attack.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from service_server import ROOT, SAMPLE, copy_workdir, env_for, ingested_sample, start_server
from service_server import LiveServer as _Running

__all__ = ["ROOT", "SAMPLE", "LiveServer", "copy_workdir", "env_for", "ingested_sample", "topicmine"]


def topicmine(*args: str, workdir: Path, timeout: float = 900, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user would (``python -m topicmine.cli``)."""
    return subprocess.run(
        [sys.executable, "-m", "topicmine.cli", *args, "--workdir", str(workdir)],
        capture_output=True, text=True, cwd=ROOT, env=env_for(workdir, **env), timeout=timeout,
    )


class LiveServer:
    """A context manager over :func:`service_server.start_server` (uvicorn ``--factory``, free port)."""

    def __init__(self, workdir: Path, *, env: dict[str, str] | None = None, log: Path | None = None) -> None:
        self.workdir = workdir
        self.extra_env = env or {}
        self.log_path = log
        self._srv: _Running | None = None

    def start(self, timeout: float = 180) -> LiveServer:
        self._srv = start_server(self.workdir, env=self.extra_env, timeout=timeout, log=self.log_path)
        self.log_path = self._srv.log
        return self

    @property
    def url(self) -> str:
        assert self._srv is not None, "start() the server first"
        return self._srv.url

    @property
    def proc(self) -> subprocess.Popen[bytes]:
        assert self._srv is not None, "start() the server first"
        return self._srv.proc

    def log(self) -> str:
        return self._srv.log_tail(1 << 30) if self._srv is not None else ""

    def rss_bytes(self) -> int:
        import psutil

        return int(psutil.Process(self.proc.pid).memory_info().rss)

    def stop(self) -> None:
        if self._srv is not None:
            self._srv.stop()

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
