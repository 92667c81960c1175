"""The command line in Chinese: the parts Typer writes itself (help panels, the ``--help`` line,
usage errors).

Our own help text is Chinese already; what an operator still met in English was Typer's frame
around it — "Usage:", "Options", "Show this message and exit.", "[default: var/demo]", and the
usage errors ("Missing argument 'file'.", "No such option: --nosuch"). Typer ships its own copy of
click whose messages are plain f-strings (no gettext catalog to install), so:

* the help frame is set through ``typer.rich_utils``'s module-level texts (read at render time) and
  two command classes, :class:`ZhCommand` and :class:`ZhGroup`, that word the ``--help`` option and
  the usage line;
* a usage error is reworded where it is raised (the classes' ``make_context``/``invoke``), by
  :func:`translate_usage_error`; a message it does not know is left as it is — never lost.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any, Iterator

import typer.rich_utils as rich_utils
from typer.core import TyperCommand, TyperGroup

HELP_OPTION_TEXT = "显示本帮助并退出。"
USAGE_PREFIX = "用法："

# (English pattern, Chinese) for the messages Typer's click raises; first match wins. The
# patterns hold the whole message so a half-translated line never appears.
_ERRORS: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.S), zh) for p, zh in [
    (r"Missing argument '(?P<a>[^']+)'\.?(?P<rest>.*)", "缺少参数 {a}。{rest}"),
    (r"Missing option '(?P<a>[^']+)'\.?(?P<rest>.*)", "缺少选项 {a}。{rest}"),
    (r"Missing parameter:? ?(?P<a>.*)", "缺少参数 {a}。"),
    (r"Missing command\.", "缺少命令：请写出要运行的命令（用 --help 查看全部命令）。"),
    (r"No such option: (?P<a>\S+) \(Possible options: (?P<b>.+)\)", "没有选项 {a}（是不是：{b}？）"),
    (r"No such option: (?P<a>\S+)", "没有选项 {a}。"),
    (r"No such option '(?P<a>[^']+)'\.", "没有选项 {a}。"),
    (r"No such command '(?P<a>[^']+)'\.", "没有命令 {a}（用 --help 查看全部命令）。"),
    (r"Got unexpected extra arguments? \((?P<a>.+)\)", "多余的参数：{a}（含空格的路径请加引号）。"),
    (r"Option '(?P<a>[^']+)' requires an argument\.", "选项 {a} 后面要写一个值。"),
    (r"Option '(?P<a>[^']+)' requires (?P<n>\d+) arguments\.", "选项 {a} 后面要写 {n} 个值。"),
    (r"Option '(?P<a>[^']+)' does not take a value\.", "选项 {a} 不带值。"),
    (r"Invalid value for (?P<a>.+?): (?P<b>.+)", "{a} 的取值不对：{b}"),
    (r"Invalid value: (?P<b>.+)", "取值不对：{b}"),
]]
# The inner reasons of "Invalid value for …: <reason>".
_REASONS: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.S), zh) for p, zh in [
    # typer ≥ 0.2x checks values with pydantic, whose messages start "Input should be …"
    (r"Input should be a valid integer.*", "要写整数。"),
    (r"Input should be a valid (?:number|float).*", "要写数字。"),
    (r"Input should be a valid boolean.*", "要写 true 或 false。"),
    (r"Input should be (?:greater than or equal to|>=) (?P<n>\S+)", "要不小于 {n}。"),
    (r"Input should be (?:less than or equal to|<=) (?P<n>\S+)", "要不大于 {n}。"),
    (r"Input should be (?P<c>'.+')", "只能是 {c}。"),
    (r"(?:Value )?'(?P<v>.*)' is not a valid (?:integer|int)\.", "“{v}”不是整数。"),
    (r"(?:Value )?'(?P<v>.*)' is not a valid (?:float|number)\.", "“{v}”不是数字。"),
    (r"(?:Value )?'(?P<v>.*)' is not a valid (?P<t>\w+)\.", "“{v}”不是有效的 {t}。"),
    (r"'(?P<v>.*)' is not one of (?P<c>.+)\.", "“{v}”不在可选值之中：{c}。"),
    (r"'(?P<v>.*)' is not (?P<c>'[^']*')\.", "“{v}”不是 {c}。"),
    (r"(?P<v>\S+) is not in the range (?P<r>.+)\.", "{v} 超出范围 {r}。"),
    (r"(?:Path|File|Directory) '(?P<p>.+)' does not exist\.", "{p} 不存在。"),
    (r"(?:Path|File|Directory) '?(?P<p>.+?)'? is a directory\.", "{p} 是文件夹，这里要一个文件。"),
    (r"(?:Path|File|Directory) '?(?P<p>.+?)'? is a file\.", "{p} 是文件，这里要一个文件夹。"),
]]


def _reason_zh(text: str) -> str:
    for pattern, zh in _REASONS:
        m = pattern.fullmatch(text.strip())
        if m:
            return zh.format(**m.groupdict())
    return text


def translate_usage_error(message: str) -> str:
    """The Chinese wording of one of Typer's usage errors; an unknown message comes back unchanged.

    >>> translate_usage_error("Missing argument 'FILE'.")
    '缺少参数 FILE。'
    >>> translate_usage_error("Invalid value for '--top': 'abc' is not a valid integer.")
    "'--top' 的取值不对：“abc”不是整数。"
    """
    for pattern, zh in _ERRORS:
        m = pattern.fullmatch(message.strip())
        if m:
            parts = {k: (v or "").strip() for k, v in m.groupdict().items()}
            if "b" in parts:
                parts["b"] = _reason_zh(parts["b"])
            return zh.format(**parts).strip()
    return message


@contextlib.contextmanager
def _chinese_usage_errors() -> Iterator[None]:
    from typer._click.exceptions import UsageError

    try:
        yield
    except UsageError as exc:
        zh = translate_usage_error(exc.format_message())
        # The renderer (typer.rich_utils.rich_format_error) asks the exception for its message;
        # answering in Chinese there keeps the usage line, the hint and the exit code as they are.
        exc.format_message = lambda: zh  # type: ignore[method-assign]
        raise


class _Chinese:
    """What both command classes add: the ``--help`` line and the usage prefix in Chinese."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _chinese_usage_errors():
            return super().make_context(*args, **kwargs)  # type: ignore[misc]


