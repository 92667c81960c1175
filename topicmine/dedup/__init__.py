"""Near-duplicate proposals: candidates, a calibrated decision, groups for 并案, explanations, check.

Public API (heavy libraries — faiss, sklearn — load only when a function needs them)::

    from topicmine.dedup import score_pairs, classify, find_pairs, group_duplicates, check, dedup_report

    scores = score_pairs(["关于加快农村养老服务发展的提案"], ["关于发展农村养老服务的建议"], a_vecs, b_vecs)
    classify(float(scores[0]))            # "重复" | "相近" | "相关" | None
    check(draft_text, draft_vec, corpus_texts, corpus_vecs, corpus_ids, corpus_meta)  # 历史上是否提过

Levels: 重复 same matter and same suggestion; 相近 same matter, different suggestion (并案 candidate);
相关 same topic. Thresholds and weights come from ``calibration/*.json`` fitted for one embedding
model id (see :func:`load_scorer`).
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "score_pairs": "scorer", "classify": "scorer", "load_scorer": "scorer", "load_lexical_scorer": "scorer", "PairScorer": "scorer",
    "CalibrationMismatchError": "scorer", "calibration_info": "scorer", "LEVELS": "scorer",
    "pair_features": "features", "FEATURES": "features",
    "MinHashLSH": "minhash",
    "candidate_pairs": "candidates", "semantic_candidates": "candidates", "lexical_candidates": "candidates",
    "document_vectors": "candidates",
    "group_duplicates": "groups",
    "shared_spans": "explain", "aligned_sentences": "explain", "explain_pair": "explain",
    "context_sentence": "explain",
    "find_pairs": "matching", "check": "matching", "explained": "matching",
    "dedup_report": "report", "write_json": "report", "write_csv": "report", "write_html": "report",
    "write_report": "report",
    "pairs_eval": "evaluation", "read_pairs": "evaluation",
    "split_parts": "text", "normalize": "text",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        mod = importlib.import_module(f"topicmine.dedup.{_EXPORTS[name]}")
        return getattr(mod, name)
    raise AttributeError(f"module 'topicmine.dedup' has no attribute {name!r}")
