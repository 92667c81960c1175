"""Plain text and Markdown: YAML/TOML front matter → metadata, Markdown markup → plain text.

The government-report corpus is Markdown with ``**bold**`` pseudo-headings and YAML
front matter (``source:``, ``title:``); the Party-document corpus adds ``date``,
``categories``, ``tags`` and Hugo shortcodes. What we keep is the text a reader
sees, one paragraph per line, with Markdown ``#`` headings recorded structurally.
"""

from __future__ import annotations

import datetime as _dt
import re
import time
from typing import Any

from .scanners import is_table_separator, strip_delimited, strip_links, strip_paired

__all__ = ["split_front_matter", "markdown_to_text", "clean_meta", "load_yaml_bounded", "FrontMatterRefused"]

# closing fence: "---" (some files use "----") or YAML's "..."
_FM_YAML_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:-{3,}|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FM_TOML_RE = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)


#: front matter beyond this many characters is not parsed (real ones are a few hundred)
MAX_FRONT_MATTER_CHARS = 256 * 1024
#: deepest list/mapping nesting accepted in front matter (real ones nest 1–2 levels)
MAX_FRONT_MATTER_DEPTH = 32


class FrontMatterRefused(ValueError):
    """Front matter that is refused without being built (aliases, too deep, too large)."""


#: front-matter integers beyond this are not kept (2⁵³: what a JSON reader keeps exactly; a year or a budget fits)
_MAX_META_INT = 2**53


def clean_meta(value: Any, _depth: int = 0) -> Any:
    """Make front-matter values JSON-friendly: dates → ISO strings, nested lists/dicts kept, integers beyond
    ±2⁵³ (what JSON readers keep exactly) replaced by a note.

    >>> clean_meta({"date": _dt.date(2023, 1, 15), "tags": ["养老", "托育"]})
    {'date': '2023-01-15', 'tags': ['养老', '托育']}
    >>> clean_meta({"budget": 16 ** 20000})["budget"]
    '（数值过大：80001 位二进制，已忽略）'
    """
    if _depth > MAX_FRONT_MATTER_DEPTH:
        raise FrontMatterRefused(f"嵌套超过 {MAX_FRONT_MATTER_DEPTH} 层")
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()[:10] if not isinstance(value, _dt.datetime) or not value.time() else value.isoformat()
    if isinstance(value, dict):
        return {str(k): clean_meta(v, _depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):  # YAML !!set and !!omap come back as set/list
        return [clean_meta(v, _depth + 1) for v in value]
    if isinstance(value, (bytes, bytearray)):  # YAML !!binary
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _MAX_META_INT:
        # YAML hex/base-60 and TOML hex ints have no digit limit: 0xfff…(20,000 f) is a 80,000-bit int that
        # cannot even be printed in decimal (ValueError in the store's json.dumps); keep a note, not the number
        return f"（数值过大：{value.bit_length()} 位二进制，已忽略）"
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    return str(value)  # anything else is stored as its text, so the metadata stays JSON


def load_yaml_bounded(block: str) -> Any:
    """Parse YAML front matter without alias expansion: work and memory linear in the block.

    A YAML alias (``*name``) re-uses an anchored node; nine aliases of nine aliases of …
    (the "billion laughs") turn 600 bytes into gigabytes once built. Front matter never
    needs them, so the event stream (libyaml, linear) is checked first and a block with
    any alias, or nested deeper than ``MAX_FRONT_MATTER_DEPTH``, is refused before a single
    Python object is built.

    >>> load_yaml_bounded("title: 关于加强社区养老服务的提案\\ntags: [养老, 社区]")
    {'title': '关于加强社区养老服务的提案', 'tags': ['养老', '社区']}
    >>> load_yaml_bounded("a: &x [哈, 哈]\\nb: [*x, *x]")
    Traceback (most recent call last):
    ...
    topicmine.ingest.text.FrontMatterRefused: 含 YAML 别名（*x），为防止膨胀攻击不予展开
    """
    import yaml

    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterRefused(f"长度 {len(block)} 字符，超过上限 {MAX_FRONT_MATTER_CHARS}")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
    depth = 0
    for event in yaml.parse(block, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise FrontMatterRefused(f"含 YAML 别名（*{event.anchor}），为防止膨胀攻击不予展开")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_FRONT_MATTER_DEPTH:
                raise FrontMatterRefused(f"嵌套超过 {MAX_FRONT_MATTER_DEPTH} 层")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    # no alias, bounded depth: the built objects are no larger than the block
    return yaml.load(block, Loader=loader)  # noqa: S506 - safe loader


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """Split ``---`` YAML (or ``+++`` TOML) front matter from the body.

    Returns ``(meta, body, problem)``; ``problem`` is a reason string when a front
    matter block exists but cannot be parsed or is refused (aliases, too deep, too
    large): the block is then dropped and the body kept.

    >>> meta, body, _ = split_front_matter("---\\ntitle: 2023年政府工作报告\\n---\\n各位代表：")
    >>> meta["title"], body
    ('2023年政府工作报告', '各位代表：')
    """
    # Windows line endings (a file saved on an office PC) must not hide the front matter
    t = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    m = _FM_YAML_RE.match(t)
    kind = "yaml"
    if not m:
        m = _FM_TOML_RE.match(t)
        kind = "toml"
    if not m:
        return {}, text, None
    block = m.group(1) or ""
    body = t[m.end():]
    try:
        if kind == "yaml":
            data = load_yaml_bounded(block) if block.strip() else {}
        else:
            import tomllib

            if len(block) > MAX_FRONT_MATTER_CHARS:
                raise FrontMatterRefused(f"长度 {len(block)} 字符，超过上限 {MAX_FRONT_MATTER_CHARS}")
            data = tomllib.loads(block)
        if not isinstance(data, dict):
            return {}, body, "front matter 不是 key: value 形式，已忽略"
        return {str(k): clean_meta(v) for k, v in data.items()}, body, None
    except FrontMatterRefused as exc:
        return {}, body, f"front matter 已拒绝解析（{exc}），元数据已忽略，正文照常读取"
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - yaml/toml raise many types; all mean "unparseable"
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, body, f"front matter 无法解析，已忽略（{type(exc).__name__}: {first}）"


# ---- Markdown → text ------------------------------------------------------------
# the closing "  ##  " is stripped in Python: "(.*?)[ \t]*#*[ \t]*$" was cubic on a line of blanks
_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_SETEXT_RE = re.compile(r"^(=+|-+)[ \t]*$")
_HR_RE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$")
_FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")
_IMAGE_RE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK_RE = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_REFLINK_RE = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_REFDEF_RE = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]+\S+.*$")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")  # no "<" inside: linear on "<http:a<http:a…"
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_SHORTCODE_RE = re.compile(r"\{\{[<%].*?[%>]\}\}", re.DOTALL)
_ATTR_LINE_RE = re.compile(r"^\{[.#:][^}\n]*\}$")
_BOLD_ITALIC_RE = re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*")
_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_UNDER_BOLD_RE = re.compile(r"__(?=\S)(.+?)(?<=\S)__")
# CommonMark allows *emphasis* inside CJK text ("这是*重点*内容"), so only ASCII
# alphanumerics block it (keeps "2*3*4" intact)
_ITALIC_RE = re.compile(r"(?<![*A-Za-z0-9])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*A-Za-z0-9])")
_STRIKE_RE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE_RE = re.compile(r"`([^`\n]+)`")
_BULLET_RE = re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)")
_QUOTE_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_TABLE_SEP_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


