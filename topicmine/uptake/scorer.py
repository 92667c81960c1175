"""Uptake scoring: is a later passage 采纳 (commits to the asked measure), 呼应 (same direction) or 无?

Two logistic regressions over the named alignment features of :mod:`topicmine.uptake.alignment` — one for
采纳 vs the rest, one for "采纳 or 呼应" vs 无 — trained on the development labels only
(``uptake_dev.jsonl``; ``topicmine eval uptake`` reports them 5-fold cross-validated, grouped by proposal,
so no proposal is scored by a model that saw it). The shipped weights are ``uptake_weights.json``; a
passage's level comes with the alignment (ask sentence ↔ passage sentence, shared words) that explains it.

Wording shown to users: "与建议一致的举措已写入《…》" — later text takes up the same measure; never a claim
that the proposal caused it.

    >>> s = UptakeScorer.load()
    >>> s.level({"cos_item": 0.9, "cos_ask": 0.9, "cos_sent": 0.92, "shared_idf": 30.0, "shared_n": 5,
    ...          "lcs": 6, "commit": 1.0, "generic": 0.0})[0] in ("采纳", "呼应", "无")
    True
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WEIGHTS_PATH = Path(__file__).with_name("uptake_weights.json")

FEATURES = ("cos_item", "cos_ask", "cos_sent", "shared_idf", "shared_n", "lcs", "commit", "generic", "commit_x_shared")


def feature_vector(f: dict[str, float]) -> list[float]:
    """The model's inputs from an alignment's features (scaled to ~[0, 1])."""
    sidf = float(f.get("shared_idf", 0.0)) / 10.0
    return [float(f.get("cos_item", 0.0)), float(f.get("cos_ask", 0.0)), float(f.get("cos_sent", 0.0)), sidf,
            float(f.get("shared_n", 0)) / 5.0, min(float(f.get("lcs", 0)), 8.0) / 8.0, float(f.get("commit", 0.0)),
            float(f.get("generic", 0.0)), float(f.get("commit", 0.0)) * sidf]


@dataclass
class _LR:
    coef: list[float]
    intercept: float
    mean: list[float]
    scale: list[float]

    def prob(self, x: Sequence[float]) -> float:
        z = self.intercept + sum(c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def fit(cls, X: Sequence[Sequence[float]], y: Sequence[bool], C: float = 1.0) -> _LR:
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        A = np.asarray(X, dtype=float)
        mean = A.mean(axis=0)
        scale = A.std(axis=0)
        scale[scale == 0] = 1.0
        m = LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit((A - mean) / scale, np.asarray(y))
        return cls(m.coef_[0].tolist(), float(m.intercept_[0]), mean.tolist(), scale.tolist())


@dataclass
class UptakeScorer:
    """P(采纳) and P(采纳 or 呼应) for a passage; ``level`` applies the thresholds."""

    adopt: _LR
    echo: _LR
    t_adopt: float = 0.5
    t_echo: float = 0.5
    trained_on: str = ""

    def probs(self, f: dict[str, float]) -> tuple[float, float]:
        x = feature_vector(f)
        return self.adopt.prob(x), self.echo.prob(x)

    def level(self, f: dict[str, float]) -> tuple[str, float, float]:
        """``(level, p_adopt, p_echo)`` — 采纳 when p_adopt ≥ t_adopt, else 呼应 when p_echo ≥ t_echo, else 无."""
        pa, pe = self.probs(f)
        if pa >= self.t_adopt:
            return "采纳", pa, pe
        if pe >= self.t_echo:
            return "呼应", pa, pe
        return "无", pa, pe

    @classmethod
    def fit(cls, feats: Sequence[dict[str, float]], labels: Sequence[str], *, C: float = 1.0,
            target_precision: float = 0.8, trained_on: str = "") -> UptakeScorer:
        """Train both models; ``t_adopt`` is the lowest threshold whose training precision reaches
        ``target_precision`` (in-sample — the eval reports it out-of-fold), ``t_echo`` maximises F1."""
        X = [feature_vector(f) for f in feats]
        adopt = _LR.fit(X, [lab == "采纳" for lab in labels], C)
        echo = _LR.fit(X, [lab != "无" for lab in labels], C)
        pa = [adopt.prob(x) for x in X]
        pe = [echo.prob(x) for x in X]
        return cls(adopt, echo, pick_threshold(pa, [lab == "采纳" for lab in labels], target_precision),
                   best_f1_threshold(pe, [lab != "无" for lab in labels]), trained_on)

    def save(self, path: Path | str = WEIGHTS_PATH) -> None:
        write_weights(path, {"features": list(FEATURES), "adopt": self.adopt.__dict__, "echo": self.echo.__dict__,
                             "t_adopt": self.t_adopt, "t_echo": self.t_echo, "trained_on": self.trained_on})

    @classmethod
    def load(cls, path: Path | str = WEIGHTS_PATH) -> UptakeScorer:
        d = read_weights(path, "采纳评分模型权重", "scripts/train_uptake.py")
        return cls(_LR(**d["adopt"]), _LR(**d["echo"]), d["t_adopt"], d["t_echo"], d.get("trained_on", ""))


def write_weights(path: Path | str, data: dict[str, Any]) -> None:
    """A model's weights as indented UTF-8 JSON (Chinese unescaped, so the manifest reads in a diff)."""
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def read_weights(path: Path | str, what: str, script: str, features: Sequence[str] | None = None) -> dict[str, Any]:
    """A weights file written by :func:`write_weights`; a missing file, or one trained for other ``features``,
    is a :class:`~topicmine.errors.ModelError` naming the file and the script that retrains it."""
    from topicmine.errors import ModelError

    p = Path(path)
    if not p.is_file():
        raise ModelError(f"{p}: {what}不存在；运行 {script} 重新训练")
    d = json.loads(p.read_text(encoding="utf-8"))
    if features is not None and list(d.get("features", [])) != list(features):
        raise ModelError(f"{p}: {what}的特征与代码不一致（{d.get('features')}）；运行 {script} 重新训练")
    return d


