"""The level (省/市/县) of a report or draft: which dictionary of 承办单位 its drafts are answered from.

Read from the region when given, else from the draft's own 承办 line or the words of its first part ("我市", "省政协").
"""

from __future__ import annotations

import re

#: words of the text's own government: "我市", "全县", "市政协" (its author), "A市政协" — said by a 市 (县) report of
#: its own city. A city or county named with its government ("南京市委市政府提出……", "宿迁市人民政府与……签订",
#: "关于加强南京市老城区……") is the place a text is about, not its level: a provincial proposal naming 南京 is still
#: 省 (a blind reader met a filed provincial proposal on 南京's 体育城市 answered by 市 bodies)
_LEVEL_HINTS = (
    ("县", re.compile(r"我县|全县|本县|我区|全区|[\u4e00-\u9fff]{1,4}[县区]政协")),
    ("市", re.compile(r"我市|全市|本市|市政协")),
    ("省", re.compile(r"我省|全省|本省|省政协|省委|省人民政府|关于[\u4e00-\u9fff]{2,3}省")),
)


#: the title line of a 调研报告 naming its city or county: "关于A市学前教育发展情况的调研报告", "关于A7县……的调研报告"
_REPORT_TITLE = re.compile(r"关于([A-Za-z0-9\u4e00-\u9fff]{1,4}?)(?<![城都超股夜集门上闹])(市|县)(?![场民委级政域城])"
                           r"[^\n]{2,60}?调研报告\s*(?:\n|$)")

_OWN_UNITS = re.compile(r"建议承办单位[：:]\s*([省市县])[\u4e00-\u9fff]{1,12}(?:厅|局|委|办|会|院)")


def report_level(text: str, region: str | None = None) -> tuple[str, str]:
    r"""(省/市/县, why) of a report or draft: the region when given, else the words of its first part.

    >>> report_level("关于苏州市低空经济发展情况的调研报告\n近年来，我市低空经济……")
    ('市', '正文称“我市”')
    >>> report_level("关于加快推进南京体育活力城市建设的建议\n……南京市委市政府提出建设“世界体育名城”。")[0]
    '省'
    >>> report_level("……", region="江苏省")[0]
    '省'
    >>> report_level("关于完善城市环卫公厕指引系统的建议\n建议全省各地……")[0]  # 城市 is no named city
    '省'
    >>> report_level("关于加强娱乐场所噪声执法的提案\n……\n建议承办单位：市生态环境局（主办）")[0]
    '市'
    >>> report_level("关于A市学前教育发展情况的调研报告\n近年来，市委、市政府高度重视学前教育……")
    ('市', '报告标题称“A市”')
    >>> report_level("关于加强南京市老城区街坊路交通管理的建议\n……")[0]  # a proposal's title names a place, not its level
    '省'
    """
    if region:
        r = region.strip()
        if r.endswith(("县", "区", "旗")):
            return "县", f"所属地区“{r}”"
        if r.endswith(("市", "州", "盟")) and r not in ("北京市", "上海市", "天津市", "重庆市"):
            return "市", f"所属地区“{r}”"
        return "省", f"所属地区“{r}”"
    # a draft that names its own units ("建议承办单位：市生态环境局（主办）") says its level outright; read first,
    # since a 市 report's draft may never write 我市 in its first part (check-draft then picked 省 units)
    own = _OWN_UNITS.search(text)
    if own:
        return own.group(1), f"建议承办单位为“{own.group(0).split('：')[-1].split(':')[-1].strip()}”"
    head = text[:1500]
    best: tuple[int, str, str] | None = None
    for lv, rx in _LEVEL_HINTS:
        hits = rx.findall(head)
        if hits and (best is None or len(hits) > best[0]):
            best = (len(hits), lv, hits[0])
    if best is None:
        # a 调研报告 titled by its own city or county ("关于A市学前教育发展情况的调研报告") is that office's report when
        # its text never says 我市/全市: only a report's title, never a proposal's ("关于加强南京市老城区……" is 省's)
        title = _REPORT_TITLE.match(text.lstrip())
        if title:
            lv = title.group(2)
            return lv, f"报告标题称“{title.group(1)}{title.group(2)}”"
        return "省", "未识别地区层级，默认按省级"
    return best[1], f"正文称“{best[2]}”"
