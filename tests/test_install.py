"""A plain (non-editable) ``pip install .`` works away from the source tree.

The wheel is built from a copy of the package (no network: ``--no-build-isolation --no-index``, the shared venv's
setuptools), installed into a scratch venv that sees the shared venv's site-packages for the dependencies only,
and run from an empty folder with no ``PYTHONPATH``: the console script, the service with its page and static
files (package data), and the home-folder rule for relative paths (``TOPICMINE_HOME``, else the current
directory — never site-packages).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    res = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, f"{' '.join(map(str, cmd))} failed ({res.returncode}):\n{res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("install")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "TOPICMINE_HOME", "TOPICMINE_CONFIG"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    # build from a copy, so the source tree gets no build/ or egg-info, and nothing outside the package leaks in
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "topicmine", src / "topicmine", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "-w", str(tmp / "wheels"), str(src)], tmp, env)
    wheels = list((tmp / "wheels").glob("topicmine-*.whl"))
    assert len(wheels) == 1, wheels
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp, env)
    py = venv / "bin" / "python"
    # the dependencies come from the shared venv (a .pth line appends its site-packages after the scratch
    # venv's own, and .pth files inside it — the editable install's finder — are not processed)
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp, env).stdout.strip())
    (site / "_shared_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", str(wheels[0])], tmp, env)
    run_dir = tmp / "run"
    run_dir.mkdir()
    return {"venv": venv, "py": py, "site": site, "run": run_dir, "tmp": tmp, "env": env}  # type: ignore[dict-item]


def test_console_script_runs_from_the_installed_package(installed: dict) -> None:
    res = _run([str(installed["venv"] / "bin" / "topicmine"), "--help"], installed["run"], installed["env"])
    assert "用法：" in res.stdout and "serve" in res.stdout


def test_service_and_its_files_come_from_site_packages(installed: dict) -> None:
    code = (
        "import json, topicmine, topicmine.service.app as app\n"
        "from fastapi.testclient import TestClient\n"
        "from topicmine.config import load_settings\n"
        "c = TestClient(app.create_app(load_settings(workdir='wd')), base_url='http://127.0.0.1')\n"
        "page, js = c.get('/'), c.get('/static/app.js')\n"
        "print(json.dumps({'file': topicmine.__file__, 'app': app.__file__, 'page': page.status_code,\n"
        "                  'has_form': '<textarea' in page.text, 'js': js.status_code, 'js_len': len(js.text)}))\n"
    )
    out = json.loads(_run([str(installed["py"]), "-c", code], installed["run"], installed["env"]).stdout.splitlines()[-1])
    site = str(installed["site"])
    assert out["file"].startswith(site) and out["app"].startswith(site), out
    assert not out["file"].startswith(str(ROOT)), out
    assert out["page"] == 200 and out["has_form"], out
    assert out["js"] == 200 and out["js_len"] > 1000, out


def test_relative_paths_resolve_against_home_not_site_packages(installed: dict) -> None:
    code = ("from topicmine.config import load_settings\n"
            "s = load_settings()\n"
            "print(s.home_dir.resolve()); print(s.resolve(s.embed.model))\n")
    env = dict(installed["env"])
    out = _run([str(installed["py"]), "-c", code], installed["run"], env).stdout.splitlines()
    assert out[0] == str(installed["run"].resolve())  # no checkout around: the current directory
    home = installed["tmp"] / "政协研究室"
    home.mkdir(exist_ok=True)
    env["TOPICMINE_HOME"] = str(home)
    out = _run([str(installed["py"]), "-c", code], installed["run"], env).stdout.splitlines()
    assert out[0] == str(home.resolve())
    assert out[1] == str(home / "models" / "multilingual-e5-small")


def test_ingest_runs_from_the_installed_package(installed: dict) -> None:
    docs = installed["tmp"] / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "关于加快发展社区嵌入式托育服务的提案.txt").write_text(
        "关于加快发展社区嵌入式托育服务的提案\n\n建议各区在新建小区配建托育服务设施，鼓励社区嵌入式托育机构发展。\n",
        encoding="utf-8")
    res = _run([str(installed["venv"] / "bin" / "topicmine"), "ingest", str(docs), "--type", "proposal",
                "--workdir", "wd", "--json"], installed["run"], installed["env"])
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert summary["documents_added"] == 1 and summary["failed"] == 0, summary
    assert (installed["run"] / "wd" / "topicmine.sqlite").is_file()
