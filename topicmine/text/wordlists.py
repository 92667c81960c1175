"""The built-in word lists of topicmine, one named subset each, all in one place.

The office's own lists live in ``corpus/dicts/*.txt`` and are read by :mod:`topicmine.text.lexicon`;
these built-ins are the fallback when no file is configured and the small fixed vocabularies each use
needs on top of the office's lists:

- :data:`BUILTIN_STOPWORDS` — segmentation's stop list when no ``stopwords.txt`` is given (function words
  and the formulaic verbs/adverbs of policy prose: 进一步 切实 大力 加强 …);
- :data:`FUNCTION_WORDS` — single-character function words, always dropped from drafting's key terms;
- :data:`DRAFT_GENERIC_TERMS` — words too generic to carry a *matter* (drafting titles and similarity);
- :data:`LABEL_GENERIC_TERMS` — words frequent in every policy topic, never a topic label;
- :data:`FRAMING_TERMS` — situation/stock-taking words (机遇 挑战 困难 面临 …): a topic labelled by these alone
  is the report talking about itself.

>>> "进一步" in BUILTIN_STOPWORDS and "机遇" in FRAMING_TERMS
True
"""

from __future__ import annotations

__all__ = ["BUILTIN_STOPWORDS", "FUNCTION_WORDS", "DRAFT_GENERIC_TERMS", "LABEL_GENERIC_TERMS", "FRAMING_TERMS"]

#: a small fallback stop list for when no stopword file is configured: function words, and the formulaic
#: verbs/adverbs of policy prose that say nothing about a topic (进一步, 切实, 大力, 加强, 推动, 着力 …)
BUILTIN_STOPWORDS: frozenset[str] = frozenset(
    """
    的 了 和 与 及 等 在 是 为 对 将 把 被 从 以 而 并 或 也 都 就 要 有 个 中 上 下 不 这 那 其 之 于 由
    我们 你们 他们 我省 我市 我县 我区 全省 全市 全县 全区 各级 各地 各类 各项 有关 相关 方面 工作 进行
    实施 开展 坚持 推进 推动 加强 加快 加大 进一步 切实 大力 着力 深入 深化 积极 不断 持续 全面 扎实
    认真 努力 发展 健全 完善 提高 提升 强化 促进 落实 确保 做好 抓好 重点 主要 一批 一些 一个 这些 这个
    那些 其中 以及 通过 按照 根据 围绕 关于 对于 同时 目前 当前 今年 去年 明年 已经 正在 没有 可以
    能够 应当 必须 需要 进一步加强 不断完善 有效 有力 更加 更好 显著 明显 稳步 逐步 继续 充分 牢牢
    着眼 聚焦 统筹 坚决 务必 认真贯彻 贯彻落实 贯彻 各位 代表 同志 同志们 一是 二是 三是 四是 五是
    六是 七是 八是 九是 十是 问题 情况 建议 意见 方式 措施 举措 水平 能力 体系 机制 作用 成效 力度
    亿元 万元 万人 万个 以上 以下 左右 增长 比重 同比 今后 此外 因此 但是 然而 并且 而且 如果 虽然
    """.split()
)

#: single-character function words (drafting drops them from key terms even without a stopword file)
FUNCTION_WORDS: frozenset[str] = frozenset(
    """的 地 得 了 着 过 是 在 和 与 及 或 并 而 且 也 都 就 又 还 被 把 将 对 从 向 以 为 于 由 等 之 其 该 此 这 那
    有 无 不 个 各 每 本 年 月 日 中 上 下 内 外 后 前 多 少 大 小 让 使 给 去 来 到 说 要 会 能 可 已 更 最 很 较""".split()
)

