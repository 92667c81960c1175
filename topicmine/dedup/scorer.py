"""One calibrated duplicate score from semantic, lexical and structural features, and its levels.

The shipped model is a logistic regression over standardised terms built from
:data:`~topicmine.dedup.features.FEATURES` (a term is a feature or a product ``"a*b"`` of two), fitted by
``scripts/calibrate_dedup.py`` on the development pair sets and stored as JSON *with the embedding model
id*: cosine scales differ between models (e5 bunches in 0.8–0.97), so weights fitted for one model are
wrong for another. Since 2026-11-26 the combined terms are ``cos`` + ``neg*short`` (a cosine backbone
with one bounded correction, a negation mismatch between two short texts); lexical overlap terms were
dropped from the combined model because, given the cosine, their weight changes sign from one dev set
to another (BENCHMARKS.md). The lexical fallback model keeps them.

Levels (thresholds on the calibrated score, also in the JSON):

- 重复 — same matter, same suggestion (score ≥ ``thresholds["重复"]``, the F1-optimal cut on dev data);
- 相近 — same matter, different suggestion: a merge (并案) candidate; also a 重复-level score whose
  suggestion parts differ clearly more than the background parts (see :meth:`PairScorer.level`);
- 相关 — same topic.

>>> s = load_lexical_scorer()          # load_scorer() for the e5 model, then pass a_vecs / b_vecs
>>> p = s.score_pairs(["关于加快发展农村养老服务的提案"], ["关于加快农村养老服务发展的建议"])
>>> s.classify(float(p[0])) in ("重复", "相近", "相关", None)
True

Model mismatch: ``load_scorer(model_id="bge-small-zh")`` raises :class:`CalibrationMismatchError`
naming both ids and the command that recalibrates; ``on_mismatch="lexical"`` instead warns and
returns the shipped *lexical* model (no vectors used; lower recall on paraphrases, see BENCHMARKS.md).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from topicmine.dedup.features import FEATURE_LABELS_ZH, FEATURES, SHORT_MAX, pair_features
from topicmine.errors import IndexMismatchError, InputError

CALIBRATION_DIR = Path(__file__).resolve().parent / "calibration"
DEFAULT_CALIBRATION = CALIBRATION_DIR / "multilingual-e5-small.json"
LEVELS: tuple[str, ...] = ("重复", "相近", "相关")
#: evidence always shown in a breakdown (score term or not): semantic, copied text, structure
EVIDENCE_FEATURES: tuple[str, ...] = ("cos", "jac3", "lcs", "sugg", "bg")


class CalibrationMismatchError(IndexMismatchError):
    """The dedup calibration was fitted for another embedding model."""


def expand(X: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Columns for model terms: a base feature name, or a product ``"a*b"`` of two."""
    cols = []
    for name in names:
        if "*" in name:
            f, g = name.split("*", 1)
            cols.append(X[:, FEATURES.index(f)] * X[:, FEATURES.index(g)])
        else:
            cols.append(X[:, FEATURES.index(name)])
    return np.column_stack(cols) if cols else np.zeros((X.shape[0], 0))


