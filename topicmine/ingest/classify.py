"""Turn a normalised ``RawDocument`` into a ``Document``: id, doc type, title, date/year, region.

Precedence for every field: explicit argument (CLI flag / source rule) > what the
source says (front matter, table column, docx properties) > folder and file names >
inference from the title > hints in the text > unknown. Inference is deliberately
conservative: a wrong region or type is worse than none, because topics are ranked
by "党政点题" signals and compared across regions.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath
from typing import Any

from topicmine.records import DocType, Document, RawDocument, content_hash

from .normalize import normalize_line, normalize_text

__all__ = [
    "to_document",
    "infer_doc_type",
    "doc_type_from_path",
    "doc_type_from_title",
    "region_from_path",
    "region_from_title",
    "parse_date",
    "PROVINCES",
    "CITIES",
    "NATIONAL",
]

NATIONAL = "全国"

#: the 34 provincial-level divisions, full name → short name
PROVINCES: dict[str, str] = {
    "北京市": "北京", "天津市": "天津", "上海市": "上海", "重庆市": "重庆",
    "河北省": "河北", "山西省": "山西", "辽宁省": "辽宁", "吉林省": "吉林", "黑龙江省": "黑龙江",
    "江苏省": "江苏", "浙江省": "浙江", "安徽省": "安徽", "福建省": "福建", "江西省": "江西",
    "山东省": "山东", "河南省": "河南", "湖北省": "湖北", "湖南省": "湖南", "广东省": "广东",
    "海南省": "海南", "四川省": "四川", "贵州省": "贵州", "云南省": "云南", "陕西省": "陕西",
    "甘肃省": "甘肃", "青海省": "青海", "台湾省": "台湾",
    "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}
_PROVINCE_BY_SHORT = {short: full for full, short in PROVINCES.items()}

#: prefecture-level cities we recognise by name (the 44 cities of the government-report
#: corpus plus other large ones); value = province. Municipalities are provinces above.
CITIES: dict[str, str] = {
    "石家庄市": "河北省", "唐山市": "河北省", "保定市": "河北省", "邯郸市": "河北省", "太原市": "山西省",
    "大同市": "山西省", "呼和浩特市": "内蒙古自治区", "包头市": "内蒙古自治区", "沈阳市": "辽宁省",
    "大连市": "辽宁省", "鞍山市": "辽宁省", "长春市": "吉林省", "吉林市": "吉林省", "哈尔滨市": "黑龙江省",
    "大庆市": "黑龙江省", "南京市": "江苏省", "苏州市": "江苏省", "无锡市": "江苏省", "常州市": "江苏省",
    "南通市": "江苏省", "徐州市": "江苏省", "扬州市": "江苏省", "盐城市": "江苏省", "淮安市": "江苏省",
    "连云港市": "江苏省", "泰州市": "江苏省", "镇江市": "江苏省", "宿迁市": "江苏省", "杭州市": "浙江省",
    "宁波市": "浙江省", "温州市": "浙江省", "绍兴市": "浙江省", "嘉兴市": "浙江省", "金华市": "浙江省",
    "台州市": "浙江省", "湖州市": "浙江省", "合肥市": "安徽省", "芜湖市": "安徽省", "福州市": "福建省",
    "厦门市": "福建省", "泉州市": "福建省", "南昌市": "江西省", "赣州市": "江西省", "济南市": "山东省",
    "青岛市": "山东省", "烟台市": "山东省", "潍坊市": "山东省", "临沂市": "山东省", "淄博市": "山东省",
    "郑州市": "河南省", "洛阳市": "河南省", "武汉市": "湖北省", "宜昌市": "湖北省", "襄阳市": "湖北省",
    "长沙市": "湖南省", "株洲市": "湖南省", "广州市": "广东省", "深圳市": "广东省", "东莞市": "广东省",
    "佛山市": "广东省", "珠海市": "广东省", "惠州市": "广东省", "汕头市": "广东省", "南宁市": "广西壮族自治区",
    "柳州市": "广西壮族自治区", "桂林市": "广西壮族自治区", "海口市": "海南省", "三亚市": "海南省",
    "成都市": "四川省", "绵阳市": "四川省", "贵阳市": "贵州省", "遵义市": "贵州省", "昆明市": "云南省",
    "拉萨市": "西藏自治区", "西安市": "陕西省", "宝鸡市": "陕西省", "兰州市": "甘肃省", "西宁市": "青海省",
    "银川市": "宁夏回族自治区", "乌鲁木齐市": "新疆维吾尔自治区",
}
_CITY_BY_SHORT = {c[:-1]: c for c in CITIES}
# short city names that are also common words or province names: only accepted with 市
_AMBIGUOUS_SHORT = {"吉林", "大同", "太原"}
for _s in _AMBIGUOUS_SHORT:
    _CITY_BY_SHORT.pop(_s, None)

_NATIONAL_HINTS = ("国务院", "全国人大", "全国政协", "中共中央", "中央人民政府")

# ---- doc type hints ---------------------------------------------------------------
# Folder-name hints, most specific first ("提案办理" is a reply, not a proposal).
_PATH_HINTS: list[tuple[str, DocType]] = [
    ("建议案", DocType.motion),
    ("社情民意", DocType.opinion),
    ("答复", DocType.reply),
    ("办理结果", DocType.reply),
    ("办理答复", DocType.reply),
    ("调研报告", DocType.report),
    ("调研协商", DocType.report),
    ("发言", DocType.speech),
    ("提案", DocType.proposal),
    ("政府工作报告", DocType.gov_report),
    ("五年规划", DocType.gov_report),
    ("党代会", DocType.party_doc),
    ("规范性文件", DocType.party_doc),
    ("党内法规", DocType.party_doc),
    ("党规", DocType.party_doc),
    ("党章", DocType.party_doc),
    ("全会", DocType.party_doc),
    ("党委文件", DocType.party_doc),
    ("党委", DocType.party_doc),
]

# English folder names people use for the same corpora
_PATH_HINTS_EN: list[tuple[str, DocType]] = [
    ("cpc", DocType.party_doc),
    ("congress", DocType.party_doc),
    ("motion", DocType.motion),
    ("opinion", DocType.opinion),
    ("repl", DocType.reply),
    ("speech", DocType.speech),
    ("proposal", DocType.proposal),
    ("gov_report", DocType.gov_report),
    ("party_doc", DocType.party_doc),
    ("report", DocType.report),
]

# Title patterns, in order; the first match wins.
_TITLE_RULES: list[tuple[re.Pattern[str], DocType]] = [
    (re.compile(r"建议案"), DocType.motion),
    (re.compile(r"社情民意"), DocType.opinion),
    (re.compile(r"(?:答复|复函|办理(?:结果|情况|意见)?的?(?:报告|函)?$|办理结果)"), DocType.reply),
    (re.compile(r"(?:调研报告|调研协商报告|考察报告|视察报告|专题调研)"), DocType.report),
    (re.compile(r"(?:在.{1,40}上的发言|大会发言|委员发言|联组发言|发言稿)"), DocType.speech),
    (re.compile(r"(?:^关于.+的提案$|提案$|^提案[：:　 ])"), DocType.proposal),
    (re.compile(r"政府工作报告|政府工作的报告"), DocType.gov_report),
    # NPC decisions/resolutions ("第七届全国人民代表大会第一次会议关于……的决定") are not Party documents
    (re.compile(r"人民代表大会(?:常务委员会)?.{0,12}关于.+的(?:决定|决议)"), DocType.other),
    (re.compile(r"(?:中共|中国共产党|共产党|党委|党组|全会|党代会|代表大会上的报告|党章|纪律处分条例|"
                r"[（(][一二三四五六七八九十]{1,3}大[)）]|^.{0,20}关于.+的决定$)"),
     DocType.party_doc),
    (re.compile(r"五年规划|五年计划|规划纲要"), DocType.gov_report),
    # Jiangsu files proposals titled "关于……的建议"
    (re.compile(r"^关于.{2,60}的(?:建议|意见建议|几点建议)$"), DocType.proposal),
]

# Content hints (first ~600 characters), weakest evidence of all.
_TEXT_RULES: list[tuple[re.Pattern[str], DocType]] = [
    (re.compile(r"案由[：:]|提案人[：:]|(?:调研情况|问题分析)[：:].{0,2000}?(?:具体建议|建议)[：:]", re.DOTALL), DocType.proposal),
    (re.compile(r"社情民意|反映人[：:]"), DocType.opinion),
    (re.compile(r"(?:提案|建议)收悉|现答复如下|现将办理情况"), DocType.reply),
    (re.compile(r"我代表.{0,12}(?:人民政府|国务院).{0,6}向大会"), DocType.gov_report),
    (re.compile(r"(?:全会|党代会|党的.{1,4}次全国代表大会).{0,40}(?:审议|通过|决定)"), DocType.party_doc),
]


def _parts(path: PurePath, root: Path | None) -> list[str]:
    """Directory names between ``root`` and the file (all of them without a root)."""
    p = Path(path)
    if root is not None:
        try:
            rel = p.resolve().relative_to(Path(root).resolve())
            return list(rel.parts[:-1])
        except (ValueError, OSError):  # outside the root (or unresolvable): classify from the whole path
            pass
    return [x for x in p.parts[:-1] if x not in ("/", "\\") and not x.endswith(":\\")]


def doc_type_from_path(path: str | PurePath, root: Path | None = None) -> DocType | None:
    """Doc type from folder names, nearest folder first.

    >>> doc_type_from_path("语料/政府工作报告-省自治区/浙江省/2023.md")
    <DocType.gov_report: 'gov_report'>
    >>> doc_type_from_path("党内文件/规范性文件/关于新形势下党内政治生活的若干准则.md")
    <DocType.party_doc: 'party_doc'>
    """
    for part in reversed(_parts(PurePath(path), root)):
        for key, dt in _PATH_HINTS:
            if key in part:
                return dt
        low = part.lower()
        for key, dt in _PATH_HINTS_EN:
            if re.search(rf"(?:^|[_\-\s]){key}", low):
                return dt
    return None


def doc_type_from_title(title: str) -> DocType | None:
    """Doc type from a title's wording.

    >>> doc_type_from_title("关于加快发展银发经济的提案")
    <DocType.proposal: 'proposal'>
    >>> doc_type_from_title("关于推进长江大保护的建议案")
    <DocType.motion: 'motion'>
    >>> doc_type_from_title("2023年浙江省政府工作报告")
    <DocType.gov_report: 'gov_report'>
    """
    t = title.strip()
    if not t:
        return None
    for rx, dt in _TITLE_RULES:
        if rx.search(t):
            return dt
    return None


def _doc_type_from_text(text: str) -> DocType | None:
    head = text[:2500]
    for rx, dt in _TEXT_RULES:
        if rx.search(head):
            return dt
    return None


def _meta_doc_type(meta: dict[str, Any]) -> DocType | None:
    for key in ("doc_type", "type", "文种"):
        v = meta.get(key)
        if isinstance(v, str) and v.strip():
            try:
                return DocType.from_any(v)
            except ValueError:
                continue
    # front-matter categories such as ["规范性文件"] (Party-document corpus)
    cats = meta.get("categories")
    if isinstance(cats, str):
        cats = [cats]
    if isinstance(cats, list):
        for c in cats:
            for key, dt in _PATH_HINTS:
                if isinstance(c, str) and key in c:
                    return dt
    return None


def infer_doc_type(
    raw: RawDocument, title: str, text: str, *, explicit: DocType | str | None = None, root: Path | None = None
) -> tuple[DocType, str]:
    """Doc type and where it came from (``explicit meta path title text default``)."""
    if explicit is not None:
        return DocType.from_any(explicit), "explicit"
    dt = _meta_doc_type(raw.meta)
    if dt:
        return dt, "meta"
    dt = doc_type_from_path(raw.source, root)
    if dt:
        return dt, "path"
    dt = doc_type_from_title(title) or doc_type_from_title(Path(raw.source).stem)
    if dt:
        return dt, "title"
    dt = _doc_type_from_text(text)
    if dt:
        return dt, "text"
    return DocType.other, "default"


# ---- region -----------------------------------------------------------------------
def _region_name(token: str) -> str | None:
    """A token that *is* a region name (full or short)."""
    t = token.strip()
    if not t:
        return None
    if t in PROVINCES or t in CITIES:
        return t
    if t in _PROVINCE_BY_SHORT:
        return _PROVINCE_BY_SHORT[t]
    if t in _CITY_BY_SHORT:
        return _CITY_BY_SHORT[t]
    if t in (NATIONAL, "中央", "国家", "中国", "national"):
        return NATIONAL
    return None


def region_from_path(path: str | PurePath, root: Path | None = None) -> str | None:
    """Region from folder or file names (nearest first); national folders → 全国.

    >>> region_from_path("政府工作报告-省自治区/浙江省/2023.md")
    '浙江省'
    >>> region_from_path("政府工作报告-主要城市/南京市/2020.md")
    '南京市'
    >>> region_from_path("政府工作报告-国务院/2024.md")
    '全国'
    >>> region_from_path("2026_raw_text/2026_江苏省_政府工作报告.csv")
    '江苏省'
    """
    p = PurePath(path)
    parts = _parts(p, root)
    candidates = [p.stem, *reversed(parts)]
    for part in candidates:
        r = _region_name(part)
        if r:
            return r
        for tok in re.split(r"[_\-\s.·（）()]+", part):
            r = _region_name(tok)
            if r:
                return r
    for part in candidates:
        if any(h in part for h in _NATIONAL_HINTS):
            return NATIONAL
    return None


_ALL_REGION_NAMES = sorted(
    [*PROVINCES, *CITIES, *_PROVINCE_BY_SHORT, *_CITY_BY_SHORT], key=len, reverse=True
)
_TITLE_REGION_RE = re.compile(
    r"^(?:\d{4}年(?:度)?)?(" + "|".join(map(re.escape, _ALL_REGION_NAMES)) + r")"
)


def region_from_title(title: str) -> str | None:
    """Region named at the start of a title ("江苏省政府工作报告", "2026年浙江省政府工作报告").

    Only the leading position counts: "关于深化长三角与浙江省合作的提案" is not a
    Zhejiang document.

    >>> region_from_title("2026年浙江省政府工作报告")
    '浙江省'
    >>> region_from_title("江苏省人民政府关于……的通知")
    '江苏省'
    >>> region_from_title("关于深化长三角与浙江省合作的提案") is None
    True
    """
    t = title.strip()
    m = _TITLE_REGION_RE.match(t)
    if not m:
        if re.sub(r"^\d{4}年(?:度)?", "", t).startswith(("中华人民共和国", "国务院", "全国", "中共中央", "中国共产党")):
            return NATIONAL
        return None
    name = m.group(1)
    return _region_name(name)


def _meta_region(meta: dict[str, Any]) -> str | None:
    for key in ("region", "province", "city", "地区"):
        v = meta.get(key)
        if isinstance(v, str) and v.strip():
            return _region_name(v) or v.strip()
    # a .docx keeps the region in its core "subject" property only when it names a place
    v = meta.get("subject")
    if isinstance(v, str) and v.strip():
        return _region_name(v.strip())
    return None


# ---- dates ------------------------------------------------------------------------
_DATE_PATTERNS = [
    re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"),
]
_MONTH_PATTERNS = [
    re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](\d{1,2})(?![\d\-/.])"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月"),
]
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE_RE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")


def _cn_num(s: str) -> int:
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN_DIGITS.get(a, 1) if a else 1) * 10 + (_CN_DIGITS.get(b, 0) if b else 0)
    return _CN_DIGITS.get(s, 0)


def _valid(y: int, m: int, d: int | None) -> bool:
    return 1900 <= y <= 2100 and 1 <= m <= 12 and (d is None or 1 <= d <= 31)


def parse_date(value: Any) -> tuple[str | None, int | None]:
    """Parse a date in the formats offices use → ``(iso_date, year)``.

    >>> parse_date("2019/1/15")
    ('2019-01-15', 2019)
    >>> parse_date("2019年1月15日")
    ('2019-01-15', 2019)
    >>> parse_date("20190115")
    ('2019-01-15', 2019)
    >>> parse_date("2019-01-12 16:04:48")
    ('2019-01-12', 2019)
    >>> parse_date("二〇二六年一月二十七日")
    ('2026-01-27', 2026)
    >>> parse_date(2023)
    ('2023', 2023)
    """
    if value is None:
        return None, None
    if hasattr(value, "year") and hasattr(value, "month"):
        return f"{value.year:04d}-{value.month:02d}-{getattr(value, 'day', 1):02d}", int(value.year)
    s = str(value).strip()
    if not s:
        return None, None
    for rx in _DATE_PATTERNS:
        m = rx.search(s)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if _valid(y, mo, d):
                return f"{y:04d}-{mo:02d}-{d:02d}", y
    m = _CN_DATE_RE.search(s)
    if m:
        y = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
        mo, d = _cn_num(m.group(2)), _cn_num(m.group(3))
        if _valid(y, mo, d):
            return f"{y:04d}-{mo:02d}-{d:02d}", y
    for rx in _MONTH_PATTERNS:
        m = rx.search(s)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            if _valid(y, mo, None):
                return f"{y:04d}-{mo:02d}", y
    m = _YEAR_RE.search(s)
    if m:
        return m.group(1), int(m.group(1))
    return None, None


def _stem_year(path: str) -> int | None:
    """"2023.md", "1953-一五计划.md", "2026_浙江省_政府工作报告.csv" → the year."""
    m = re.match(r"^((?:19|20)\d{2})(?:$|[^\d])", PurePath(path).stem)
    return int(m.group(1)) if m else None


def _title_year(title: str) -> int | None:
    m = re.search(r"(?<!\d)((?:19|20)\d{2})\s*年", title) or re.search(r"[（(]((?:19|20)\d{2})[)）]", title)
    return int(m.group(1)) if m else None


# ---- title ------------------------------------------------------------------------
def _first_line(text: str, limit: int = 80) -> str:
    for line in text.split("\n"):
        s = line.strip()
        if s:
            return s if len(s) <= limit else s[:limit].rstrip() + "…"
    return ""


def _as_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        items = [str(x).strip() for x in v if str(x).strip()]
        return "、".join(items) or None
    s = str(v).strip()
    return s or None


def to_document(
    raw: RawDocument,
    *,
    doc_type: DocType | str | None = None,
    region: str | None = None,
    year: int | None = None,
    root: Path | None = None,
) -> Document:
    """Build the ``Document`` for a raw document; normalises the text if not done yet.

    ``root`` is the folder the user asked to ingest: folder-name hints are taken only
    from the path *below* it, so a project living in ``~/提案系统/`` does not make every
    file a proposal.

    >>> raw = RawDocument(text="各位代表：\\n现在，我代表省人民政府向大会报告工作。",
    ...                   source="政府工作报告-省自治区/浙江省/2023.md", meta={"title": "2023年政府工作报告"})
    >>> d = to_document(raw)
    >>> d.doc_type.value, d.region, d.year, d.title
    ('gov_report', '浙江省', 2023, '2023年政府工作报告')
    """
    text = normalize_text(raw.text)
    meta = dict(raw.meta)

    title = _as_text(meta.get("title"))
    if title:
        title = normalize_line(title)
    if not title and raw.headings:
        title = normalize_line(raw.headings[0][0])
    if not title:
        title = _first_line(text)
    title = title or normalize_line(Path(raw.source).stem)  # a file name can carry bidi/newline tricks too

    dt, dt_src = infer_doc_type(raw, title, text, explicit=doc_type, root=root)

    reg = region or _meta_region(meta) or region_from_path(raw.source, root) or region_from_title(title)

    # date / year
    date, y = None, None
    for key in ("date", "publish_date", "publication_date", "time"):
        if meta.get(key):
            date, y = parse_date(meta[key])
            if date:
                break
    if meta.get("year") is not None and str(meta.get("year")).strip():
        _, my = parse_date(meta["year"])
        y = my or y
    if y is None:
        y = _stem_year(raw.source) or _title_year(title)
    if date is None:
        # first full date in the opening of the text (the "2023年1月12日在…会议上" line);
        # accepted only when it agrees with a year we already know
        td, ty = parse_date(text[:600]) if re.search(r"\d{4}|〇", text[:600]) else (None, None)
        if td and len(td) == 10 and (y is None or ty == y):
            date, y = td, ty
    if y is None and meta.get("created"):
        _, y = parse_date(meta["created"])
    if year is not None:
        y = int(year)
        if date and not date.startswith(str(y)):
            date = None
    if date is None and y is not None:
        date = None  # keep date unknown rather than inventing "YYYY-01-01"

    author = _as_text(meta.get("author") or meta.get("authors"))
    category = _as_text(meta.get("category") or meta.get("categories"))
    author, category = (normalize_line(v) if v else v for v in (author, category))  # shown in every report

    source = f"{raw.source}#{raw.locator}" if raw.locator else raw.source
    meta["doc_type_source"] = dt_src
    return Document(
        id=content_hash(text),
        doc_type=dt,
        title=title,
        text=text,
        date=date,
        year=y,
        region=reg,
        author=author,
        category=category,
        sources=[source],
        meta=meta,
        headings=[(normalize_line(h), lvl) for h, lvl in raw.headings if normalize_line(h)],
    )
