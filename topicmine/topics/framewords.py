"""Frame words: a group joined by the word its clauses measure a first or a rank against is no 议题.

福建's 对台 chapter came out as two areas on the list: "两岸同胞" (海峡论坛, 两岸融合发展示范区, 台胞待遇) and "大陆", 17
clauses joined by the word 大陆 — "厦门长庚医院成为大陆首家台资三甲医院", "新设台企户数…居大陆第一", "支持符合条件的台企
在大陆上市", "推动出台大陆首部促进两岸标准共通地方性法规". There 大陆 is the yardstick of a first or a rank, as 全国 is in
"居全国第一" and 全省 in "全省首家": it says where a thing stands, not what is worked on, so the clauses it joins are
firsts and tallies of several matters (台资上市, 金门供水, 两岸标准) and the group is a second copy of the chapter.

So a clause group (:class:`topicmine.topics.clauses.AnchorMatter`) whose anchor stands, in half or more of its
clauses, right before a first or a rank (X首家/首部/首只, X第一, X首位, X前列, X率先) or inside one (居X第一, 在X上市,
在X率先) is dropped before the 议题 are built; its clauses stay in their area. The anchor lexicon excludes place
names already (a place joins clauses by where they are); a frame word is the same thing said by its use, so it is
found in the clauses, not listed. On the seen sets (安徽, 福建, 浙江, 广东 with their cities) only 福建's 大陆 has two
such clauses or more.

>>> from topicmine.topics.clauses import AnchorMatter
>>> texts = ["厦门长庚医院成为大陆首家台资三甲医院", "新设台企户数居大陆第一", "支持台企在大陆上市", "完成大陆向金门供水工程",
...          "新建公办幼儿园405所", "推进学前教育普及普惠", "扩大普惠性学前教育资源"]
>>> found = [AnchorMatter(1, "大陆", [0, 1, 2, 3], ["大陆"], 4, 0.0), AnchorMatter(2, "学前教育", [4, 5, 6], ["学前教育"], 3, 0.0)]
>>> [m.anchor for m in drop_frame_anchors(found, texts)]
['学前教育']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

#: what follows a yardstick word: a first (首家, 首部, 首只 …), a rank (第一, 首位, 前列) or a lead (率先)
_AFTER = r"(?:首[家个只部张批座条台例]|第[一二三]|首位|前列|率先)"
#: what stands around one: 居/位居/保持 X 第一, 在 X 上市 / 率先
_AROUND_BEFORE = r"(?:居|位居|保持|在)"
_AROUND_AFTER = r"(?:首|第|前列|率先|上市)"
#: the share of a group's clauses that must use its anchor as a yardstick
FRAME_SHARE = 0.5


def frame_pattern(word: str) -> re.Pattern[str]:
    """The pattern of ``word`` used as the yardstick of a first or a rank.

    >>> bool(frame_pattern("大陆").search("新设台企户数居大陆第一")), bool(frame_pattern("大陆").search("完成大陆向金门供水工程"))
    (True, False)
    """
    w = re.escape(word)
    return re.compile(f"{w}{_AFTER}|{_AROUND_BEFORE}{w}{_AROUND_AFTER}")


def is_frame_anchor(anchor: str, clauses: Sequence[str], *, min_share: float = FRAME_SHARE) -> bool:
    """Whether ``anchor`` is the yardstick of a first or a rank in at least ``min_share`` of ``clauses``."""
    if not anchor or not clauses:
        return False
    pat = frame_pattern(anchor)
    return sum(bool(pat.search(c)) for c in clauses) >= min_share * len(clauses)


def drop_frame_anchors(found: list[Any], texts: Sequence[str]) -> list[Any]:
    """``found`` (clause groups with ``anchor`` and ``clauses``: row numbers into ``texts``) without the groups
    joined by a frame word (module doc)."""
    return [m for m in found if not is_frame_anchor(m.anchor, [texts[i] for i in m.clauses])]
