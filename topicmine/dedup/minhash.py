"""Char n-gram MinHash + LSH banding that we own (numpy-vectorised, deterministic across runs).

Why not only datasketch: its per-document Python loop (``MinHash.update`` per gram) costs minutes
on 10⁵ passages; here all grams of a batch are hashed in one matrix operation and LSH buckets are
found by sorting band keys, so 100k passages take seconds. Signatures are reproducible (fixed seed,
no Python ``hash()`` salt), so they can be cached.

>>> idx = MinHashLSH(num_perm=64, threshold=0.5, ngram=3)
>>> sig = idx.signatures(["关于加快推进乡村振兴战略的提案", "关于加快推进乡村振兴战略实施的提案", "优化营商环境"])
>>> sorted(idx.candidate_pairs(sig))
[(0, 1)]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from topicmine.dedup.text import ngram_ids, normalize
from topicmine.progress import progress

_MASK32 = np.uint64(0xFFFFFFFF)


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads packed code points over 64 bits before the min-hash family."""
    x = x.copy()
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def optimal_bands(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows) minimising false positive + false negative mass around ``threshold``
    (the same criterion datasketch uses), by numeric integration of the S-curve."""
    xs = np.linspace(0.0, 1.0, 201)
    best = (1, num_perm)
    best_err = float("inf")
    for b in range(1, num_perm + 1):
        r = num_perm // b
        if r < 1:
            break
        p = 1.0 - (1.0 - xs**r) ** b
        fp = np.trapezoid(np.where(xs < threshold, p, 0.0), xs)
        fn = np.trapezoid(np.where(xs >= threshold, 1.0 - p, 0.0), xs)
        if fp + fn < best_err:
            best_err, best = fp + fn, (b, r)
    return best


def band_bucket_pairs(block: np.ndarray, empty: np.ndarray, groups: np.ndarray | None = None,
                      max_bucket: int = 200) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, whose signatures agree on this one band (``block``: the band's columns).

    One LSH band of :meth:`MinHashLSH.candidate_pairs` (the Ray engine runs one band per task): rows
    with an empty signature never pair, pairs inside one group are skipped, buckets larger than
    ``max_bucket`` (boilerplate such as "现将有关情况报告如下") are dropped.
    """
    block = np.ascontiguousarray(block)
    n, rows = block.shape
    # one 64-bit key per row of the band: hash the band's uint32 values together
    key = np.zeros(n, dtype=np.uint64)
    for c in range(rows):
        key = _mix64(key ^ block[:, c].astype(np.uint64))
    order = np.argsort(key, kind="stable")
    ks = key[order]
    brk = np.flatnonzero(np.diff(ks)) + 1
    starts = np.concatenate([[0], brk])
    ends = np.concatenate([brk, [n]])
    sizes = ends - starts
    # only multi-member buckets reach the Python loop (most rows are singletons)
    keep = (sizes >= 2) & (sizes <= max_bucket)
    out: list[tuple[int, int]] = []
    for s, e in zip(starts[keep], ends[keep]):
        members = order[s:e]
        members = np.sort(members[~empty[members]])
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = int(members[x]), int(members[y])
                if groups is None or groups[i] != groups[j]:
                    out.append((i, j))
    return out


class MinHashLSH:
    """MinHash signatures of char n-grams and LSH candidate pairs.

    Parameters are stored only (scikit-learn style). ``threshold`` is the Jaccard value at which
    the band S-curve is tuned; candidates are then verified by estimated or exact Jaccard.
    """

    def __init__(self, num_perm: int = 128, threshold: float = 0.5, ngram: int = 3, seed: int = 1,
                 batch_grams: int = 65_536) -> None:
        self.num_perm = num_perm
        self.threshold = threshold
        self.ngram = ngram
        self.seed = seed
        self.batch_grams = batch_grams

    def _params(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        # multiply-shift hashing: h(x) = (a·x + b) mod 2⁶⁴ >> 32 with odd a — 2-universal enough for MinHash
        a = rng.integers(1, 2**63 - 1, size=self.num_perm, dtype=np.uint64) | np.uint64(1)
        b = rng.integers(0, 2**63 - 1, size=self.num_perm, dtype=np.uint64)
        return a, b

    def signatures(self, texts: Sequence[str], *, normalized: bool = False,
                   show_progress: bool | None = None) -> np.ndarray:
        """(n, num_perm) uint32 signatures; an empty text gets all-max (matches nothing)."""
        a, b = self._params()
        n = len(texts)
        sig = np.full((n, self.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        grams: list[np.ndarray] = []
        owners: list[int] = []
        size = 0

        def flush() -> None:
            nonlocal grams, owners, size
            if not grams:
                return
            lens = np.array([g.size for g in grams])
            allg = _mix64(np.concatenate(grams))
            starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
            rows = np.array(owners)
            # (num_perm, total) in one shot; reduceat takes the min per document
            # in-place ops on one (num_perm, total) buffer: temporaries would multiply the memory
            h = np.multiply(a[:, None], allg[None, :])
            h += b[:, None]
            h >>= np.uint64(32)
            sig[rows] = np.minimum.reduceat(h, starts, axis=1).T.astype(np.uint32)
            grams, owners, size = [], [], 0

        for i in progress(range(n), desc="minhash", total=n, show=show_progress, unit="text"):
            g = ngram_ids(texts[i] if normalized else normalize(texts[i]), self.ngram)
            if g.size == 0:
                continue
            grams.append(g)
            owners.append(i)
            size += g.size
            # ~batch_grams × num_perm × 8 bytes per batch (64 MB at the defaults): cache-friendly, bounded
            if size >= self.batch_grams:
                flush()
        flush()
        return sig

    def candidate_pairs(self, sig: np.ndarray, groups: Sequence | None = None,
                        max_bucket: int = 200) -> set[tuple[int, int]]:
        """Index pairs ``(i, j)``, ``i < j``, sharing at least one LSH band bucket.

        ``groups`` (e.g. the document id of each passage) excludes pairs inside one group.
        Buckets larger than ``max_bucket`` (boilerplate such as "现将有关情况报告如下") are
        skipped: they would add O(size²) pairs and carry no evidence of a duplicate *matter*.
        """
        bands, rows = optimal_bands(self.num_perm, self.threshold)
        empty = np.all(sig == np.iinfo(np.uint32).max, axis=1)
        out: set[tuple[int, int]] = set()
        grp = np.asarray(groups) if groups is not None else None
        for bi in range(bands):
            out.update(band_bucket_pairs(sig[:, bi * rows : (bi + 1) * rows], empty, grp, max_bucket))
        return out

    @staticmethod
    def estimate_jaccard(sig: np.ndarray, pairs: np.ndarray) -> np.ndarray:
        """Estimated Jaccard (share of equal signature values) for an (m, 2) index array."""
        if len(pairs) == 0:
            return np.zeros(0)
        pairs = np.asarray(pairs)
        out = np.empty(len(pairs))
        for s in range(0, len(pairs), 100_000):
            p = pairs[s : s + 100_000]
            out[s : s + 100_000] = (sig[p[:, 0]] == sig[p[:, 1]]).mean(axis=1)
        return out
