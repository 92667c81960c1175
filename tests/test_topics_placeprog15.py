"""A place's programme said over several years at a moderate share, named with the place as a verb's subject: 广东's
深圳先行示范区 (6.2 / 4.5 / 2.8 / 4.8 % of the passages in 2020–2023, in ≥ 5 % only in 2020; "支持深圳建设中国特色社会主义
先行示范区", "全力支持深圳先行示范区建设") was no programme, and an outside reader missed it. Real data: 广东's and 浙江's
2015–2026 reports (湖北's for a programme named only as a modifier), one passage per line."""

from __future__ import annotations

import jieba

from tests.realdata_paths import PROVINCES, needs
from topicmine.topics.placeprog import add_place_programmes, place_programmes, programme_key
from topicmine.topics.salient import Salient

pytestmark = needs(PROVINCES / "广东省")


def _passages(province: str) -> tuple[list[str], list[dict]]:
    texts, meta = [], []
    for y in range(2015, 2027):
        f = PROVINCES / province / f"{y}.md"
        if not f.is_file():
            continue
        for p in f.read_text(encoding="utf-8").split("\n"):
            if len(p.strip()) >= 20:
                texts.append(p.strip())
                meta.append({"doc_id": f"{province}{y}", "year": y, "region": province})
    return texts, meta


def test_a_sustained_programme_named_by_a_city_is_found() -> None:
    texts, meta = _passages("广东省")
    found = {s.term: s for s in place_programmes(texts, meta, jieba.lcut, home="广东省")}
    assert "深圳先行示范区" in found and "粤港澳大湾区" in found
    s = found["深圳先行示范区"]
    assert s.peak_year == 2020 and sum(v >= 0.025 for v in s.by_year.values()) >= 4
    # counted where the reports say the place as the subject of building it, not only the literal name
    assert s.pattern.search("支持深圳建设中国特色社会主义先行示范区")
    assert not s.pattern.search("深圳国家自主创新示范区")
    # a moderate share in fewer years than a sustained one needs stays out (横琴's 合作区: 2022 6 %, then 2.3–2.5 %)
    assert not any("横琴" in t for t in found)


def test_the_country_names_no_programme_and_zhejiang_has_none() -> None:
    assert programme_key("中国特色社会主义先行示范区", jieba.lcut) is None
    assert programme_key("深圳先行示范区", jieba.lcut) == ("深圳", "先行示范区")
    texts, meta = _passages("浙江省")
    assert place_programmes(texts, meta, jieba.lcut, home="浙江省") == []


def test_a_programme_said_in_headings_takes_them_but_not_the_guiding_line() -> None:
    texts, meta = _passages("广东省")
    # 广东 names it in the opening line of its paragraphs (headings: no area of their own), never in a body clause
    clause_texts = ["全力支持深圳先行示范区建设", "全力建设好深圳先行示范区", "以改革创新推动深圳先行示范区建设",
                    "以推动高质量发展为主题，以深化供给侧结构性改革为主线，以改革创新为根本动力，推进粤港澳大湾区和深圳先行示范区建设",
                    "深圳先行示范区建设扎实推进", "推进西丽湖国际科教城建设"]
    clause_doc = ["gd2020", "gd2021", "gd2023", "gd2021", "gd2021", "gd2024"]
    part = [None, None, None, None, "review", None]
    found, sal = add_place_programmes([], [], texts, meta, clause_texts, [-1, -1, -1, -1, -1, 4], clause_doc, part,
                                      words=jieba.lcut, passage_area=[2, 2, 3, 2, 0, 4])
    prog = next(m for m in found if m.anchor == "深圳先行示范区")
    assert prog.clauses == [0, 1, 2] and prog.area == 2
    assert {s.term: s.status for s in sal}["深圳先行示范区"] == "已成议题"


def test_headings_naming_a_programme_as_a_modifier_make_no_matter() -> None:
    # 湖北's headings name 长江经济带 as what they qualify (a fund, a core city, a metaphor): a grab-bag at rank 4 titled
    # "充分发挥长江经济带产业基金" when any heading naming it was taken
    texts, meta = _passages("湖北省")
    clause_texts = ["充分发挥长江经济带产业基金引导作用，推动战略性新兴产业加快发展", "挺起长江经济带脊梁，承载着湖北人民的共同希望",
                    "支持武汉加快建设国家中心城市、长江经济带核心城市和国际化大都市", "支持长江经济带国家级转型升级示范区建设"]
    found, sal = add_place_programmes([], [], texts, meta, clause_texts, [-1] * 4, ["hb2016", "hb2017", "hb2021", "hb2017"],
                                      [None] * 4, words=jieba.lcut, passage_area=[1, 2, 3, 1])
    assert not any(m.anchor == "长江经济带" for m in found)
    assert {s.term: s.status for s in sal}.get("长江经济带") == "未成议题"


def test_a_programme_said_only_in_lead_ins_is_told_not_made() -> None:
    texts, meta = _passages("广东省")
    # its clauses in headings (no area: -1) with no passage areas given: no 议题, but the box says it was looked for
    clause_texts = ["全力支持深圳先行示范区建设", "全力推进深圳先行示范区综合改革试点", "全力建设好深圳先行示范区"]
    found, sal = add_place_programmes([], [Salient("疫情", 2021, 0.08, {}, 3, status="已成议题")], texts, meta,
                                      clause_texts, [-1, -1, -1], ["gd2020", "gd2021", "gd2022"], [None] * 3,
                                      words=jieba.lcut)
    told = {s.term: s.status for s in sal}
    assert told["深圳先行示范区"] == "未成议题" and told["疫情"] == "已成议题"
    assert not any(m.anchor == "深圳先行示范区" for m in found)


def test_a_matter_anchored_on_the_bare_kind_is_not_the_programme() -> None:
    # 河南's 黄河流域 (8 % of 2021's passages) is found; a 议题 anchored on "流域" (海河/淮河 pollution) stays itself
    from topicmine.topics.clauses import AnchorMatter

    texts, meta = _passages("河南省")
    clause_texts = ["深化海河等重点流域河流污染治理", "强化重点流域、区域和行业环境综合整治", "加强流域环境治理",
                    "谋划推进黄河流域生态保护和高质量发展", "统筹推进黄河流域综合整治", "推进黄河流域生态保护治理"]
    docs = ["hn2015", "hn2016", "hn2021", "hn2020", "hn2023", "hn2022"]
    basin = AnchorMatter(0, "流域", [0, 1, 2], ["流域"], 3)
    found, sal = add_place_programmes([basin], [], texts, meta, clause_texts, [0] * 6, docs, [None] * 6,
                                      words=jieba.lcut)
    assert basin.clauses == [0, 1, 2] and basin.anchor == "流域"
    assert not any(m.anchor == "黄河流域" and set(m.clauses) & {0, 1, 2} for m in found)
    # at a moderate share (≥ 5 % in 2020–2021 only: sustained, not heavy) its clauses must build it, and these name
    # it before what they build (生态保护, 综合整治): told, not made
    assert {s.term: s.status for s in sal}["黄河流域"] == "未成议题"
