"""Examples listed under a practice heading back a draft only by their own words, never by their number or by the
item their heading went with: the sample 一老一小 建议案 (matter （一）统筹) quoted "1. 南京市推行“社区宝宝屋”"
and the 人才 draft "3. 南通市发展医养结合" because the examples under "（四）各地探索形成了一批典型经验" paired with
the matter of the same ordinal; the 新就业形态 纠纷 draft quoted "（1）吴中区在“骑手驿站”……法律咨询服务" because
"（四）部分地区和企业探索了一些有效做法" was aligned whole with the 维权 matter."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample" / "调研报告" / "2024"
YLYX = SAMPLE / "关于我省一老一小服务体系建设情况的调研报告.docx"
GIG = SAMPLE / "关于新就业形态劳动者权益保障情况的调研报告.md"


def _split(path: Path, tmp: pytest.TempPathFactory) -> dict[str, str]:
    """The sample report split as `topicmine split` does (with the model), each draft's Markdown by file stem."""
    from topicmine import pipeline
    from topicmine.config import load_settings

    ws = pipeline.Workspace(load_settings(workdir=tmp.mktemp("wd")))
    out = tmp.mktemp("out")
    res = pipeline.split(ws, pipeline.read_upload(ws, path.name, path.read_bytes()), out_dir=out)
    assert res["drafts"]
    return {f.stem: f.read_text(encoding="utf-8") for f in out.glob("*.md") if f.stem != "summary"}


@pytest.fixture(scope="module")
def ylyx(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> dict[str, str]:
    return _split(YLYX, tmp_path_factory)


@pytest.fixture(scope="module")
def gig(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> dict[str, str]:
    return _split(GIG, tmp_path_factory)


def test_no_draft_of_the_elderly_and_childcare_report_quotes_an_example_paired_by_its_number(ylyx) -> None:  # type: ignore[no-untyped-def]
    motion = next(v for k, v in ylyx.items() if "统筹" in k)
    assert "宝宝屋" not in motion, motion
    talent = next(v for k, v in ylyx.items() if "人才" in k)
    assert "南通市" not in talent and "医养结合" not in talent, talent


def test_the_rural_draft_keeps_the_example_its_words_are_about(ylyx) -> None:  # type: ignore[no-untyped-def]
    rural = next(v for k, v in ylyx.items() if "农村" in k)
    assert "宿迁市" in rural and "邻里互助点" in rural, rural


def test_the_dispute_draft_does_not_quote_the_rider_station_example(gig) -> None:  # type: ignore[no-untyped-def]
    for stem, body in gig.items():
        if "驿站" in stem or "服务阵地" in stem:
            continue
        sit = body[body.find("调研情况"):body.find("问题分析")] if "问题分析" in body else body
        assert "吴中区" not in sit, (stem, sit)


def test_the_skills_example_stays_with_the_skills_matter(gig) -> None:  # type: ignore[no-untyped-def]
    holders = [k for k, v in gig.items() if "昆山市" in v]
    assert holders and all("职业" in k or "技能" in k for k in holders), holders


REPORT = ("关于我省社区服务的调研报告\n一、基本情况\n（一）托育服务供给增长\n全省备案托育机构5,600余家。\n"
          "（二）护理人才初具规模\n全省养老护理员8万人。\n"
          "（三）各地探索形成了一批典型经验\n1. 甲市推行“邻里食堂”。利用社区闲置用房开办老年食堂，每餐补贴3元。\n"
          "2. 乙市推进“宝宝屋”。在社区建设临时托育点，提供计时托服务。\n"
          "二、存在问题\n（一）社区托位不足\n社区嵌入式托育点少。\n（二）护理人才短缺\n护理员流失率高。\n"
          "三、对策建议\n（一）扩大社区托育供给\n盘活社区存量用房，建设社区托育点，发展计时托。\n"
          "（二）加强护理人才培养\n扩大护理员培养规模，提高薪酬待遇。\n")


def test_examples_pair_by_their_words_not_by_their_number() -> None:
    """Example 1 (a canteen) shares no words with matter （一） (托育) and example 2 (宝宝屋) is 托育's: the first backs
    nobody, the second backs 托育 — before, 1 ↔ （一） and 2 ↔ （二） by number."""
    from topicmine.drafts.analyze import analyze_report

    a = analyze_report(REPORT)
    child = next(g for g in a.groups if "托育" in g.heading)
    talent = next(g for g in a.groups if "人才" in g.heading)
    assert not any("邻里食堂" in p.text for g in a.groups for p in g.support)
    assert any("宝宝屋" in p.text for p in child.support), [p.text for p in child.support]
    assert not any("宝宝屋" in p.text for p in talent.support)
