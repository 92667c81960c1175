"""``eval …``: evaluation on any labelled file (STS, pairs, clusters, replies, uptake, proposal pairs).

Every eval command has one shape: the result is ONE JSON object on the last stdout line (Chinese unescaped),
with or without ``--json``; ``--out FILE`` also writes it to a file; ``--data-dir`` resolves label files
given relative to the data folder; ``--config``/``--verbose`` as everywhere; the commands whose figures
depend on a random split or order take ``--seed`` (and report it in the result). ``tests/test_cli_eval.py``
polices the shape over every eval subcommand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from topicmine.cli.common import (
    ConfigOpt,
    VerboseOpt,
    WorkdirOpt,
    _progress,
    _run,
    _setup_logging,
    _workspace,
    _writable_out,
)

# ---- the options every eval command shares ------------------------------------------------------
EvalJsonOpt = typer.Option(False, "--json", help="以一个 JSON 对象输出结果（标准输出的最后一行）；评测结果总是如此输出，"
                                                 "此选项与其他命令一致，供脚本统一使用。")
OutOpt = typer.Option(None, "--out", "-o", help="另把结果 JSON 写入此文件（UTF-8，中文不转义），便于存档比较。")
DataDirOpt = typer.Option(None, "--data-dir", help="数据目录：相对路径的标注文件在当前目录找不到时，按此目录解析"
                                                   "（默认取设置 data_dir，即环境变量 TOPICMINE_DATA_DIR 或 ../shared/data）。")
SeedOpt = typer.Option(0, "--seed", help="随机种子：交叉验证第一次划分的种子（重复 r 次用 seed … seed+r-1）。")


def _labelled(path: Path, data_dir: Optional[Path], config: Optional[Path]) -> Path:
    """A label file as given if it exists (or is absolute), else under the data folder — so
    ``topicmine eval replies gov_messages_tipdm2020_full/replies_dev_labels.jsonl`` works from any folder."""
    if path.is_absolute() or path.exists():
        return path
    if data_dir is None:
        from topicmine.config import load_settings

        data_dir = _run(lambda: load_settings(config)).data_dir
    candidate = Path(data_dir) / path
    return candidate if candidate.exists() else path  # not found: the evaluation names the path as given


def _emit_eval(result: dict[str, Any], out: Optional[Path]) -> None:
    """The one output of an eval command: the object to ``out`` (if given), then one JSON line on stdout."""
    if out is not None:
        from topicmine.atomic import write_text_atomic

        _run(lambda: write_text_atomic(out, json.dumps(result, ensure_ascii=False, indent=1, default=str) + "\n"))
    typer.echo(json.dumps(result, ensure_ascii=False, default=str))


def _start(verbose: int, out: Optional[Path]) -> None:
    _setup_logging(verbose)
    if out is not None:  # an --out that cannot be written fails now, not after minutes of evaluation
        _writable_out(out.parent, "保存评测结果")


def eval_sts(
    file: Path = typer.Argument(..., help="标注文件：TSV（s1<TAB>s2<TAB>分数，无表头）或 JSONL（sentence1/sentence2/label）。"),
    limit: Optional[int] = typer.Option(None, "--limit", help="只用前 N 对。"),
    data_dir: Optional[Path] = DataDirOpt,
    out: Optional[Path] = OutOpt,
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = EvalJsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """语义相似度评测：当前模型余弦相似度与标准分数的 Spearman 相关。"""
    from topicmine import evaluate

    _start(verbose, out)
    ws = _workspace(workdir, config)
    _emit_eval(_run(lambda: evaluate.eval_sts(ws, _labelled(file, data_dir, config), limit=limit)), out)


def eval_pairs(
    file: Path = typer.Argument(..., help="标注文件：TSV（s1<TAB>s2<TAB>标签，无表头）或 JSONL（sentence1/sentence2/label）。"),
    positive: Optional[str] = typer.Option(None, "--positive", help="表示“重复”的标签值（默认 1；sohu 数据为 5）。"),
    limit: Optional[int] = typer.Option(None, "--limit", help="只用前 N 对。"),
    data_dir: Optional[Path] = DataDirOpt,
    out: Optional[Path] = OutOpt,
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = EvalJsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """句对重复评测：当前重复判定在默认阈值下的 AUC、F1、精确率和召回率。"""
    from topicmine import evaluate

    _start(verbose, out)
    ws = _workspace(workdir, config)
    _emit_eval(_run(lambda: evaluate.eval_pairs(ws, _labelled(file, data_dir, config), positive=positive, limit=limit)), out)


def eval_clusters(
    file: Path = typer.Argument(..., help="含文本列和标准类别列的 CSV/TSV/JSONL 文件。"),
    text_col: str = typer.Option(..., "--text-col", help="文本列名（无表头的 TSV 用列号）。"),
    label_col: str = typer.Option(..., "--label-col", help="标准类别列名（或列号）。"),
    seed: Optional[int] = typer.Option(None, "--seed", help="随机种子：议题聚类的种子（默认取设置 topics.seed）。"),
    limit: Optional[int] = typer.Option(None, "--limit", help="只用前 N 行。"),
    data_dir: Optional[Path] = DataDirOpt,
    out: Optional[Path] = OutOpt,
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = EvalJsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """聚类评测：议题聚类与标准类别的 NMI/ARI（不告知类别数；未归类算作单独一类）。"""
    from topicmine import evaluate

    _start(verbose, out)
    ws = _workspace(workdir, config)
    _emit_eval(_run(lambda: evaluate.eval_clusters(ws, _labelled(file, data_dir, config), text_col=text_col,
                                                  label_col=label_col, seed=seed, limit=limit)), out)


def eval_replies_cmd(
    file: Path = typer.Argument(..., help="带标注的答复 JSONL (replies_dev_labels.jsonl 格式)。"),
    folds: int = typer.Option(5, "--folds", help="学习层交叉验证折数 (0 = 不训练)。"),
    repeats: int = typer.Option(5, "--repeats", help="分组交叉验证重复几次（每次划分不同）。"),
    seed: int = SeedOpt,
    data_dir: Optional[Path] = DataDirOpt,
    out: Optional[Path] = OutOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = EvalJsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """答复解读评测：办理结果、是否答非所问、承诺期限；同一次运行给出基线。"""
    from topicmine import evaluate

    _start(verbose, out)
    _emit_eval(_run(lambda: evaluate.eval_replies(_labelled(file, data_dir, config), folds=folds, repeats=repeats,
                                                 seed=seed)), out)


def eval_uptake_cmd(
    file: Path = typer.Argument(..., help="带标注的采纳 JSONL (uptake_dev.jsonl 格式)。"),
    folds: int = typer.Option(5, "--folds", help="按提案分组的交叉验证折数。"),
    target_precision: Optional[float] = typer.Option(None, "--target-precision", help="采纳阈值按此目标精确率选（内层交叉验证）；默认按最佳 F1 选。"),
    seed: int = SeedOpt,
    data_dir: Optional[Path] = DataDirOpt,
    out: Optional[Path] = OutOpt,
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = EvalJsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """建议采纳评测：后续文本是否写入与建议一致的举措（采纳/呼应/无）；同一次运行给出 e5 余弦基线。"""
    from topicmine import evaluate

    _start(verbose, out)
    ws = _workspace(workdir, config)
    _emit_eval(_run(lambda: evaluate.eval_uptake(ws, _labelled(file, data_dir, config), folds=folds,
                                                target_precision=target_precision, seed=seed)), out)


def eval_proposal_pairs(
    corpus: Path = typer.Argument(..., help="提案文件（CSV/XLSX/JSONL，含 pkid 等编号列），例如 jszx2019_dev.csv。"),
    pairs: Path = typer.Argument(..., help="标注的提案对 JSONL：a、b（提案编号）和 label（重复/相近/相关/无关，见 LABELS.md）。"),
    folds: int = typer.Option(5, "--folds", help="组合判定的交叉验证折数（0 = 不做）。"),
    repeats: int = typer.Option(5, "--repeats", help="分层 k 折交叉验证重复几次（每次打乱不同）。"),
    seed: int = SeedOpt,
    data_dir: Optional[Path] = DataDirOpt,
    out: Optional[Path] = OutOpt,
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = EvalJsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """同一事项评测：当前判定在标注提案对上的重复/相近精确率、召回率和 F1，同时给出基线。"""
    from topicmine import evaluate

    _start(verbose, out)
    ws = _workspace(workdir, config)
    res = _run(lambda: evaluate.eval_proposal_pairs(ws, _labelled(corpus, data_dir, config), _labelled(pairs, data_dir, config),
                                                   folds=folds, repeats=repeats, seed=seed,
                                                   show_progress=_progress(verbose, False)))
    _emit_eval(res, out)
