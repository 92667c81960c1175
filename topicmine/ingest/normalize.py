"""Text normalisation applied to every document before it is hashed and segmented.

The document id is the hash of the normalised text, so this function decides what
counts as "the same document": two copies that differ only in full-width digits,
trailing spaces, Windows newlines or the download/print bar of a web page must
normalise to the same string. It must also be idempotent
(``normalize_text(normalize_text(x)) == normalize_text(x)``), otherwise re-ingesting
stored text would change ids.

Only standard-library imports: this runs on every document.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text", "normalize_line", "is_chrome_line"]

# Full-width ASCII (U+FF01..U+FF5E) maps to ASCII by subtracting 0xFEE0. We convert
# letters, digits and a few symbols that have no Chinese-typography meaning, and keep
# the full-width punctuation that *is* Chinese typography (，。；：？！（）etc. are
# either outside this block or deliberately excluded below).
_KEEP_FULLWIDTH = set("，；：？！（）［］｛｝＂＇、")
_FW_TABLE: dict[int, str] = {}
for _cp in range(0xFF01, 0xFF5F):
    _ch = chr(_cp)
    if _ch in _KEEP_FULLWIDTH:
        continue
    _FW_TABLE[_cp] = chr(_cp - 0xFEE0)
# spaces: ideographic space, no-break space and friends → ASCII space
for _sp in ("\u3000", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u205f"):
    _FW_TABLE[ord(_sp)] = " "
# zero-width characters and BOMs carry no text; they break hashing and search
for _zw in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u00ad"):
    _FW_TABLE[ord(_zw)] = None  # type: ignore[assignment]
# bidi embedding/override/isolate controls (U+202A–202E, U+2066–2069, ARABIC LETTER MARK) reorder what a
# reader sees ("‮txt.exe" shows as "exe.txt"); Chinese documents never need them, so they are dropped before a
# title or name can reach a report
for _cp in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C):
    _FW_TABLE[_cp] = None  # type: ignore[assignment]
# Unicode line/paragraph separators become plain newlines
_FW_TABLE[0x2028] = "\n"
_FW_TABLE[0x2029] = "\n"
_FW_TABLE[0x0085] = "\n"
_FW_TABLE[0x000B] = "\n"  # vertical tab (Word's manual line break in .txt exports)
_FW_TABLE[0x000C] = "\n"  # form feed (page breaks in PDF text)

# translate() with a dict walks every character in Python; a regex over just the
# characters we change is ~10x faster on Chinese text, where they are rare
_FW_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FW_TABLE)) + "]")


def _fw_sub(m: re.Match[str]) -> str:
    return _FW_TABLE[ord(m.group())] or ""


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SPACES_RE = re.compile(r" {2,}")
_BLANKS_RE = re.compile(r"\n{3,}")

# ---- web-page chrome ---------------------------------------------------------
# Tokens that make up the toolbars of Chinese government web pages (see the 2026
# provincial reports: "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】").
# A line is chrome only if it consists *entirely* of such tokens and separators and
# is short, so a sentence that merely contains "打印" is never touched.
_CHROME_TOKENS = sorted(
    {
        "下载", "打印", "全屏", "收藏", "字号", "字体", "加大", "还原", "减小", "放大", "缩小",
        "默认", "大", "中", "小", "分享", "分享到", "分享到微信", "分享到微博", "微信", "微博",
        "QQ空间", "关闭", "关闭窗口", "关闭本页", "打印本页", "打印本文", "打印页面", "返回顶部",
        "返回", "顶部", "首页", "扫一扫", "扫一扫在手机打开当前页", "在手机打开当前页",
        "相关报道", "相关附件", "相关链接", "相关文档", "相关阅读", "相关新闻", "附件下载",
        "点击图片进入专题", "上一篇", "下一篇", "打开", "视力保护色", "您的位置", "当前位置",
        "我要纠错", "纠错", "评论", "点赞", "收起", "展开", "全文", "登录", "注册", "搜索",
        "无障碍", "长者模式", "繁体", "简体", "English", "x", "X", "×", "|",
    },
    key=len,
    reverse=True,
)
_SEP = r"[\s【】\[\]［］()（）<>〈〉《》»«›‹|｜/:：,，;；·•>\-—_]*"
_CHROME_LINE_RE = re.compile(
    r"^" + _SEP + r"(?:(?:" + "|".join(re.escape(t) for t in _CHROME_TOKENS) + r")" + _SEP + r")+$"
)
# "key：value" metadata lines of article pages (来源：浙江日报, 时间：2026-01-22,
# 发布时间：2026-02-09 09:45:30, 阅读量：123, 责任编辑：李莎莎). The value must be
# short and free of sentence punctuation so that "来源：……" inside a paragraph survives.
_META_KEYS = (
    "来源", "信息来源", "文章来源", "稿件来源", "时间", "发布时间", "发表时间", "发布日期", "更新时间",
    "浏览次数", "阅读量", "阅读次数", "点击数", "访问量", "责任编辑", "编辑", "字号", "字体",
)
_META_LINE_RE = re.compile(
    r"^[【（(]?(" + "|".join(_META_KEYS) + r")\s*[:：]\s*([^。！？；，,()（）]{0,24})[】）)]?$"
)
# breadcrumbs: "首页 > 政务公开 > 政府工作报告"
_BREADCRUMB_RE = re.compile(r"^(?:首页|您的位置|当前位置|您现在的位置)\s*[:：]?.{0,60}$")
_DATE_VALUE_RE = re.compile(r"^[\d\s:\-/.年月日时分秒]*$")
# a bare timestamp line ("2026-02-03 09:02:33", "2026年02月10日 07时41分"): a page's
# publication stamp, not content. A plain date line ("2019年1月15日") is kept: it ends
# formal documents.
_TIMESTAMP_RE = re.compile(
    r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}[:时]\d{1,2}(?:[:分]\d{1,2}秒?|分)?$"
)
# CMS junk such as "abcd39f1fb7f426d9dfb6bd0fa1f2146:" (an attachment id)
_HEX_ID_RE = re.compile(r"^[0-9a-f]{24,40}[:：]?$")
# labels whose value a CMS puts on the *next* line ("来源:\n四川日报", "责任编辑：\n李莎莎")
_LABEL_ONLY_RE = re.compile(r"^(?:来源|信息来源|责任编辑|编辑|发表时间|发布时间|时间)\s*[:：]$")
_SHORT_VALUE_RE = re.compile(r"^[^。！？；，,：:]{1,16}$")
# a line of nothing but brackets/separators ("】", "【", ">", "|") is the remains of a toolbar
_PUNCT_ONLY_RE = re.compile(r"^[【】\[\]［］|｜<>«»‹›＞/\\\-—_·•×]+$")
_BREADCRUMB_SEP_RE = re.compile(r"^[>»›＞/]$")


def is_chrome_line(line: str) -> bool:
    """True for a line that is web-page chrome (toolbar, share bar, page metadata).

    >>> is_chrome_line("【字号：大 中 小】")
    True
    >>> is_chrome_line("来源：浙江日报")
    True
    >>> is_chrome_line("下载打印是基层反映较多的问题。")
    False
    """
    s = line.strip()
    if not s or len(s) > 40:
        return False
    if _CHROME_LINE_RE.match(s) or _PUNCT_ONLY_RE.match(s):
        return True
    m = _META_LINE_RE.match(s)
    if m:
        key, value = m.group(1), m.group(2).strip()
        # 时间/日期 keys only when the value is a date; 来源/编辑 with any short value
        if "时间" in key or "日期" in key:
            return bool(_DATE_VALUE_RE.match(value))
        return True
    if _BREADCRUMB_RE.match(s) and re.search(r"[>»＞›]", s):
        return True
    if _TIMESTAMP_RE.match(s) or _HEX_ID_RE.match(s):
        return True
    return False


def normalize_line(line: str) -> str:
    """Normalise one line (a title, a table cell): same rules, no line structure.

    >>> normalize_line("  关于加强ＡＩ治理的提案　")
    '关于加强AI治理的提案'
    """
    return " ".join(normalize_text(line).split())


def _drop_chrome(lines: list[str]) -> list[str]:
    n = len(lines)
    # breadcrumbs split over lines ("首页\n>\n云南要闻\n>"): the short items next to a
    # lone ">" go with it
    crumb = [False] * n
    for i, line in enumerate(lines):
        if _BREADCRUMB_SEP_RE.match(line):
            for j in (i - 1, i + 1):
                if 0 <= j < n and _SHORT_VALUE_RE.match(lines[j]) and len(lines[j]) <= 10:
                    crumb[j] = True
    out: list[str] = []
    i = 0
    while i < n:
        line = lines[i]
        if crumb[i]:
            i += 1
            continue
        if _LABEL_ONLY_RE.match(line):
            # "来源:" alone: drop it, and its value on the next line when that looks
            # like a bare value (a short name with no sentence punctuation).
            nxt = lines[i + 1] if i + 1 < n else ""
            if nxt and _SHORT_VALUE_RE.match(nxt) and not is_chrome_line(nxt) and not _LABEL_ONLY_RE.match(nxt):
                i += 2
            else:
                i += 1
            continue
        if is_chrome_line(line):
            i += 1
            continue
        out.append(line)
        i += 1
    return out


def normalize_text(text: str) -> str:
    """Normalise a document's text; the result is what gets hashed, segmented and stored.

    - Unicode NFC; full-width ASCII letters, digits and symbols → half-width, while
      Chinese punctuation (，。；：？！（）、“”《》) is kept as written;
    - control characters removed (except newline and tab), zero-width characters dropped,
      ``\\r\\n``/``\\r`` → ``\\n``, ideographic/no-break spaces → space;
    - per line: leading/trailing whitespace stripped, runs of spaces collapsed;
    - web-page chrome lines (下载 / 打印 / 【字号：大 中 小】 / 来源：XX日报 …) dropped;
    - at most one blank line in a row; no leading/trailing blank lines.

    Idempotent: ``normalize_text(normalize_text(x)) == normalize_text(x)``.

    >>> normalize_text("下载\\r\\n打印\\r\\n【字号：\\r\\n加大\\r\\n】\\r\\n２０２６年ＧＤＰ增长５％左右。　\\r\\n\\r\\n\\r\\n\\r\\n谢谢！")
    '2026年GDP增长5%左右。\\n\\n谢谢！'
    """
    if not text:
        return ""
    t = unicodedata.normalize("NFC", text)
    t = t.replace("\r\n", "\n").replace("\r", "\n")
    t = _FW_RE.sub(_fw_sub, t)
    t = _CONTROL_RE.sub("", t)
    lines = [_SPACES_RE.sub(" ", ln.strip()) for ln in t.split("\n")]
    # Chrome removal can expose a new "label + value" pair or new chrome adjacency;
    # iterate to a fixed point so that normalising twice changes nothing.
    for _ in range(8):
        kept = _drop_chrome(lines)
        if len(kept) == len(lines):
            break
        lines = kept
    t = "\n".join(lines)
    t = _BLANKS_RE.sub("\n\n", t)
    return t.strip("\n")