#: words too generic to carry a matter (drafting titles, similarity); kept small and domain-specific
DRAFT_GENERIC_TERMS: frozenset[str] = frozenset(
    """
    建议 提案 关于 加强 推进 推动 进一步 提高 提升 完善 建立 健全 加大 加快 强化 落实 实施 开展 做好 促进 支持
    鼓励 引导 积极 切实 努力 不断 持续 全面 深入 有效 充分 更加 相关 有关 部门 单位 工作 问题 情况 方面 我们 目前
    当前 现在 同时 一些 部分 存在 需要 进行 通过 实现 形成 发挥 作用 重要 主要 具体 我省 我市 全省 全市 各地 地方
    政府 一是 二是 三是 四是 五是 六是 其一 其二 首先 其次 最后 以及 并且 对于 由于 因此 所以 但是 可以 应该 应当
    要求 必须 能够 没有 不够 不足 较为 比较 相对 明显 进而 从而 已经 正在 逐步 尽快 着力 努力 力度 水平 能力 体系
    机制 制度 建设 发展 管理 服务 方式 措施 政策 对策 意见 办法 调研 分析 报告 我国 国家 社会 一定 方面 领域 其中
    之一 一个 两个 这些 这种 这个 以上 以下 如下 不断 共同 统一 明确 研究 规范 保障 提供 增加 扩大 优化 创新 认真
    """.split()
)

#: words of procedure: how a thing is applied for, decided, paid for and coordinated. A stretch named only by them
#: ("由街道、社区组织协调"; "公开申请条件、流程和费用分摊方式") is the procedure of the matter beside it, not a second matter
PROCEDURE_TERMS: frozenset[str] = frozenset(
    """
    申请 流程 程序 手续 审批 审核 备案 受理 办理 协调 组织协调 沟通协调 协商 调解 协商调解 公开 公示 告知 条件 申请条件
    费用 分摊 费用分摊 资金分摊 材料 时限 窗口 经验 总结
    """.split()
)

#: words frequent in every policy topic: verbs of doing, degree adverbs, formulaic nouns. Excluded from
#: topic labels in addition to the caller's stop words (corpus/dicts/stopwords.txt).
LABEL_GENERIC_TERMS: frozenset[str] = frozenset(
    """
发展 加快 坚持 推进 加强 推动 实施 全面 深入 建设 工作 提高 完善 进一步 积极 大力 着力 不断 持续 实现 促进 提升
扎实 切实 努力 开展 落实 强化 健全 深化 支持 推行 构建 打造 增强 优化 稳步 加大 力度 水平 能力 体系 机制 制度
重点 重要 主要 全省 全市 全国 我省 我市 各地 各级 有关 相关 部门 单位 方面 领域 问题 情况 工作 任务 目标 措施
政策 意见 建议 提案 调研 分析 具体 进行 通过 目前 当前 今年 去年 明年 一年 五年 年度 我们 他们 要求 必须 需要
以及 同时 其中 一是 二是 三是 四是 五是 六是 工程 项目 行动 计划 方案 规划 总体 基本 基础 显著 明显 较大 取得
成效 成绩 新的 更加 更好 坚决 认真 统筹 协调 保障 服务 管理 创新 改革 高质量 现代化 新时代 习近平 总书记 党中央
国务院 省委 省政府 市委 市政府 中共 同志 各位 代表 报告 政府 人民 群众 社会 经济 国家 地区 城市 全面建成 特色
增长 增加 达到 提出 形成 保持 确保 注重 做好 抓好 用好 解决 探索 鼓励 引导 规范 组织 召开 召集 研究 作为 成为
亿元 万元 万人 个百分点 百分点 以上 左右 以下 比重 同比 累计 分别 超过 全年 年均
""".split()
)

#: words of a report's situation analysis and stock-taking (形势, 机遇, 挑战, 困难, 成绩 …): a topic labelled by
#: these alone is the report talking about itself ("我们既面临诸多困难和挑战，也拥有难得的发展机遇")
FRAMING_TERMS: frozenset[str] = frozenset(
    "机遇 挑战 困难 面临 形势 矛盾 问题 风险 成绩 成就 奋斗 使命 征程 新征程 新时代 目标任务 总体要求 前进 信心 考验 "
    "不平凡 极不平凡 来之不易 忧患意识 危机感 紧迫感 历史 起点 新起点 阶段 关键时期 战略机遇期 大局 全局".split()
)
