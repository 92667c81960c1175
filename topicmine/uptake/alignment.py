"""Ask ↔ passage alignment: which ask a later passage takes up, by which words, and whether it commits.

For an item's asks (:mod:`topicmine.uptake.asks`) and one later passage (a 政府工作报告 paragraph, a policy
text), every ask sentence is paired with every passage sentence; the best pair is the alignment shown to
the user. Features of the best pairs, all named:

- ``cos_item`` — e5 cosine of the passage to the item's title + asks (the retrieval baseline);
- ``cos_ask`` / ``cos_sent`` — the best ask ↔ passage and ask sentence ↔ passage sentence cosines;
- ``shared_idf`` / ``shared_n`` — rare content words the best lexical pair shares (IDF-weighted), e.g.
  "互助养老" in "建立农村互助养老服务体系" ↔ "发展农村互助养老";
- ``lcs`` — the longest common run of characters in that pair (a shared measure name "集团化办学");
- ``commit`` — the passage sentence commits to a concrete measure (建立/设立/出台/新建/试点/… or a number);
- ``generic`` — the passage sentence only states a direction (支持/促进/推动/加强… without a measure).

    >>> lex = Lexicon.fit(["发展农村互助养老，建设互助养老点。", "支持民营经济发展。"])
    >>> a = align_lexical(["建立农村互助养老服务体系。"], "大力发展农村互助养老，新建互助养老点300个。", lex)
    >>> a["shared"], a["commit"]
    (['农村', '互助', '养老'], 1.0)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# policy-text boilerplate: shared by almost any ask and any report paragraph, so never evidence of uptake
GENERIC_WORDS = frozenset("""
加强 推进 完善 建立 健全 发展 工作 进一步 提高 提升 加大 力度 建设 体系 机制 服务 江苏 我省 全省 省 市 全市 政府 部门
相关 各地 各级 有关 实施 推动 促进 支持 鼓励 引导 强化 深化 扩大 优化 加快 积极 切实 全面 大力 持续 不断 着力 努力
坚持 落实 开展 做好 做到 形成 实现 确保 保障 政策 制度 措施 水平 能力 质量 高质量 企业 社会 经济 发展 创新 管理
问题 方面 领域 重点 重要 主要 进行 建议 需要 可以 应当 要 通过 利用 以及 和 与 及 等 的 了 在 对 为 将 把 从 向 中
新 更 好 大 多 一批 一个 各类 各项 全 同时 其中 我们 今年 明年 年 个 项 家 万 亿元 亿 元 人 以上 左右 达到 保持
""".split())

COMMIT_RX = re.compile(
    r"建立|设立|出台|制定|新建|建成|开通|启动|试点|推行|实施.{0,6}(?:工程|计划|行动|制度|办法)|编制|组建|成立|印发|"
    r"设置|配备|开设|增加|新增|改扩建|落地|上线|全覆盖|\d+(?:个|家|所|处|条|项|万|亿|%|人)"
)
GENERIC_RX = re.compile(r"支持|促进|推动|鼓励|加强|提升|完善|深化|优化|积极|大力|着力")


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    # the text layer's private jieba (never the global one): the default dictionary, as the features were trained on
    from topicmine.text.lexicon import new_tokenizer

    return new_tokenizer()


def content_words(text: str) -> list[str]:
    """jieba words of ≥ 2 characters that are not policy boilerplate.

    >>> content_words("加快推进农村互助养老服务")
    ['农村', '互助', '养老']
    """
    words = _tokenizer().lcut(text)
    return [w for w in words if len(w) >= 2 and w not in GENERIC_WORDS and re.search(r"[\u4e00-\u9fa5A-Za-z]", w)]


_ENUM = re.compile(r"(?=[一二三四五六七八九十]是)")


def sentences(text: str) -> list[str]:
    """Sentences of a passage — the text layer's splitter (at 。；！？, never inside 《》/（）), each further cut
    before an enumeration "二是/三是"; fragments under 4 Chinese characters dropped.

    >>> sentences("一是加快建设互助养老点；二是新建托育机构。好")
    ['一是加快建设互助养老点；', '二是新建托育机构。']
    """
    from topicmine.text.sentences import sentence_spans

    out = []
    for a, b in sentence_spans(text):
        out.extend(p.strip() for p in _ENUM.split(text[a:b]))
    return [p for p in out if len(re.sub(r"[^\u4e00-\u9fa5]", "", p)) >= 4]


@dataclass
class Lexicon:
    """Document frequencies over a collection (asks and passages), for IDF weights of shared words."""

    df: Counter[str] = field(default_factory=Counter)
    n: int = 0

    @classmethod
    def fit(cls, texts: Iterable[str]) -> Lexicon:
        lex = cls()
        for t in texts:
            lex.n += 1
            lex.df.update(set(content_words(t)))
        return lex

    def idf(self, w: str) -> float:
        return math.log((1 + self.n) / (1 + self.df.get(w, 0))) + 1.0


def longest_common_run(a: str, b: str) -> str:
    """The longest run of Chinese characters present in both strings.

    >>> longest_common_run("广泛采取集团化办学方式", "深化紧密型集团化办学")
    '集团化办学'
    """
    a = re.sub(r"[^\u4e00-\u9fa5A-Za-z0-9]", "|", a)
    b2 = re.sub(r"[^\u4e00-\u9fa5A-Za-z0-9]", "|", b)
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            sub = a[i:j]
            if "|" in sub:
                break
            if sub in b2:
                best = sub
            else:
                break
    return best


def align_lexical(ask_sentences: Sequence[str], passage: str, lex: Lexicon) -> dict[str, Any]:
    """The ask sentence and passage sentence sharing the most rare content words, with the pair's features."""
    best: dict[str, Any] = {"shared_idf": 0.0, "shared_n": 0, "shared": [], "lcs": 0, "ask_sentence": "",
                            "passage_sentence": "", "commit": 0.0, "generic": 0.0, "p_start": -1, "p_end": -1}
    psents = sentences(passage) or [passage]
    pwords = [set(content_words(s)) for s in psents]
    for asent in ask_sentences:
        aw = set(content_words(asent))
        if not aw:
            continue
        for ps, pw in zip(psents, pwords):
            shared = sorted(aw & pw, key=lambda w: (-lex.idf(w), w))
            score = sum(lex.idf(w) for w in shared)
            if score > best["shared_idf"]:
                run = longest_common_run(asent, ps)
                run_ok = len(run) if run not in GENERIC_WORDS else 0
                k = passage.find(ps)
                best = {"shared_idf": score, "shared_n": len(shared), "shared": sorted(shared, key=asent.find),
                        "lcs": run_ok, "lcs_text": run, "ask_sentence": asent, "passage_sentence": ps,
                        "commit": 1.0 if COMMIT_RX.search(ps) else 0.0,
                        "generic": 1.0 if GENERIC_RX.search(ps) and not COMMIT_RX.search(ps) else 0.0,
                        "p_start": k, "p_end": k + len(ps) if k >= 0 else -1}
    return best


def cosine_features(item_vec: Any, ask_vecs: Any, ask_sent_vecs: Any, passage_vec: Any, passage_sent_vecs: Any) -> dict[str, float]:
    """e5 cosines (rows L2-normalised): item ↔ passage, best ask ↔ passage, best sentence pair."""
    import numpy as np

    out = {"cos_item": float(item_vec @ passage_vec)}
    out["cos_ask"] = float(np.max(ask_vecs @ passage_vec)) if len(ask_vecs) else out["cos_item"]
    if len(ask_sent_vecs) and len(passage_sent_vecs):
        out["cos_sent"] = float(np.max(ask_sent_vecs @ passage_sent_vecs.T))
    else:
        out["cos_sent"] = out["cos_ask"]
    return out
