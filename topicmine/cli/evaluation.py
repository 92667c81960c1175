"""``eval …``: evaluation on any labelled file (STS, pairs, clusters, replies, uptake, proposal pairs)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from topicmine.cli.common import (
    ConfigOpt,
    JsonOpt,
    VerboseOpt,
    WorkdirOpt,
    _emit,
    _progress,
    _run,
    _setup_logging,
    _workspace,
)

def eval_sts(
    file: Path = typer.Argument(..., help="标注文件：TSV（s1<TAB>s2<TAB>分数，无表头）或 JSONL（sentence1/sentence2/label）。"),
    limit: Optional[int] = typer.Option(None, "--limit", help="只用前 N 对。"),
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """语义相似度评测：当前模型余弦相似度与标准分数的 Spearman 相关。"""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(None, config)
    res = _run(lambda: evaluate.eval_sts(ws, file, limit=limit))
    _emit(res, True, print)


def eval_pairs(
    file: Path = typer.Argument(..., help="标注文件：TSV（s1<TAB>s2<TAB>标签，无表头）或 JSONL（sentence1/sentence2/label）。"),
    positive: Optional[str] = typer.Option(None, "--positive", help="表示“重复”的标签值（默认 1；sohu 数据为 5）。"),
    limit: Optional[int] = typer.Option(None, "--limit", help="只用前 N 对。"),
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """句对重复评测：当前重复判定在默认阈值下的 AUC、F1、精确率和召回率。"""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(None, config)
    _emit(_run(lambda: evaluate.eval_pairs(ws, file, positive=positive, limit=limit)), True, print)


def eval_clusters(
    file: Path = typer.Argument(..., help="含文本列和标准类别列的 CSV/TSV/JSONL 文件。"),
    text_col: str = typer.Option(..., "--text-col", help="文本列名（无表头的 TSV 用列号）。"),
    label_col: str = typer.Option(..., "--label-col", help="标准类别列名（或列号）。"),
    seed: Optional[int] = typer.Option(None, "--seed", help="随机种子（默认取设置 topics.seed）。"),
    limit: Optional[int] = typer.Option(None, "--limit", help="只用前 N 行。"),
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """聚类评测：议题聚类与标准类别的 NMI/ARI（不告知类别数；未归类算作单独一类）。"""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(None, config)
    _emit(_run(lambda: evaluate.eval_clusters(ws, file, text_col=text_col, label_col=label_col, seed=seed, limit=limit)), True, print)


def eval_replies_cmd(
    file: Path = typer.Argument(..., help="带标注的答复 JSONL (replies_dev_labels.jsonl 格式)。"),
    folds: int = typer.Option(5, "--folds", help="学习层交叉验证折数 (0 = 不训练)。"),
    verbose: int = VerboseOpt,
) -> None:
    """答复解读评测：办理结果、是否答非所问、承诺期限；同一次运行给出基线。One JSON object."""
    _setup_logging(verbose)
    from topicmine import evaluate

    _emit(_run(lambda: evaluate.eval_replies(file, folds=folds)), True, print)


def eval_uptake_cmd(
    file: Path = typer.Argument(..., help="带标注的采纳 JSONL (uptake_dev.jsonl 格式)。"),
    folds: int = typer.Option(5, "--folds", help="按提案分组的交叉验证折数。"),
    target_precision: Optional[float] = typer.Option(None, "--target-precision", help="采纳阈值按此目标精确率选（内层交叉验证）；默认按最佳 F1 选。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    verbose: int = VerboseOpt,
) -> None:
    """建议采纳评测：后续文本是否写入与建议一致的举措（采纳/呼应/无）；同一次运行给出 e5 余弦基线。One JSON object."""
    _setup_logging(verbose)
    from topicmine import evaluate

    ws = _workspace(workdir, config)
    _emit(_run(lambda: evaluate.eval_uptake(ws, file, folds=folds, target_precision=target_precision)), True, print)


def eval_proposal_pairs(
    corpus: Path = typer.Argument(..., help="提案文件（CSV/XLSX/JSONL，含 pkid 等编号列），例如 jszx2019_dev.csv。"),
    pairs: Path = typer.Argument(..., help="标注的提案对 JSONL：a、b（提案编号）和 label（重复/相近/相关/无关，见 LABELS.md）。"),
    folds: int = typer.Option(5, "--folds", help="组合判定的交叉验证折数（0 = 不做）。"),
    repeats: int = typer.Option(5, "--repeats", help="分层 k 折交叉验证重复几次（每次打乱不同）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """同一事项评测：当前判定在标注提案对上的重复/相近精确率、召回率和 F1，同时给出基线。"""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(workdir, config)
    res = _run(lambda: evaluate.eval_proposal_pairs(ws, corpus, pairs, folds=folds, repeats=repeats,
                                                   show_progress=_progress(verbose, False)))
    _emit(res, True, print)
