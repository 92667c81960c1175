"""评价 figures: reply outcomes and uptake rates by category, year, handling unit and member / 界别.

One row per group: items filed, replied, each outcome, items with a 采纳 / only 呼应 link, items that repeat
another filed item (重复) or come close to one (相近, from the dedup report), and the rates. A member's 履职
profile is the ``member`` grouping (items filed, replied, taken up, duplicates).

    >>> items = [{"id": "a", "category": "农林", "year": 2023, "author": "郑", "sector": "农工党", "handler": "农业厅"},
    ...          {"id": "b", "category": "农林", "year": 2023, "author": "李", "sector": "民盟", "handler": "农业厅"}]
    >>> t = figures(items, [{"src_doc": "a", "level": "已解决"}], [{"src_doc": "a", "level": "采纳"}])
    >>> t["category"][0]["items"], t["category"][0]["replied"], t["category"][0]["adopted_rate"]
    (2, 1, 0.5)
    >>> [(r["group"], r["duplicates"]) for r in figures(items, [], [], {"b": {"重复"}})["member"]]
    [('李', 1), ('郑', 0)]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

GROUPINGS = {"category": "类别", "year": "年份", "handler": "承办单位", "member": "委员", "sector": "界别"}
OUTCOMES = ("已解决", "承诺办理", "解释说明", "无法办理", "转办", "无实质内容")


def _key(it: dict[str, Any], g: str) -> str:
    v = it.get("author") if g == "member" else it.get(g)
    if g == "member" and v:
        # "严志华（省政协委员，某环保组织负责人）" and "严志华" are one member's profile
        v = re.sub(r"\s*[（(][^（()）]*[)）]\s*$", "", str(v)).strip() or v
    return str(v) if v not in (None, "") else "（未注明）"


def figures(items: Sequence[dict[str, Any]], reply_links: Sequence[dict[str, Any]],
            uptake_links: Sequence[dict[str, Any]],
            duplicate_levels: Mapping[str, set[str]] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Tables per grouping (``category``, ``year``, ``handler``, ``member``, ``sector``), largest groups first;
    ``duplicate_levels`` maps an item id to the levels of its dedup pairs ({"重复"}, {"相近", "相关"} …)."""
    dup = duplicate_levels or {}
    outcome: dict[str, str] = {}
    for link in reply_links:
        outcome.setdefault(link["src_doc"], link["level"])
    up: dict[str, set[str]] = {}
    for link in uptake_links:
        up.setdefault(link["src_doc"], set()).add(link["level"])
    out: dict[str, list[dict[str, Any]]] = {}
    for g in GROUPINGS:
        groups: dict[str, dict[str, Any]] = {}
        for it in items:
            row = groups.setdefault(_key(it, g), {"group": _key(it, g), "items": 0, "replied": 0, "adopted": 0, "echo_only": 0,
                                                  "duplicates": 0, "similar": 0, **{o: 0 for o in OUTCOMES}})
            row["items"] += 1
            o = outcome.get(it["id"])
            if o:
                row["replied"] += 1
                row[o] = row.get(o, 0) + 1
            lv = up.get(it["id"], set())
            row["adopted"] += "采纳" in lv
            row["echo_only"] += lv == {"呼应"}
            row["duplicates"] += "重复" in dup.get(it["id"], ())
            row["similar"] += "相近" in dup.get(it["id"], ()) and "重复" not in dup.get(it["id"], ())
        rows = sorted(groups.values(), key=lambda r: (-r["items"], r["group"]))
        for r in rows:
            n = r["items"] or 1
            r["replied_rate"] = round(r["replied"] / n, 3)
            r["adopted_rate"] = round(r["adopted"] / n, 3)
            r["duplicate_rate"] = round(r["duplicates"] / n, 3)
            r["solved_or_promised_rate"] = round((r["已解决"] + r["承诺办理"]) / max(1, r["replied"]), 3)
        out[g] = rows
    return out


def plot_figures(tables: dict[str, list[dict[str, Any]]], out_dir: Path | str, *, top: int = 15) -> list[str]:
    """One bar chart per grouping (答复结果 stacked, 采纳率 as a line) as PNG; returns the file paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    zh = [f.name for f in font_manager.fontManager.ttflist if any(k in f.name for k in ("Noto Sans CJK", "WenQuanYi", "SimHei", "Source Han"))]
    if zh:
        plt.rcParams["font.family"] = zh[0]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for g, rows in tables.items():
        rows = rows[:top]
        if not rows:
            continue
        fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(rows) + 2), 4))
        bottom = [0] * len(rows)
        for o in OUTCOMES:
            vals = [r[o] for r in rows]
            if any(vals):
                ax.bar(range(len(rows)), vals, bottom=bottom, label=o)
                bottom = [b + v for b, v in zip(bottom, vals)]
        ax.bar(range(len(rows)), [r["items"] - r["replied"] for r in rows], bottom=bottom, label="未答复", color="#ddd")
        ax2 = ax.twinx()
        ax2.plot(range(len(rows)), [r["adopted_rate"] for r in rows], "k.-", label="采纳率")
        ax2.set_ylim(0, 1)
        ax.set_xticks(range(len(rows)), [r["group"] for r in rows], rotation=45, ha="right")
        ax.set_title(f"按{GROUPINGS[g]}：答复结果与采纳率（与建议一致的举措写入后续文本）")
        ax.legend(fontsize=7, loc="upper right")
        fig.tight_layout()
        p = out_dir / f"uptake_{g}.png"
        fig.savefig(p, dpi=110)
        plt.close(fig)
        paths.append(str(p))
    return paths
