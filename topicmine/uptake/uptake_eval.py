"""Figures for uptake scoring on labelled proposals (uptake_dev.jsonl), with the e5 cosine baseline.

Everything the scorer decides is measured out-of-fold: proposals are split into ``folds`` groups
(GroupKFold by ``pkid``); for each held-out group the two models are trained on the others and the 采纳
threshold is chosen by an inner grouped CV on the training proposals only (best F1 there; the operating
point aiming at precision ≥ 0.8 is reported too). So neither the weights nor the threshold ever saw the
proposal being scored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from topicmine.uptake.scoring import binary_pr
from topicmine.uptake.scorer import UptakeScorer, best_f1_threshold, feature_vector, pick_threshold

LEVELS = ("采纳", "呼应", "无")


def item_features(rows: Sequence[dict[str, Any]], embedder: Any, *, show_progress: bool = False) -> list[list[dict[str, Any]]]:
    """Alignment features for every candidate passage of every labelled proposal (one list per proposal)."""
    import numpy as np

    from topicmine.uptake.alignment import Lexicon, align_lexical, cosine_features, sentences
    from topicmine.uptake.asks import extract_asks, suggestion_part
    from topicmine.uptake.pair_scorer import pair_matrix

    asks = [extract_asks(r["content"]) for r in rows]
    passages = [c["text"] for r in rows for c in r["candidates"]]
    lex = Lexicon.fit(passages + [s for A in asks for a in A for s in a.sentences])
    # one batched encode per kind (sorted by the backend), then plain lookups
    q_texts: list[str] = []
    p_texts: list[str] = []
    items = []
    for r, A in zip(rows, asks):
        _, part = suggestion_part(r["content"])
        item_q = r["title"] + "。" + part[:700]
        heads = [a.headline for a in A] or [r["title"]]
        asents = [s for a in A for s in a.sentences] or [r["title"]]
        q_texts += [item_q, *heads, *asents]
        cands = []
        for c in r["candidates"]:
            ps = sentences(c["text"]) or [c["text"]]
            p_texts += [c["text"], *ps]
            cands.append((c, ps))
        items.append((r, A, item_q, heads, asents, cands))
    uq = list(dict.fromkeys(q_texts))
    up = list(dict.fromkeys(p_texts))
    qv = dict(zip(uq, embedder.encode(uq, kind="query", show_progress=show_progress)))
    pv = dict(zip(up, embedder.encode(up, kind="passage", show_progress=show_progress)))
    out: list[list[dict[str, Any]]] = []
    for r, _asks, item_q, heads, asents, cands in items:
        iv = qv[item_q]
        av = np.stack([qv[t] for t in heads])
        sv = np.stack([qv[t] for t in asents])
        feats = []
        for c, ps in cands:
            psv = np.stack([pv[t] for t in ps])
            f = cosine_features(iv, av, sv, pv[c["text"]], psv)
            lx = align_lexical([*asents, r["title"]], c["text"], lex)
            f.update({k: lx[k] for k in ("shared_idf", "shared_n", "lcs", "commit", "generic")})
            # the pair scorer's input: every ask sentence × passage sentence (pair_scorer.pair_matrix)
            pairs = pair_matrix(asents, sv, ps, psv, lex, feature_vector(f))
            feats.append({"features": f, "alignment": lx, "label": c.get("label"), "pairs": pairs,
                          "pair_sentences": (asents, ps)})
        out.append(feats)
    return out


def _auc(scores: Sequence[float], gold: Sequence[bool]) -> float:
    pos = [s for s, g in zip(scores, gold) if g]
    neg = [s for s, g in zip(scores, gold) if not g]
    if not pos or not neg:
        return 0.0
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _best_f1(scores: Sequence[float], gold: Sequence[bool]) -> dict[str, float]:
    pairs = sorted(zip(scores, gold), key=lambda t: -t[0])
    total = sum(gold) or 1
    tp = fp = 0
    best = {"f1": 0.0, "precision": 0.0, "recall": 0.0, "threshold": 1.0}
    for s, g in pairs:
        tp += g
        fp += not g
        p, r = tp / (tp + fp), tp / total
        f = 2 * p * r / (p + r) if p + r else 0.0
        if f > best["f1"]:
            best = {"f1": round(f, 3), "precision": round(p, 3), "recall": round(r, 3), "threshold": round(s, 4)}
    return best


def _precision_at_recall(scores: Sequence[float], gold: Sequence[bool], recall: float) -> float:
    pairs = sorted(zip(scores, gold), key=lambda t: -t[0])
    total = sum(gold) or 1
    tp = fp = 0
    best = 0.0
    for _s, g in pairs:
        tp += g
        fp += not g
        if tp / total >= recall:
            best = max(best, tp / (tp + fp))
    return round(best, 3)


def _item_level(levels: Sequence[str]) -> str:
    return "采纳" if "采纳" in levels else ("呼应" if "呼应" in levels else "无")


def _fit_with_inner_threshold(feats: list[dict[str, float]], labels: list[str], groups: list[str],
                              target_precision: float | None, inner_folds: int = 4) -> UptakeScorer:
    """Fit on all of ``feats``; set the 采纳 threshold from inner grouped out-of-fold scores: the highest-recall
    point reaching ``target_precision``, or the best-F1 point when ``target_precision`` is None."""
    from sklearn.model_selection import GroupKFold

    model = UptakeScorer.fit(feats, labels, target_precision=target_precision or 0.8)
    n_groups = len(set(groups))
    if n_groups < inner_folds * 2:
        return model
    oof_a = [0.0] * len(feats)
    oof_e = [0.0] * len(feats)
    for tr, te in GroupKFold(inner_folds).split(feats, labels, groups):
        m = UptakeScorer.fit([feats[i] for i in tr], [labels[i] for i in tr])
        for i in te:
            oof_a[i], oof_e[i] = m.probs(feats[i])
    gold = [lab == "采纳" for lab in labels]
    model.t_adopt = pick_threshold(oof_a, gold, target_precision) if target_precision else best_f1_threshold(oof_a, gold)
    model.t_echo = best_f1_threshold(oof_e, [lab != "无" for lab in labels])
    return model


def repeated_group_cv(F: Sequence[dict[str, float]], labels: Sequence[str], groups: Sequence[str], *, folds: int = 5,
                      repeats: int = 5, seed: int = 0) -> dict[str, Any]:
    """AUC and precision at recall ≥ 0.7 of P(采纳), out-of-fold over ``repeats`` random assignments of whole
    proposals to ``folds`` folds (seeds ``seed``…): the spread says how much one split's figure can be trusted."""
    import random
    import statistics

    gold = [lab == "采纳" for lab in labels]
    aucs, pars = [], []
    uniq = sorted(set(groups))
    for s in range(seed, seed + repeats):
        perm = uniq[:]
        random.Random(s).shuffle(perm)
        fold_of = {g: k % folds for k, g in enumerate(perm)}
        pa = [0.0] * len(F)
        for k in range(folds):
            tr = [i for i, g in enumerate(groups) if fold_of[g] != k]
            m = UptakeScorer.fit([F[i] for i in tr], [labels[i] for i in tr])
            for i, g in enumerate(groups):
                if fold_of[g] == k:
                    pa[i] = m.probs(F[i])[0]
        aucs.append(_auc(pa, gold))
        pars.append(_precision_at_recall(pa, gold, 0.7))
    return {"what": f"{folds} folds of whole proposals × {repeats} random assignments (seeds {seed}…{seed + repeats - 1})",
            "auc_mean": round(statistics.mean(aucs), 3), "auc_sd": round(statistics.pstdev(aucs), 3),
            "precision_at_recall_0.7_mean": round(statistics.mean(pars), 3),
            "precision_at_recall_0.7_sd": round(statistics.pstdev(pars), 3),
            "precision_at_recall_0.7_each": [round(x, 3) for x in pars]}


