"""Drafts and split summaries as Markdown and JSON.

    >>> d = {"genre": "proposal", "genre_zh": "提案", "title": "关于完善公厕指引系统的提案",
    ...      "sections": [{"heading": "具体建议", "paragraphs": [{"text": "在主要路口设置指引牌。", "start": 40,
    ...      "end": 51, "kind": "body"}]}]}
    >>> print(export_markdown(d))
    # 关于完善公厕指引系统的提案
    <BLANKLINE>
    > 文种：提案
    <BLANKLINE>
    ## 一、具体建议
    <BLANKLINE>
    在主要路口设置指引牌。
    <BLANKLINE>
"""

from __future__ import annotations

import json
import re
from typing import Any

_CN = "一二三四五六七八九十"


def _d(draft: Any) -> dict[str, Any]:
    return draft if isinstance(draft, dict) else draft.to_dict()


def export_markdown(draft: Any, *, with_sources: bool = False, with_checks: bool = False) -> str:
    """Markdown of a draft: ``#`` title, ``##`` numbered section headings, quoted paragraphs.

    ``with_sources`` appends each paragraph's source offsets as an HTML comment (invisible when
    rendered); ``with_checks`` appends the check results as a list.
    """
    d = _d(draft)
    lines = [f"# {d['title']}", "", f"> 文种：{d.get('genre_zh') or d['genre']}", ""]
    for ln in d.get("front") or []:  # the genre's form: 提案人/界别/联系方式, 主送, 反映人及单位
        lines += [ln, ""]
    for i, s in enumerate(d["sections"]):
        lines += [f"## {_CN[i] if i < len(_CN) else i + 1}、{s['heading']}", ""]
        for p in s["paragraphs"]:
            text = p["text"]
            if p.get("kind") == "heading2":
                text = f"### {text}"
            if with_sources and p.get("start") is not None:
                text += f" <!-- 原文 {p['start']}–{p['end']} -->"
            lines += [text, ""]
    for ln in d.get("back") or []:  # 建议承办单位, 落款, 日期
        lines += [ln, ""]
    if with_checks and d.get("checks"):
        lines += ["---", "", "**审核提示**", ""]
        for c in d["checks"]:
            mark = "✅" if c["passed"] else ("❌" if c.get("severity", "error") == "error" else "⚠️")
            lines.append(f"- {mark} {c['message']}")
        lines.append("")
    return "\n".join(lines)


def export_json(obj: Any, *, indent: int | None = 2) -> str:
    """JSON of a draft / split result / check report (anything with ``to_dict()``), UTF-8 text."""
    data = obj.to_dict() if hasattr(obj, "to_dict") else obj
    return json.dumps(data, ensure_ascii=False, indent=indent)


def summary_markdown(result: Any) -> str:
    """Markdown summary of a split: one row per draft (genre, title, 字数, checks) and the units."""
    r = _d(result)
    lines = ["# 调研报告拆分结果", ""]
    drafts = r.get("drafts", [])
    lines += [f"共识别建议 {len(r.get('units', []))} 条，归并为 {len(r.get('groups', []))} 个事项，生成稿件 {len(drafts)} 件。", ""]
    lines += ["| # | 文种 | 标题 | 字数 | 审核 | 未通过 |", "|---|---|---|---|---|---|"]
    for i, d in enumerate(drafts, 1):
        failed = [c["name"] for c in d.get("checks", []) if not c["passed"]]
        ok = "通过" if d.get("passed") else "需修改"
        lines.append(f"| {i} | {d.get('genre_zh', d['genre'])} | {_cell(d['title'])} | {d.get('chars', '')} | {ok} | "
                     f"{'、'.join(failed) or '—'} |")
    overlaps = r.get("overlaps") or []
    if overlaps:
        # two drafts of the report on nearly one matter: the drafter decides whether to merge them or divide the work
        lines += ["", "## 事项相近的稿件", ""]
        lines += [f"- {_cell(o['message'])}：《{_cell(o['titles'][0])}》《{_cell(o['titles'][1])}》" for o in overlaps]
    lines += ["", "## 建议单元", "", "| 单元 | 事项 | 建议文种 | 原文位置 | 内容 |", "|---|---|---|---|---|"]
    genre_of = {g["id"]: g.get("genre_zh", g.get("genre", "")) for g in r.get("groups", [])}
    for u in r.get("units", []):
        lines.append(f"| {u['id']} | {u.get('group', '')} | {genre_of.get(u.get('group'), '')} | {u['start']}–{u['end']} | "
                     f"{_cell(u['text'][:60])}{'…' if len(u['text']) > 60 else ''} |")
    unplaced = r.get("unplaced") or []
    if unplaced:
        # the report's own situation/problem text that no draft quotes: say so, rather than leave it unused
        lines += ["", "## 未写入任何稿件的情况/问题条目", "",
                  "以下条目报告中有原文，但没有写入任何稿件，请人工归入相应稿件：", ""]
        lines += [f"- {'基本情况' if x['kind'] == 'situation' else '存在问题'}：{_cell(x['heading'])}" for x in unplaced]
    return "\n".join(lines) + "\n"


def _cell(s: str) -> str:
    return re.sub(r"\s+", " ", s).replace("|", "｜")
