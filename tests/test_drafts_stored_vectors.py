"""check-draft after split calls the model for nothing it has seen: a report's sentence vectors are kept in the
store, the drafts quote the report, so checking the folder a split wrote (in a new process: a new workspace, an
empty in-memory cache) embeds no sentence again; editing one draft embeds only the edited sentence.

Built from the profile of `check-draft FOLDER` on 40 drafts (py-spy, this pass): 90 % of the time in the model —
55 % the drafts' sentences (embedded again though `split` had embedded the same report sentences minutes before),
35 % asks; and the .md's own check results ("✅与往年社情民意信息相近：……") were embedded and compared with history.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from topicmine import pipeline
from topicmine.config import load_settings
from topicmine.pipeline.sentence_vectors import drop_review, embed_sentences

ROOT = Path(__file__).resolve().parent.parent
NEW = ROOT / "corpus" / "sample" / "调研报告" / "2024" / "关于新就业形态劳动者权益保障情况的调研报告.md"


def _spy(ws: Any) -> list[str]:
    seen: list[str] = []
    emb = ws.embedder
    real = emb.encode

    def encode(texts: list[str], *args: Any, **kw: Any) -> Any:
        seen.extend(texts)
        return real(texts, *args, **kw)

    emb.encode = encode
    return seen


def test_checking_a_split_folder_embeds_no_sentence_again(tmp_path: Path, model_dir: Path) -> None:
    wd, out = tmp_path / "wd", tmp_path / "out"
    ws = pipeline.Workspace(load_settings(workdir=wd))
    split_seen = _spy(ws)
    pipeline.split(ws, pipeline.read_upload(ws, NEW.name, NEW.read_bytes()), out_dir=out)
    assert len(split_seen) > 40
    files = sorted(f for f in out.glob("*.md") if not f.name.startswith("summary"))
    assert len(files) >= 4

    ws2 = pipeline.Workspace(load_settings(workdir=wd))  # a new process: nothing in memory
    seen = _spy(ws2)
    texts = [pipeline.read_upload(ws2, f.name, f.read_bytes()) for f in files]
    embed_sentences(ws2, texts)
    for t in texts:
        pipeline.check_draft(ws2, t)
    # the report's sentences, the drafts' titles and asks come from the store; nothing of the check results
    assert not [s for s in seen if "审核提示" in s or "✅" in s or "❌" in s or "建议承办单位" in s]
    assert len(seen) <= 3, seen

    # a drafter edits one sentence of one draft and checks the folder again: only that sentence is new
    edited = texts[1].replace("。", "，并于年底前完成。", 1)
    ws3 = pipeline.Workspace(load_settings(workdir=wd))
    seen3 = _spy(ws3)
    embed_sentences(ws3, [edited, *texts[2:]])
    assert 1 <= len(seen3) <= 2 and any("年底前完成" in s for s in seen3)


def test_the_check_results_of_a_md_are_not_part_of_the_draft() -> None:
    md = ("# 关于优化骑手驿站布局的提案\n\n调研情况：全市有骑手驿站120个。\n\n---\n\n**审核提示**\n\n"
          "- ✅ 与往年社情民意信息相近：社情民意信息《无人机……》（2025-04-09）\n")
    assert drop_review(md) == "# 关于优化骑手驿站布局的提案\n\n调研情况：全市有骑手驿站120个。"
    assert drop_review("关于优化骑手驿站布局的提案\n调研情况：全市有骑手驿站120个。").endswith("120个。")
