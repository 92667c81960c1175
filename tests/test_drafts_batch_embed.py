"""The model is called once for many drafts: `check-draft FOLDER` embeds every draft's sentences in one call,
and `split` embeds all generated titles in one call (not one call per draft inside the history checks)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from topicmine import pipeline
from topicmine.config import load_settings
from topicmine.pipeline.sentence_vectors import embed_sentences

ROOT = Path(__file__).resolve().parent.parent
LA = ROOT / "corpus" / "sample" / "调研报告" / "2025" / "关于苏州市低空经济发展情况的调研报告.md"

DRAFTS = [
    "关于稳定养老护理员队伍的提案\n调研情况：全市养老机构护理员1800人，年流失率超过30%。\n"
    "问题分析：薪酬低，晋升难。\n具体建议：一是提高护理员薪酬待遇。二是建立护理员职业晋升通道。",
    "关于规范校外培训机构预收费的提案\n调研情况：部分校外培训机构一次性预收一年以上学费。\n"
    "问题分析：机构关门后家长退费难。\n具体建议：一是推行预收费资金存管。二是单次预收不超过3个月。",
    "无人机在居民小区上空盘旋拍摄扰民问题应引起重视\n反映人：徐静（市政协委员）\n"
    "情况：近期多个小区居民通过12345热线反映无人机夜间盘旋拍摄。\n意见建议：建议明确住宅区上空夜间禁飞时段。",
]


def _spy(ws: Any) -> list[list[str]]:
    calls: list[list[str]] = []
    emb = ws.embedder
    real = emb.encode

    def encode(texts: list[str], *args: Any, **kw: Any) -> Any:
        calls.append(list(texts))
        return real(texts, *args, **kw)

    emb.encode = encode
    return calls


def test_a_folder_of_drafts_is_embedded_in_one_call(tmp_path: Path, model_dir: Path) -> None:
    ws = pipeline.Workspace(load_settings(workdir=tmp_path / "wd"))
    calls = _spy(ws)
    n = embed_sentences(ws, DRAFTS)
    assert n >= 9 and len(calls) == 1 and len(calls[0]) == n
    for text in DRAFTS:
        res = pipeline.check_draft(ws, text)
        assert res["checks"]
    # the checks found every sentence already embedded (the history has no index here: no other encode)
    assert len(calls) == 1


def test_split_embeds_the_titles_in_one_call(tmp_path: Path, model_dir: Path) -> None:
    ws = pipeline.Workspace(load_settings(workdir=tmp_path / "wd"))
    calls = _spy(ws)
    text = pipeline.read_upload(ws, LA.name, LA.read_bytes())
    res = pipeline.split(ws, text)
    titles = {d["title"] for d in res["drafts"]}
    # one call for the report's sentences, at most one more for the generated titles (none per draft)
    assert 1 <= len(calls) <= 2, [c[:3] for c in calls]
    assert all(len(c) > 1 for c in calls)
    assert titles <= {t for c in calls for t in c}
