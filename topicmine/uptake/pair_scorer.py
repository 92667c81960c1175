"""A learned ask-sentence × passage-sentence scorer for 采纳 (a later passage commits to an asked measure).

Every sentence of an item's asks (:mod:`topicmine.uptake.asks`, split by the text layer) is paired with every
sentence of a later passage. Each pair gets named features — e5 cosine of the two sentences, the rare content
words they share (IDF-weighted, policy boilerplate excluded), the longest shared run of characters, whether the
passage sentence commits to a concrete measure (建立/设立/出台/新建/… or a number), whether both sentences use the
same verb of action (建立 ↔ 建立, 设立 ↔ 设立), how much of each sentence the shared words cover — plus the
passage-level features of :mod:`topicmine.uptake.scorer`. A logistic regression scores pairs; it is trained
with each pair carrying its passage's label (weighted 1/number of pairs, so a long passage counts once), and a
passage's score is a soft maximum (log-sum-exp) over its pairs, so the best pair decides and near-ties add a
little. Trained this way (no pair-level labels exist: the labels say which passage, not which sentence), the
passage-level features carry most of the weight and the pair features shift the score by small amounts, so
``passage`` returns the best pair but the pipeline keeps showing the lexical alignment
(:func:`topicmine.uptake.alignment.align_lexical`) as the evidence.

Trained only on ``uptake_dev.jsonl`` by ``scripts/train_uptake_pairs.py``; the weights file carries a manifest
(data file hash, embedder id, the repeated grouped CV figures). ``topicmine eval uptake`` reports the same
procedure out-of-fold (folds are whole proposals).

    >>> import numpy as np
    >>> from topicmine.uptake.alignment import Lexicon
    >>> lex = Lexicon.fit(["发展农村互助养老。", "支持民营经济发展。"])
    >>> a, p = ["建立农村互助养老服务体系。"], ["新建农村互助养老点300个。"]
    >>> M = pair_matrix(a, np.ones((1, 2)) / 2 ** 0.5, p, np.ones((1, 2)) / 2 ** 0.5, lex, [0.0] * 9)
    >>> M.shape, round(float(M[0, 0]), 3), float(M[0, PAIR_FEATURES.index("commit")])
    ((1, 20), 1.0, 1.0)
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from topicmine.uptake.alignment import COMMIT_RX, GENERIC_RX, GENERIC_WORDS, Lexicon, content_words, longest_common_run
from topicmine.uptake.scorer import FEATURES as PASSAGE_FEATURES
from topicmine.uptake.scorer import read_weights, write_weights

PAIR_WEIGHTS_PATH = Path(__file__).with_name("pair_weights.json")

#: verbs of action: the same verb on both sides is the "same action" of the rubric (建立 ↔ 建立)
ACTION_RX = re.compile(r"建立|设立|出台|制定|新建|建成|开通|启动|试点|推行|编制|组建|成立|印发|设置|配备|开设|增加|新增|改扩建|"
                       r"纳入|列入|实施|打造|建设|推广|开展|提高|扩大|降低|减免|补贴|奖励")
#: an ask sentence that asks (rather than describes the situation)
ASKING_RX = re.compile(r"建议|应当|应该|要|须|尽快|鼓励|支持")

PAIR_FEATURES = ("cos", "shared_idf", "shared_n", "lcs", "commit", "generic", "same_action", "asking", "commit_x_shared",
                 "cover_ask", "cover_passage", *("passage_" + f for f in PASSAGE_FEATURES))


def pair_matrix(ask_sents: Sequence[str], ask_vecs: Any, passage_sents: Sequence[str], passage_vecs: Any, lex: Lexicon,
                passage_features: Sequence[float]) -> Any:
    """Features of every (ask sentence, passage sentence) pair, row ``i * len(passage_sents) + j``; vectors are
    L2-normalised e5 vectors (query for asks, passage for passages); ``passage_features`` is
    :func:`topicmine.uptake.scorer.feature_vector` of the whole passage, repeated on every row."""
    import numpy as np

    S = np.asarray(ask_vecs) @ np.asarray(passage_vecs).T
    pwords = [set(content_words(p)) for p in passage_sents]
    pacts = [set(ACTION_RX.findall(p)) for p in passage_sents]
    pcommit = [1.0 if COMMIT_RX.search(p) else 0.0 for p in passage_sents]
    pgeneric = [1.0 if GENERIC_RX.search(p) and not c else 0.0 for p, c in zip(passage_sents, pcommit)]
    rows = []
    for i, a in enumerate(ask_sents):
        aw = set(content_words(a))
        aacts = set(ACTION_RX.findall(a))
        asking = 1.0 if ASKING_RX.search(a) else 0.0
        for j, p in enumerate(passage_sents):
            shared = aw & pwords[j]
            sidf = sum(lex.idf(w) for w in shared)
            run = longest_common_run(a, p) if shared else ""
            lcs = len(run) if run not in GENERIC_WORDS else 0
            rows.append([float(S[i, j]), sidf / 10.0, len(shared) / 5.0, min(lcs, 8) / 8.0, pcommit[j], pgeneric[j],
                         1.0 if aacts & pacts[j] else 0.0, asking, sidf / 10.0 * pcommit[j],
                         len(shared) / max(1, len(aw)), len(shared) / max(1, len(pwords[j]))])
    base = [float(x) for x in passage_features]
    return np.asarray([r + base for r in rows], dtype=float).reshape(len(rows), len(PAIR_FEATURES))


def soft_max(scores: Any) -> float:
    """Log-sum-exp of pair scores minus half the log of their number: the best pair decides, near-ties add a
    little, and a passage with many sentences is not favoured for its length alone.

    >>> round(soft_max([2.0]), 3), round(soft_max([2.0, 2.0]), 3) > 2.0
    (2.0, True)
    """
    import numpy as np

    s = np.asarray(scores, dtype=float)
    m = float(s.max())
    return m + math.log(float(np.exp(s - m).sum())) - 0.5 * math.log(len(s))


@dataclass
class PairScorer:
    """Pair model + the 采纳 threshold on the passage score; ``manifest`` says what it was trained on."""

    coef: list[float]
    intercept: float
    mean: list[float]
    scale: list[float]
    t_adopt: float = 0.0
    manifest: dict[str, Any] = field(default_factory=dict)

    def pair_scores(self, M: Any) -> Any:
        import numpy as np

        Z = (np.asarray(M, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)
        return Z @ np.asarray(self.coef) + self.intercept

    def passage(self, M: Any) -> tuple[float, int]:
        """``(score, best pair row)`` of one passage's pair matrix; 采纳 when ``score >= t_adopt``."""
        s = self.pair_scores(M)
        return soft_max(s), int(s.argmax())

    def probability(self, score: float) -> float:
        """A 0–1 reading of the score centred on the 采纳 threshold (0.5 at the threshold), for display and sorting."""
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score - self.t_adopt))))

    @classmethod
    def fit(cls, bags: Sequence[Any], adopted: Sequence[bool], *, C: float = 1.0) -> PairScorer:
        """Train on passages (``bags``: one pair matrix each) labelled 采纳 or not: every pair carries its
        passage's label, weighted 1/len(bag), classes balanced."""
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        X = np.vstack(bags)
        y = np.concatenate([[bool(a)] * len(b) for b, a in zip(bags, adopted)])
        w = np.concatenate([[1.0 / len(b)] * len(b) for b in bags])
        pos = sum(bool(a) for a in adopted) / max(1, len(adopted))
        w = w * np.where(y, (1 - pos) / max(pos, 1e-9), 1.0)
        mean, scale = X.mean(axis=0), X.std(axis=0)
        scale[scale == 0] = 1.0
        m = LogisticRegression(C=C, max_iter=2000).fit((X - mean) / scale, y, sample_weight=w * len(bags) / w.sum())
        return cls(m.coef_[0].tolist(), float(m.intercept_[0]), mean.tolist(), scale.tolist())

    def save(self, path: Path | str = PAIR_WEIGHTS_PATH) -> None:
        write_weights(path, {"features": list(PAIR_FEATURES), "coef": self.coef, "intercept": self.intercept,
                             "mean": self.mean, "scale": self.scale, "t_adopt": self.t_adopt, "manifest": self.manifest})

    @classmethod
    def load(cls, path: Path | str = PAIR_WEIGHTS_PATH) -> PairScorer:
        d = read_weights(path, "采纳句对评分模型", "scripts/train_uptake_pairs.py", PAIR_FEATURES)
        return cls(d["coef"], d["intercept"], d["mean"], d["scale"], d.get("t_adopt", 0.0), d.get("manifest", {}))


