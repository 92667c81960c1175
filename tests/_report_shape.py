"""A Word-shape 调研报告 assembled from filed jszx proposals (the readers' shape, docs/figures/drafts6-blind.md):
title, author line, intro, 一、基本情况 with a lead line and one （k） item per matter, 二、存在的主要问题 one （k）
per matter, 三、对策建议 one （k） per matter with its numbered measures; one newline per paragraph."""

from __future__ import annotations

import re

CN = "一二三四五六七八九十"
_MARK = r"(?:[一二三四五六七八九]是|[1-9][、.．](?!\d)|（[一二三四五六七八九]）|[一二三四五六七八九]、)"


def proposal_parts(content: str) -> dict[str, str]:
    """调研情况 / 问题分析 / 具体建议 of a filed proposal's content."""
    c = re.sub(r"\s+", "", content)
    p = re.split(r"(调研情况|问题分析|具体建议)[：:]", c)
    return {p[k]: p[k + 1] for k in range(1, len(p) - 1, 2)}


def _renum(t: str) -> str:
    t = re.sub(r"(^|[。：；])([一二三四五六七八九])、", lambda m: m.group(1) + str(CN.index(m.group(2)) + 1) + "．", t)
    t = re.sub(r"(^|[。：；])([1-9])[、.](?!\d)", lambda m: m.group(1) + m.group(2) + "．", t)
    return t


def paras(t: str) -> list[str]:
    t = re.sub(r"([。：；])(?=" + _MARK + ")", r"\1\n", _renum(t))
    return [x for x in t.split("\n") if x]


def build_report(title: str, matters: list[dict[str, str]]) -> str:
    """matters: dicts with h1/sit (基本情况 item), h2/prob (存在问题 item), h3/sugg (对策建议 item)."""
    lines = [title, "省政协教育文化委员会调研组",
             "今年以来，委员会组织部分委员和专家开展专题调研，走访多地学校，召开座谈会听取意见。现将调研情况报告如下：",
             "一、基本情况", "近年来，全省教育事业取得新进展。"]
    for k, m in enumerate(matters):
        lines += [f"（{CN[k]}）{m['h1']}", *paras(m["sit"])]
    lines.append("二、存在的主要问题")
    for k, m in enumerate(matters):
        lines += [f"（{CN[k]}）{m['h2']}", *paras(m["prob"])]
    lines.append("三、对策建议")
    for k, m in enumerate(matters):
        lines += [f"（{CN[k]}）{m['h3']}", *paras(m["sugg"])]
    return "\n".join(lines) + "\n"
