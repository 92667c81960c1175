"""Every CLI command documents itself (sqlite-utils style: a command without help text fails)."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
import typer.main

from topicmine.cli import app


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, prefix + (name,))


CLICK_APP = typer.main.get_command(app)


def _is_option(param) -> bool:
    """An option, whichever click it comes from (typer ≥ 0.2x ships its own copy of click, so
    ``isinstance(param, click.Option)`` is False for every typer option and would check nothing)."""
    return getattr(param, "param_type_name", None) == "option"


def test_options_are_found():
    """The policing below really sees the options (a guard against checking nothing)."""
    ingest = dict(ALL)[("ingest",)]
    assert {"--workdir", "--json", "--type"} <= {o for p in ingest.params if _is_option(p) for o in p.opts}
ALL = list(_commands(CLICK_APP))


def test_entry_point_names_exist():
    names = {" ".join(p) for p, _ in ALL}
    for required in ["ingest", "stats", "search", "show", "embed", "topics", "dedup", "check", "split",
                     "check-draft", "refresh", "serve", "demo", "eval", "eval sts", "eval pairs", "eval clusters"]:
        assert required in names, f"missing command {required}"


@pytest.mark.parametrize("path,cmd", ALL, ids=[" ".join(p) for p, _ in ALL])
def test_every_command_and_option_has_help(path, cmd):
    assert (cmd.help or "").strip(), f"`topicmine {' '.join(path)}` has no help text"
    for param in cmd.params:
        if _is_option(param) and param.name != "help":
            assert (param.help or "").strip(), f"option {param.opts} of `topicmine {' '.join(path)}` has no help"


def test_help_runs_fast_without_heavy_imports():
    code = (
        "import sys, topicmine.cli;"
        "heavy=[m for m in ('torch','sentence_transformers','faiss','docx','spacy','sklearn','jieba') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing the CLI pulled in heavy modules: {out.stdout}"


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("path,cmd", ALL, ids=[" ".join(p) for p, _ in ALL])
def test_help_is_in_chinese(path, cmd):
    """The office reads Chinese: every command and option explains itself in Chinese (English terms may follow)."""
    assert _has_chinese(cmd.help or ""), f"`topicmine {' '.join(path)}` help is not in Chinese: {cmd.help!r}"
    for param in cmd.params:
        if _is_option(param) and param.name != "help":
            assert _has_chinese(param.help or ""), f"option {param.opts} of `topicmine {' '.join(path)}`: {param.help!r}"


def _cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("TOPICMINE_")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "topicmine.cli", *args], capture_output=True, text=True, env=env)


def test_workdir_before_the_command_works_like_after(tmp_path):
    """`topicmine --workdir DIR stats` (git style) and `topicmine stats --workdir DIR` name the same store."""
    import json

    before = _cli("--workdir", str(tmp_path / "w"), "stats", "--json")
    assert before.returncode == 0, before.stderr
    assert (tmp_path / "w" / "topicmine.sqlite").is_file(), "the option before the command was ignored"
    after = _cli("stats", "--workdir", str(tmp_path / "w"), "--json")
    assert after.returncode == 0, after.stderr
    assert json.loads(before.stdout.splitlines()[-1])["fingerprint"] == json.loads(after.stdout.splitlines()[-1])["fingerprint"]
    # an option after the command wins over one before it
    both = _cli("--workdir", str(tmp_path / "a"), "stats", "--workdir", str(tmp_path / "b"), "--json")
    assert both.returncode == 0, both.stderr
    assert (tmp_path / "b" / "topicmine.sqlite").is_file() and not (tmp_path / "a" / "topicmine.sqlite").exists()


def test_eval_accepts_json_and_json_keeps_chinese_readable(tmp_path):
    assert "--json" in _cli("eval", "pairs", "--help").stdout
    doc = tmp_path / "src" / "关于加快社区嵌入式托育服务的提案.md"
    doc.parent.mkdir()
    doc.write_text("# 关于加快社区嵌入式托育服务的提案\n\n建议在老旧小区配建普惠托育点，解决双职工家庭带娃难。\n", encoding="utf-8")
    ing = _cli("ingest", str(doc), "--region", "江苏省", "--workdir", str(tmp_path / "w"), "--json")
    assert ing.returncode == 0, ing.stderr
    out = _cli("stats", "--workdir", str(tmp_path / "w"), "--json")
    last = out.stdout.splitlines()[-1]
    assert "江苏省" in last and "\\u" not in last


def test_a_failed_warning_is_not_shown_as_a_failure():
    """check-draft prints ✗ only for the rules that make a draft fail; a warning under 通过 gets "!"."""
    from topicmine.cli import _check_mark

    assert _check_mark({"passed": False, "severity": "error"}).strip() == "✗"
    assert _check_mark({"passed": False, "severity": "warning"}).strip() == "!"
    assert _check_mark({"passed": False, "severity": "info"}).strip() == "·"
    assert _check_mark({"passed": True, "severity": "warning"}).strip() == "✓"


def _bracketed(text: str) -> set[str]:
    """Square-bracketed words a help text means literally ("[cluster]", "[refresh]"), markup escapes undone."""
    import re

    return set(re.findall(r"\[[A-Za-z_][\w.-]*\]", (text or "").replace("\\[", "[")))


def test_bracketed_terms_survive_rich_help():
    """Help text is rich markup: an unescaped "pip install 'topicmine[cluster]'" prints as "pip install 'topicmine'"
    (the extra's name swallowed as a style tag). Every bracketed term written in a help text must reach the page."""
    from typer.testing import CliRunner

    runner = CliRunner()
    checked = 0
    for path, cmd in [((), CLICK_APP), *ALL]:
        texts = [cmd.help or ""] + [getattr(p, "help", None) or "" for p in cmd.params]
        wanted = set().union(*(_bracketed(t) for t in texts))
        if not wanted:
            continue
        page = runner.invoke(app, [*path, "--help"], terminal_width=400, env={"COLUMNS": "400"}).output
        for term in wanted:
            assert term in page, f"`topicmine {' '.join(path)} --help` lost {term!r} (escape it as \\{term})"
        checked += 1
    assert checked >= 2, "the check saw no bracketed term (cluster, refresh write some)"


# Typer's own frame around our help, in English before: the words an office user met.
_FRAME_ENGLISH = ("Usage:", "Show this message and exit", "[default:", "[required]", "╭─ Options", "╭─ Commands",
                  "╭─ Arguments", "╭─ Error", "for help.")


@pytest.mark.parametrize("path", [(), *[p for p, _ in ALL]], ids=lambda p: " ".join(p) or "topicmine")
def test_help_frame_is_in_chinese(path):
    """`--help` of every command: panels, the --help line, defaults and the usage line are Chinese."""
    from typer.testing import CliRunner

    page = CliRunner().invoke(app, [*path, "--help"], terminal_width=200, env={"COLUMNS": "200"}).output
    assert "用法：" in page and "显示本帮助并退出" in page, page[:400]
    for word in _FRAME_ENGLISH:
        assert word not in page, f"`topicmine {' '.join(path)} --help` still shows {word!r}"


@pytest.mark.parametrize("args,wanted", [
    (("split",), "缺少参数 file"),
    (("topics", "--nosuch"), "没有选项 --nosuch"),
    (("topics", "--top", "abc"), "要写整数"),
    (("nosuch",), "没有命令 nosuch"),
    (("topics", "--year", "20x"), "不是年份或年份范围"),
    (("check-draft", "/no/such/草稿.docx"), "文件不存在"),
])
def test_usage_errors_are_in_chinese(args, wanted):
    """A mistyped command line is answered in Chinese on stderr, with a non-zero exit and the usage line."""
    out = _cli(*args)
    assert out.returncode != 0
    assert wanted in out.stderr, out.stderr
    for word in ("Missing argument", "No such option", "No such command", "Invalid value", "Input should", "Try "):
        assert word not in out.stderr, out.stderr


def test_an_unknown_usage_message_is_kept_not_lost():
    from topicmine.cli.zh import translate_usage_error

    assert translate_usage_error("Something typer adds next year.") == "Something typer adds next year."
    assert translate_usage_error("Got unexpected extra argument (b.md)").startswith("多余的参数：b.md")
    assert translate_usage_error("Invalid value for '--detail': 'x' is not one of 'area', 'matter'.") == \
        "'--detail' 的取值不对：“x”不在可选值之中：'area', 'matter'。"
