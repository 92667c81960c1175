"""The duplicate message names each item by its genre (提案 / 社情民意信息 / 调研报告), never "两件提案" for
items that are not proposals. Built from the failing case: a labelled 重复 pair of real Jiangsu proposals
(互助养老, pairs_dev.jsonl) judged as two 社情民意信息 said "两件提案的第2条建议……"."""

from __future__ import annotations

import csv
import json

import pytest

from tests.realdata_paths import DATA, needs

JS = DATA / "jszx_proposals_2019"
pytestmark = needs(JS)


@pytest.fixture(scope="module")
def pair() -> tuple[dict[str, str], dict[str, str]]:
    rows = {r["pkid"]: r for r in csv.DictReader(open(JS / "jszx2019_dev.csv", encoding="utf-8"))}
    for line in open(JS / "pairs_dev.jsonl", encoding="utf-8"):
        p = json.loads(line)
        a, b = rows.get(p["a"]), rows.get(p["b"])
        if p["label"] == "重复" and a and b and "互助养老" in a["reason"]:
            return a, b
    pytest.skip("the 互助养老 重复 pair is not in pairs_dev.jsonl")


def _reason(a: dict[str, str], b: dict[str, str], ka: str | None, kb: str | None) -> str:
    from topicmine.dedup.matter import MatterDoc, judge

    return judge(MatterDoc.of(a["content"], a["reason"], ka), MatterDoc.of(b["content"], b["reason"], kb)).reason


def test_two_opinions_are_not_called_proposals(pair) -> None:
    a, b = pair
    r = _reason(a, b, "opinion", "opinion")
    assert "两件社情民意信息的第" in r and "提案" not in r, r


def test_two_proposals_keep_the_proposal_wording(pair) -> None:
    a, b = pair
    assert "两件提案的第" in _reason(a, b, "proposal", "proposal")


def test_mixed_and_unknown_genres(pair) -> None:
    a, b = pair
    mixed = _reason(a, b, "opinion", "report")
    assert "社情民意信息的第" in mixed and "调研报告的第" in mixed and "两件" not in mixed.split("：")[1][:4], mixed
    unknown = _reason(a, b, None, None)
    assert "两件材料的第" in unknown and "提案的第" not in unknown, unknown


def test_check_names_the_draft_and_the_past_item_by_genre(pair) -> None:
    """``dedup.check`` (what the drafting history check calls) takes the draft's genre and the past items'
    doc_type from their metadata."""
    from topicmine import dedup

    a, b = pair
    found = dedup.check(a["content"], None, [b["content"]], None, ["B"], [{"doc_type": "opinion", "title": b["reason"]}],
                        title=a["reason"], doc_type="opinion")
    assert found and found[0]["reason"].count("两件社情民意信息") == 1, found[0].get("reason")
    found = dedup.check(a["content"], None, [b["content"]], None, ["B"], [{"doc_type": "proposal", "title": b["reason"]}],
                        title=a["reason"], doc_type="opinion")
    assert "社情民意信息的第" in found[0]["reason"] and "提案的第" in found[0]["reason"]


def test_check_draft_passes_its_genre_to_a_history_function_that_takes_it(pair) -> None:
    from topicmine.drafts.checks import check_draft

    a, _ = pair
    seen: list[str | None] = []

    def history(text: str, genre: str | None = None) -> list[dict[str, str]]:
        seen.append(genre)
        return []

    check_draft(a["content"], "opinion", title=a["reason"], similar=history)
    check_draft(a["content"], "proposal", title=a["reason"], similar=lambda t: [])  # a plain one still works
    assert seen == ["opinion"]
