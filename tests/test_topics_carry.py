"""Stable 议题 ids: a refit carries an area's 议题 partition over small changes and re-splits on real ones
(topics.carry; the regression of tests/test_refresh.py::test_persisting_topics_keep_their_ids_after_a_small_change)."""

from __future__ import annotations

import numpy as np

from topicmine.topics import discover_topics
from topicmine.topics.carry import carry_plan, previous_partition

SETTINGS = {"min_topic_size": 5, "matter_resolution": 2.0, "seed": 1, "matter_unit": "passage"}
TEXTS = {(0, 0): "实施消费品以旧换新，支持汽车家电更新换代", (0, 1): "发展跨境电商，建设海外仓",
         (1, 0): "开展森林草原防灭火专项整治", (1, 1): "推进地方政府融资平台债务化解",
         (0, 2): "建设县域商业体系，发展农村电商"}


def _passages(centres: dict, plan: dict, rng, tag: str = ""):
    """``plan``: (area, matter) → passages per yearly report 2019–2026; returns vectors, texts, tokens, meta, gold."""
    V, T, M, gold = [], [], [], []
    for y in range(2019, 2027):
        for key, n in plan.items():
            for k in range(n):
                V.append(centres[key] + 0.5 * rng.normal(size=len(centres[key])))
                T.append(TEXTS[key] + "，" + "".join(chr(0x4E00 + int(c)) for c in rng.integers(0, 20000, 30)))
                M.append({"passage_id": f"{tag}{y}-{key[0]}{key[1]}-{k}", "doc_id": f"r{y}", "doc_type": "gov_report",
                          "year": y, "region": "某省"})
                gold.append(key)
    toks = [[w for w in t.replace("，", " ").split() if len(w) >= 2] for t in T]
    return V, T, toks, M, gold


def _centres(seed: int = 0, d: int = 48) -> dict:
    rng = np.random.default_rng(seed)
    areas = rng.normal(size=(2, d))
    return {(a, m): areas[a] * 3.0 + 0.8 * rng.normal(size=d) for a in range(2) for m in range(3)}


def _fit(parts, previous=None):
    V = np.array([v for p in parts for v in p[0]], dtype=np.float32)
    T, toks, M, gold = ([x for p in parts for x in p[i]] for i in (1, 2, 3, 4))
    res = discover_topics(V, T, toks, M, settings=SETTINGS, model_id="test",
                          previous_run=previous.run if previous else None,
                          previous_matters=previous.matters.run if previous else None)
    return res, gold, M


def test_small_change_keeps_every_matter_id_and_places_the_new_passages():
    c = _centres()
    rng = np.random.default_rng(5)
    base = _passages(c, {(0, 0): 4, (0, 1): 4, (1, 0): 4, (1, 1): 4}, rng)
    first, _gold, _ = _fit([base])
    assert first.matters.run.meta["areas_carried"] == 0  # nothing to carry on a first fit
    # three new passages on 以旧换新 (a new document), two old ones gone (a deleted one)
    new = _passages(c, {(0, 0): 1}, np.random.default_rng(9), tag="new-")
    new = tuple(x[:3] for x in new)
    kept = tuple(x[2:] for x in base)
    res, gold, meta = _fit([kept, new], previous=first)
    before = {t.id for t in first.matters.run.topics}
    after = {t.id: t for t in res.matters.run.topics}
    assert before == set(after) and all(t.status == "persisting" for t in after.values())
    assert res.matters.run.meta["areas_carried"] == len(res.areas.topic_ids)
    # the new passages joined the 议题 that holds the old 以旧换新 passages
    a = res.matters.assignments
    old_home = {int(a[i]) for i, g in enumerate(gold) if g == (0, 0) and not meta[i]["passage_id"].startswith("new-")}
    new_home = {int(a[i]) for i, m in enumerate(meta) if m["passage_id"].startswith("new-")}
    assert new_home <= old_home
    # and the change is remembered for the next refit
    since = res.matters.run.meta["since_fit"]
    assert sum(v[0] for v in since.values()) == 3 and sum(v[1] for v in since.values()) == 2


def test_a_new_matter_inside_an_area_re_splits_that_area_only():
    c = _centres()
    base = _passages(c, {(0, 0): 4, (0, 1): 4, (1, 0): 4, (1, 1): 4}, np.random.default_rng(5))
    first, _, _ = _fit([base])
    # 县域商业 arrives in area 0 with 24 passages: more than a tenth of the area, a 议题 of its own
    grown = _passages(c, {(0, 2): 3}, np.random.default_rng(11), tag="new-")
    res, gold, _ = _fit([base, grown], previous=first)
    assert res.matters.run.meta["areas_split"] >= 1 and res.matters.run.meta["areas_carried"] >= 1
    a = res.matters.assignments
    homes = {int(a[i]) for i, g in enumerate(gold) if g == (0, 2)}
    assert len(homes) == 1 and next(t for t in res.matters.run.topics if t.id in homes).status == "new"
    # the untouched area kept its 议题 (same ids, same members)
    prev = {t.id: set(t.members) for t in first.matters.run.topics}
    gold_of = {m["passage_id"]: g for m, g in zip(base[3], base[4])}
    area_1 = {t.id for t in first.matters.run.topics if all(gold_of[m][0] == 1 for m in t.members)}
    now = {t.id: set(t.members) for t in res.matters.run.topics}
    assert area_1 and all(now.get(t) == prev[t] for t in area_1)


def test_carry_counts_change_since_the_split_not_since_the_last_run():
    V = np.eye(4, dtype=np.float32)[[0] * 10 + [1] * 10]
    pids = [f"p{i}" for i in range(20)]
    prev = {"members": {0: pids[:8], 1: pids[10:]}, "since_fit": {}}
    # two arrivals (p8, p9) are within max(5 − 1, 10 % of 18)
    plan = carry_plan(V, np.arange(20), pids, prev, min_topic_size=5)
    assert plan is not None and plan.added == 2 and plan.labels[8] == plan.labels[0]
    # the same two arrivals after three carried earlier: five since the split, the area is split again
    prev["since_fit"] = {0: (3, 0)}
    assert carry_plan(V, np.arange(20), pids, prev, min_topic_size=5) is None
    # passages that left count as well (deleted or set aside)
    prev["since_fit"] = {}
    assert carry_plan(V, np.arange(5, 20), pids, {"members": {0: pids[:10], 1: pids[10:]}, "since_fit": {}},
                      min_topic_size=5) is None
    assert previous_partition(None) is None


def test_another_resolution_is_never_carried():
    c = _centres()
    base = _passages(c, {(0, 0): 4, (0, 1): 4, (1, 0): 4, (1, 1): 4}, np.random.default_rng(5))
    first, _, _ = _fit([base])
    V = np.array(base[0], dtype=np.float32)
    res = discover_topics(V, base[1], base[2], base[3], settings={**SETTINGS, "matter_resolution": 4.0},
                          model_id="test", previous_run=first.run, previous_matters=first.matters.run)
    assert res.matters.run.meta["areas_carried"] == 0
