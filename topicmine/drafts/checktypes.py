"""The shapes every draft check returns, and the rules the messages cite (see ../shared/DOMAIN.md).

    >>> Check("length", True, "正文 1200 字，篇幅适中。").to_dict()["severity"]
    'error'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RULE_15 = "全国政协提案工作条例第十五条（一事一案，有情况、有分析、有具体的建议）"
RULE_REJECT = "全国政协提案工作条例不予立案情形"
RULE_OPINION = "社情民意信息报送要求（一事一报，篇幅一般不超过 1500 字）"
RULE_OPINION_FORM = "社情民意信息报送要求（要素：反映人及单位、情况、原因分析、意见建议；一事一报）"
RULE_OPINION_SCOPE = "社情民意信息报送要求（反映社情民意，不代替信访、诉讼和组织人事渠道）"
RULE_MOTION = "政协建议案的报送要求（围绕全局性、战略性问题，经常委会议通过后报送党委、政府）"

#: the rule each genre's structure, one-matter and rejection messages cite
RULES = {
    "proposal": {"form": RULE_15, "one": RULE_15, "reject": RULE_REJECT, "unit": "提案", "split": "多件提案（一事一案）"},
    "opinion": {"form": RULE_OPINION_FORM, "one": RULE_OPINION, "reject": RULE_OPINION_SCOPE, "unit": "社情民意信息",
                "split": "多条社情民意信息分别报送（一事一报）"},
    "motion": {"form": RULE_MOTION, "one": RULE_MOTION, "reject": RULE_REJECT, "unit": "建议案", "split": "不同的建议案"},
}
#: placeholder the exported forms carry for what the drafter fills in ("提案人：【请填写】")
PLACEHOLDER = "【请填写】"

PROPOSAL_TYPICAL = (800, 1500)
#: under this many 字 a 提案 is told it is short (a warning): 10 of 287 filed jszx 2019 proposals are
PROPOSAL_SHORT = 600


@dataclass
class Check:
    """One rule checked: ``passed``, a Chinese message saying what to fix and why, and spans."""

    name: str
    passed: bool
    message: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    severity: str = "error"  # "error" decides CheckReport.passed; "warning"/"info" only inform

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "message": self.message,
                "spans": [list(s) for s in self.spans], "severity": self.severity}


@dataclass
class CheckReport:
    passed: bool
    genre: str
    checks: list[Check]
    handlers: list[dict[str, Any]] = field(default_factory=list)
    similar: list[dict[str, Any]] = field(default_factory=list)
    title: str | None = None
    level: str | None = None
    level_reason: str = ""

    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed and c.severity == "error"]

    def to_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "genre": self.genre, "title": self.title, "level": self.level,
                "checks": [c.to_dict() for c in self.checks], "handlers": self.handlers, "similar": self.similar}
