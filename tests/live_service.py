"""A live uvicorn on 127.0.0.1 over a temp workdir holding the ingested sample corpus (issue 8).

Shared by tests/test_api_fuzz.py, tests/test_load_short.py and benchmarks/load.py. The sample corpus
is ingested once per process (``topicmine ingest corpus/sample --workdir W``, as a user would) and
copied for each server, so every test module gets its own store to attack.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"

_INGESTED: dict[str, Path] = {}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(workdir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env["TOPICMINE_WORKDIR"] = str(workdir)
    env.update(extra)
    return env


def topicmine(*args: str, workdir: Path, timeout: float = 900, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user would (``python -m topicmine.cli``)."""
    return subprocess.run(
        [sys.executable, "-m", "topicmine.cli", *args, "--workdir", str(workdir)],
        capture_output=True, text=True, cwd=ROOT, env=env_for(workdir, **env), timeout=timeout,
    )


def ingested_sample(embed: bool = False) -> Path:
    """A workdir with corpus/sample ingested (and embedded when ``embed``), made once per process."""
    key = "embedded" if embed else "plain"
    if key not in _INGESTED:
        base = Path(tempfile.mkdtemp(prefix=f"tm-sample-{key}-"))
        atexit.register(shutil.rmtree, base, True)
        w = base / "w"
        p = topicmine("ingest", str(SAMPLE), "--json", workdir=w)
        if p.returncode != 0:
            raise RuntimeError(f"sample ingest failed: {p.stderr[-2000:]}")
        if embed:
            p = topicmine("embed", "--json", workdir=w, timeout=1800)
            if p.returncode != 0:
                raise RuntimeError(f"sample embed failed: {p.stderr[-2000:]}")
        _INGESTED[key] = w
    return _INGESTED[key]


def copy_workdir(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("*.lock"))
    return dest


class LiveServer:
    """``python -m uvicorn --factory service.app:create_app`` on a free loopback port."""

    def __init__(self, workdir: Path, *, env: dict[str, str] | None = None, log: Path | None = None) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_env = env or {}
        self.log_path = log or (workdir.parent / f"uvicorn-{self.port}.log")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 180) -> LiveServer:
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "service.app:create_app",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
            cwd=ROOT, env=env_for(self.workdir, **self.extra_env), stdout=self._log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {self.proc.returncode}: {self.log()[-3000:]}")
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"uvicorn did not answer within {timeout}s: {self.log()[-3000:]}")

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def rss_bytes(self) -> int:
        import psutil

        assert self.proc is not None
        return int(psutil.Process(self.proc.pid).memory_info().rss)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