_MARKUP_CHARS = frozenset("*_[]<>`\\!~")


def _inline(line: str) -> str:
    if _MARKUP_CHARS.isdisjoint(line):  # most lines of Chinese prose carry no markup
        return line
    # links and paired emphasis go through linear-time scanners (the regexes kept above as
    # the specification were quadratic on repeated openers: "[a[a[a…", "**a **a …")
    line = strip_links(line, "![", 0, "(", ")")
    line = strip_links(line, "[", 1, "(", ")")
    line = strip_links(line, "[", 1, "[", "]")
    line = _AUTOLINK_RE.sub(lambda m: m.group(1), line)
    line = _TAG_RE.sub("", line)
    line = _CODE_RE.sub(lambda m: m.group(1), line)
    for delim in ("***", "**", "__", "~~"):
        if delim in line:
            line = strip_paired(line, delim)
    line = _ITALIC_RE.sub(lambda m: m.group(1), line)
    # an unpaired "**" (bold spanning lines, or a typo) is never content
    line = line.replace("**", "")
    line = _ESCAPE_RE.sub(lambda m: m.group(1), line)
    return line


def markdown_to_text(md: str, deadline: float | None = None) -> tuple[str, list[tuple[str, int]]]:
    """Strip Markdown markup; return ``(text, headings)``.

    Headings (``#`` … ``######`` and setext ``===``/``---`` underlines) stay in the
    text as plain lines and are recorded as ``(text, level)``. Emphasis markers,
    links (``[t](u)`` → ``t``), images, HTML tags, Hugo shortcodes, block quotes,
    bullets and table pipes are removed; numbered items ("1." "（一）") are content
    and kept. Past ``deadline`` (a ``time.monotonic()`` value) it raises ``TimeoutError``.

    >>> markdown_to_text("# 浙江省政府工作报告\\n\\n**一、2022年工作回顾**\\n\\n详见[附件](a.pdf)。")
    ('浙江省政府工作报告\\n\\n一、2022年工作回顾\\n\\n详见附件。', [('浙江省政府工作报告', 1)])
    """
    md = strip_delimited(md, ("<!--",), ("-->",))  # = _COMMENT_RE.sub("", md), in linear time
    md = strip_delimited(md, ("{{<", "{{%"), ("%}}", ">}}"))  # = _SHORTCODE_RE.sub("", md)
    out: list[str] = []
    headings: list[tuple[str, int]] = []
    in_fence = False
    for n, raw in enumerate(md.split("\n")):
        if deadline is not None and n % 1024 == 0 and time.monotonic() > deadline:
            raise TimeoutError(f"Markdown clean-up stopped at line {n + 1}")
        line = raw.rstrip()
        if _FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _REFDEF_RE.match(line) or _ATTR_LINE_RE.match(line.strip()):
            continue
        # setext heading: the underline turns the previous non-empty line into a heading
        if _SETEXT_RE.match(line) and out and out[-1].strip() and not _HR_RE.match(out[-1]):
            level = 1 if line.lstrip().startswith("=") else 2
            if line.lstrip().startswith("-") and len(line.strip()) < 2:
                pass
            else:
                headings.append((out[-1].strip(), level))
                continue
        if _HR_RE.match(line):
            continue
        line = _QUOTE_RE.sub("", line)
        m = _HEADING_RE.match(line)
        if m:
            text = _inline(m.group(2).rstrip(" \t").rstrip("#").rstrip(" \t")).strip()
            if text:
                headings.append((text, len(m.group(1))))
                out.append(text)
            continue
        if "|" in line and is_table_separator(line):
            continue
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            cells = [_inline(c).strip() for c in line.strip().strip("|").split("|")]
            out.append("\t".join(cells))
            continue
        line = _BULLET_RE.sub("", line)
        out.append(_inline(line))
    return "\n".join(out), headings
