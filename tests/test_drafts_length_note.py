"""What the length cap cuts is said in the draft (a blind read: a 减负 proposal kept one of its 14 situation and
problem paragraphs — the survey figures and all three causes gone — with only the over-length warning to tell).
The sample 低空经济 report, split with a cap its drafts' measures and support cannot all fit in."""

from __future__ import annotations

from pathlib import Path

from topicmine.drafts import read_report, split_report

LA = Path(__file__).resolve().parents[1] / "corpus/sample/调研报告/2025/关于苏州市低空经济发展情况的调研报告.md"


def _drafts(cap: int):  # type: ignore[no-untyped-def]
    text, heads = read_report(LA)
    return split_report(text, headings=heads, layout=True, proposal_max_chars=cap).drafts


def test_paragraphs_the_cap_cut_are_named_where_they_were_cut() -> None:
    full = {d.title: d for d in _drafts(2500) if d.genre == "proposal"}
    tight = {d.title: d for d in _drafts(500) if d.genre == "proposal"}
    noted = 0
    for title, d in tight.items():
        body = d.text()
        if title not in full:
            continue
        lost = len(full[title].text()) - len(body)
        if "篇幅所限，报告中另有" in body:
            noted += 1
            # the note names what it left out by its opening words, so the drafter can find it in the report
            note = next(ln for ln in body.splitlines() if "篇幅所限，报告中另有" in ln)
            assert "……”" in note and note.endswith("）"), note
        else:
            assert lost <= 0, (title, lost)  # nothing cut, nothing to say
    assert noted >= 1


def test_no_note_when_nothing_was_cut() -> None:
    assert not any("篇幅所限，报告中另有" in d.text() for d in _drafts(100000))


def test_a_list_marker_whose_list_runs_on_in_the_quote_is_kept() -> None:
    """The fifth blind read's 常泰 draft: "…一是…二是…" ¶ "便利的交通环境。……四是……" — the "三是" opening the
    second paragraph was stripped as the report's own numbering, so the list skipped a number."""
    from topicmine.drafts.assemble import _quote

    src = ("常泰两地合作基础良好：一是良好的政策环境。二是共同的发展思路。\n"
           "三是便利的交通环境。常泰两地共享长江航道和岸线。四是雄厚的产业基础。五是和谐的人文交流。\n"
           "1．规划缺乏统筹。各地各自为政。\n")
    a = src.index("三是")
    assert _quote(src, a, src.index("\n", a), strip_number=True).text.startswith("三是便利的交通环境")
    b = src.index("1．")
    assert _quote(src, b, len(src) - 1, strip_number=True).text == "规划缺乏统筹。各地各自为政。"


def test_the_tools_own_length_note_is_never_a_second_matter() -> None:
    # the length budget's note quotes the openings of passages it left out; read as the draft's text, a note naming
    # another matter's passages made one-matter and the title check fail a one-matter draft
    from topicmine.drafts.checks import check_draft

    base = ("关于加强普惠托育服务供给的提案\n一、案由\n关于加强普惠托育服务供给的提案\n二、调研情况\n"
            "我市0至3岁婴幼儿约12万人，托育机构186家，普惠托位仅占三成，家长送托意愿强烈但费用偏高。\n{note}"
            "三、问题分析\n普惠托育机构运营成本高，场地租金和人员工资负担重，托育从业人员专业化程度低，缺少保育资格培训。\n{note}"
            "四、具体建议\n1．加大普惠托育财政补贴，按托位给予运营补助。\n2．支持用人单位和社区举办托育点，提供场地支持。\n"
            "3．建立托育从业人员培训和资格制度，提高保育质量。\n")
    note = ("（篇幅所限，报告中另有4段相关内容未写入：“低空经济产业链中无人机整机制造企业……”、“无人机飞行空域审批流程复杂，"
            "低空航线……”、“低空飞行安全监管和反制设备……”等。）\n")
    for text in (base.format(note=""), base.format(note=note)):
        r = check_draft(text, "proposal")
        verdicts = {c.name: c.passed for c in r.checks if c.name in ("one_matter", "title_body")}
        assert verdicts == {"one_matter": True, "title_body": True}, verdicts
