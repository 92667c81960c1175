"""成果转化: following each suggestion to its reply, to later policy text that takes it up, and to 督办.

One module per idea:

- :mod:`~topicmine.uptake.deadlines` — dates and promised deadlines, resolved against the reply's date;
- :mod:`~topicmine.uptake.replies` — reading a reply (outcome, responsive, deadline, unit) with reasons;
- :mod:`~topicmine.uptake.reply_model` — an optional learned weighting of the reply rules' cues;
- :mod:`~topicmine.uptake.linking` — item → reply by number, quoted title or shared table row;
- :mod:`~topicmine.uptake.asks` / :mod:`~topicmine.uptake.alignment` / :mod:`~topicmine.uptake.scorer` —
  an item's asks, their alignment with later passages, and the 采纳 / 呼应 / 无 scorer;
- :mod:`~topicmine.uptake.store` / :mod:`~topicmine.uptake.refresh` — links in the SQLite store, refreshed
  for new documents only;
- :mod:`~topicmine.uptake.supervision`, :mod:`~topicmine.uptake.figures`, :mod:`~topicmine.uptake.report`,
  :mod:`~topicmine.uptake.morning` — the 督办 list, 评价 figures, the command's report and export, the
  morning-report section.

Uptake is coincidence in later text, not proof of cause: "与建议一致的举措已写入…".

    >>> from topicmine.uptake import read_reply
    >>> read_reply("您反映的问题已转相关部门调查处理。").outcome
    '转办'
"""

from topicmine.uptake.deadlines import find_deadline
from topicmine.uptake.replies import read_reply

__all__ = ["find_deadline", "read_reply"]
