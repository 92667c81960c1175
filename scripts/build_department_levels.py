"""Build corpus/dicts/departments_city.txt and departments_county.txt from the provincial dictionary.

A 市 (or 县/区) committee's proposals go to the 市 (县) counterparts of the provincial departments: 省教育厅 →
市教育局, 省卫生健康委 → 市卫生健康委, 省委宣传部 → 市委宣传部, 团省委 → 团市委. Bodies a city has no counterpart
of (民航江苏监管局, 省通信管理局 …) are left out; duty keywords are kept unchanged. What only a level has (市城市管理局
taking 住建's 市容环卫 words, 县委宣传部 taking 网信办's) is written in departments_levels.txt, which this script
applies after the generated lines; never edit the two generated files by hand (tests/test_drafts_read11.py
checks that running this script reproduces them). Run after editing departments.txt or departments_levels.txt:
    python scripts/build_department_levels.py
"""

from __future__ import annotations

import re
from pathlib import Path

DICTS = Path(__file__).resolve().parent.parent / "corpus" / "dicts"
#: provincial bodies without a counterpart at that level (vertically managed at province level)
NO_CITY = {"民航江苏监管局", "省通信管理局", "人民银行江苏省分行", "省能源局", "省外办"}
NO_COUNTY = NO_CITY | {"省邮政管理局", "省知识产权局", "省药监局", "省广电局", "省粮食和物资储备局", "省委网信办",
                       "金融监管总局江苏监管局", "省气象局", "省林业局"}
SPECIAL = {"省消防救援总队": {"市": "市消防救援支队", "县": "县消防救援大队"},
           "金融监管总局江苏监管局": {"市": "金融监管分局", "县": "金融监管支局"}}


def level_name(name: str, lv: str) -> str:
    """省教育厅 → 市教育局 / 县教育局; 省委宣传部 → 市委宣传部; 团省委 → 团市委."""
    if name in SPECIAL:
        return SPECIAL[name][lv]
    n = name.replace("团省委", f"团{lv}委")
    n = re.sub(r"^省", lv, n)
    n = re.sub(r"厅$", "局", n)
    return n


def level_alias(alias: str, lv: str) -> str | None:
    if alias.startswith("江苏省") or "江苏" in alias:
        return None  # the full provincial name has no generic city form
    a = re.sub(r"^省", lv, alias)
    return re.sub(r"厅$", "局", a)


def _items(field_: str) -> list[str]:
    return [x.strip() for x in field_.split("|") if x.strip()]


def hand_edits(lv: str, path: Path | None = None) -> list[tuple[str, str, list[str], list[str]]]:
    """The hand-only lines of that level from departments_levels.txt: (op, name, aliases, duties), op "+" (a body
    of its own), "-" (aliases and duties taken from the generated line), "~" (added to it)."""
    out = []
    for line in (path or DICTS / "departments_levels.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + [""] * 5)[:5]
        if parts[0].strip() != lv:
            continue
        op, name = parts[1].strip(), parts[2].strip()
        if op not in "+-~" or not op or not name:
            raise ValueError(f"departments_levels.txt: cannot read {line!r}")
        out.append((op, name, _items(parts[3]), _items(parts[4])))
    return out


def apply_edits(lines: list[str], edits: list[tuple[str, str, list[str], list[str]]]) -> list[str]:
    """The generated lines with the hand edits applied (an edit naming no generated body is an error)."""
    out = list(lines)
    for op, name, aliases, duties in edits:
        if op == "+":
            if any(x.split("\t")[0] == name for x in out):
                raise ValueError(f"departments_levels.txt: {name} is generated already")
            out.append("\t".join([name, "|".join(aliases), "|".join(duties)]))
            continue
        k = next((i for i, x in enumerate(out) if x.split("\t")[0] == name), None)
        if k is None:
            raise ValueError(f"departments_levels.txt: {name} is not in the generated dictionary")
        n, a, d = (out[k].split("\t") + ["", ""])[:3]
        a_, d_ = _items(a), _items(d)
        if op == "-":
            a_ = [x for x in a_ if x not in aliases]
            d_ = [x for x in d_ if x not in duties]
        else:
            a_ += [x for x in aliases if x not in a_]
            d_ += [x for x in duties if x not in d_]
        out[k] = "\t".join([n, "|".join(a_), "|".join(d_)])
    return out


def build(lv: str, skip: set[str]) -> list[str]:
    out = [f"# 承办单位（{lv}级），由 departments.txt 生成：scripts/build_department_levels.py。格式同 departments.txt。"]
    for line in (DICTS / "departments.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + ["", ""])[:3]
        name = parts[0].strip()
        if name in skip:
            continue
        new = level_name(name, lv)
        aliases = []
        for a in parts[1].split("|"):
            a = a.strip()
            b = level_alias(a, lv) if a else None
            if b and b != new and b not in aliases:
                aliases.append(b)
        short = re.sub(r"^" + lv, "", new)
        if lv == "县":  # a county-level body is also called 区… (市辖区) in the text
            aliases += [x for x in ("区" + short,) if x not in aliases]
        out.append("\t".join([new, "|".join(aliases), parts[2]]))
    return apply_edits(out, hand_edits(lv))


def render(lv: str) -> str:
    """The text of that level's file, as written."""
    return "\n".join(build(lv, NO_CITY if lv == "市" else NO_COUNTY)) + "\n"


if __name__ == "__main__":
    for lv, fname in (("市", "departments_city.txt"), ("县", "departments_county.txt")):
        (DICTS / fname).write_text(render(lv), encoding="utf-8")
        print(fname)
