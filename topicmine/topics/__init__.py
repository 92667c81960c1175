"""Topics stage: candidate research topics (议题) from passage vectors, with evidence, ranks and stable ids.

Takes arrays and lists only (vectors, texts, token lists, per-passage metadata dicts); ``pipeline.py``
wires the store, segmenter and embedder to it. Heavy libraries (faiss, scipy, sklearn, networkx) are
imported inside the functions that need them.

Public API::

    TopicModel(min_topic_size=5, max_outlier_share=0.10, seed=42, ...).fit(X) -> labels_, predict(X)
    document_vectors(passage_vectors, doc_ids) -> (doc ids, vectors)
    cluster_eval(vectors, gold_labels, seed=42) -> {"nmi", "ari", "n_topics", "outlier_share", "seconds"}
    flag_boilerplate(texts, doc_ids=None, patterns_path=None) -> bool mask; boilerplate_reasons(...)
    label_topics(labels, token_lists, n_terms=5, stopwords=None, texts=None, representatives=None)
    topic_evidence(labels, metadata, vectors=None, centroids=None, texts=None) -> [TopicEvidence]
    topic_hierarchy(centroids) -> levels
    rank_topics(evidence, weights, regions=, years=, doc_types=) -> [RankedTopic]; rank_by_class(...)
    TopicRun.from_fit(...), TopicRun.to_json()/from_json(), match_topics(previous, new), save_run/load_run
    topic_map(centroids, ...), trend_series(evidence), render_html(ranked, ...)
    discover_topics(vectors, texts, token_lists, metadata, settings=..., previous_run=...) -> TopicResult
"""

from __future__ import annotations

from topicmine.topics.boilerplate import boilerplate_reasons, flag_boilerplate
from topicmine.topics.cluster import TopicModel, cluster_eval, document_vectors
from topicmine.topics.discover import BOILERPLATE, TopicResult, discover_topics
from topicmine.topics.evidence import TopicEvidence, doc_group, filter_evidence, topic_evidence, topic_hierarchy
from topicmine.topics.labels import GENERIC_TERMS, TopicLabel, label_topics
from topicmine.topics.rank import RankedTopic, explain, rank_by_class, rank_topics
from topicmine.topics.render import render_html, topic_map, trend_series
from topicmine.topics.stable import RunTopic, TopicRun, load_run, match_topics, save_run

__all__ = [
    "BOILERPLATE",
    "GENERIC_TERMS",
    "RankedTopic",
    "RunTopic",
    "TopicEvidence",
    "TopicLabel",
    "TopicModel",
    "TopicResult",
    "TopicRun",
    "boilerplate_reasons",
    "cluster_eval",
    "discover_topics",
    "doc_group",
    "document_vectors",
    "explain",
    "filter_evidence",
    "flag_boilerplate",
    "label_topics",
    "load_run",
    "match_topics",
    "rank_by_class",
    "rank_topics",
    "render_html",
    "save_run",
    "topic_evidence",
    "topic_hierarchy",
    "topic_map",
    "trend_series",
]
