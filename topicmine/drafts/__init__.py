"""Drafting assistant: split a 调研报告 into 建议案 / 提案 / 社情民意信息 drafts and check every draft.

Pipeline of this package (each step usable alone)::

    analyze_report(text)            → ReportAnalysis (sections, suggestion units with support, groups)
    suggest_genre(unit or group)    → GenreSuggestion (genre, scores, features, reasons in Chinese)
    assemble_draft(analysis, group, genre) → Draft (quotes the report; offsets per paragraph)
    check_draft(text, genre)        → CheckReport (rules of 全国政协提案工作条例 …, spans)
    split_report(text, out_dir)     → SplitResult (all of the above; writes .docx/.md/.json + summary)

History (dedup's ``check``) and embeddings come in as optional callables, so nothing here imports
another stage. Example::

    >>> r = split_report("一、基本情况\\n全市有养老机构120家，护理员1800人。\\n二、存在问题\\n"
    ...                  "（一）护理员流失严重，年流失率超过30%。\\n三、对策建议\\n（一）稳定护理员队伍。"
    ...                  "一是提高护理员薪酬待遇，建立与技能等级挂钩的工资制度。二是建立护理员职业晋升通道。")
    >>> [(d.genre, d.title) for d in r.drafts]
    [('proposal', '关于稳定护理员队伍的提案')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.drafts.analyze import (
    DEFAULT_LEXICON,
    Lexicon,
    ReportAnalysis,
    SuggestionUnit,
    SupportPassage,
    UnitGroup,
    analyze_report,
    clean_text,
)
from topicmine.drafts.assemble import Draft, DraftParagraph, DraftSection, assemble_draft, make_title, verify_quotes
from topicmine.drafts.checks import Check, CheckReport, check_draft
from topicmine.drafts.departments import DepartmentDict, HandlerSuggestion, load_departments
from topicmine.drafts.genre import GENRE_ZH, GenreSuggestion, GenreWeights, normalize_genre, suggest_genre
from topicmine.text.layout import normalize_layout

__all__ = [
    "Check",
    "CheckReport",
    "DepartmentDict",
    "Draft",
    "DraftParagraph",
    "DraftSection",
    "GenreSuggestion",
    "GenreWeights",
    "HandlerSuggestion",
    "ReportAnalysis",
    "SplitResult",
    "SuggestionUnit",
    "SupportPassage",
    "UnitGroup",
    "analyze_report",
    "assemble_draft",
    "check_draft",
    "clean_text",
    "load_departments",
    "make_title",
    "read_report",
    "split_report",
    "suggest_genre",
    "verify_quotes",
]


@dataclass
class SplitResult:
    """Units (with genre suggestions), groups (matters) and drafts (with checks) of one report."""

    analysis: ReportAnalysis
    unit_genres: dict[str, GenreSuggestion]
    group_genres: dict[str, GenreSuggestion]
    drafts: list[Draft]
    files: list[str] = field(default_factory=list)

    @property
    def units(self) -> list[SuggestionUnit]:
        return self.analysis.units

    @property
    def groups(self) -> list[UnitGroup]:
        return self.analysis.groups

    def to_dict(self) -> dict[str, Any]:
        """``{"units": [...], "groups": [...], "drafts": [{"genre", "title", "checks", ...}], ...}``."""
        units = []
        for u in self.analysis.units:
            d = u.to_dict()
            g = self.unit_genres.get(u.id)
            if g is not None:
                d.update(genre=g.genre, genre_zh=GENRE_ZH[g.genre], genre_scores=g.scores, genre_reasons=g.reasons,
                         features=g.features)
            units.append(d)
        groups = []
        for grp in self.analysis.groups:
            d = grp.to_dict()
            g = self.group_genres.get(grp.id)
            if g is not None:
                d.update(genre=g.genre, genre_zh=GENRE_ZH[g.genre], genre_scores=g.scores, genre_reasons=g.reasons,
                         features=g.features, overridden=g.overridden)
            groups.append(d)
        return {
            "units": units,
            "groups": groups,
            "drafts": [d.to_dict() for d in self.drafts],
            "sections": [s.to_dict() for s in self.analysis.sections],
            "files": self.files,
            "chars": len(self.analysis.text),
        }


def read_report(path: Path | str) -> tuple[str, list[tuple[str, int]]]:
    """Text and structural headings of a .txt / .md / .docx report (headings: (line, level)).

    A light reader so the drafting assistant works alone; the ingest stage reads everything else.
    """
    p = Path(path)
    if p.suffix.lower() == ".docx":
        import docx

        doc = docx.Document(str(p))
        lines: list[str] = []
        heads: list[tuple[str, int]] = []
        for par in doc.paragraphs:
            t = par.text.strip()
            if not t:
                continue
            m = re.match(r"Heading (\d)", par.style.name if par.style is not None else "")
            if m:
                heads.append((t, int(m.group(1))))
            lines.append(t)
        return "\n".join(lines), heads
    raw = p.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        from topicmine.errors import InputError

        raise InputError(f"{p}: 无法识别文本编码（请另存为 UTF-8）")
    heads = []
    if p.suffix.lower() in (".md", ".markdown"):
        for line in text.splitlines():
            m = re.match(r"^(#{1,4})\s+(.+)$", line)
            if m:
                heads.append((m.group(2).strip(), len(m.group(1))))
        text = re.sub(r"^#{1,4}\s+", "", text, flags=re.M)
        text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    return text, heads


def _slug(title: str) -> str:
    core = re.sub(r"^关于|的(?:提案|建议案|建议)$", "", title)
    core = re.sub(r"[\\/:*?\"<>|\s]+", "", core)
    return core[:24] or "draft"


def split_report(
    text: str,
    out_dir: Path | str | None = None,
    *,
    similar: Callable[[str], list[dict[str, Any]]] | None = None,
    embed: Callable[[list[str]], np.ndarray] | None = None,
    style: Path | str | dict[str, Any] | None = None,
    headings: list[tuple[str, int]] | None = None,
    departments: DepartmentDict | Path | str | None = None,
    genres: dict[str, str] | None = None,
    weights: GenreWeights | None = None,
    merge_motions: bool = True,
    proposal_max_chars: int = 2500,
    opinion_max_chars: int = 1500,
    lexicon: Lexicon | None = None,
    layout: bool = False,
) -> SplitResult:
    """Split a report into drafts, check each, and (with ``out_dir``) write them all plus a summary.

    ``genres`` overrides the suggested genre per group or unit id (``{"g2": "opinion", "g3": "keep"}``;
    a unit id overrides its whole group). ``merge_motions`` gathers all 建议案 groups into one 建议案,
    the usual practice for a report's most important recommendations. Files written: ``NN_<文种>_<题>.docx``
    / ``.md`` / ``.json`` per draft, ``summary.md`` and ``summary.json``.
    """
    dep = departments if isinstance(departments, DepartmentDict) else load_departments(departments)
    # the office's words (corpus/dicts/user_dict.txt via Lexicon.from_settings) keep its terms whole in key
    # terms, titles and similarity; without one, jieba's default dictionary and the built-in lists
    lex = lexicon or DEFAULT_LEXICON
    if layout:
        # one layout for every input shape (Word, one newline per paragraph, PDF paste, tables): the same
        # report gives the same drafts; offsets then point into ``result.analysis.text``
        text = normalize_layout(text)
    analysis = analyze_report(text, headings, embed=embed, lexicon=lex)
    overrides = {k: normalize_genre(v) for k, v in (genres or {}).items()}
    for u in analysis.units:  # a unit override applies to its group
        if u.id in overrides and u.group not in overrides:
            overrides[u.group] = overrides[u.id]
    unit_genres = {u.id: suggest_genre(u, departments=dep, weights=weights, override=overrides.get(u.id))
                   for u in analysis.units}
    group_genres = {
        g.id: suggest_genre(g, units=analysis.group_units(g), departments=dep, weights=weights,
                            override=overrides.get(g.id))
        for g in analysis.groups
    }

    drafts: list[Draft] = []
    motion_groups = [g for g in analysis.groups if group_genres[g.id].genre == "motion"]
    if motion_groups and merge_motions:
        drafts.append(assemble_draft(analysis, motion_groups, "motion", lexicon=lex))
    for g in analysis.groups:
        genre = group_genres[g.id].genre
        if genre == "keep" or (genre == "motion" and merge_motions):
            continue
        drafts.append(assemble_draft(analysis, g, genre, lexicon=lex,
                                     max_chars=opinion_max_chars if genre == "opinion" else proposal_max_chars
                                     if genre == "proposal" else None))
    # report order: by first source offset
    drafts.sort(key=lambda d: min((analysis.unit(u).start for u in d.unit_ids), default=0))
    for i, d in enumerate(drafts, 1):
        d.id = f"d{i}"
        gs = [group_genres[g] for g in d.group_ids]
        d.genre_reasons = gs[0].reasons if len(gs) == 1 else [r for g in gs for r in g.reasons[:2]]
        d.genre_scores = gs[0].scores if gs else {}
        d.checks = check_draft(d.text(), d.genre, title=d.title, similar=similar, departments=dep, lexicon=lex,
                               proposal_max_chars=proposal_max_chars, opinion_max_chars=opinion_max_chars)
        d.handlers = d.checks.handlers
    result = SplitResult(analysis=analysis, unit_genres=unit_genres, group_genres=group_genres, drafts=drafts)
    if out_dir is not None:
        result.files = _write(result, Path(out_dir), style)
    return result


def _write(result: SplitResult, out: Path, style: Path | str | dict[str, Any] | None) -> list[str]:
    from topicmine.export import export_docx, export_markdown, summary_markdown

    out.mkdir(parents=True, exist_ok=True)
    files: list[str] = []
    for i, d in enumerate(result.drafts, 1):
        stem = f"{i:02d}_{d.genre_zh}_{_slug(d.title)}"
        export_docx(d, out / f"{stem}.docx", style=style)
        (out / f"{stem}.md").write_text(export_markdown(d, with_checks=True), encoding="utf-8")
        (out / f"{stem}.json").write_text(json.dumps(d.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        files += [f"{stem}.docx", f"{stem}.md", f"{stem}.json"]
    result.files = files + ["summary.md", "summary.json"]
    data = result.to_dict()
    (out / "summary.md").write_text(summary_markdown(data), encoding="utf-8")
    (out / "summary.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return result.files
