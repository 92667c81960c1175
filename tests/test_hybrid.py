from topicmine.hybrid import find_terms, rrf_fuse, snippet


def test_rrf_prefers_items_ranked_by_both():
    fused = rrf_fuse({"keyword": [1, 2, 3], "semantic": [3, 4, 1]}, k=60)
    ids = [i for i, _, _ in fused]
    assert ids[:2] == [1, 3]  # both lists have them; 1 has the best single rank
    assert fused[0][2] == {"keyword": 1, "semantic": 3}
    assert set(ids) == {1, 2, 3, 4}


def test_rrf_limit_and_duplicates_ignored():
    fused = rrf_fuse({"a": [5, 5, 6]}, limit=1)
    assert [i for i, _, _ in fused] == [5]


def test_find_terms_longest_first_and_offsets():
    text = "推进社区嵌入式托育服务，托育机构"
    spans = find_terms(text, ["托育", "托育服务"])
    assert [text[a:b] for a, b in spans] == ["托育服务", "托育"]


def test_snippet_marks_terms_and_keeps_offsets():
    text = "一、基本情况。" + "全省各地" * 40 + "社区嵌入式托育服务供给不足。"
    snip, spans = snippet(text, ["托育"], width=40)
    assert "【托育】" in snip
    assert snip.startswith("…")
    assert all(text[a:b] == "托育" for a, b in spans)


def test_snippet_without_match_is_prefix():
    snip, spans = snippet("营商环境持续优化" * 30, ["低空经济"], width=20)
    assert spans == [] and snip.endswith("…") and len(snip) == 21
