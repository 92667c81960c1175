"""Keyword search: filters, ranking, snippets, and hostile query words taken literally."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_store_helpers import corpus, seg_doc

from topicmine.records import DocType
from topicmine.store import Store
from topicmine.store.fts import clean_words, find_matches, match_expression, quote, snippet


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "topicmine.sqlite") as s:
        c = corpus()
        for name, sd in c.items():
            s.replace_source(f"{name}.docx", f"h-{name}", [sd])
        # filler passages so that bm25's idf is positive for the words under test
        filler = [[f"第{i}条", "其他", "事项", "安排"] for i in range(20)]
        other = seg_doc(filler, doc_type=DocType.other, region="上海市", year=2020)
        s.replace_source("filler.md", "h-filler", [other])
        s.corpus = c  # type: ignore[attr-defined]
        yield s


def test_search_finds_and_highlights(store: Store) -> None:
    hits = store.keyword_search(["营商环境"])
    rows = store.passages([h.passage_id for h in hits])
    assert len(hits) == 3  # biz title, biz suggestion, gov report
    assert all("营商环境" in r.text for r in rows)
    for h, r in zip(hits, rows):
        assert h.doc_id == r.doc_id and h.score > 0
        assert "【营商环境】" in h.snippet
        assert all(r.text[s:e] == "营商环境" for s, e in h.matches)


def test_more_matching_words_rank_higher(store: Store) -> None:
    hits = store.keyword_search(["中小企业", "融资难", "营商环境"])
    top = store.passages([hits[0].passage_id])[0]
    assert "中小企业" in top.text and "融资难" in top.text
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_filters_are_applied(store: Store) -> None:
    c = store.corpus  # type: ignore[attr-defined]
    words = ["营商环境"]
    assert {h.doc_id for h in store.keyword_search(words, doc_types=["提案"])} == {c["biz"].document.id}
    assert {h.doc_id for h in store.keyword_search(words, doc_types="政府工作报告")} == {c["gov"].document.id}
    assert {h.doc_id for h in store.keyword_search(words, region="浙江省")} == {c["gov"].document.id}
    assert store.keyword_search(words, year_from=2025) == []
    in_2023 = store.keyword_search(words, year_from=2023, year_to=2023)
    assert {h.doc_id for h in in_2023} == {c["biz"].document.id}
    assert len(store.keyword_search(words, limit=1)) == 1
    assert store.keyword_search(words, region="浙江省' OR 1=1 --") == []


def test_boilerplate_can_be_excluded(store: Store) -> None:
    hits = store.keyword_search(["营商环境"])
    store.set_boilerplate([hits[0].passage_id], True)
    without = store.keyword_search(["营商环境"], include_boilerplate=False)
    assert hits[0].passage_id not in {h.passage_id for h in without}
    assert len(store.keyword_search(["营商环境"])) == 3


@pytest.mark.parametrize(
    "word",
    ['"', "*", "NEAR(", "a OR b", "'; DROP TABLE documents; --", '"; DROP TABLE documents; --',
     "营商环境*", "words:营商环境", "^营商环境", "-营商环境", "(营商环境", "营商环境 AND 养老", "NOT", "\\", "''", "",
     "   ", "\x00", "营商环境\"", "NEAR(营商环境 养老, 2)"],
)
def test_hostile_words_are_literals(store: Store, word: str) -> None:
    before = store.count_documents()
    hits = store.keyword_search([word])
    hits_mixed = store.keyword_search([word, "养老"])
    assert store.count_documents() == before
    assert store.integrity_check()
    # syntax never widens the search: only passages with the word's own tokens can match
    for h in hits:
        text = store.passages([h.passage_id])[0].text
        assert any(tok in text for tok in "".join(c if c.isalnum() else " " for c in word).split())
    assert any("养老" in store.passages([h.passage_id])[0].text for h in hits_mixed)


def test_or_inside_a_word_is_not_an_operator(store: Store) -> None:
    english = [["policy", " ", "a", " ", "or", " ", "b", " ", "choice"], ["only", " ", "b", " ", "here"]]
    store.replace_source("en.md", "h-en", [seg_doc(english)])
    hits = store.keyword_search(["a OR b"])  # the phrase "a or b", not a OR b
    texts = [store.passages([h.passage_id])[0].text for h in hits]
    assert texts == ["policy a or b choice"]
    assert [store.passages([h.passage_id])[0].text for h in store.keyword_search(["NEAR"])] == []


def test_empty_and_punctuation_only_queries_return_nothing(store: Store) -> None:
    assert store.keyword_search([]) == []
    assert store.keyword_search(["，", "。", "*"]) == []
    assert store.keyword_search(["营商环境"], limit=0) == []


def test_a_plain_string_is_one_word_not_characters(store: Store) -> None:
    assert [h.passage_id for h in store.keyword_search("营商环境")] == [
        h.passage_id for h in store.keyword_search(["营商环境"])
    ]


# ---- pure helpers ------------------------------------------------------------------------
def test_quote_and_match_expression() -> None:
    assert quote('a"b') == '"a""b"'
    assert match_expression(["营商环境", "营商环境", "*", '"', "养老"]) == '"营商环境" OR "养老"'
    assert clean_words(["  乡村振兴 ", "ＡＢ", "—"]) == ["乡村振兴", "ＡＢ"]


def test_find_matches_prefers_longer_words() -> None:
    text = "持续优化营商环境，营商主体活力增强"
    assert find_matches(text, ["营商", "营商环境"]) == [(4, 8), (9, 11)]
    assert find_matches(text, ["*", "("]) == []


def test_snippet_windows_and_marks() -> None:
    text = "过去一年" + "，" * 200 + "要大力发展新质生产力，持续优化营商环境。" + "。" * 100
    m = find_matches(text, ["新质生产力", "营商环境"])
    s = snippet(text, m, width=40)
    assert s.startswith("…") and s.endswith("…")
    assert "【新质生产力】" in s and "【营商环境】" in s
    assert snippet("短文本", [], width=40) == "短文本"
    assert snippet("", [(0, 1)]) == ""
