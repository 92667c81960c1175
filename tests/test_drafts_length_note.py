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
