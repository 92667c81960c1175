"""The dedup report: pairs + groups as JSON-ready dicts, and writers for JSON, CSV and HTML.

The HTML page is self-contained (inline CSS, no scripts, no external assets) so it can be mailed or
opened offline; every piece of document text goes through ``html.escape`` — documents are data, never
markup.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.dedup.matching import find_pairs
from topicmine.dedup.explain import explain_pair
from topicmine.dedup.groups import group_duplicates
from topicmine.dedup.matter import merge_breakdown
from topicmine.dedup.scorer import PairScorer, load_lexical_scorer, load_scorer
from topicmine.csvsafe import safe_writer


def dedup_report(texts: Sequence[str], vectors: np.ndarray | None, ids: Sequence[str],
                 meta: Mapping[str, Mapping[str, Any]] | None = None, *, groups: Sequence | None = None,
                 scorer: PairScorer | None = None, k: int = 20, ngram: int = 3, num_perm: int = 128,
                 lsh_threshold: float = 0.5, min_level: str = "相关", group_level: str = "相近",
                 search: Callable | None = None, show_progress: bool | None = None,
                 titles: Sequence[str | None] | None = None,
                 embed_asks: Callable[[list[str]], np.ndarray] | None = None,
                 background_vectors: np.ndarray | None = None) -> dict[str, Any]:
    """Find, score, explain and group duplicates; returns ``{"summary", "pairs", "groups"}``.

    Whole documents are judged by the matter decision (see :func:`find_pairs`; ``titles`` and
    ``embed_asks`` feed it); their pairs carry ``reason`` (naming the shared asks) and ``shared_asks``;
    ``background_vectors`` (a reference corpus of the same genre) is the background of their
    corpus-relative document cosine instead of the corpus itself.

    ``meta``: id → {"title", "author", "date", "year", "category", "doc_type", "region"}.
    Pairs at ``min_level`` or above are listed with explanations; groups (并案) use pairs at
    ``group_level`` or above, complete linkage (no chaining).
    """
    meta = meta or {}
    sc = scorer or (load_scorer() if vectors is not None else load_lexical_scorer())
    pairs = find_pairs(texts, vectors, ids, groups=groups, scorer=sc, k=k, ngram=ngram, num_perm=num_perm,
                       lsh_threshold=lsh_threshold, min_level=min_level, search=search, show_progress=show_progress,
                       titles=titles, embed_asks=embed_asks, background_vectors=background_vectors,
                       doc_types=[getattr(t, "value", t) for t in (meta.get(i, {}).get("doc_type") for i in ids)])
    from topicmine.dedup.features import FEATURES

    for p in pairs:
        x = np.array([p["features"][f] for f in FEATURES])
        ex = explain_pair(texts[p["i"]], texts[p["j"]], features=x, scorer=sc, score=p["score"],
                          a_meta=meta.get(p["a"]), b_meta=meta.get(p["b"]))
        if p.get("regime") == "document" and p.get("breakdown"):
            # the matter decision's own breakdown first; the pair model's evidence follows as context
            ex["breakdown"] = merge_breakdown(p["breakdown"], ex.get("breakdown"))
            ex.pop("score", None)
        p.update(ex)
        for side in ("a", "b"):
            m = meta.get(p[side], {})
            p[f"{side}_info"] = {k2: (getattr(m.get(k2), "value", m.get(k2))) for k2 in
                                 ("title", "author", "date", "year", "category", "doc_type", "region")}
    vec_map = {i: vectors[n] for n, i in enumerate(ids)} if vectors is not None else None
    grp = group_duplicates(pairs, vec_map, meta, min_level=group_level)
    counts = {lv: sum(1 for p in pairs if p["level"] == lv) for lv in ("重复", "相近", "相关")}
    summary = {"items": len(ids), "pairs": len(pairs), "by_level": counts, "groups": len(grp),
               "grouped_items": sum(g["size"] for g in grp), "model_id": sc.model_id,
               "thresholds": sc.thresholds}
    texts_by_id = {i: t for i, t in zip(ids, texts)}
    return {"summary": summary, "pairs": pairs, "groups": grp, "texts": texts_by_id}


def _atomic_write(path: Path, write: Callable[[Any], None], newline: str | None = None) -> None:
    from topicmine.atomic import write_with_atomic

    write_with_atomic(path, write, newline=newline)


def write_json(report: Mapping[str, Any], path: str | Path) -> Path:
    """The whole report (without the full texts) as UTF-8 JSON."""
    p = Path(path)
    data = {k: v for k, v in report.items() if k != "texts"}
    _atomic_write(p, lambda fh: json.dump(data, fh, ensure_ascii=False, indent=1, default=str))
    return p


def write_csv(report: Mapping[str, Any], path: str | Path) -> Path:
    """One row per pair (UTF-8 with BOM so Excel opens Chinese correctly)."""
    p = Path(path)
    group_of = {}
    for g in report.get("groups", []):
        for m in g["members"]:
            group_of[m] = g["id"]
    cols = ["level", "score", "a", "a_title", "a_author", "a_date", "b", "b_title", "b_author", "b_date",
            "group", "shared_chars", "longest_shared", "context", "reason"]

    def write(fh: Any) -> None:
        fh.write("\ufeff")
        w = safe_writer(fh)  # titles/authors may start with "=" (CSV injection)
        w.writerow(cols)
        for r in report["pairs"]:
            ai, bi = r.get("a_info", {}), r.get("b_info", {})
            longest = max(r.get("spans", []), key=lambda s: s["length"], default=None)
            w.writerow([r["level"], r["score"], r["a"], ai.get("title"), ai.get("author"), ai.get("date") or ai.get("year"),
                        r["b"], bi.get("title"), bi.get("author"), bi.get("date") or bi.get("year"),
                        group_of.get(r["a"]) if group_of.get(r["a"]) == group_of.get(r["b"]) else "",
                        r.get("shared_chars", 0), longest["text"] if longest else "", r.get("context", ""),
                        r.get("reason", "")])

    _atomic_write(p, write, newline="")
    return p


def highlight(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """HTML of ``text`` with ``<mark>`` around the (possibly overlapping) spans; all text escaped.

    >>> highlight("<script>加快推进</script>", [(8, 12)])
    '&lt;script&gt;<mark>加快推进</mark>&lt;/script&gt;'
    """
    marks = np.zeros(len(text) + 1, dtype=bool)
    for s, e in spans:
        marks[max(0, s) : min(len(text), e)] = True
    out = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        seg = html.escape(text[i:j])
        out.append(f"<mark>{seg}</mark>" if marks[i] else seg)
        i = j
    return "".join(out)


_CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;vertical-align:top}
th{background:#f0f0f0}mark{background:#ffe08a}.lv-重复{color:#b00020;font-weight:bold}
.lv-相近{color:#b35c00;font-weight:bold}.lv-相关{color:#555}.txt{max-height:16em;overflow:auto;white-space:pre-wrap;font-size:.9em}
.meta{color:#666;font-size:.85em}small{color:#666}details>summary{cursor:pointer;color:#1a4d8f}
details.fold{margin:1em 0}details.fold>summary{font-size:1.1em;font-weight:bold}ul.members{margin:0;padding-left:1.2em}td.lvc{white-space:nowrap}"""