class PairScorer:
    """Logistic model on pair features → calibrated probability that two texts are duplicates.

    ``__init__`` only stores parameters (fit with :meth:`fit`, or load with :func:`load_scorer`).
    """

    def __init__(self, terms: Sequence[str] = FEATURES, C: float = 1.0, model_id: str | None = None,
                 thresholds: dict[str, float] | None = None, structure_margin: float = 0.5) -> None:
        self.terms = tuple(terms)
        self.C = C
        self.model_id = model_id
        self.thresholds = dict(thresholds) if thresholds else {}
        # 重复 → 相近 when sugg < structure_margin · bg (suggestions differ while backgrounds agree)
        self.structure_margin = structure_margin
        self.document: dict[str, Any] | None = None  # corpus-relative document rules (load_scorer sets them)
        self.mixed: PairScorer | None = None  # model for the "mixed" regime (load_scorer sets it)

    # ---- fitting -----------------------------------------------------------------------
    def fit(self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> PairScorer:
        """L2-regularised logistic regression with NON-NEGATIVE weights on every similarity term.

        Why constrained: on question sets such as PAWSX (word-order swaps) or AFQMC, an
        unconstrained fit learns "more shared text ⇒ less likely duplicate", a lesson that is wrong
        for proposals and made the pooled model lose 0.09 AUC on LCQMC in cross-validation. The
        length terms (``loglen``, ``len_ratio``, ``short``) may take either sign; terms with ``neg``
        (negation mismatch) are non-positive.
        """
        from scipy.optimize import minimize

        Z = expand(X, self.terms)
        self.mean_ = Z.mean(axis=0)
        self.scale_ = Z.std(axis=0) + 1e-9
        Zs = (Z - self.mean_) / self.scale_
        y = np.asarray(y, dtype=float)
        w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        w = w / w.sum()
        lam = 1.0 / (self.C * len(y))

        def loss(th: np.ndarray) -> tuple[float, np.ndarray]:
            z = Zs @ th[1:] + th[0]
            g = 1.0 / (1.0 + np.exp(-z)) - y
            val = float(w @ (np.logaddexp(0.0, z) - y * z)) + 0.5 * lam * float(th[1:] @ th[1:])
            return val, np.concatenate([[w @ g], Zs.T @ (w * g) + lam * th[1:]])

        free = {"loglen", "len_ratio", "short"}

        def bound(t: str) -> tuple[float | None, float | None]:
            if "neg" in t.split("*"):
                return (None, 0.0)  # a negation mismatch can only speak against a duplicate
            return (None, None) if t in free else (0.0, None)

        bounds = [(None, None)] + [bound(t) for t in self.terms]
        res = minimize(loss, np.zeros(Zs.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds)
        self.coef_ = res.x[1:].astype(float)
        self.intercept_ = float(res.x[0])
        return self

    #: length regimes (normalised characters): "short" question pairs (longer text < 64), "document"
    #: pairs (both ≥ document["min_len"], default 200) and "passage" in between
    SHORT_MAX = SHORT_MAX

    def regime_of(self, len_a: int, len_b: int) -> str:
        """Length regime of a pair: "short" | "passage" | "document".

        >>> PairScorer().regime_of(12, 15), PairScorer().regime_of(30, 150), PairScorer().regime_of(900, 1500)
        ('short', 'passage', 'document')
        """
        doc_min = int((getattr(self, "document", None) or {}).get("min_len", 200))
        if min(len_a, len_b) >= doc_min:
            return "document"
        return "short" if max(len_a, len_b) < self.SHORT_MAX else "passage"

    @property
    def uses_vectors(self) -> bool:
        return any("cos" in t for t in self.terms)

    # ---- scoring -----------------------------------------------------------------------
    def _z(self, X: np.ndarray) -> np.ndarray:
        Z = expand(X, self.terms)
        if self.uses_vectors and np.isnan(Z).any():
            raise InputError("this dedup model needs vectors for both texts (a_vecs, b_vecs); "
                             "pass them or load_scorer(..., on_mismatch='lexical') for the lexical model")
        return (Z - self.mean_) / self.scale_

    def align_background(self, X: np.ndarray, corpus_background_cos: float | None) -> np.ndarray:
        """Rescale the ``cos`` column so the corpus's background cosine matches the dev data's.

        Why: texts of one genre (e.g. proposals written in the 调研情况/问题分析/具体建议 form) are
        all alike to an embedding model — unrelated proposals reach e5 cosines of ~0.90, where the
        dev sets' unrelated pairs sit at ~0.87 (``reference_background_cos``, the median cosine of
        sohu's label-0 pairs). ``1 - cos`` is scaled by (1 - reference) / (1 - corpus background),
        where the corpus background is the median cosine of random item pairs. A heuristic: it is not
        fitted on labelled proposal pairs (none exist yet).
        """
        ref = getattr(self, "reference_background_cos", None)
        if corpus_background_cos is None or ref is None or not self.uses_vectors:
            return X
        X = np.array(X, dtype=float, copy=True)
        k = (1.0 - ref) / max(1e-6, 1.0 - corpus_background_cos)
        X[:, FEATURES.index("cos")] = 1.0 - (1.0 - X[:, FEATURES.index("cos")]) * k
        return X

    #: the "mixed" regime: the longer text has at least this many normalised characters and the shorter
    #: fewer — e.g. a one-paragraph draft against a whole proposal. No dev pair is that long (sohu ≤ 150
    #: chars), so the combined model is not measured there; ``mixed`` (the calibration's
    #: ``"combined_mixed"``, the pooled lexical+semantic model shipped before) keeps deciding those pairs.
    MIXED_MIN_LONG = 200

    def is_mixed(self, X: np.ndarray) -> np.ndarray:
        """Boolean mask of the rows of a feature matrix that fall in the "mixed" regime."""
        X = np.asarray(X, dtype=float).reshape(-1, len(FEATURES))
        short = 10 ** X[:, FEATURES.index("loglen")] - 1.0
        long_ = short / np.maximum(X[:, FEATURES.index("len_ratio")], 1e-9)
        return (long_ >= self.MIXED_MIN_LONG - 0.5) & (short < self.MIXED_MIN_LONG - 0.5)

    def _own_scores(self, X: np.ndarray) -> np.ndarray:
        logit = self._z(X) @ self.coef_ + self.intercept_
        return 1.0 / (1.0 + np.exp(-logit))

    def score_features(self, X: np.ndarray) -> np.ndarray:
        """Calibrated probabilities for a feature matrix from :func:`pair_features`.

        Rows in the "mixed" regime (see :attr:`MIXED_MIN_LONG`) are scored by ``self.mixed`` when the
        calibration has one, and mapped monotonically onto this model's scale so that its 相关 / 重复
        thresholds land on ours: the level of such a pair is the one the mixed model gives.
        """
        X = np.asarray(X, dtype=float)
        mixed = getattr(self, "mixed", None)
        if mixed is None:
            return self._own_scores(X)
        out = np.empty(len(X))
        m = self.is_mixed(X)
        if (~m).any():
            out[~m] = self._own_scores(X[~m])
        if m.any():
            pm = mixed._own_scores(X[m])
            src = [0.0, mixed.thresholds["相关"], mixed.thresholds["重复"], 1.0]
            dst = [0.0, self.thresholds["相关"], self.thresholds["重复"], 1.0]
            out[m] = np.interp(pm, src, dst)
        return out

    def score_pairs(self, a_texts: Sequence[str], b_texts: Sequence[str], a_vecs: np.ndarray | None = None,
                    b_vecs: np.ndarray | None = None, *, show_progress: bool | None = None) -> np.ndarray:
        """Scores in [0, 1] for aligned pairs ``(a_texts[i], b_texts[i])``.

        >>> s = load_scorer(on_mismatch="lexical", model_id="none")  # doctest: +SKIP
        """
        X = pair_features(a_texts, b_texts, a_vecs if self.uses_vectors else None,
                          b_vecs if self.uses_vectors else None, show_progress=show_progress)
        return self.score_features(X)

    def classify(self, score: float) -> str | None:
        """Level of a calibrated score: "重复" | "相近" | "相关" | None."""
        for level in LEVELS:
            if score >= self.thresholds[level]:
                return level
        return None

    def level(self, score: float, features: np.ndarray | None = None) -> str | None:
        """:meth:`classify`, then the structure rule: a 重复-level pair whose suggestion parts are
        much less alike than their background parts is 相近 (same matter, different suggestion)."""
        lv = self.classify(score)
        if lv == "重复" and features is not None:
            sugg = float(features[FEATURES.index("sugg")])
            bg = float(features[FEATURES.index("bg")])
            if bg >= 0.1 and sugg < self.structure_margin * bg:
                return "相近"
        return lv

    def breakdown(self, features: np.ndarray) -> list[dict[str, Any]]:
        """Each term's raw value and its contribution (weight × standardised value) to the logit.

        Contributions are relative to an average dev-set pair (the standardisation mean), so a
        positive number means "this evidence pushes towards duplicate". The lexical and structure
        evidence that is not a term of the model (copied text, suggestion / background overlap: used
        by the levels and the explanation) follows with ``"in_score": False`` and contribution 0.
        """
        x = np.asarray(features, dtype=float).reshape(1, -1)
        mixed = getattr(self, "mixed", None)
        if mixed is not None and bool(self.is_mixed(x)[0]):
            return mixed.breakdown(x[0])
        z = self._z(x)[0]
        raw = expand(x, self.terms)[0]
        out = []
        for t, v, zi, w in zip(self.terms, raw, z, self.coef_):
            label = "×".join(FEATURE_LABELS_ZH.get(p, p) for p in t.split("*"))
            out.append({"feature": t, "label": label, "value": round(float(v), 4),
                        "contribution": round(float(w * zi), 4), "in_score": True})
        used = {p for t in self.terms for p in t.split("*")}
        for f in EVIDENCE_FEATURES:
            if f not in used:
                out.append({"feature": f, "label": FEATURE_LABELS_ZH.get(f, f),
                            "value": round(float(x[0, FEATURES.index(f)]), 4), "contribution": 0.0,
                            "in_score": False})
        return out

    # ---- persistence -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"terms": list(self.terms), "C": self.C, "mean": self.mean_.tolist(), "scale": self.scale_.tolist(),
                "coef": self.coef_.tolist(), "intercept": self.intercept_, "thresholds": self.thresholds,
                "structure_margin": self.structure_margin, "model_id": self.model_id,
                "reference_background_cos": getattr(self, "reference_background_cos", None)}

    @classmethod
    def from_dict(cls, d: dict[str, Any], model_id: str | None = None) -> PairScorer:
        s = cls(terms=d["terms"], C=d.get("C", 1.0), model_id=model_id or d.get("model_id"),
                thresholds=d["thresholds"], structure_margin=d.get("structure_margin", 0.5))
        s.mean_ = np.asarray(d["mean"], dtype=float)
        s.scale_ = np.asarray(d["scale"], dtype=float)
        s.coef_ = np.asarray(d["coef"], dtype=float)
        s.intercept_ = float(d["intercept"])
        s.reference_background_cos = d.get("reference_background_cos")
        return s


def _read_calibration(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise CalibrationMismatchError(f"dedup calibration {path} not found; run "
                                       "`python scripts/calibrate_dedup.py` to create it")
    return json.loads(path.read_text(encoding="utf-8"))


def _base_id(model_id: str) -> str:
    # "multilingual-e5-small@3fa8…" and a folder path ".../multilingual-e5-small" name the same model;
    # the sha part is compared only when both sides carry one
    return model_id.rstrip("/").split("/")[-1].split("@")[0]


def _same_model(a: str, b: str) -> bool:
    if _base_id(a) != _base_id(b):
        return False
    if "@" in a and "@" in b:
        # sha prefixes of different lengths name the same weights
        sa, sb = a.split("@", 1)[1].lower(), b.split("@", 1)[1].lower()
        return sa.startswith(sb) or sb.startswith(sa)
    return True


@lru_cache(maxsize=8)
def _load(path_s: str, model_id: str | None, on_mismatch: str) -> PairScorer:
    cal = _read_calibration(Path(path_s))
    cal_id = cal["model_id"]
    if model_id is not None and not _same_model(model_id, cal_id):
        msg = (f"dedup calibration {path_s} was fitted for embedding model {cal_id!r}, but the vectors come "
               f"from {model_id!r}; cosine scales differ between models. Recalibrate with "
               f"`python scripts/calibrate_dedup.py --model <model folder>`")
        if on_mismatch == "error":
            raise CalibrationMismatchError(msg)
        warnings.warn(msg + " — falling back to the lexical model (vectors ignored).", stacklevel=3)
        return PairScorer.from_dict(cal["lexical"], model_id=None)
    sc = PairScorer.from_dict(cal["combined"], model_id=cal_id)
    # corpus-relative document levels (see topicmine.dedup.documents); None in old calibrations
    sc.document = cal.get("document")
    # a short text against a document: no dev pair is that long, so the pooled model shipped before decides
    if cal.get("combined_mixed"):
        sc.mixed = PairScorer.from_dict(cal["combined_mixed"], model_id=cal_id)
    if sc.reference_background_cos is None:
        sc.reference_background_cos = cal.get("reference_background_cos")
    return sc


def load_scorer(path: str | Path | None = None, *, model_id: str | None = None,
                on_mismatch: Literal["error", "lexical"] = "error") -> PairScorer:
    """The shipped scorer (cached). ``model_id`` = the id of the embedder that made the vectors.

    ``on_mismatch="error"`` raises :class:`CalibrationMismatchError`; ``"lexical"`` warns and
    returns the lexical fallback model (which needs no vectors).
    """
    return _load(str(path or DEFAULT_CALIBRATION), model_id, on_mismatch)


def load_lexical_scorer(path: str | Path | None = None) -> PairScorer:
    """The shipped lexical model (no vectors needed), without a mismatch warning — for callers that
    simply have no vectors (e.g. a quick check of a draft before the embedder is loaded)."""
    cal = _read_calibration(Path(path or DEFAULT_CALIBRATION))
    return PairScorer.from_dict(cal["lexical"], model_id=None)


def calibration_info(path: str | Path | None = None) -> dict[str, Any]:
    """The shipped calibration's metadata (model id, data, cross-validated figures)."""
    cal = _read_calibration(Path(path or DEFAULT_CALIBRATION))
    return {k: v for k, v in cal.items() if k not in ("combined", "lexical", "baselines")}


def score_pairs(a_texts: Sequence[str], b_texts: Sequence[str], a_vecs: np.ndarray | None = None,
                b_vecs: np.ndarray | None = None) -> np.ndarray:
    """Calibrated duplicate scores with the shipped model (lexical model when no vectors are given).

    >>> score_pairs(["关于加强农村饮用水安全的提案"], ["关于加强农村饮用水安全保障的提案"]).shape
    (1,)
    """
    if a_vecs is None or b_vecs is None:
        return load_lexical_scorer().score_pairs(a_texts, b_texts)
    return load_scorer().score_pairs(a_texts, b_texts, a_vecs, b_vecs)


def background_cos(vectors: np.ndarray, n_pairs: int = 2000, seed: int = 0) -> float | None:
    """Median cosine of random distinct item pairs (all pairs when the corpus is small)."""
    v = np.asarray(vectors, dtype=np.float32)
    n = len(v)
    if n < 3:
        return None
    if n * (n - 1) // 2 <= n_pairs:
        i, j = np.triu_indices(n, 1)
    else:
        rng = np.random.default_rng(seed)
        i, j = rng.integers(0, n, n_pairs), rng.integers(0, n, n_pairs)
        keep = i != j
        i, j = i[keep], j[keep]
    return float(np.median(np.einsum("ij,ij->i", v[i], v[j])))


def classify(score: float) -> str | None:
    """Level of a score from the shipped model: "重复" | "相近" | "相关" | None.

    >>> classify(0.99)
    '重复'
    >>> classify(0.0) is None
    True
    """
    return load_scorer().classify(score)