def score_uptake(rows: Sequence[dict[str, Any]], feats: list[list[dict[str, Any]]], *, folds: int = 5,
                 target_precision: float | None = None, repeats: int = 5, seed: int = 0) -> dict[str, Any]:
    """Out-of-fold figures of the scorer, and the e5 cosine baseline on the same candidates."""
    from sklearn.model_selection import GroupKFold

    flat = [(i, j) for i, fs in enumerate(feats) for j in range(len(fs))]
    F = [feats[i][j]["features"] for i, j in flat]
    labels = [feats[i][j]["label"] for i, j in flat]
    groups = [rows[i]["pkid"] for i, _ in flat]
    gold_adopt = [lab == "采纳" for lab in labels]
    cos = [f["cos_item"] for f in F]

    res: dict[str, Any] = {"n_items": len(rows), "n_passages": len(flat), "passage_labels": dict(Counter(labels))}
    base_best = _best_f1(cos, gold_adopt)
    res["baseline_e5_cosine"] = {"auc": round(_auc(cos, gold_adopt), 3), "best_f1_oracle_threshold": base_best,
                                 "precision_at_recall_0.7": _precision_at_recall(cos, gold_adopt, 0.7)}
    # item level for the baseline: 采纳 when the best cosine passes the oracle threshold
    base_items = ["采纳" if max(f["features"]["cos_item"] for f in fs) >= base_best["threshold"] else "无" for fs in feats]

    pa = [0.0] * len(flat)
    lv = [""] * len(flat)
    lv_p = [""] * len(flat)  # the operating point that aims at precision ≥ 0.8
    for tr, te in GroupKFold(folds).split(F, labels, groups):
        trF, trL, trG = [F[k] for k in tr], [labels[k] for k in tr], [groups[k] for k in tr]
        m = _fit_with_inner_threshold(trF, trL, trG, target_precision)
        m_p = _fit_with_inner_threshold(trF, trL, trG, 0.8)
        for k in te:
            lv[k], pa[k], _ = m.level(F[k])
            lv_p[k] = m_p.level(F[k])[0]
    op = f"precision ≥ {target_precision}" if target_precision else "best F1"
    res["scorer_cv"] = {
        "what": f"two logistic regressions over alignment features, GroupKFold({folds}) by proposal; the 采纳 threshold "
                f"is chosen by inner grouped CV on the training proposals only ({op})",
        "adopt": binary_pr(gold_adopt, [x == "采纳" for x in lv]),
        "adopt_at_precision_0.8_target": binary_pr(gold_adopt, [x == "采纳" for x in lv_p]),
        "auc_adopt": round(_auc(pa, gold_adopt), 3),
        "best_f1_oracle_threshold": _best_f1(pa, gold_adopt),
        "precision_at_recall_0.7": _precision_at_recall(pa, gold_adopt, 0.7),
        "passage_accuracy_3way": round(sum(a == b for a, b in zip(lv, labels)) / len(labels), 3),
    }
    if repeats:
        res["scorer_cv_repeated"] = repeated_group_cv(F, labels, groups, folds=folds, repeats=repeats, seed=seed)
        if all("pairs" in feats[i][j] for i, j in flat):
            from topicmine.uptake.pair_scorer import repeated_pair_cv

            res["pair_scorer_cv_repeated"] = repeated_pair_cv([feats[i][j]["pairs"] for i, j in flat], gold_adopt, groups,
                                                              folds=folds, repeats=repeats, seed=seed)
    # item level: best candidate's level, as the labels define it
    by_item: dict[int, list[str]] = {}
    for (i, _), lev in zip(flat, lv):
        by_item.setdefault(i, []).append(lev)
    pred_items = [_item_level(by_item.get(i, [])) for i in range(len(rows))]
    gold_items = [r.get("uptake") or _item_level([c["label"] for c in r["candidates"]]) for r in rows]
    res["item_accuracy"] = round(sum(a == b for a, b in zip(pred_items, gold_items)) / len(rows), 3)
    res["item_confusion"] = {g: dict(Counter(p for gg, p in zip(gold_items, pred_items) if gg == g)) for g in LEVELS}
    res["baseline_item_accuracy_e5"] = round(sum(a == b for a, b in zip(base_items, gold_items)) / len(rows), 3)
    res["baseline_item_majority"] = round(Counter(gold_items).most_common(1)[0][1] / len(rows), 3)
    return res


__all__ = ["item_features", "score_uptake", "feature_vector"]
