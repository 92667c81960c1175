"""Pieces of one named event are one 议题 (浙江 2015–2026, seen: the sealed read of docs/figures/topics11-judge.md found
杭州亚运会 in three 议题 at ranks 95–114 — "筹备工作", "亚运会", “迎亚运讲文明树新风” — with no programme 议题 over them)."""

from __future__ import annotations

import re

from topicmine.topics.clauses import split_clauses_heads
from topicmine.topics.parts import event_heads, fold_parts, programme_parts
from topicmine.topics.rank import RankedTopic

from realdata_paths import PROVINCES, needs  # noqa: E402

ZHEJIANG = PROVINCES / "浙江省"

pytestmark = needs(ZHEJIANG)


def _clauses(pattern: str) -> list[str]:
    out = []
    for year in range(2015, 2027):
        for para in (ZHEJIANG / f"{year}.md").read_text(encoding="utf-8").split("\n\n"):
            out += [c for c, head in split_clauses_heads(para.strip()) if not head and re.search(pattern, c)]
    return out


def test_the_pieces_of_the_asian_games_fold_under_the_best_ranked() -> None:
    games = _clauses("亚运")
    assert len(games) >= 10
    # the pieces as the clause step made them: the games' own name, the city campaign, the venues
    pieces = {5: [c for c in games if "亚运会" in c], 7: [c for c in games if "亚运会" not in c],
              9: _clauses("学前教育")}
    anchors = {5: "亚运会", 7: "亚运", 9: "学前教育"}
    ranked = [9, 7, 5]  # the campaign piece ranks above the games' own name
    heads = event_heads(pieces, anchors, ranked)
    assert heads == [7]
    part_of = programme_parts(pieces, heads, anchors, ranked)
    assert part_of == {5: 7}
    out = fold_parts([RankedTopic(t, i + 1, 9.0 - i, f"r{t}") for i, t in enumerate(ranked)], part_of,
                     {5: "亚运会", 7: "亚运", 9: "学前教育"})
    assert [r.topic for r in out] == [9, 7, 5] and out[2].part_of == 7  # listed once, the piece under it


def test_a_body_named_with_hui_is_no_event() -> None:
    texts = {1: ["发挥政协委员会作用"] * 3, 2: ["支持行业协会商会发展", "委员会履职"]}
    assert event_heads(texts, {1: "委员会", 2: "委员会"}, [1, 2]) == []
