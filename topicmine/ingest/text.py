"""Plain text and Markdown: YAML/TOML front matter → metadata, Markdown markup → plain text.

The government-report corpus is Markdown with ``**bold**`` pseudo-headings and YAML
front matter (``source:``, ``title:``); the Party-document corpus adds ``date``,
``categories``, ``tags`` and Hugo shortcodes. What we keep is the text a reader
sees, one paragraph per line, with Markdown ``#`` headings recorded structurally.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

__all__ = ["split_front_matter", "markdown_to_text", "clean_meta"]

# closing fence: "---" (some files use "----") or YAML's "..."
_FM_YAML_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:-{3,}|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FM_TOML_RE = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)


def clean_meta(value: Any) -> Any:
    """Make front-matter values JSON-friendly: dates → ISO strings, nested lists/dicts kept."""
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()[:10] if not isinstance(value, _dt.datetime) or not value.time() else value.isoformat()
    if isinstance(value, dict):
        return {str(k): clean_meta(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_meta(v) for v in value]
    return value


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """Split ``---`` YAML (or ``+++`` TOML) front matter from the body.

    Returns ``(meta, body, problem)``; ``problem`` is a reason string when a front
    matter block exists but cannot be parsed (the block is then dropped, the body kept).

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
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
            data = yaml.load(block, Loader=loader) if block.strip() else {}  # noqa: S506 - safe loader
        else:
            import tomllib

            data = tomllib.loads(block)
    except Exception as exc:  # noqa: BLE001 - yaml raises many types; all mean "unparseable"
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, body, f"front matter 无法解析，已忽略（{first}）"
    if not isinstance(data, dict):
        return {}, body, "front matter 不是 key: value 形式，已忽略"
    return {str(k): clean_meta(v) for k, v in data.items()}, body, None


# ---- Markdown → text ------------------------------------------------------------
_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_SETEXT_RE = re.compile(r"^(=+|-+)[ \t]*$")
_HR_RE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$")
_FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")
_IMAGE_RE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK_RE = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_REFLINK_RE = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_REFDEF_RE = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]+\S+.*$")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
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
    line = _IMAGE_RE.sub(lambda m: m.group(1), line)
    line = _LINK_RE.sub(lambda m: m.group(1), line)
    line = _REFLINK_RE.sub(lambda m: m.group(1), line)
    line = _AUTOLINK_RE.sub(lambda m: m.group(1), line)
    line = _TAG_RE.sub("", line)
    line = _CODE_RE.sub(lambda m: m.group(1), line)
    for rx in (_BOLD_ITALIC_RE, _BOLD_RE, _UNDER_BOLD_RE, _STRIKE_RE, _ITALIC_RE):
        line = rx.sub(lambda m: m.group(1), line)
    # an unpaired "**" (bold spanning lines, or a typo) is never content
    line = line.replace("**", "")
    line = _ESCAPE_RE.sub(lambda m: m.group(1), line)
    return line


def markdown_to_text(md: str) -> tuple[str, list[tuple[str, int]]]:
    """Strip Markdown markup; return ``(text, headings)``.

    Headings (``#`` … ``######`` and setext ``===``/``---`` underlines) stay in the
    text as plain lines and are recorded as ``(text, level)``. Emphasis markers,
    links (``[t](u)`` → ``t``), images, HTML tags, Hugo shortcodes, block quotes,
    bullets and table pipes are removed; numbered items ("1." "（一）") are content
    and kept.

    >>> markdown_to_text("# 浙江省政府工作报告\\n\\n**一、2022年工作回顾**\\n\\n详见[附件](a.pdf)。")
    ('浙江省政府工作报告\\n\\n一、2022年工作回顾\\n\\n详见附件。', [('浙江省政府工作报告', 1)])
    """
    md = _COMMENT_RE.sub("", md)
    md = _SHORTCODE_RE.sub("", md)
    out: list[str] = []
    headings: list[tuple[str, int]] = []
    in_fence = False
    for raw in md.split("\n"):
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
            text = _inline(m.group(2)).strip()
            if text:
                headings.append((text, len(m.group(1))))
                out.append(text)
            continue
        if _TABLE_SEP_RE.match(line) and "|" in line:
            continue
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            cells = [_inline(c).strip() for c in line.strip().strip("|").split("|")]
            out.append("\t".join(cells))
            continue
        line = _BULLET_RE.sub("", line)
        out.append(_inline(line))
    return "\n".join(out), headings
