"""Layout: one paragraph layout for every input shape of a document.

(first part: hard-wrap joining for quoting; the shape normaliser follows below)
"""

from __future__ import annotations

import re

__all__ = ["clean_text"]


def clean_text(s: str) -> str:
    """Join hard-wrapped lines and collapse spaces, keeping every character of the wording.

    PDF-extracted proposals wrap lines inside sentences; drafts quote the source, so only whitespace may
    change.

    >>> clean_text("国家对厕所\\n问题的关注")
    '国家对厕所问题的关注'
    """
    s = re.sub(r"\s*\n\s*", "\n", s.strip())
    # a newline between two CJK characters (or CJK and punctuation) is a wrap, not a paragraph
    s = re.sub(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])", "", s)
    s = re.sub(r"(?<=[^\x00-\x7f])[ \t\u3000\xa0]+(?=[^\x00-\x7f])", "", s)
    s = re.sub(r"[ \t\u3000\xa0]+", " ", s)
    return s.replace("\n", "")
