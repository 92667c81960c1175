"""Build corpus/dicts/departments_city.txt and departments_county.txt from the provincial dictionary.

A 市 (or 县/区) committee's proposals go to the 市 (县) counterparts of the provincial departments: 省教育厅 →
市教育局, 省卫生健康委 → 市卫生健康委, 省委宣传部 → 市委宣传部, 团省委 → 团市委. Bodies a city has no counterpart
of (民航江苏监管局, 省通信管理局 …) are left out; duty keywords are kept unchanged. Run once after editing
departments.txt:  python scripts/build_department_levels.py
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
    return out


if __name__ == "__main__":
    for lv, fname, skip in (("市", "departments_city.txt", NO_CITY), ("县", "departments_county.txt", NO_COUNTY)):
        (DICTS / fname).write_text("\n".join(build(lv, skip)) + "\n", encoding="utf-8")
        print(fname)
