"""Document-level levels: corpus-relative calibration for whole proposals (≥ ``min_len`` characters).

Why not the pair model's thresholds: they were fitted on short question pairs and ≤ 150-character
sohu passages. Whole proposals of one genre are all alike to an embedding model (unrelated Jiangsu
2019 proposals: e5 document cosine 0.908 ± 0.015), so a raw threshold either fires on most pairs
(the 2019 run: 1,969 of 2,165 candidate pairs at 重复) or misses paraphrases. Here a pair is judged
against each document's own neighbourhood in the corpus:

- ``z``    — the pair's cosine in standard deviations above each document's mean cosine to the
             rest of the corpus (its nearest min(k, 25 %) left out) (the smaller of the two sides; each side's mean and spread are
             shrunk towards a reference distribution, so an 8-document corpus still works);
- ``rank`` — mutual nearest-neighbour rank: the larger of "j among i's neighbours" and
             "i among j's" (0 = each is the other's nearest);
- the structure features ``sugg`` / ``bg`` (char-2-gram Jaccard of the suggestion and the
  background parts) and copied text (``jac3``).

Levels (thresholds in the calibration JSON, ``"document"``):

- 重复 — same matter AND same suggestion: suggestion parts overlap clearly (``sugg ≥ sugg_min`` and
  ``sugg ≥ sugg_vs_bg · bg``) in a 相近 pair or in mutual near neighbours (``z ≥ near_z_lex``,
  ``rank ≤ near_rank``);
- 相近 — same matter: ``z ≥ near_z`` and ``rank ≤ near_rank``; or ``z ≥ near_z_lex`` with shared
  background text (``bg ≥ near_bg``); or copied text (``jac3 ≥ copy_jac3``);
- 相关 — same topic: ``z ≥ rel_z`` and ``rank ≤ rel_rank``.

The rule thresholds were set by reading pairs of the 287 Jiangsu 2019 dev proposals and checked on
the planted sets (tests/test_dedup_data.py, corpus/README.md 托育 A–E); they are not fitted on
labelled document pairs (none exist), so treat them as a documented heuristic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

DEFAULT_DOCUMENT: dict[str, Any] = {
    "min_len": 200,          # both texts at least this many normalised characters
    "prior_mean": 0.9076,    # e5 document cosine of unrelated proposals (jszx 2019 dev, all pairs)
    "prior_std": 0.0152,
    "prior_n": 30,           # pseudo-count of the prior when shrinking each row's mean / spread
    "k": 10,
    "rel_z": 2.5, "rel_rank": 5,
    "near_z": 4.0, "near_rank": 2,
    "near_z_lex": 2.0, "near_bg": 0.15,
    "copy_jac3": 0.3,
    "sugg_min": 0.15, "sugg_vs_bg": 0.5,
}


class CorpusStats:
    """Each item's shrunk mean / spread of cosines to the rest of the corpus and its top-k cosines.

    Exact for corpora up to ``exact_max`` items (chunked matrix products); larger corpora use a
    fixed random sample of ``sample`` columns for the mean / spread, and the top-k cosines come from
    the same sample (so ranks are approximate). ``reference`` (vectors of a reference corpus of the same
    genre, e.g. earlier messages) replaces the corpus as the background of the mean / spread.
    """

    def __init__(self, vectors: np.ndarray, groups: Sequence | None = None, cfg: Mapping[str, Any] | None = None,
                 exact_max: int = 20_000, sample: int = 2000, seed: int = 0,
                 reference: np.ndarray | None = None) -> None:
        cfg = {**DEFAULT_DOCUMENT, **(cfg or {})}
        v = np.asarray(vectors, dtype=np.float32)
        n = len(v)
        self.k = int(cfg["k"])
        cols = np.arange(n) if n <= exact_max else np.sort(np.random.default_rng(seed).choice(n, sample, replace=False))
        g = np.asarray(groups if groups is not None else np.arange(n), dtype=object)
        mu, var, cnt, top = self._rows(v, v[cols], lambda s, C: g[s : s + 1024, None] == g[cols][None, :])
        if reference is not None and len(reference) > 1:
            # background from a reference corpus (e.g. earlier items of the same genre) instead of the
            # corpus itself: a hot issue raised by 30 messages is its own members' background and hides
            # itself. The reference's own cosine distribution is the prior (as the dev corpus's is for
            # proposals); an item's copy inside the reference is not its background. Ranks stay corpus ranks.
            ref = np.asarray(reference, dtype=np.float32)
            if len(ref) > sample:
                ref = ref[np.sort(np.random.default_rng(seed).choice(len(ref), sample, replace=False))]
            off = (ref @ ref.T)[~np.eye(len(ref), dtype=bool)]
            cfg = {**cfg, "prior_mean": float(off.mean()), "prior_std": float(max(off.std(), 1e-3))}
            mu, var, cnt, _ = self._rows(v, ref, lambda s, C: C >= 0.99999)
        n0 = float(cfg["prior_n"])
        pm, ps = float(cfg["prior_mean"]), float(cfg["prior_std"])
        self.mean = (cnt * mu + n0 * pm) / (cnt + n0)
        self.std = np.sqrt((cnt * var + n0 * ps**2) / (cnt + n0))
        self.top = top
        self.cfg = cfg

    def _rows(self, v: np.ndarray, W: np.ndarray, excluded: Any) -> tuple[np.ndarray, ...]:
        """Per row of ``v``: mean, variance and count of its cosines to ``W`` without the excluded cells
        (``excluded(start, C)`` → bool mask) and without its nearest min(k, 25 %); its top-k cosines."""
        n = len(v)
        mu = np.zeros(n)
        var = np.zeros(n)
        cnt = np.zeros(n)
        top = np.full((n, self.k), -np.inf, dtype=np.float32)
        for s in range(0, n, 1024):
            C = v[s : s + 1024] @ W.T
            C = np.where(excluded(s, C), np.nan, C)
            c_all = np.sum(~np.isnan(C), axis=1)
            # background = the row without its nearest min(k, 25 %) items: near-duplicates are not
            # background, and in a small corpus they would inflate the spread
            keep = c_all - np.minimum(self.k, c_all // 4)
            Cs = np.sort(np.where(np.isnan(C), np.inf, C), axis=1)
            m = np.arange(Cs.shape[1])[None, :] < keep[:, None]
            Cb = np.where(m, Cs, 0.0)
            kk_ = np.maximum(keep, 1)
            mu_b = Cb.sum(axis=1) / kk_
            var_b = np.where(m, (Cs - mu_b[:, None]) ** 2, 0.0).sum(axis=1) / kk_
            cnt[s : s + 1024] = keep
            mu[s : s + 1024] = np.where(keep > 0, mu_b, 0.0)
            var[s : s + 1024] = np.where(keep > 0, var_b, 0.0)
            Cf = np.where(np.isnan(C), -np.inf, C)
            kk = min(self.k, Cf.shape[1])
            if kk:
                part = -np.sort(-Cf, axis=1)[:, :kk]
                top[s : s + 1024, :kk] = part
        return mu, var, cnt, top

    def z(self, i: np.ndarray, j: np.ndarray, cos: np.ndarray) -> np.ndarray:
        """min over both sides of (cos − side mean) / side spread."""
        return np.minimum((cos - self.mean[i]) / self.std[i], (cos - self.mean[j]) / self.std[j])

    def rank(self, i: np.ndarray, j: np.ndarray, cos: np.ndarray) -> np.ndarray:
        """Mutual neighbour rank, capped at k: max(#neighbours of i closer than j, #of j closer than i)."""
        eps = 1e-6
        ri = np.sum(self.top[i] > cos[:, None] + eps, axis=1)
        rj = np.sum(self.top[j] > cos[:, None] + eps, axis=1)
        return np.maximum(ri, rj)


def document_level(z: float, rank: int, features: Mapping[str, float], cfg: Mapping[str, Any] | None = None) -> str | None:
    """Level of a document pair from its corpus-relative cosine and structure features.

    >>> document_level(4.0, 0, {"sugg": 0.4, "bg": 0.2, "jac3": 0.1})
    '重复'
    >>> document_level(4.0, 0, {"sugg": 0.06, "bg": 0.07, "jac3": 0.03})
    '相近'
    >>> document_level(2.8, 4, {"sugg": 0.06, "bg": 0.07, "jac3": 0.03})
    '相关'
    >>> document_level(0.5, 40, {"sugg": 0.05, "bg": 0.05, "jac3": 0.02}) is None
    True
    """
    c = {**DEFAULT_DOCUMENT, **(cfg or {})}
    sugg, bg, jac3 = float(features["sugg"]), float(features["bg"]), float(features["jac3"])
    same_sugg = sugg >= c["sugg_min"] and sugg >= c["sugg_vs_bg"] * bg
    near = ((z >= c["near_z"] and rank <= c["near_rank"]) or (z >= c["near_z_lex"] and bg >= c["near_bg"])
            or jac3 >= c["copy_jac3"])
    # mutual neighbours whose suggestion parts overlap clearly: same matter, same suggestion
    if same_sugg and (near or (z >= c["near_z_lex"] and rank <= c["near_rank"])):
        return "重复"
    if near:
        return "相近"
    if z >= c["rel_z"] and rank <= c["rel_rank"]:
        return "相关"
    return None
