"""A real uvicorn on 127.0.0.1 for the service and web-page tests (and the service benchmark).

Each server runs in its own process on a free port over a temp workdir where the sample corpus was
ingested with `topicmine ingest` (and embedded with `topicmine embed` when the model is built).
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"
MODEL_DIR = ROOT / "models" / "multilingual-e5-small"
TOPICMINE = [sys.executable, "-m", "topicmine.cli"]


def model_built() -> bool:
    return (MODEL_DIR / "topicmine_manifest.json").is_file()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(workdir: Path, extra: dict[str, str] | None = None, **more: str) -> dict[str, str]:
    """The environment of a child process over ``workdir``: the caller's TOPICMINE_* settings are
    dropped (a developer's shell must not change what a test sees), the checkout is importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOPICMINE_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.update({"TOPICMINE_WORKDIR": str(workdir), "PYTHONUNBUFFERED": "1"})
    env.update(extra or {})
    env.update(more)
    return env


_INGESTED: dict[str, tuple[Path, dict[str, str]]] = {}


def _ingest_once(embed: bool) -> tuple[Path, dict[str, str]]:
    """corpus/sample ingested (and embedded when ``embed``) once per test process, as a user would:
    ``topicmine ingest corpus/sample`` then ``topicmine embed``. Every caller gets a copy, so no two
    test modules share a store; only the slow part (the model over 53 documents) is shared."""
    key = "embedded" if embed else "plain"
    if key not in _INGESTED:
        base = Path(tempfile.mkdtemp(prefix=f"tm-sample-{key}-"))
        atexit.register(shutil.rmtree, base, True)
        workdir = base / "w"
        workdir.mkdir(parents=True)
        errors: dict[str, str] = {}
        steps = [("ingest", [*TOPICMINE, "ingest", str(SAMPLE), "--workdir", str(workdir), "--json", "--quiet"])]
        if embed:
            steps.append(("embed", [*TOPICMINE, "embed", "--workdir", str(workdir), "--json", "--quiet"]))
        for name, cmd in steps:
            p = subprocess.run(cmd, cwd=ROOT, env=env_for(workdir), capture_output=True, text=True, timeout=1800)
            if p.returncode != 0:
                if name == "ingest":
                    raise RuntimeError(f"`topicmine ingest` failed: {p.stderr[-2000:]}")
                lines = (p.stderr or p.stdout or "no output").strip().splitlines() or ["no output"]
                errors[name] = lines[-1]
                errors[f"{name}_stderr"] = p.stderr[-2000:]
        _INGESTED[key] = (workdir, errors)
    return _INGESTED[key]


def copy_workdir(src: Path, dest: Path) -> Path:
    """A copy of a prepared workdir (its lock files left behind) at ``dest``, which may exist empty."""
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("*.lock"), dirs_exist_ok=True)
    return dest


def ingested_sample(embed: bool = False) -> Path:
    """A workdir with corpus/sample ingested (and embedded when ``embed``), made once per process.

    Raises RuntimeError when a step failed (callers copy it with :func:`copy_workdir`)."""
    workdir, errors = _ingest_once(embed)
    if errors:
        raise RuntimeError(f"sample {', '.join(k for k in errors if not k.endswith('_stderr'))} failed: "
                           f"{next((v for k, v in errors.items() if k.endswith('_stderr')), '')}")
    return workdir


def prepare_workdir(workdir: Path, *, embed: bool) -> dict[str, str]:
    """Fill ``workdir`` with a copy of corpus/sample ingested (and embedded when asked).

    Returns {step: last error line} for a step that failed (an ingest failure raises)."""
    src, errors = _ingest_once(embed)
    copy_workdir(src, workdir)
    return {k: v for k, v in errors.items() if not k.endswith("_stderr")}


@dataclass
class LiveServer:
    url: str
    proc: subprocess.Popen
    workdir: Path
    log: Path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)

    def log_tail(self, n: int = 4000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-n:]
        except OSError:
            return ""


def start_server(workdir: Path, *, env: dict[str, str] | None = None, via_cli: bool = False,
                 timeout: float = 120.0, log: Path | None = None) -> LiveServer:
    """Start uvicorn (``topicmine serve`` when ``via_cli``, else ``uvicorn --factory``) and wait for /health."""
    import httpx

    port = free_port()
    if via_cli:
        cmd = [*TOPICMINE, "serve", "--host", "127.0.0.1", "--port", str(port), "--workdir", str(workdir)]
    else:
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "topicmine.service.app:create_app", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning", "--no-access-log", "--timeout-keep-alive", "30"]
    log = log or workdir / f"server-{port}.log"
    fh = open(log, "wb")  # noqa: SIM115 - the child process owns it
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env_for(workdir, env), stdout=fh, stderr=subprocess.STDOUT)
    srv = LiveServer(f"http://127.0.0.1:{port}", proc, workdir, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{srv.log_tail()}")
        try:
            if httpx.get(srv.url + "/health", timeout=2).status_code == 200:
                return srv
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    srv.stop()
    raise RuntimeError(f"server did not answer /health within {timeout}s:\n{srv.log_tail()}")


def rss_kb(pid: int) -> int:
    """Resident memory of a process (Linux /proc), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def sample_report() -> tuple[str, str]:
    """(title, text) of a real 调研报告 from the sample corpus, front matter removed."""
    path = SAMPLE / "调研报告" / "2024" / "关于新就业形态劳动者权益保障情况的调研报告.md"
    raw = path.read_text(encoding="utf-8")
    if raw.startswith("---"):
        raw = raw.split("---", 2)[2]
    lines = [ln[2:] if ln.startswith("# ") else ln for ln in raw.strip().splitlines()]
    return lines[0].strip(), "\n".join(lines).strip()
