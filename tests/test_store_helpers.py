"""Hand-built SegmentedDocument fixtures for the store tests (no dependency on segment.py).

A document is given as paragraphs of words: the paragraph text is the words joined
without spaces (as jieba would have cut it), paragraphs are separated by a blank line, and
each passage's offsets point back into the document text. Also imported by the child
process of the crash test (via PYTHONPATH), so it must stay importable on its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from topicmine.records import DocType, Document, Passage, SegmentedDocument, Section, content_hash


def seg_doc(
    paragraphs: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    doc_type: DocType = DocType.proposal,
    region: str | None = "江苏省",
    year: int | None = 2023,
    date: str | None = None,
    author: str | None = None,
    category: str | None = None,
    meta: dict | None = None,
    locator: str | None = None,
    sections: Sequence[tuple[int, int, str]] = (),
) -> SegmentedDocument:
    """Build a SegmentedDocument; ``sections`` are ``(first_par, last_par, number)`` spans."""
    texts = ["".join(ws) for ws in paragraphs]
    text = "\n\n".join(texts)
    passages: list[Passage] = []
    pos = 0
    for i, t in enumerate(texts):
        passages.append(Passage(index=i, start=pos, end=pos + len(t), text=t))
        pos += len(t) + 2
    secs: list[Section] = []
    for k, (first, last, number) in enumerate(sections):
        secs.append(
            Section(
                index=k,
                level=1,
                number=number,
                heading=texts[first],
                start=passages[first].start,
                end=passages[last].end,
            )
        )
        for p in passages[first : last + 1]:
            p.section = k
    m = dict(meta or {})
    if locator:
        m["locator"] = locator
    doc = Document(
        id=content_hash(text),
        doc_type=doc_type,
        title=title if title is not None else texts[0][:30],
        text=text,
        date=date,
        year=year,
        region=region,
        author=author,
        category=category,
        meta=m,
    )
    return SegmentedDocument(
        document=doc,
        sections=secs,
        passages=passages,
        sentences=[],
        passage_words=[list(ws) for ws in paragraphs],
    )


# ---- a small realistic corpus ------------------------------------------------------------
PROPOSAL_BIZ = [
    ["关于", "进一步", "优化", "营商环境", "的", "提案"],
    ["一、", "存在", "的", "问题"],
    ["当前", "，", "中小企业", "融资难", "、", "融资贵", "问题", "依然", "突出", "，", "涉企", "检查", "多头", "重复", "。"],
    ["二、", "几点", "建议"],
    ["一是", "持续", "优化", "营商环境", "，", "深化", "放管服", "改革", "；", "二是", "加大", "中小企业", "信贷", "支持", "。"],
]
OPINION_ELDERLY = [
    ["关于", "破解", "农村", "养老", "难题", "的", "建议"],
    ["农村", "留守", "老人", "多", "，", "养老", "服务", "供给", "不足", "，", "一老一小", "问题", "需要", "统筹", "解决", "。"],
]
REPORT_RURAL = [
    ["关于", "乡村振兴", "中", "农村", "电商", "发展", "的", "调研报告"],
    ["调研", "发现", "，", "农村", "电商", "物流", "成本", "高", "，", "人才", "短缺", "。"],
    ["建议", "完善", "县乡村", "三级", "物流", "体系", "，", "培育", "本土", "电商", "人才", "，", "助力", "乡村振兴", "。"],
]
GOV_REPORT = [
    ["政府工作报告"],
    ["过去", "一年", "，", "我们", "坚持", "稳中求进", "工作", "总基调", "，", "推动", "高质量发展", "。"],
    ["今年", "要", "大力", "发展", "新质生产力", "，", "持续", "优化", "营商环境", "。"],
]


def corpus() -> dict[str, SegmentedDocument]:
    """Four documents of different types, regions and years, keyed by a short name."""
    return {
        "biz": seg_doc(
            PROPOSAL_BIZ, doc_type=DocType.proposal, region="江苏省", year=2023, date="2023-01-15",
            author="民建江苏省委", category="经济", sections=[(1, 2, "一、"), (3, 4, "二、")],
        ),
        "elderly": seg_doc(OPINION_ELDERLY, doc_type=DocType.opinion, region="浙江省", year=2022),
        "rural": seg_doc(REPORT_RURAL, doc_type=DocType.report, region="江苏省", year=2021),
        "gov": seg_doc(GOV_REPORT, doc_type=DocType.gov_report, region="浙江省", year=2024, title="2024年政府工作报告"),
    }


# ---- the crash-test corpus: deterministic, many sources, duplicates and changes ----------
_TOPICS = ["营商环境", "乡村振兴", "养老服务", "职业教育", "生态保护", "数字经济", "城市更新", "医疗保障"]
_VERBS = ["优化", "完善", "推进", "健全", "强化", "落实"]


def _paragraph(seed: int, length: int = 12) -> list[str]:
    words = []
    for k in range(length):
        v = (seed * 31 + k * 7) % 97
        words.append(_TOPICS[v % len(_TOPICS)] if k % 3 == 0 else _VERBS[v % len(_VERBS)])
        words.append(f"第{seed}号" if k == 0 else "，")
    return words + ["。"]


def crash_source(i: int, version: int) -> tuple[str, str, list[SegmentedDocument]]:
    """Source ``i`` in ``version`` 1 or 2: 4 documents of 6 passages each.

    Every 10th source shares one document text with source 0 (exact duplicates), and
    version 2 changes two of the four documents (so a rerun deletes and inserts).
    """
    docs = []
    for k in range(4):
        if k == 0 and i % 10 == 0:
            seed_base = 0  # same text in sources 0, 10, 20, … → one collapsed document
        elif version == 2 and k >= 2:
            seed_base = 100_000 + i * 10 + k
        else:
            seed_base = 1000 + i * 10 + k
        pars = [_paragraph(seed_base * 10 + j) for j in range(6)]
        region = "江苏省" if i % 2 else "浙江省"
        docs.append(seg_doc(pars, region=region, year=2019 + i % 5, locator=f"row {k + 1}"))
    return f"crash/source_{i:04d}.xlsx", f"v{version}-{i}", docs


N_CRASH_SOURCES = 120


def crash_plan() -> Iterator[tuple[str, str, str, list[SegmentedDocument]]]:
    """All v1 sources, then v2 of every third source, then removal of every 7th: the full job."""
    for i in range(N_CRASH_SOURCES):
        yield ("replace", *crash_source(i, 1))
    for i in range(0, N_CRASH_SOURCES, 3):
        yield ("replace", *crash_source(i, 2))
    for i in range(5, N_CRASH_SOURCES, 7):
        src, _, _ = crash_source(i, 1)
        yield ("remove", src, "", [])


def run_crash_plan(store, *, echo: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Apply the plan; resumable: a replace whose hash is already stored is skipped."""
    for op, src, file_hash, docs in crash_plan():
        if op == "replace":
            if store.source_hash(src) == file_hash:
                continue
            store.replace_source(src, file_hash, docs)
        else:
            store.remove_source(src)
        if echo:
            print(src, flush=True)