class ZhCommand(_Chinese, TyperCommand):
    """A Typer command whose own frame (``--help`` line, usage, errors) is Chinese."""


class ZhGroup(_Chinese, TyperGroup):
    """A Typer command group whose frame is Chinese; unknown commands are reported in Chinese."""

    def invoke(self, ctx: Any) -> Any:
        with _chinese_usage_errors():
            return super().invoke(ctx)


def install_help_texts() -> None:
    """Word the help panels in Chinese (Typer reads these module texts when it renders help)."""
    texts = {
        "OPTIONS_PANEL_TITLE": "选项",
        "ARGUMENTS_PANEL_TITLE": "参数",
        "COMMANDS_PANEL_TITLE": "命令",
        "ERRORS_PANEL_TITLE": "错误",
        "DEFAULT_STRING": "[默认：{}]",
        "ENVVAR_STRING": "[环境变量：{}]",
        "REQUIRED_LONG_STRING": "[必填]",
        "DEPRECATED_STRING": "（已停用）",
        "ABORTED_TEXT": "已中止。",
        "RICH_HELP": "用 [blue]{command_path} {help_option}[/] 查看帮助。",
    }
    for name, text in texts.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
    # The usage line is highlighted by a pattern on its English prefix; teach it ours too.
    highlighter = getattr(rich_utils, "highlighter", None)
    if highlighter is not None and hasattr(highlighter, "highlights"):
        ours = rf"(?P<usage>{USAGE_PREFIX})"
        if ours not in highlighter.highlights:
            highlighter.highlights = [ours, *highlighter.highlights]
