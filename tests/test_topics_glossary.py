"""名词解释 in the forms the seen sets G (河南 2019, 长沙 2026) and H (南昌 2026, 海口 2026) use; the flag counted 15 of
G's 36 and 18 of H's 56 glossary passages:

- "1.“四个着力”“四张牌”（《报告》第1页第13行）这是…" (the page and line where the report uses the term);
- "[4]零关税：对进口货物免征进口关税…" (a footnote number in brackets);
- "5.三促三稳三提：…", "21.四个全球：2023年6月…" — a numbered entry that alone reads like a numbered task, but comes
  after the document's glossary heading or first entry.
"""

from __future__ import annotations

import re

import pytest

from realdata_paths import DATA
from topicmine.topics.nonmatter import nonmatter_reason, nonmatter_reasons

REPORTS = DATA / "gov_reports_lawtext"
HENAN_2019 = REPORTS / "政府工作报告-省自治区" / "河南省" / "2019.md"
HAIKOU_2026 = REPORTS / "政府工作报告-主要城市" / "海口市" / "2026.md"
CHANGSHA_2026 = REPORTS / "政府工作报告-主要城市" / "长沙市" / "2026.md"


def test_page_referenced_and_footnote_entries_are_glossary():
    assert nonmatter_reason("3.“八个一批”（《报告》第4页第21行）\n\n这是2018年河南省提出的防范化解地方债务风险的具体举措，"
                            "即根据债务规模、举借方式、偿债能力等实际情况，科学分类、一债一策") == "glossary"
    assert nonmatter_reason("[4]零关税：对进口货物免征进口关税、进口环节增值税和消费税。") == "glossary"
    assert nonmatter_reason("[6]六水共治：系统推进治污水、保供水、排涝水、防洪水、抓节水、优海水六项工作。") == "glossary"
    # a footnote mark inside a sentence of the report is no entry
    assert nonmatter_reason("坚持和发展新时代“枫桥经验”[35]，深入推进信访工作法治化，全面排查化解矛盾纠纷。") != "glossary"
    assert nonmatter_reason("推进“八个一批”，化解地方政府债务风险。") is None


def test_a_numbered_entry_is_glossary_only_after_the_documents_glossary_began():
    texts = ["名词解释", "5.三促三稳三提：“三促”即促消费扩容、促有效投资、促科产融合",
             "21.四个全球：2023年6月，岳麓峰会上首次提出", "1.加强师资队伍建设：建立教师培训制度，提高待遇"]
    assert nonmatter_reasons(texts, ["cs", "cs", "cs", "prop"]) == ["glossary", "glossary", "glossary", None]
    # alone (no document order), the numbered entry without 即/指 or a quoted term is not told from a task
    assert nonmatter_reasons(texts)[2] is None


def _passages(path):
    # the stored text's paragraphs, as `ingest` reads a Markdown report (one passage a paragraph)
    return [p.replace("**", "").strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


@pytest.mark.realdata
@pytest.mark.skipif(not (HENAN_2019.is_file() and HAIKOU_2026.is_file() and CHANGSHA_2026.is_file()),
                    reason=f"real data not found at {REPORTS} (set TOPICMINE_DATA_DIR)")
def test_seen_reports_glossaries_are_flagged():
    for path, n_entries in ((HENAN_2019, 16), (HAIKOU_2026, 30), (CHANGSHA_2026, 30)):
        paras = _passages(path)
        reasons = nonmatter_reasons(paras, [path.name] * len(paras))
        flagged = sum(r == "glossary" for r in reasons)
        assert flagged >= n_entries, (path, flagged)
        # the report's own paragraphs (no entry number in front) are no glossary
        body = [r for p, r in zip(paras, reasons) if len(p) > 60 and not re.match(r"[\[［\d]", p)]
        assert len(body) > 30 and sum(r == "glossary" for r in body) <= 1, path
