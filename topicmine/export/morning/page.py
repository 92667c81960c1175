"""The morning report as ONE self-contained HTML page: the style sheet, the summary cards and the sections
in order (no scripts, no external assets — it is mailed and opened offline)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from topicmine.export.morning.base import _e
from topicmine.export.morning.documents import _new_documents_html
from topicmine.export.morning.duplicates import _duplicates_html
from topicmine.export.morning.runs import _history_html, _passages_html
from topicmine.export.morning.topics import _ranked_html, _trends_html, _whats_new_topics_html
from topicmine.export.morning.uptake import _uptake_html


_CSS = """
:root{--ink:#1f2933;--muted:#667085;--line:#e4e7ec;--accent:#1f4e8c;--new:#c0392b;--bg:#f7f8fa}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif;
 margin:0;background:var(--bg);color:var(--ink);line-height:1.6}
main{max-width:1080px;margin:0 auto;padding:24px 28px 48px;background:#fff;min-height:100vh}
header h1{margin:0 0 4px;font-size:1.7em;color:var(--accent)}
header .sub{color:var(--muted);font-size:.92em}
h2{margin:2em 0 .6em;padding-bottom:.3em;border-bottom:2px solid var(--accent);font-size:1.3em}
h3{margin:1.3em 0 .4em;font-size:1.08em}
nav.toc{margin:1em 0;font-size:.92em}nav.toc a{margin-right:1.1em;color:var(--accent);text-decoration:none}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:1em 0}
.card{flex:1 1 150px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:#fff}
.card .n{font-size:1.7em;font-weight:600;color:var(--accent)}.card .l{color:var(--muted);font-size:.85em}
.card.hot .n{color:var(--new)}
table{border-collapse:collapse;width:100%;font-size:.93em}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f7;font-weight:600}
.badge{display:inline-block;padding:0 6px;border-radius:9px;font-size:.78em;color:#fff;background:var(--accent);
 margin-right:4px;white-space:nowrap}
.badge.new,.badge.split{background:var(--new)}.badge.growing{background:#d68910}.badge.touched{background:#16a085}
.badge.lv-重复{background:#b00020}.badge.lv-相近{background:#b35c00}.badge.lv-相关{background:#667085}
.muted,small{color:var(--muted)}
.quote{margin:6px 0;padding:6px 10px;border-left:3px solid var(--line);background:#fafbfc;font-size:.92em}
.quote.isnew{border-left-color:var(--new)}
.topic{border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:10px 0}
.topic .head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.topic .rank{font-weight:700;color:var(--accent);font-size:1.2em}
.topic .label{font-weight:600;font-size:1.05em}
.grid{display:flex;flex-wrap:wrap;gap:10px}
.grid figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:6px;background:#fff}
figcaption{font-size:.8em;color:var(--muted);max-width:220px}
mark{background:#ffe08a}
.passage{border-bottom:1px solid var(--line);padding:8px 0}
.passage:target{background:#fff6d6}
.passage .text{white-space:pre-wrap}
a{color:var(--accent)}
.empty{color:var(--muted);font-style:italic}
@media print{body{background:#fff}main{max-width:none;padding:0}.topic,.card{break-inside:avoid}}
"""


def _cards(report: Mapping[str, Any]) -> str:
    run = report.get("run") or {}
    docs = run.get("documents") or {}
    tch = (report.get("topics") or {}).get("changes") or run.get("topics") or {}
    dup = report.get("duplicates") or {}
    corpus = report.get("corpus") or {}
    cards = [
        ("新增文件", len(report.get("new_documents") or []), True),
        ("修改 / 删除的源文件", f"{docs.get('changed', 0)} / {docs.get('deleted', 0)}", False),
        ("新嵌入段落", run.get("passages_embedded", 0), False),
        ("新议题", tch.get("new", 0) if not report.get("first_run") else "—", True),
        ("新的疑似重复对", len(dup.get("pairs") or []), True),
        ("文库规模（件 / 段）", f"{corpus.get('documents', '—')} / {corpus.get('passages', '—')}", False),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card{" hot" if hot and v not in (0, "—") else ""}"><div class="n">{_e(v)}</div><div class="l">{_e(k)}</div></div>'
        for k, v, hot in cards) + "</div>"


def render_html(report: Mapping[str, Any], *, title: str = "议题晨报") -> str:
    """The morning report as ONE self-contained HTML page (no scripts, no external assets).

    >>> page = render_html({"date": "2026-11-26", "first_run": True})
    >>> page.startswith("<!DOCTYPE html>") and "议题晨报" in page and "<script" not in page
    True
    """
    run = report.get("run") or {}
    since = report.get("since")
    sub = [f"{report.get('date', '')}", f"运行 #{run.get('id')}" if run.get("id") is not None else "",
           f"自 {str(since)[:16].replace('T', ' ')} 以来的变化" if since else "首次运行",
           f"用时 {float(run['seconds']):.1f} 秒" if run.get("seconds") is not None else "",
           f"工作目录 {report.get('workdir')}" if report.get("workdir") else ""]
    sections = [
        ("new-docs", "一、新增文件", _new_documents_html(report)),
        ("new-topics", "二、新出现和快速增长的议题", _whats_new_topics_html(report)),
        ("dups", "三、新的疑似重复与并案线索", _duplicates_html(report)),
        ("ranked", "四、候选调研议题排序", _ranked_html(report)),
        ("trends", "五、议题趋势", _trends_html(report)),
        ("uptake", "六、成果转化：新答复、逾期承诺、新被采纳的建议", _uptake_html(report)),
        ("history", "七、运行记录", _history_html(report)),
        ("passages", "附：来源段落", _passages_html(report)),
    ]
    toc = "".join(f'<a href="#{a}">{_e(h)}</a>' for a, h, _ in sections)
    body = "".join(f'<section id="{a}"><h2>{_e(h)}</h2>{c}</section>' for a, h, c in sections)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)} {_e(report.get('date', ''))}</title><style>{_CSS}</style></head><body><main>"
        f'<header><h1>{_e(title)}</h1><div class="sub">{_e(" · ".join(s for s in sub if s))}</div></header>'
        f'{_cards(report)}<nav class="toc">{toc}</nav>{body}'
        '<footer><p class="muted">由 topicmine 自动生成。议题排序与重复判断仅供研究室参考，请以原文为准。</p></footer>'
        "</main></body></html>"
    )
