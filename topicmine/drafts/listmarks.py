"""Numbered-list marks of a draft ("一是", "（一）", "一、", "1．", "（1）", "①") and where a list starts again from 一 / 1
(two drafts' measures under one 具体建议). Moved out of :mod:`topicmine.drafts.matters`, which imports them."""

from __future__ import annotations

import re

_CN = "一二三四五六七八九十"
_MARK = re.compile(r"(?:^|(?<=[。；;：:！？\s]))(?:([一二三四五六七八九十])是|（([一二三四五六七八九十])）|([一二三四五六七八九十])、"
                   r"|([0-9]{1,2})[、.．](?![0-9])|[（(]([0-9]{1,2})[）)]|([①②③④⑤⑥⑦⑧⑨]))")


def restarts(text: str) -> list[int]:
    """Offsets where a numbered list starts again from 一 / 1 in the same style after reaching 二 / 2, with no item
    of a parent style between ("一、…1.…2.…二、…1.…" is nesting, not a restart).

    >>> restarts("一是整治印染企业。二是推动技改。一是摸清微塑料污染。二是制定法规。")
    [16]
    >>> restarts("一、规划 1.编制规划。2.优化布局。二、资金 1.设立基金。2.贴息。")
    []
    """
    seq: list[tuple[int, int, int]] = []
    for m in _MARK.finditer(text):
        k = next(i for i in range(6) if m.group(i + 1))
        g = m.group(k + 1)
        seq.append((m.start(), k, _CN.index(g) + 1 if g in _CN else "①②③④⑤⑥⑦⑧⑨".index(g) + 1 if g in "①②③④⑤⑥⑦⑧⑨"
                    else int(g)))
    first: dict[int, int] = {}
    for pos, k, _ in seq:
        first.setdefault(k, pos)
    out: list[int] = []
    last: dict[int, int] = {}
    run_start: dict[int, int] = {}
    last_pos: dict[int, int] = {}
    for pos, k, num in seq:
        if num == 1:
            if last.get(k, 0) >= 2 and not any(run_start.get(k, -1) < p < pos and first[kk] < first[k] for p, kk, _ in seq):
                # the second list starts at the paragraph that leads into it ("二、相关建议……为此，提出以下建议：一是……"),
                # when one starts after the first list's last item
                nl = text.rfind("\n", last_pos[k], pos)
                out.append(nl + 1 if nl >= 0 else pos)
            run_start[k] = pos
        last[k] = num
        last_pos[k] = pos
    return out
