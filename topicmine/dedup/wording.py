"""The office's words for a same-matter judgement: which asks the two items share, at which level, each item
named by its genre ("两件社情民意信息的第1条建议与第2条建议相近：……").

Kept apart from :mod:`topicmine.dedup.matter` (the decision) so the wording can change without touching it.
"""

from __future__ import annotations

from topicmine.dedup.matter import Judgement, MatterDoc, title_core

__all__ = ["reason_zh"]


def _kinds_zh(a: MatterDoc, b: MatterDoc) -> tuple[str, str]:
    """How the message names the two items by genre: ("两件提案的", "") for two proposals, ("社情民意信息的",
    "调研报告的") for different genres, ("两件材料的", "") when a genre is not known (never 提案 by default).

    >>> _kinds_zh(MatterDoc("甲", doc_type="opinion"), MatterDoc("乙", doc_type="opinion"))
    ('两件社情民意信息的', '')
    >>> _kinds_zh(MatterDoc("甲", doc_type="proposal"), MatterDoc("乙", doc_type="report"))
    ('提案的', '调研报告的')
    """
    from topicmine.text.names import doc_type_zh

    ka, kb = (doc_type_zh(d.doc_type) if d.doc_type else "" for d in (a, b))
    if ka and ka == kb:
        return f"两{'份' if ka.endswith('报告') else '件'}{ka}的", ""
    if ka and kb:
        return f"{ka}的", f"{kb}的"
    return "两件材料的", ""


def reason_zh(j: Judgement, a: MatterDoc, b: MatterDoc) -> str:
    """One or two sentences for the office, naming the shared asks.

    e.g. "两件提案的第2条建议与第1条建议基本一致：“加快制定互助养老的法规政策”／“…”。"
    """
    parts: list[str] = []
    if j.shared_asks:
        s = j.shared_asks[0]
        word = "基本一致" if s["similarity"] >= 0.75 else "相近"
        ka, kb = _kinds_zh(a, b)
        parts.append(f"{ka}第{s['a_index']}条建议与{kb}第{s['b_index']}条建议{word}：“{s['a_head']}”／“{s['b_head']}”")
        if len(j.shared_asks) > 1:
            pairs = "、".join(f"{x['a_index']}↔{x['b_index']}" for x in j.shared_asks[:6])
            parts.append(f"共有{len(j.shared_asks)}条建议一一对应（{pairs}）")
    if j.section is not None:
        side = "后一件" if j.section["side"] == "b" else "前一件"
        parts.append(f"较窄的一件所提事项相当于{side}的第{j.section['index']}条建议“{j.section['head']}”")
    if not parts and j.level in ("重复", "相近"):
        parts.append("两件全文所述对象和问题相近，但没有逐条对应的相同建议")
    if not parts:
        # title similarity: e5 cosine of the title cores (unrelated ≈ 0.84 on jszx 2019) or bigram overlap
        close_title = j.features.get("title", 0) >= (0.93 if j.mode == "semantic" else 0.5)
        if close_title or j.features.get("object", 0) >= 0.3:
            parts.append(f"案由所指对象相近（“{title_core(a.title)[:20]}”／“{title_core(b.title)[:20]}”），但具体建议不同")
        else:
            parts.append("同一领域，具体事项和建议不同")
    lead = {"重复": "同一事项、建议基本相同（可并案）", "相近": "同一事项、建议有所不同（起草时应参看）",
            "相关": "同一领域、不是同一事项", None: "不是同一事项"}[j.level]
    return lead + "：" + "；".join(parts) + "。"
