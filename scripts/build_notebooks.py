"""Build the exploration notebooks in notebooks/ from the cell sources below (stored without outputs).

Edit this file, not the .ipynb files, then run::

    .venv/bin/python scripts/build_notebooks.py

so every change is reviewable as plain Python. The notebooks only call topicmine (and matplotlib /
IPython for display): no reusable logic lives in them. Each one runs top to bottom on the sample corpus
in a temporary workdir it builds first (or in ``$TOPICMINE_NOTEBOOK_WORKDIR`` when set; never in ``$TOPICMINE_WORKDIR``).
``tests/test_notebooks.py`` executes them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parent.parent / "notebooks"

SETUP = '''\
import os
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
from IPython.display import HTML, display

from topicmine.config import PROJECT_ROOT
from topicmine.pipeline import Workspace
from topicmine.pipeline.refresh import refresh

%matplotlib inline
# Chinese labels need a CJK font. matplotlib's font cache may predate the font (make installs it after the
# cache is built), so the installed CJK font files are registered directly; the first one found wins.
from matplotlib import font_manager

for _f in sorted(Path("/usr/share/fonts").rglob("*")):
    if _f.suffix.lower() in (".ttc", ".otf", ".ttf") and any(k in _f.name for k in ("CJK", "wqy", "SourceHan")):
        font_manager.fontManager.addfont(str(_f))
plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Micro Hei",
                                   "Source Han Sans SC", "DejaVu Sans"]
plt.rcParams["axes.unicode_minus"] = False

# The sample corpus in a fresh temporary workdir (the first build embeds ~550 passages: a minute or two on
# two cores). A notebook never writes into your configured $TOPICMINE_WORKDIR: to reuse a workdir, name it
# explicitly in $TOPICMINE_NOTEBOOK_WORKDIR.
WORKDIR = Path(os.environ.get("TOPICMINE_NOTEBOOK_WORKDIR") or tempfile.mkdtemp(prefix="topicmine-notebook-"))
ws = Workspace.from_settings(workdir=WORKDIR)
summary = refresh(ws, [PROJECT_ROOT / "corpus" / "sample"], show_progress=False)
print(WORKDIR, summary["documents"], "passages embedded:", summary["passages_embedded"])'''


def corpus_notebook() -> list:
    return [
        new_markdown_cell("# 01 语料概览 — the corpus\n\n"
                          "What the research office's corpus holds: documents and passages by type, region and year, "
                          "and a hybrid (keyword + semantic) search with highlighted snippets."),
        new_code_cell(SETUP),
        new_markdown_cell("## 文件与段落统计 / counts"),
        new_code_cell('''\
from topicmine.pipeline import stats

st = stats(ws)
print(f"{st['documents']} documents, {st['passages']} passages, {st['characters']:,} characters")
for row in st["by_type"]:
    print(f"{row['label']:<8}{row['documents']:>4} 件 {row['passages']:>5} 段")'''),
        new_markdown_cell("## 类型 × 年份、类型 × 地区 / types by year and by region"),
        new_code_cell('''\
from collections import Counter

docs = list(ws.store.iter_documents())
by_year = Counter((d.doc_type.label_zh, d.year) for d in docs)
by_region = Counter((d.doc_type.label_zh, d.region or "未知") for d in docs)
types = [r["label"] for r in st["by_type"]]
years = sorted({d.year for d in docs if d.year})
regions = [r["region"] or "未知" for r in st["by_region"]]

fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
bottom = [0] * len(years)
for t in types:
    vals = [by_year[(t, y)] for y in years]
    axes[0].bar([str(y) for y in years], vals, bottom=bottom, label=t)
    bottom = [b + v for b, v in zip(bottom, vals)]
axes[0].set_title("各年份文件数（按类型）")
axes[0].legend(fontsize=8, ncol=2)
left = [0] * len(regions)
for t in types:
    vals = [by_region[(t, r)] for r in regions]
    axes[1].barh(regions, vals, left=left, label=t)
    left = [a + v for a, v in zip(left, vals)]
axes[1].set_title("各地区文件数（按类型）")
plt.tight_layout()
plt.show()'''),
        new_markdown_cell("## 检索 / search\n\nHybrid search fuses FTS5 keyword hits and faiss neighbours; 【】 marks the query's words."),
        new_code_cell('''\
from topicmine.pipeline import search

for query in ["社区嵌入式托育服务", "低空经济 无人机"]:
    print("==", query)
    for h in search(ws, query, limit=5):
        print(f"  {h['score']:.4f} [{h['doc_type_zh']}] {h['title']} ({h['region']} {h['year']}) [{h['start']}:{h['end']}]")
        print("     ", h["snippet"][:120])'''),
        new_code_cell('''\
# filters: only proposals of 2024
hits = search(ws, "托育", doc_types="proposal", year_from=2024, year_to=2024, limit=5)
assert all(h["doc_type"] == "proposal" and h["year"] == 2024 for h in hits)
[h["title"] for h in hits]'''),
    ]


def topics_notebook() -> list:
    return [
        new_markdown_cell("# 02 议题发现 — topic discovery\n\n"
                          "Candidate research topics (议题) from passage vectors: labels, reasons, a 2-D map, trends by year "
                          "and by region, and the stable ids that let the nightly refresh say what is new."),
        new_code_cell(SETUP),
        new_code_cell('''\
from topicmine.pipeline.topics_job import discover, ranked_table

# save=False: explore without replacing the workdir's saved topic run
result = discover(ws, save=False, show_progress=False)
table = ranked_table(ws, result, top=20)  # detail="matter": 议题 inside policy areas; detail="area": the areas
level = result.level("matter")
print(len(result.areas.topic_ids), "areas,", len(level.topic_ids), "matters;",
      f"{sum(a >= 0 for a in level.assignments) / len(level.assignments):.0%} of passages assigned,",
      sum(a == -2 for a in result.assignments), "passages set aside")
for t in table:
    print(f"#{t['rank']:<2} [{t['id']}] {t['title'] or t['label']}（{(t['area'] or {}).get('label', '')}）\\n     {t['reason']}")'''),
        new_markdown_cell("## 标签与代表性段落 / labels and evidence"),
        new_code_cell('''\
top = table[0]
print(top["title"] or top["label"], "—", top["phrase"])
print("terms:", top["terms"])
print("by type:", top["doc_types"], "| groups:", top["groups"])
for p in top["representatives"][:3]:
    print(f"- {p['title']} ({p['doc_type']}, {p['region']}, {p['year']}) [{p['start']}:{p['end']}]")
    print("   ", p["text"][:150])'''),
        new_markdown_cell("## 议题地图 / topic map\n\nPCA of the topic centroids (deterministic); bubble area = passages."),
        new_code_cell('''\
from topicmine.topics import topic_map

size = {t["id"]: t["size"] for t in table}
name = {t["id"]: t["title"] or t["label"] for t in table}
pts = topic_map(level.centroids, sizes=[size.get(i, 1) for i in level.topic_ids], ids=level.topic_ids,
                names=[name.get(i, "") for i in level.topic_ids])
fig, ax = plt.subplots(figsize=(9, 6))
ax.scatter([p["x"] for p in pts], [p["y"] for p in pts], s=[30 + 8 * p["size"] for p in pts], alpha=0.35)
for p in pts:
    if p["name"]:  # only the ranked 议题 are named: a label on every dot would overlap
        ax.annotate(p["name"], (p["x"], p["y"]), fontsize=9, ha="center", xytext=(0, 6), textcoords="offset points")
ax.set_title("议题地图")
ax.set_xticks([]); ax.set_yticks([])
plt.show()'''),
        new_markdown_cell("## 趋势 / trends by year and by region"),
        new_code_cell('''\
fig, axes = plt.subplots(1, 2, figsize=(14, 5))
for t in table[:6]:
    sby = sorted((int(y), 100 * v) for y, v in t["share_by_year"].items())
    axes[0].plot([y for y, _ in sby], [v for _, v in sby], marker="o", label=(t["title"] or t["label"])[:14])
axes[0].set_title("各年篇幅占比（%，各文件平均）")
axes[0].set_ylabel("%")
axes[0].legend(fontsize=8)
axes[0].xaxis.get_major_locator().set_params(integer=True)
regions = sorted({r for t in table for r in t["share_by_region"]})
matrix = [[round(100 * t["share_by_region"].get(r, 0), 1) for r in regions] for t in table]
axes[1].imshow(matrix, cmap="Blues", aspect="auto")
axes[1].set_xticks(range(len(regions)), regions)
axes[1].set_yticks(range(len(table)), [(t["title"] or t["label"])[:14] for t in table], fontsize=8)
for i, row in enumerate(matrix):
    for j, v in enumerate(row):
        axes[1].text(j, i, v or "", ha="center", va="center", fontsize=8)
axes[1].set_title("议题 × 地区（篇幅占比 %）")
plt.tight_layout()
plt.show()'''),
        new_markdown_cell("## 只看委员关注 / ranking on part of the evidence\n\nFilters re-rank on the matching evidence only."),
        new_code_cell('''\
members_only = ranked_table(ws, result, doc_types=["proposal", "opinion", "speech"], top=5)
[(t["rank"], t["label"], t["documents"]) for t in members_only]'''),
        new_markdown_cell("## 稳定编号 / stable ids\n\nThe saved run (written by the refresh) keeps ids across refits; "
                          "`status` says whether a topic persisted, is new, split or merged."),
        new_code_cell('''\
from topicmine.topics import load_run

saved = load_run(ws.settings.artifacts_dir / "topics" / "current.json")
print("saved run", saved.run_id, "created", saved.created)
[(t.id, t.status, "·".join(t.terms[:3])) for t in saved.topics]'''),
    ]


def duplicates_notebook() -> list:
    return [
        new_markdown_cell("# 03 重复提案 — duplicates\n\n"
                          "Near-duplicate proposals (重复 / 相近 / 相关), merge groups (并案) and the shared text highlighted. "
                          "The sample corpus plants one set: proposals A, B, C about 社区托育 (B is a paraphrase), D 相近, E 相关."),
        new_code_cell(SETUP),
        new_code_cell('''\
import json

from topicmine.pipeline.dedup_job import dedup

res = dedup(ws, doc_types="proposal", out_dir=WORKDIR / "notebook-dedup", show_progress=False)
print(res["documents"], "proposals ·", res["pairs"], "pairs", res["by_level"], "·", res["groups"], "groups ·", res["summary"].get("signals"))
for p in res["top_pairs"]:
    print(f"  {p['level']} {p['score']:.3f}  {p['a_title']}  ~  {p['b_title']}")'''),
        new_markdown_cell("## 并案建议 / merge groups"),
        new_code_cell('''\
for g in res["group_list"]:
    print(f"group {g['id']} (earliest {g['earliest'][:10]}):")
    for t in g["titles"]:
        print("   ", t)'''),
        new_markdown_cell("## 得分分布 / score by level"),
        new_code_cell('''\
report = json.loads(Path(res["files"]["json"]).read_text(encoding="utf-8"))
levels = ["重复", "相近", "相关"]
fig, ax = plt.subplots(figsize=(7, 3.5))
for lv in levels:
    ax.hist([p["score"] for p in report["pairs"] if p["level"] == lv], bins=10, range=(0, 1), alpha=0.6, label=lv)
ax.set_xlabel("score"); ax.set_ylabel("pairs"); ax.legend(); ax.set_title("疑似重复对的得分")
plt.show()'''),
        new_markdown_cell("## 相同内容高亮 / shared text highlighted\n\nThe strongest pair, side by side; "
                          "`<mark>` spans are the text both share (offsets into each document)."),
        new_code_cell('''\
from topicmine.dedup.report import highlight

pair = report["pairs"][0]
cols = []
for side in ("a", "b"):
    doc = ws.store.get_document(pair[side])
    spans = [(s[f"{side}_start"], s[f"{side}_end"]) for s in pair.get("spans", [])]
    cols.append(f"<td style='vertical-align:top;width:50%'><b>{highlight(doc.title, [])}</b><br>"
                f"<div style='white-space:pre-wrap;font-size:90%'>{highlight(doc.text, spans)}</div></td>")
print(pair["level"], pair["score"], "—", pair.get("context", ""))
display(HTML("<table><tr>" + "".join(cols) + "</tr></table>"))'''),
        new_markdown_cell("## 新稿查重 / has this been proposed before?\n\nA draft that is not in the corpus yet, checked against the history."),
        new_code_cell('''\
from topicmine.pipeline import similar

draft = ("关于在老旧小区改造中同步建设社区托育点的提案\\n调研情况：不少社区缺少托育场所，双职工家庭带娃难。\\n"
         "具体建议：一是利用社区闲置用房改建托育点；二是对普惠托位给予运营补贴。")
for it in similar(ws, draft, limit=5):
    print(f"  {it.get('level') or '-'} {it.get('score')}  [{it.get('doc_type_zh') or it.get('doc_type')}] {it.get('title')}")'''),
    ]


def split_notebook() -> list:
    return [
        new_markdown_cell("# 04 拆分调研报告 — split a report into drafts\n\n"
                          "A finished 调研报告 becomes a 建议案 (the most important, cross-cutting suggestions), 提案 "
                          "(one matter each, for a department) and 社情民意信息 (urgent, grassroots), each checked against "
                          "the official rules (全国政协提案工作条例 §15 …) and compared with what was filed before."),
        new_code_cell(SETUP),
        new_code_cell('''\
from topicmine.drafts import read_report
from topicmine.pipeline import split

report_file = PROJECT_ROOT / "corpus" / "sample" / "调研报告" / "2024" / "关于我省一老一小服务体系建设情况的调研报告.docx"
text, headings = read_report(report_file)
res = split(ws, text)
print(len(text), "characters ·", len(res["units"]), "suggestion units ·", len(res["groups"]), "matters ·",
      len(res["drafts"]), "drafts")
for d in res["drafts"]:
    failed = [c["name"] for c in d["checks"] if not c["passed"]]
    print(f"{d['id']} {d['genre_zh']:<6} {d['title']} ({d['chars']}字) checks {'ok' if d['passed'] else 'failed: ' + ', '.join(failed)}")'''),
        new_markdown_cell("## 文种建议的理由 / why each genre"),
        new_code_cell('''\
for d in res["drafts"]:
    print(d["id"], d["title"])
    for r in d["genre_reasons"][:3]:
        print("   -", r)
    if d.get("handlers"):
        print("   承办单位:", ", ".join(f"{h['name']}({h['role']})" for h in d["handlers"][:3]))'''),
        new_code_cell('''\
genres = ["motion", "proposal", "opinion", "keep"]
labels = {"motion": "建议案", "proposal": "提案", "opinion": "社情民意信息", "keep": "保留"}
fig, ax = plt.subplots(figsize=(9, 3.5))
width = 0.8 / len(genres)
for k, g in enumerate(genres):
    ax.bar([i + k * width for i in range(len(res["drafts"]))], [d["genre_scores"].get(g, 0) for d in res["drafts"]],
           width=width, label=labels[g])
ax.set_xticks([i + 0.3 for i in range(len(res["drafts"]))], [d["id"] for d in res["drafts"]])
ax.set_title("各稿的文种得分"); ax.legend(fontsize=8)
plt.show()'''),
        new_markdown_cell("## 一份稿件及其检查 / one draft with its checks"),
        new_code_cell('''\
d = res["drafts"][0]
print(d["text"][:800])
print()
for c in d["checks"]:
    print("✓" if c["passed"] else "✗", c["severity"], c["name"], "—", c["message"])'''),
        new_markdown_cell("## 与既往材料相似 / similar past items\n\nWhat the office has already filed on the same matter."),
        new_code_cell('''\
for d in res["drafts"]:
    sims = d.get("similar") or []
    print(d["id"], d["title"], "→", "; ".join(f"{s.get('title')} ({s.get('level') or s.get('score')})" for s in sims[:3]) or "none")'''),
    ]


def uptake_notebook() -> list:
    return [
        new_markdown_cell("# 05 成果转化 — replies, uptake and 督办\n\n"
                          "Each proposal followed to its reply (办理结果, 承诺期限), to later 政府工作报告/党委文件 passages "
                          "that take up one of its asks (采纳) or only share its direction (呼应), and to the 督办 list. "
                          "Uptake is coincidence in later text, not proof of cause: 与建议一致的举措已写入…"),
        new_code_cell(SETUP),
        new_code_cell('''\
from topicmine.uptake.report import uptake_report

rep = uptake_report(ws, today="2025-06-30", show_progress=False)
print(rep["summary"])
for r in rep["replies"]:
    dl = (r["deadline"] or {}).get("due")
    print(f"{r['title']} → {r['outcome']} ({r['method']}, {r['days']} 天){' 期限 ' + dl if dl else ''}")
    print("   ", r["reasons"][0])'''),
        new_markdown_cell("## 后续文本中一致的举措 / uptake in later text"),
        new_code_cell('''\
for u in [u for u in rep["uptake"] if u["level"] == "采纳"][:8]:
    print(u["statement"])
    print("    共有词:", "、".join(u["shared"] or []), "· 得分", u["score"])'''),
        new_markdown_cell("## 督办清单 / supervision list"),
        new_code_cell('''\
for row in rep["supervision"]:
    print(f"[{row['kind']}] {row['title']} — {row['reason']}")'''),
        new_markdown_cell("## 评价 / figures by 界别 and 承办单位"),
        new_code_cell('''\
rows = rep["figures"]["sector"]
fig, ax = plt.subplots(figsize=(9, 3.5))
ax.bar([r["group"] for r in rows], [r["items"] for r in rows], label="事项", color="#ccc")
ax.bar([r["group"] for r in rows], [r["replied"] for r in rows], label="已答复")
ax.bar([r["group"] for r in rows], [r["adopted"] for r in rows], label="采纳（写入一致举措）")
ax.set_title("按界别"); ax.legend(fontsize=8); plt.xticks(rotation=45, ha="right")
plt.show()'''),
        new_markdown_cell("## 委员履职 / members' profiles (filed, replied, taken up, duplicates)"),
        new_code_cell('''\
for r in rep["figures"]["member"][:10]:
    print(f"{r['group']}: 提交 {r['items']} · 已答复 {r['replied']} · 采纳 {r['adopted']} · 仅呼应 {r['echo_only']} · "
          f"重复 {r['duplicates']} · 相近 {r['similar']}")'''),
    ]


NOTEBOOKS = {
    "01_corpus.ipynb": corpus_notebook,
    "02_topics.ipynb": topics_notebook,
    "03_duplicates.ipynb": duplicates_notebook,
    "04_split_report.ipynb": split_notebook,
    "05_uptake.ipynb": uptake_notebook,
}


def build(out: Path = OUT) -> list[Path]:
    """Write every notebook (no outputs, no execution counts) and return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=cells())
        for i, cell in enumerate(nb.cells):  # stable ids: rebuilding gives the same file
            cell.id = f"{Path(name).stem.split('_', 1)[1]}-{i:02d}"
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (topicmine .venv)", "language": "python"}
        nb.metadata["language_info"] = {"name": "python"}
        nbformat.validate(nb)
        path = out / name
        nbformat.write(nb, str(path))
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(p)
