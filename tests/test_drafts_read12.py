"""A matter's draft quotes its own situation, not a neighbouring item the matters share no words with: the sample
一老一小 report's 托育 draft quoted "（二）养老服务网络逐步完善" (an item no matter owns) because the model's
similarities, 0.89–0.93 to every measure, made 托育's "盘活社区存量用房" its nearest unit while the words it shares
with that matter are tf-idf 0.078 (below the 0.08 an item is aligned at). And a body offered as lead beside another
("由民政或卫计部门牵头") is seated."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
YLYX = ROOT / "corpus" / "sample" / "调研报告" / "2024" / "关于我省一老一小服务体系建设情况的调研报告.docx"

ELDER = "全省60周岁以上老年人口达到1,960万人"


@pytest.fixture(scope="module")
def ylyx(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> dict[str, str]:
    """The sample report split as `topicmine split` does (with the model), each draft's Markdown by title."""
    from topicmine import pipeline
    from topicmine.config import load_settings

    wd = tmp_path_factory.mktemp("wd")
    out = tmp_path_factory.mktemp("out")
    ws = pipeline.Workspace(load_settings(workdir=wd))
    res = pipeline.split(ws, pipeline.read_upload(ws, YLYX.name, YLYX.read_bytes()), out_dir=out)
    assert res["drafts"]
    return {f.stem: f.read_text(encoding="utf-8") for f in out.glob("*.md") if f.stem != "summary"}


def test_the_sample_childcare_draft_does_not_quote_the_elderly_care_item(ylyx) -> None:  # type: ignore[no-untyped-def]
    body = next(v for k, v in ylyx.items() if "托育服务供给" in k)
    sit = body[body.index("调研情况"):body.index("问题分析")]
    assert ELDER not in sit, sit
    assert "全省备案托育机构" in sit  # its own item stays


REPORT = ("一、基本情况\n（一）托育服务供给较快增长\n全省备案托育机构5,600余家，普惠托育机构2,100余家。\n"
          "（二）养老服务网络逐步完善\n全省建成街道综合养老服务中心2.1万个，老年助餐点1.1万个。\n"
          "（三）护理人才初具规模\n全省养老护理员8万人，保育师3万人。\n"
          "二、存在问题\n（一）社区托位不足\n社区嵌入式托育点少。\n（二）护理人才短缺\n护理员流失率高。\n"
          "三、对策建议\n（一）扩大社区托育供给\n盘活社区存量用房，建设社区托育点。\n"
          "（二）加强护理人才培养\n扩大保育师和护理员培养规模，提高薪酬待遇。\n")


def _analyse(model_favours: str | None):  # type: ignore[no-untyped-def]
    """The report analysed with stand-in model vectors: every unit and passage near one another, the 养老 item nearest
    the unit whose text holds ``model_favours``."""
    from topicmine.drafts import analyze as A

    def embed(texts: list[str]) -> np.ndarray:
        v = np.ones((len(texts), 4), dtype=np.float32)
        for i, t in enumerate(texts):
            if "养老服务中心" in t or (model_favours and model_favours in t):
                v[i, 0] += 0.5
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    return A.analyze_report(REPORT, embed=embed)


def test_the_model_alone_does_not_give_a_matter_an_item_it_shares_no_words_with() -> None:
    a = _analyse("盘活社区存量用房")
    child = next(g for g in a.groups if "托育" in g.heading)
    assert not any("养老服务中心" in p.text for p in child.support), [p.text for p in child.support]
    assert any("备案托育机构" in p.text for p in child.support)


def test_a_free_item_sharing_words_with_its_nearest_matter_still_backs_it() -> None:
    """The bar is on shared words, not on the item being free: "（三）护理人才初具规模" (no matter's aligned item once
    the 人才 matter has its own) shares 保育师/护理员 with 人才 and backs it."""
    a = _analyse(None)
    talent = next(g for g in a.groups if "人才" in g.heading)
    assert any("养老护理员8万人" in p.text for p in talent.support), [p.text for p in talent.support]


def _units(text: str, level: str = "省") -> list[str]:
    from topicmine.drafts.departments import load_departments_for_level

    return [h.name for h in load_departments_for_level(level).suggest(text, level=level)]


def test_two_bodies_offered_as_lead_are_both_seated() -> None:
    """"由民政或卫计部门牵头" names 民政 as a possible lead: it was read as no list ("、" only) and 民政 was not seated."""
    text = ("关于建立全省专业老年健康教育平台的建议\n由民政或卫计部门牵头，整合医疗院校培训体系及专业人员，"
            "建立全省专业老年健康教育平台，开展老年健康知识普及。")
    got = _units(text)
    assert "省民政厅" in got and "省卫生健康委" in got, got


def test_or_inside_running_text_names_no_body() -> None:
    text = "关于加强社区养老服务的建议\n鼓励社会力量以独资或合资方式兴办养老机构，由民政部门加强监管。"
    assert _units(text)[:1] == ["省民政厅"]
    assert len(_units(text)) <= 3