def fit_with_threshold(bags: Sequence[Any], adopted: Sequence[bool], groups: Sequence[str], *, C: float = 1.0,
                       inner_folds: int = 4) -> PairScorer:
    """Fit on all bags; the 采纳 threshold is the best-F1 point of inner grouped out-of-fold scores (whole
    proposals per fold), never of in-sample scores."""
    from topicmine.uptake.scorer import best_f1_threshold

    model = PairScorer.fit(bags, adopted, C=C)
    oof = [0.0] * len(bags)
    for tr, te in _group_folds(groups, inner_folds, seed=0):
        m = PairScorer.fit([bags[i] for i in tr], [adopted[i] for i in tr], C=C)
        for i in te:
            oof[i] = m.passage(bags[i])[0]
    model.t_adopt = best_f1_threshold(oof, list(adopted))
    return model


def _group_folds(groups: Sequence[str], folds: int, seed: int) -> list[tuple[list[int], list[int]]]:
    """Whole groups to ``folds`` folds at random (the assignment of :func:`uptake_eval.repeated_group_cv`)."""
    uniq = sorted(set(groups))
    random.Random(seed).shuffle(uniq)
    fold_of = {g: k % folds for k, g in enumerate(uniq)}
    return [([i for i, g in enumerate(groups) if fold_of[g] != k], [i for i, g in enumerate(groups) if fold_of[g] == k])
            for k in range(folds)]