def pick_threshold(scores: Sequence[float], gold: Sequence[bool], target_precision: float) -> float:
    """The lowest score threshold at which precision ≥ ``target_precision`` (the highest-recall such point);
    the best-F1 threshold when no threshold reaches it.

    >>> pick_threshold([0.9, 0.8, 0.7, 0.2], [True, True, False, False], 0.8)
    0.8
    """
    pairs = sorted(zip(scores, gold), key=lambda t: -t[0])
    tp = fp = 0
    best = None
    for s, g in pairs:
        tp += g
        fp += not g
        # only a positive can be the last one let in: the threshold sits on a 采纳 passage's score
        if g and tp / (tp + fp) >= target_precision:
            best = s
    return best if best is not None else best_f1_threshold(scores, gold)


def best_f1_threshold(scores: Sequence[float], gold: Sequence[bool]) -> float:
    """The score threshold with the best F1 on (scores, gold)."""
    pairs = sorted(zip(scores, gold), key=lambda t: -t[0])
    total = sum(gold) or 1
    tp = fp = 0
    best, best_t = -1.0, 0.5
    for s, g in pairs:
        tp += g
        fp += not g
        p, r = tp / (tp + fp), tp / total
        f = 2 * p * r / (p + r) if p + r else 0.0
        if f > best:
            best, best_t = f, s
    return best_t


def describe(level: str, passage_title: str, ask: str, passage_sentence: str) -> str:
    """The sentence shown to users; it states coincidence, never causation.

    >>> describe("采纳", "2021年南京市政府工作报告", "建立农村互助养老服务体系", "发展农村互助养老")
    '与建议一致的举措已写入《2021年南京市政府工作报告》：“发展农村互助养老”（对应建议：建立农村互助养老服务体系）'
    """
    if level == "采纳":
        return f"与建议一致的举措已写入《{passage_title}》：“{passage_sentence}”（对应建议：{ask}）"
    if level == "呼应":
        return f"《{passage_title}》有方向一致的表述，但未写明同一举措：“{passage_sentence}”（对应建议：{ask}）"
    return ""


def as_json(obj: Any) -> Any:
    return obj.__dict__ if hasattr(obj, "__dict__") else obj