def _member_line(m: Mapping[str, Any]) -> str:
    """"title · author · date" of one item; its internal id only as a hover tip (reviewers may need it,
    office readers must not have to read hashes)."""
    words = " · ".join(str(v) for v in (m.get("title") or "（无标题）", m.get("author"), m.get("date") or m.get("year")) if v)
    return f'<span title="{html.escape(str(m.get("id", "")))}">{html.escape(words)}</span>'


def _side(report: Mapping[str, Any], p: Mapping[str, Any], side: str) -> str:
    info = dict(p.get(f"{side}_info", {}))
    info.setdefault("id", p[side])
    text = report.get("texts", {}).get(p[side], "")
    spans = [(s[f"{side}_start"], s[f"{side}_end"]) for s in p.get("spans", [])]
    return f'<div class="meta">{_member_line(info)}</div><div class="txt">{highlight(text, spans)}</div>'


def _pair_row(report: Mapping[str, Any], n: int, pr: Mapping[str, Any]) -> str:
    bd = "<br>".join(html.escape(f"{b['label']} {b['value']:.3f} → {b['contribution']:+.2f}"
                                 if b.get("in_score", True) else f"{b['label']} {b['value']:.3f}（不计分）")
                     for b in pr.get("breakdown", []))
    ctx = f"<p>{html.escape(pr['context'])}</p>" if pr.get("context") else ""
    if pr.get("reason"):  # the matter decision's reason names the shared asks
        ctx = f"<p><b>{html.escape(pr['reason'])}</b></p>" + ctx
    # the score and its parts are for reviewers: folded, one click away
    detail = (f"<details><summary>详情</summary><small>得分 {pr['score']:.3f}<br>{bd}</small></details>"
              if bd or pr.get("score") is not None else "")
    lv = html.escape(str(pr["level"]))
    return (f"<tr><td>{n}</td><td class='lv-{lv} lvc'>{lv}{detail}</td>"
            f"<td>{_side(report, pr, 'a')}</td><td>{_side(report, pr, 'b')}{ctx}</td></tr>")