def repeated_pair_cv(bags: Sequence[Any], adopted: Sequence[bool], groups: Sequence[str], *, folds: int = 5,
                     repeats: int = 5, C: float = 1.0, seed: int = 0) -> dict[str, Any]:
    """AUC and precision at recall ≥ 0.7 of the pair scorer, out-of-fold over ``repeats`` random assignments of
    whole proposals to ``folds`` folds, seeds ``seed``… (the same assignments as the passage scorer's repeated CV)."""
    from topicmine.uptake.uptake_eval import _auc, _precision_at_recall

    aucs, pars = [], []
    for sd in range(seed, seed + repeats):
        s = [0.0] * len(bags)
        for tr, te in _group_folds(groups, folds, sd):
            m = PairScorer.fit([bags[i] for i in tr], [adopted[i] for i in tr], C=C)
            for i in te:
                s[i] = m.passage(bags[i])[0]
        aucs.append(_auc(s, list(adopted)))
        pars.append(_precision_at_recall(s, list(adopted), 0.7))
    return {"what": f"pair scorer (LR over ask-sentence × passage-sentence pairs, soft max per passage), {folds} folds of "
                    f"whole proposals × {repeats} random assignments (seeds {seed}…{seed + repeats - 1})",
            "auc_mean": round(statistics.mean(aucs), 3), "auc_sd": round(statistics.pstdev(aucs), 3),
            "precision_at_recall_0.7_mean": round(statistics.mean(pars), 3),
            "precision_at_recall_0.7_sd": round(statistics.pstdev(pars), 3),
            "precision_at_recall_0.7_each": [round(x, 3) for x in pars]}


def file_sha(path: Path | str) -> str:
    """First 16 hex digits of a file's SHA-256 (the manifest's data fingerprint)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


__all__ = ["PAIR_FEATURES", "PairScorer", "fit_with_threshold", "pair_matrix", "repeated_pair_cv", "soft_max"]
