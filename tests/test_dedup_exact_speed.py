"""The history check's faster text work gives difflib's answers exactly: the shared spans, the longest common run of
the pair features, and the highlights deferred to the items a caller keeps. Built from the sample corpus (the
proposals and replies a split of the sample reports is compared with) and from small random texts over a few
characters, where difflib's recursion and its work budget are exercised hardest."""

from __future__ import annotations

import random
from difflib import SequenceMatcher
from pathlib import Path

from sample_corpus import sample_texts

import pytest

from topicmine.dedup import explain as E
from topicmine.dedup.features import pair_features
from topicmine.dedup.matching import check, explained
from topicmine.dedup.text import normalize

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"



def _reference_spans(a: str, b: str, min_len: int) -> list[dict]:
    """shared_spans as it was: difflib's blocks (or the anchors past its budget), then the same filter."""
    blocks = E._difflib_blocks(a, b)
    if blocks is None:
        blocks = E._anchor_blocks(a, b, min_len, max_blocks=200)
    out = [{"a_start": i, "a_end": i + k, "b_start": j, "b_end": j + k, "length": k, "text": a[i : i + k]}
           for i, j, k in blocks if len(normalize(a[i : i + k])) >= min_len]
    out.sort(key=lambda s: -s["length"])
    return sorted(out[:50], key=lambda s: s["a_start"])


def _random_pairs(n: int, seed: int = 0) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    alpha = "的是在建议农村养老服务体系加强推进，。、㍻ﬁ"
    pairs = []
    for _ in range(n):
        k = rng.randint(2, len(alpha))
        pairs.append(("".join(rng.choice(alpha[:k]) for _ in range(rng.randint(0, 250))),
                      "".join(rng.choice(alpha) for _ in range(rng.randint(0, 250)))))
    return pairs


def test_shared_spans_are_difflibs_on_the_sample_corpus() -> None:
    texts = sample_texts()
    assert len(texts) >= 10
    pairs = [(texts[i], texts[j]) for i in range(len(texts)) for j in range(len(texts)) if i != j][:120]
    for a, b in pairs:
        for m in (6, 8):
            assert E.shared_spans(a, b, min_len=m) == _reference_spans(a, b, m)


def test_span_blocks_keep_difflibs_blocks_and_its_work_budget() -> None:
    """Every block of min_size or more that difflib finds, the same ones, and None exactly when difflib's counted
    work passes the budget — with budgets small enough that the bound on the skipped recursion leaves it undecided."""
    over = within = 0
    for a, b in _random_pairs(300):
        for min_size in (1, 2, 3, 6):
            for budget in (10**7, 3000, 400):
                ref = E._difflib_blocks(a, b, budget)
                want = None if ref is None else [x for x in ref if x[2] >= min_size]
                assert E._span_blocks(a, b, min_size, budget) == want
                if budget == 400 and min_size == 6:
                    over += ref is None
                    within += ref is not None
    assert over > 20 and within > 20  # the budget decided both ways


def test_span_blocks_with_compatibility_characters_that_widen_when_normalised() -> None:
    """"㍻" normalises to two characters: a 4-character block can be a span of 8; it is not skipped."""
    a = "关于" + "㍻㍻㍻㍻" + "的提案建议"
    b = "今年" + "㍻㍻㍻㍻" + "的材料"
    assert E.shared_spans(a, b, min_len=8) == _reference_spans(a, b, 8)
    assert E.shared_spans(a, b, min_len=8)[0]["text"].startswith("㍻㍻㍻㍻")


def test_longest_run_size_is_difflibs_longest_match() -> None:
    texts = [normalize(t) for t in sample_texts()]
    for a, b in [(texts[i], texts[j]) for i in range(len(texts)) for j in range(i + 1, len(texts))][:80] + _random_pairs(300, 1):
        want = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size if a and b else 0
        assert E.longest_run_size(a, b) == want


def test_pair_features_unchanged_by_the_per_text_cache() -> None:
    texts = sample_texts()[:12]
    a = [texts[0]] * 11 + texts[1:6]
    b = texts[1:12] + [texts[0]] * 5
    first = pair_features(a, b)
    again = pair_features(a, b)  # now from the per-text cache
    fresh = pair_features([t + "" for t in a], [str(t) for t in b])
    assert first.tobytes() == again.tobytes() == fresh.tobytes()
    assert first[0, 4] == pytest.approx(
        SequenceMatcher(None, normalize(a[0]), normalize(b[0]), autojunk=False).find_longest_match(
            0, len(normalize(a[0])), 0, len(normalize(b[0]))).size / min(len(normalize(a[0])), len(normalize(b[0]))))


def test_deferred_highlights_give_the_same_items_key_for_key() -> None:
    texts = sample_texts()
    draft, past = texts[0], texts[1:]
    ids = [f"P{i}" for i in range(len(past))]
    eager = check(draft, None, past, None, ids, limit=8)
    lazy = check(draft, None, past, None, ids, limit=8, explain=False)
    assert eager and all("_explain" in it and "spans" not in it for it in lazy)
    # as the drafting history check uses them: extra keys added after, some items dropped before explaining
    kept = [{**it, "retrieval": "keyword"} for it in lazy][::2]
    assert repr(explained(kept)) == repr([{**it, "retrieval": "keyword"} for it in eager][::2])
    assert [list(it) for it in explained(kept)] == [list({**it, "retrieval": "keyword"}) for it in eager][::2]
