"""``cluster run|refresh``: the national corpus on Ray (needs the ``cluster`` extra)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

import typer

from topicmine.cli.common import ConfigOpt, JsonOpt, QuietOpt, VerboseOpt, _console, _emit, _progress, _run, _setup_logging
from topicmine.cli.zh import ZhCommand, ZhGroup

cluster_app = typer.Typer(cls=ZhGroup, help="全国/全省语料：在 Ray 集群上分布式运行（需 pip install 'topicmine\\[cluster]'）。"
                               "一个分片就是一个工作目录：WORKDIR 或 WORKDIR=来源[,来源…]。")
ShardsOpt = typer.Option(..., "--shards", "-s", help="分片：WORKDIR 或 WORKDIR=来源[,来源…]（可重复给出）。")
ClusterOutOpt = typer.Option(..., "--out", "-o", help="全库输出文件夹（Parquet、向量、索引、议题）。")
AddressOpt = typer.Option(None, "--address", help="Ray 地址：local（本进程内）、auto（`ray start` 启动的集群）或 ray://host:10001。")


def _cluster_job(job: str, shards: list[str], out: Path, address: Optional[str], config: Optional[Path],
                 as_json: bool, verbose: int, quiet: bool) -> None:
    from topicmine.config import load_settings

    _setup_logging(verbose, quiet)
    settings = _run(lambda: load_settings(config))

    def go() -> Any:
        from topicmine.cluster import run as jobs

        return getattr(jobs, job)(shards, out, settings, address=address, show_progress=_progress(verbose, quiet))

    res = _run(go)
    _emit(res, as_json, lambda r: _console().print(
        f"{job}: {len(r['shards'])} 个分片 · 新嵌入 {r['embed']['embedded']} 段 (缓存已有 {r['embed']['cached_before']}) · "
        f"索引 {r['index']['count']} 向量 · 主题 {r['topics'].get('n_topics', r['topics'].get('predicted'))} · "
        f"重复对 {r['dedup'].get('pairs', 0)} · {r['seconds']}s → {out}"))


def _cluster_command(job: str, doc: str) -> Callable[..., None]:
    def command(
        shards: list[str] = ShardsOpt,
        out: Path = ClusterOutOpt,
        address: Optional[str] = AddressOpt,
        config: Optional[Path] = ConfigOpt,
        as_json: bool = JsonOpt,
        verbose: int = VerboseOpt,
        quiet: bool = QuietOpt,
    ) -> None:
        _cluster_job(job, shards, out, address, config, as_json, verbose, quiet)

    command.__doc__ = doc
    return command


cluster_app.command("run", cls=ZhCommand)(_cluster_command(
    "run", "全量重建：导出分片，补算缺少的向量，建 IVF-PQ 索引，议题和重复（full build）。"))
cluster_app.command("refresh", cls=ZhCommand)(_cluster_command(
    "refresh", "夜间增量：对新增或变化的分片补算向量、更新增量索引、预测议题、查新文档的重复（nightly delta）。"))
