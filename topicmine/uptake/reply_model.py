"""A small learned layer over the reply rules: logistic regression on the rules' own cues.

The rules in :mod:`topicmine.uptake.replies` find cues (已拆除, 列入计划, 不符合条件, 已转…) with reasons; which
cue decides the outcome when several fire (a done fix plus "下一步将加强巡查", a refusal plus "将督促完善标线")
is where hand-written precedence is weakest. This layer learns that weighting from labelled replies, over
features that are all named cues, so its decision can still be explained by the cues with the largest
weights. It is trained only on the dev labels; its figures are cross-validated with folds grouped by answering
unit and the regularisation chosen inside each training part (``cross_validate``).

    >>> feats = reply_features(read_reply("该路灯已于5月20日修复，恢复照明。"))
    >>> round(feats["done"], 3), feats["rule=已解决"]  # two done cues: "已于…修复" and "于5月20日修复"
    (1.099, 1.0)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from topicmine.uptake.replies import _RULES, OUTCOMES, ReplyReading, read_reply

_KINDS = ("transfer", "refuse", "commit", "done", "explain", "study")
_REASONS = tuple(dict.fromkeys(r for _, r, _ in _RULES))
_WEAK = {
    "w_jiang": r"将(?!继续|进一步|一如既往)",
    "w_yi": r"已(?!收悉|知悉|获悉|收到)",
    "w_bu": r"不(?!便|断)",
    "w_keyi": r"可以|可向|可到|可拨打",
    "w_jianyi": r"建议",
    "w_muqian": r"目前|现在|现已",
    "w_jingcha": r"经查|经核实|经调查|调查核实",
    "w_yaoqiu": r"要求|责令|责成|督促",
    "w_zhengce": r"政策|规定|文件|办法|条例",
}
_WEAK_RX = {k: re.compile(v) for k, v in _WEAK.items()}


def reply_features(r: ReplyReading, reply: str | None = None) -> dict[str, float]:
    """Named features of a read reply: cue counts by kind/reason, where they sit, the rules' decision, length."""
    f: dict[str, float] = {}
    total = max(1, max((c.end for c in r.cues), default=1))
    for k in _KINDS:
        cs = [c for c in r.cues if c.kind == k]
        f[k] = math.log1p(len(cs))
        f[k + "@last"] = 1.0 if cs and max(c.end for c in cs) >= 0.6 * total else 0.0
    for reason in _REASONS:
        f["r:" + reason] = 1.0 if any(c.reason == reason for c in r.cues) else 0.0
    for o in OUTCOMES:
        f["rule=" + o] = 1.0 if r.outcome == o else 0.0
    f["deadline"] = 1.0 if r.deadline else 0.0
    f["len"] = math.log1p(r.substance_chars) / 7.0
    f["short"] = 1.0 if r.substance_chars < 60 else 0.0
    if reply is not None:
        n = max(1.0, len(reply) / 100.0)
        for k, rx in _WEAK_RX.items():
            f[k] = min(3.0, len(rx.findall(reply)) / n)
    return f


class ReplyModel:
    """Logistic regression over :func:`reply_features`; ``predict`` returns outcomes with the top cues."""

    def __init__(self, C: float = 0.5) -> None:
        self.C = C
        self._vec: Any = None
        self._clf: Any = None

    def fit(self, feats: Sequence[dict[str, float]], labels: Sequence[str]) -> ReplyModel:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        self._vec = DictVectorizer(sparse=False)
        X = self._vec.fit_transform(list(feats))
        self._clf = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")
        self._clf.fit(X, list(labels))
        return self

    def predict(self, feats: Sequence[dict[str, float]]) -> list[str]:
        X = self._vec.transform(list(feats))
        return [str(p) for p in self._clf.predict(X)]


def _grouped_folds(labels: Sequence[str], groups: Sequence[str], folds: int, seed: int) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedGroupKFold

    idx = [[0]] * len(labels)
    return [(list(tr), list(te)) for tr, te in
            StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(idx, list(labels), list(groups))]


def choose_C(feats: Sequence[dict[str, float]], labels: Sequence[str], groups: Sequence[str], *,
             grid: Sequence[float] = (0.1, 0.3, 1.0), folds: int = 4, seed: int = 0) -> float:
    """The regularisation with the best grouped-CV accuracy on these (training) rows only."""
    best, best_c = -1.0, grid[0]
    for c in grid:
        hits = 0
        for tr, te in _grouped_folds(labels, groups, folds, seed):
            m = ReplyModel(C=c).fit([feats[i] for i in tr], [labels[i] for i in tr])
            hits += sum(p == labels[i] for i, p in zip(te, m.predict([feats[i] for i in te])))
        if hits > best:
            best, best_c = hits, c
    return best_c


def cross_validate(feats: Sequence[dict[str, float]], labels: Sequence[str], *, folds: int = 5,
                   repeats: int = 5, C: float | None = None, groups: Sequence[str] | None = None,
                   seed: int = 0) -> list[list[str]]:
    """Out-of-fold predictions, one list per repeat (``folds`` folds, seeds ``seed``…``seed + repeats - 1``).

    ``groups`` (the answering unit) keeps all replies of one unit in one fold, so a unit's house style is
    never both learnt and tested; ``C=None`` chooses the regularisation inside each training part
    (:func:`choose_C`, grouped too), so no choice ever sees the fold it is scored on.
    """
    y = list(labels)
    g = list(groups) if groups is not None else [str(i) for i in range(len(y))]
    out: list[list[str]] = []
    for s in range(seed, seed + repeats):
        pred = [""] * len(y)
        for tr, te in _grouped_folds(y, g, folds, s):
            c = C if C is not None else choose_C([feats[i] for i in tr], [y[i] for i in tr], [g[i] for i in tr], seed=s)
            m = ReplyModel(C=c).fit([feats[i] for i in tr], [y[i] for i in tr])
            for i, p in zip(te, m.predict([feats[i] for i in te])):
                pred[i] = p
        out.append(pred)
    return out


__all__ = ["ReplyModel", "cross_validate", "read_reply", "reply_features"]
