"""Records of report analysis: supporting passages, suggestion units, unit groups, the analysis result.

Offsets are half-open character ranges into the analysed text, so ``text[u.start:u.end] == u.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from topicmine.text.structure import ReportSection

__all__ = ["ReportSection", "SupportPassage", "SuggestionUnit", "UnitGroup", "ReportAnalysis"]


@dataclass
class SupportPassage:
    """A situation or problem passage that supports a suggestion, with why it was linked."""

    kind: str  # "situation" | "problem"
    start: int
    end: int
    text: str
    section: int | None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    #: another place's experience ("合肥市"): quoted only marked as 外地经验 with that place
    external: str = ""
    #: a table row's column names ("指标", "数值"): the row is quoted with them ("指标：床位数；数值：35万张")
    header: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SuggestionUnit:
    """One recommendation of the report (``一是……`` / ``1.……`` / ``建议……``)."""

    id: str
    start: int
    end: int
    text: str
    marker: str  # "enumeration" | "item" | "sentence" | "paragraph" | "lead" (words leading into the measures)
    section: int | None
    heading: str = ""  # heading of the numbered item it belongs to, if any
    key_terms: list[str] = field(default_factory=list)
    support: list[SupportPassage] = field(default_factory=list)
    group: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["support"] = [s.to_dict() for s in self.support]
        return d


@dataclass
class UnitGroup:
    """Units that carry one matter (一事一案); one draft is built per group."""

    id: str
    unit_ids: list[str]
    heading: str  # the matter's heading in the report ("" when none)
    heading_span: tuple[int, int] | None
    start: int
    end: int
    key_terms: list[str] = field(default_factory=list)
    support: list[SupportPassage] = field(default_factory=list)
    scope: int | None = None  # the matter section the group lives in (None: whole report)
    #: the parts its matter section has of its own (situation / problem / suggestion): a matter the report
    #: carries as a whole proposal ("调研情况：… 问题分析：… 具体建议：…") has all three
    form: list[str] = field(default_factory=list)
    #: the heading of the matter this group was cut from ("加强“一老一小”专业人才队伍建设" for its part "扩大培养
    #:规模"): the part's title takes its object from it
    parent_heading: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["support"] = [s.to_dict() for s in self.support]
        return d


@dataclass
class ReportAnalysis:
    """Result of :func:`analyze_report`: sections, passages, units and groups, all with offsets."""

    text: str
    sections: list[ReportSection]
    passages: list[SupportPassage]
    units: list[SuggestionUnit]
    groups: list[UnitGroup]

    def unit(self, unit_id: str) -> SuggestionUnit:
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    def group_units(self, group: UnitGroup) -> list[SuggestionUnit]:
        ids = set(group.unit_ids)
        return [u for u in self.units if u.id in ids]

    def to_dict(self) -> dict[str, Any]:
        return {
            "sections": [s.to_dict() for s in self.sections],
            "units": [u.to_dict() for u in self.units],
            "groups": [g.to_dict() for g in self.groups],
        }