def write_html(report: Mapping[str, Any], path: str | Path, title: str = "重复提案检查报告") -> Path:
    """A self-contained HTML page an office reads: summary, groups (并案建议) and the pairs with the shared
    wording highlighted; 重复/相近 pairs open, 相关 pairs (same field, different matter) folded; ids and scores
    only under 详情.

    >>> # write_html(dedup_report(...), "reports/dedup.html") → 重复提案检查报告：共 31 件 … 并案建议 6 组
    """
    p = Path(path)
    s = report["summary"]
    rows = []
    for g in report.get("groups", []):
        info = list(g["member_info"])
        earliest = next((m for m in info if str(m.get("id")) == str(g["earliest"])), {"id": g["earliest"]})
        members = "".join(f"<li>{_member_line(m)}</li>" for m in info)
        rows.append(f"<tr><td>{html.escape(g['id'])}</td><td class='lv-{html.escape(str(g['level']))}'>"
                    f"{html.escape(str(g['level']))}</td><td>{g['size']}</td><td>{_member_line(earliest)}</td>"
                    f"<td><ul class='members'>{members}</ul></td><td>{html.escape('、'.join(g['categories']))}</td></tr>")
    head = "<tr><th>#</th><th>等级</th><th>A</th><th>B</th></tr>"
    strong, related = [], []
    for n, pr in enumerate(report["pairs"], 1):
        (related if str(pr["level"]) == "相关" else strong).append(_pair_row(report, n, pr))
    pairs = (f"<table>{head}{''.join(strong)}</table>" if strong else "<p>没有重复或相近的对。</p>")
    if related:
        pairs += (f"<details class='fold'><summary>相关 {len(related)} 对（同一领域、不同事项，仅供参考；点击展开）</summary>"
                  f"<table>{head}{''.join(related)}</table></details>")
    body = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>
<p>共 {s['items']} 件，疑似重复/相近/相关 {s['pairs']} 对（重复 {s['by_level'].get('重复', 0)}，相近 {s['by_level'].get('相近', 0)}，
相关 {s['by_level'].get('相关', 0)}），并案建议 {s['groups']} 组。模型：{html.escape(str(s.get('model_id')))}；生成日期 {date.today().isoformat()}。</p>
<h2>并案建议</h2><table><tr><th>组</th><th>等级</th><th>件数</th><th>最早</th><th>成员</th><th>类别</th></tr>{''.join(rows)}</table>
<h2>相似对</h2>{pairs}
</body></html>"""
    _atomic_write(p, lambda fh: fh.write(body))
    return p


def write_report(report: Mapping[str, Any], out_dir: str | Path, stem: str = "dedup") -> dict[str, str]:
    """Write ``{stem}.json``, ``{stem}.csv`` and ``{stem}.html`` into ``out_dir``; returns the paths."""
    d = Path(out_dir)
    return {"json": str(write_json(report, d / f"{stem}.json")), "csv": str(write_csv(report, d / f"{stem}.csv")),
            "html": str(write_html(report, d / f"{stem}.html"))}
