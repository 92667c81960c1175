"""The report's field and work, from its title line ("关于我省高标准农田建设与管护情况的调研报告" → 高标准农田 ·
高标准农田建设与管护): what a draft title names when its heading leaves the object out."""

from __future__ import annotations

import re


def _title_core(text: str) -> str | None:
    """What the report's title line ("关于……的调研报告", in its first 40 lines) is about, without the place
    ("我省", "苏州市")."""
    lines = [ln.strip(" #") for ln in text.splitlines()[:40] if ln.strip()]
    m = next((m for ln in lines if (m := re.match(r"^关于(.{2,40}?)的?(?:调研|调查|研究|考察)?(?:协商)?报告$", ln))), None)
    if not m:
        return None
    return re.sub(r"^(?:我省|我市|我县|我区|全省|全市|[\u4e00-\u9fff]{2,4}?[省市县区](?=[\u4e00-\u9fff]{4}))", "", m.group(1))


def report_subject(text: str) -> str | None:
    r"""The field a report is about, from its title line: "关于苏州市低空经济发展情况的调研报告" → "低空经济".

    >>> report_subject("关于苏州市低空经济发展情况的调研报告\n……")
    '低空经济'
    >>> report_subject("关于我省高标准农田建设与管护情况的调研报告")
    '高标准农田'
    """
    core = _title_core(text)
    if core is None:
        return None
    core = re.sub(r"(?:的?(?:发展|建设|推进|实施|落实|保障))?(?:工作)?(?:情况|现状|状况)$", "", core)
    # "高标准农田建设与管护" names its field and two phases of work on it: the field is 高标准农田
    core = re.sub(r"(?:建设|发展)?[与和及](?:管护|管理|保护|利用|运营|运维)$", "", core)
    core = re.sub(r"(?:建设|发展)$", "", core) if len(core) > 6 else core
    return core if 2 <= len(core) <= 6 else None


def report_work(text: str) -> str | None:
    r"""The work a report is about, as its title says it, place and "情况" left out: the setting a role is played in.

    >>> report_work("关于我省高标准农田建设与管护情况的调研报告")
    '高标准农田建设与管护'
    """
    core = _title_core(text)
    if core is None:
        return None
    core = re.sub(r"(?:工作)?(?:情况|现状|状况)$", "", core)
    return core if 2 <= len(core) <= 12 else None


#: a core that names a role to play ("充分发挥农民主体作用"): the report's work is where it is played
_ROLE_RE = re.compile(r"^(?:充分|积极|更好)?发挥.{2,8}作用$")


def _subject_words(subject: str) -> list[str]:
    """"低空经济" → ["低空经济", "低空"]: a core naming part of the subject already has it."""
    out = [subject]
    if len(subject) >= 4:
        out += [subject[:2], subject[-2:]] if subject[:2] not in ("一老", "公共") else [subject[:4]]
    return out
