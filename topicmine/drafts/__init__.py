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
from topicmine.drafts.assemble import (
    Draft,
    DraftParagraph,
    DraftSection,
    assemble_draft,
    fill_handlers,
    handlers_filled,
    make_title,
    verify_quotes,
)
from topicmine.drafts.checks import Check, CheckReport, check_draft
from topicmine.drafts.departments import (
    DepartmentDict,
    HandlerSuggestion,
    load_departments,
    load_departments_for_level,
    report_level,
)
from topicmine.drafts.matters import one_matter, one_object, report_terms
from topicmine.drafts.pieces import find_support, own_pieces
from topicmine.drafts.placement import item_placement
from topicmine.drafts.support import ALIGNED_BONUS, rejoin_support, sentence_support, under_experience
from topicmine.drafts.overlap import overlapping_drafts
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
    level: str | None = None
    #: pairs of drafts on overlapping matters, with the hint to merge or divide them (drafts.overlap)
    overlaps: list[dict[str, Any]] = field(default_factory=list)

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
            "level": self.level,
            # situation/problem items of the report no draft quotes (a drafter must not be told the report has none)
            "unplaced": [x for x in item_placement(self.analysis, self.drafts) if not x["drafts"]],
            "overlaps": self.overlaps,
        }


def read_report(path: Path | str) -> tuple[str, list[tuple[str, int]]]:
    """Text and structural headings of a .txt / .md / .docx report (headings: (line, level)).

    A light reader so the drafting assistant works alone; the ingest stage reads everything else.
    """
    p = Path(path)
    if p.suffix.lower() == ".docx":
        import docx

        from docx.table import Table
        from docx.text.paragraph import Paragraph

        doc = docx.Document(str(p))
        lines: list[str] = []
        heads: list[tuple[str, int]] = []
        # paragraphs and tables in body order: a table is part of the report's text (a data table under
        # 基本情况), one line a row with its cells tab-separated, the shape the layout step reads as a table
        for child in doc.element.body.iterchildren():
            if child.tag.endswith("}tbl"):
                for row in Table(child, doc).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        c = " ".join(cell.text.split())
                        if c and (not cells or cells[-1] != c):  # a merged cell comes back once per column
                            cells.append(c)
                    if cells:
                        lines.append("\t".join(cells))
                continue
            if not child.tag.endswith("}p"):
                continue
            par = Paragraph(child, doc)
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
    # YAML front matter (title:/date:/region: of a corpus file) is metadata, not the report's text
    m = re.match(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*\r?\n", text, flags=re.S)
    if m:
        text = text[m.end():]
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


#: below this a text is not a report that can be split (a sentence or two, a title alone)
MIN_REPORT_CHARS = 60


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
    level: str | None = None,
    region: str | None = None,
    lexicon: Lexicon | None = None,
    layout: bool = False,
) -> SplitResult:
    """Split a report into drafts, check each, and (with ``out_dir``) write them all plus a summary.

    ``genres`` overrides the suggested genre per group or unit id (``{"g2": "opinion", "u10": "opinion"}``):
    a unit id moves that one item into a draft of its own. A unit whose own features call for a
    社情民意信息 stays in its matter (one matter, one draft, one genre for the whole). ``merge_motions`` gathers all
    建议案 groups into one 建议案. A proposal or 社情民意信息 that fails the one-matter check is cut into
    one draft per matter. ``level`` (省/市/县, else from ``region`` or the text) chooses the 承办单位
    dictionary. Files written: ``NN_<文种>_<题>.docx`` / ``.md`` / ``.json`` per draft, ``summary.md`` and
    ``summary.json`` (drafts of an earlier run in the same folder are removed first).

    Raises :class:`~topicmine.errors.InputError` (in Chinese, saying what to do) for a text too short to
    be a report or one without any recommendation.
    """
    from topicmine.errors import InputError

    n_chars = len(re.sub(r"\s", "", text or ""))
    if n_chars < MIN_REPORT_CHARS:
        raise InputError(f"报告过短（{n_chars} 字）：请粘贴调研报告全文（含基本情况、存在问题、对策建议），"
                         "或上传 .docx/.txt/.md 文件。")
    if level is None:
        level, _why = report_level(text, region)
    dep = departments if isinstance(departments, DepartmentDict) else load_departments_for_level(level, departments)
    # the office's words (corpus/dicts/user_dict.txt via Lexicon.from_settings) keep its terms whole in key
    # terms, titles and similarity; without one, jieba's default dictionary and the built-in lists
    lex = lexicon or DEFAULT_LEXICON
    if layout:
        # one layout for every input shape (Word, one newline per paragraph, PDF paste, tables): the same
        # report gives the same drafts; offsets then point into ``result.analysis.text``
        text = normalize_layout(text)
    analysis = analyze_report(text, headings, embed=embed, lexicon=lex)
    if not analysis.units:
        raise InputError("未找到建议条目，无法拆分：请确认报告有“对策建议”“意见建议”等部分，或以“一是……二是……”"
                         "“（一）……”“1.……”列出建议；纯文本请每段一行、标题单独成行。")
    # the report's field ("低空经济"): words spread over its parts; a report of one or two matters has none
    ctx = (report_terms([u.text for u in analysis.units] + [p.text for p in analysis.passages], lex)
           if len(analysis.groups) >= 3 else frozenset())
    overrides = {k: normalize_genre(v) for k, v in (genres or {}).items()}
    known = {u.id for u in analysis.units} | {g.id for g in analysis.groups}
    unknown = [k for k in overrides if k not in known]
    if unknown:
        raise InputError(f"--genre 中的编号 {'、'.join(unknown)} 不存在：可用的建议编号为 u1–u{len(analysis.units)}，"
                         f"事项编号为 g1–g{len(analysis.groups)}（见拆分结果）。")
    unit_genres = {u.id: suggest_genre(u, departments=dep, weights=weights, override=overrides.get(u.id))
                   for u in analysis.units}
    _detach_units(analysis, overrides)
    group_genres = {
        g.id: suggest_genre(g, units=analysis.group_units(g), departments=dep, weights=weights,
                            override=overrides.get(g.id))
        for g in analysis.groups
    }
    for g in analysis.groups:  # an item that left its matter on its features: its own reasons, not "用户指定文种"
        u1 = g.unit_ids[0] if len(g.unit_ids) == 1 else ""
        if g.id in overrides and u1 and u1 not in overrides and g.id not in (genres or {}) \
                and unit_genres[u1].genre == overrides[g.id]:
            group_genres[g.id] = unit_genres[u1]
    caps = {"opinion": opinion_max_chars, "proposal": proposal_max_chars}
    # a supporting paragraph listing several matters ("一是……二是服务阵地……三是组织覆盖……") is quoted by each
    # matter for its own piece only
    own_pieces(analysis.text, analysis.groups, _group_texts(analysis), lex)

    drafts: list[Draft] = []
    motion_groups = [g for g in analysis.groups if group_genres[g.id].genre == "motion"]
    if motion_groups and merge_motions:
        motion_groups = _one_motion(analysis, motion_groups, group_genres, ctx, lex)
        drafts.append(assemble_draft(analysis, motion_groups, "motion", lexicon=lex))
    for g in list(analysis.groups):
        genre = group_genres[g.id].genre
        if genre == "keep" or (genre == "motion" and merge_motions):
            continue
        d = assemble_draft(analysis, g, genre, max_chars=caps.get(genre), lexicon=lex)
        # the report's own matter heading holds its items together unless it joins two things
        # ("强化人才和金融支撑"); it never excuses a draft that fails the check a drafter runs on it alone
        joins = not g.heading or (re.search(r"[\u4e00-\u9fff]{2,}[和与、][\u4e00-\u9fff]{2,}", g.heading)
                                  and not one_object(g.heading, [u.text for u in analysis.group_units(g)]))
        # a heading joining two things ("畅通职业发展和维权渠道") is cut by its items' own words, whether or not
        # the draft with its support happens to pass: that support must not decide how many matters there are
        if genre != "motion" and g.heading and joins and len(g.unit_ids) >= 2 and \
                _single_matter(d, ctx, trusted=False, lex=lex):
            parts = _split_group(analysis, g, ctx)
            if parts:
                for sub in parts:
                    group_genres[sub.id] = group_genres[g.id]
                    drafts.append(_drop_foreign_support(analysis, sub, genre, ctx, caps.get(genre), lex, trusted=True))
                continue
        if genre != "motion" and not _single_matter(d, ctx, trusted=not joins, lex=lex):
            # first drop support linked from elsewhere, then cut what still fails
            own_support = list(g.support)
            if not joins:
                d = _drop_foreign_support(analysis, g, genre, ctx, caps.get(genre), lex, trusted=True)
            parts = None
            if joins or not _single_matter(d, ctx, trusted=True, lex=lex):
                # the items are two matters: the support dropped while trying to keep them as one goes to
                # the parts, each its own passages ("1. 养老机构消防设施老化" → 消防, "2. 托育机构预收费风险" → 预收费)
                kept, g.support = g.support, own_support
                parts = _split_group(analysis, g, ctx)
                if not parts:
                    g.support = kept
            if parts:
                for sub in parts:
                    group_genres[sub.id] = group_genres[g.id]
                    # the cut already put each item with its own side; what a part must still pass is the check
                    # a drafter runs on it alone (the report's field words stay in: "低空经济" ties a problem
                    # sentence about 融资难 to its 金融 measure)
                    drafts.append(_drop_foreign_support(analysis, sub, genre, ctx, caps.get(genre), lex, trusted=True))
                continue
            d = _drop_foreign_support(analysis, g, genre, ctx, caps.get(genre), lex, trusted=not joins,
                                      keep_own=genre == "proposal")
        drafts.append(d)
    drafts = [_fill_missing(analysis, d, ctx, caps.get(d.genre), lex) for d in drafts]
    # report order: by first source offset
    drafts.sort(key=lambda d: min((analysis.unit(u).start for u in d.unit_ids), default=0))
    if embed is not None and similar is not None and drafts:
        # the history check compares each draft by its sentences; all are the report's (embedded once) but the
        # generated title: one model call for every title here, not one per draft inside the checks (each
        # call has a fixed cost — 20 ms on a quiet machine, seconds on a loaded one)
        embed([d.title for d in drafts])
    prefetch = getattr(similar, "prefetch", None)
    if prefetch is not None and drafts:
        prefetch([d.text() for d in drafts])  # the history check's document vectors: one model call for all
    for i, d in enumerate(drafts, 1):
        d.id = f"d{i}"
        gs = [group_genres[g] for g in d.group_ids if g in group_genres]
        d.genre_reasons = gs[0].reasons if len(gs) == 1 else [r for g in gs for r in g.reasons[:2]]
        d.genre_scores = gs[0].scores if gs else {}
        # the report's sentence vectors (embedded once, above) also read the one-matter check by meaning
        d.checks = check_draft(d.text(), d.genre, title=d.title, similar=similar, departments=dep, level=level,
                               proposal_max_chars=proposal_max_chars, opinion_max_chars=opinion_max_chars,
                               lexicon=lex, embed=embed)
        d.handlers = d.checks.handlers
        fill_handlers(d)
        handlers_filled(d)
    result = SplitResult(analysis=analysis, unit_genres=unit_genres, group_genres=group_genres, drafts=drafts)
    result.level = level
    result.overlaps = overlapping_drafts(drafts, [p.text for p in analysis.passages] + [u.text for u in analysis.units],
                                         lex)
    if out_dir is not None:
        result.files = _write(result, Path(out_dir), style)
    return result


def _group_texts(analysis: ReportAnalysis) -> list[str]:
    """What a matter is about, for placing a piece of support: its heading and its recommendations."""
    return [" ".join([g.heading or "", *(u.text for u in analysis.group_units(g))]) for g in analysis.groups]


def _fill_missing(analysis: ReportAnalysis, d: Draft, ctx: frozenset[str], max_chars: int | None,
                  lex: Lexicon) -> Draft:
    """A proposal or 社情民意信息 left without a situation or problem part (the item alignment gave the report's
    paragraph on it to another matter: "全市建成“骑手驿站”……210个" sits in 权益保障工作扎实推进's "二是……") takes
    the report's pieces that are clearly about it; the draft must still hold one matter."""
    if d.genre not in ("proposal", "opinion") or len(d.group_ids) != 1:
        return d
    g = next((x for x in analysis.groups if x.id == d.group_ids[0]), None)
    if g is None:
        return d
    kinds = {p.kind for p in g.support}
    missing = [k for k in ("situation", "problem") if k not in kinds]
    if d.genre == "opinion" and "problem" in kinds:
        missing = [k for k in missing if k != "situation"]  # its problem statement is its situation
    if not missing:
        return d
    gi = analysis.groups.index(g)
    texts = _group_texts(analysis)
    own_terms = frozenset(t for u in analysis.group_units(g) for t in lex.terms(u.text) if len(t) >= 2) - ctx
    added = [p for k in missing for p in find_support(analysis.text, analysis.sections, analysis.passages, k, gi,
                                                      texts, lex, terms=own_terms)
             if not any(q.start <= p.start and p.end <= q.end for q in g.support)]
    if not added:
        return d
    before = list(g.support)
    g.support = sorted(before + added, key=lambda p: p.start)
    new = assemble_draft(analysis, g, d.genre, max_chars=max_chars, lexicon=lex)
    if _single_matter(new, ctx, trusted=True, lex=lex):
        return new
    g.support = before
    return d


def _one_motion(analysis: ReportAnalysis, groups: list[UnitGroup], genres: dict[str, GenreSuggestion],
                ctx: frozenset[str], lex: Lexicon) -> list[UnitGroup]:
    """The groups one 建议案 gathers: the most strategic matter, and others only while the 建议案 still holds
    one matter (a report's 建议案 carries its main recommendation, not every strategic item of it). The
    groups left out become 提案, and their reasons say why; the user can still ask for 建议案 (``g3=motion``)."""
    order = sorted(groups, key=lambda g: -(genres[g.id].scores.get("motion", 0) - genres[g.id].scores.get("proposal", 0)))
    chosen = [order[0]]
    for g in order[1:]:
        trial = assemble_draft(analysis, sorted(chosen + [g], key=lambda x: x.start), "motion", lexicon=lex)
        if _single_matter(trial, ctx, lex=lex) and not genres[g.id].overridden:
            chosen.append(g)
        elif genres[g.id].overridden:
            chosen.append(g)  # the user asked for this one in the 建议案
        else:
            genres[g.id].genre = "proposal"
            genres[g.id].reasons.insert(0, "建议案只收一个事项（与主建议案不属同一事项），此项改作提案（一事一案）")
    return sorted(chosen, key=lambda x: x.start)


def _single_matter(d: Draft, ctx: frozenset[str], *, trusted: bool = False, lex: Lexicon | None = None) -> bool:
    """One matter by the check a drafter runs on the written draft alone (``check-draft``, which does not
    know the report) and, unless ``trusted`` (the report's own heading for exactly this matter), also with
    the report's field words (``ctx``) set aside, which catches two matters glued by "低空经济"."""
    from topicmine.drafts.checks import one_matter_check

    if not one_matter_check(d.text(), d.genre, title=d.title, lexicon=lex).passed:
        return False
    return trusted or not ctx or one_matter_check(d.text(), d.genre, title=d.title, context_terms=ctx,
                                                  lexicon=lex).passed


def _trim_support(analysis: ReportAnalysis, g: UnitGroup, ctx: frozenset[str]) -> bool:
    """Drop supporting passages that share no term (beyond the report's field) with the group's items."""
    from topicmine.drafts.analyze import DEFAULT_LEXICON as lex

    words = {w for u in analysis.group_units(g) for w in lex.terms(u.text)} - ctx
    # the matter's own item of the report (aligned) stays; only support linked by wording alone may go
    keep = [p for p in g.support if p.score >= ALIGNED_BONUS or (set(lex.terms(p.text)) - ctx) & words]
    changed = len(keep) < len(g.support)
    g.support = keep
    return changed


def _drop_foreign_support(analysis: ReportAnalysis, g: UnitGroup, genre: str, ctx: frozenset[str],
                          max_chars: int | None, lex: Lexicon | None = None, *, trusted: bool = False,
                          keep_own: bool = False) -> Draft:
    """A draft of one item whose linked support brought in another matter ("宿迁市探索农村互助养老" under
    养老机构消防): drop the passages least like its items until the draft holds one matter. ``keep_own``
    (its items could not be cut apart): the matter's own report items stay even when the check still fails."""
    from topicmine.drafts.analyze import tfidf_similarity

    _trim_support(analysis, g, ctx)
    d = assemble_draft(analysis, g, genre, max_chars=max_chars, lexicon=lex or DEFAULT_LEXICON)
    asks = " ".join(u.text for u in analysis.group_units(g))
    while g.support and not _single_matter(d, ctx, trusted=trusted, lex=lex):
        own = np.array([p.score >= ALIGNED_BONUS and not p.external and not under_experience(analysis.sections, p) for p in g.support])
        if keep_own and own.all():
            # the items could not be cut into two matters, and what is left is the matter's own report items
            # (its （一） in 基本情况 and 存在问题, paired with its （一） of 对策建议): they are no foreign matter, and
            # dropping them leaves parts to write from nothing ("给中小学生减负、家长减压": 课业负担 | 家庭作业).
            # Proposals only: a 社情民意信息 is one specific thing and quotes no wider report item that fails it
            break
        sim = tfidf_similarity([p.text for p in g.support], [asks])[:, 0]
        # linked text and practice examples go before the matter's own item ("4. 宿迁市探索……" before "农村老龄化……")
        if not own.all():
            sim = np.where(own, np.inf, sim)
        g.support = [p for j, p in enumerate(g.support) if j != int(np.argmin(sim))]
        d = assemble_draft(analysis, g, genre, max_chars=max_chars, lexicon=lex or DEFAULT_LEXICON)
    return d


def _detach_units(analysis: ReportAnalysis, overrides: dict[str, str]) -> None:
    """Move into a matter of its own each unit the user gave a genre (``u10=opinion``). A unit whose own features
    call for a 社情民意信息 stays in its matter: the genre step never cuts one matter into two drafts of different
    genres (乡村 民宿: "1．加大监管力度……建议有关部门加快明确部门权责" became a 社情民意信息 beside the 民宿 提案);
    the matter's genre is chosen for the whole, and a second matter inside it is the grouping's to cut."""
    n = len(analysis.groups)
    for g in list(analysis.groups):
        units = analysis.group_units(g)
        if len(units) < 2:
            if units and units[0].id in overrides and g.id not in overrides:
                overrides[g.id] = overrides[units[0].id]
            continue
        for u in units:
            own = overrides.get(u.id)
            if own is None or len(g.unit_ids) < 2:
                continue
            n += 1
            new = UnitGroup(id=f"g{n}", unit_ids=[u.id], heading="", heading_span=None, start=u.start, end=u.end,
                            key_terms=list(u.key_terms), support=list(u.support), scope=g.scope, form=[],
                            parent_heading=g.heading or g.parent_heading)
            g.unit_ids = [x for x in g.unit_ids if x != u.id]
            u.group = new.id
            analysis.groups.insert(analysis.groups.index(g) + 1, new)
            overrides[new.id] = own


def _split_group(analysis: ReportAnalysis, g: UnitGroup, ctx: frozenset[str]) -> list[UnitGroup] | None:
    """Cut a matter whose draft joins several matters into one group per matter (units by the one-matter
    sides, each supporting passage to the side it shares most words with)."""
    from topicmine.drafts.sides import assign_sentences

    units = analysis.group_units(g)
    if len(units) < 2:
        return None
    joined, pos = "", []
    for u in units:
        pos.append((len(joined), len(joined) + len(u.text)))
        joined += u.text + "\n"
    r = one_matter(joined, ignore=ctx)
    if r.single or len(r.sides) < 2:
        return None
    side_of = []
    for a, b in pos:
        cover = [sum(max(0, min(b, y) - max(a, x)) for x, y in sd.spans) for sd in r.sides]
        side_of.append(int(np.argmax(cover)))
    if len(set(side_of)) < 2:
        return None
    side_units = [[u for u, k in zip(units, side_of) if k == i] for i in range(len(r.sides))]
    side_units = [su for su in side_units if su]
    sup = sentence_support(analysis.text, g.support)
    # each sentence to the part it is about — to each part when its clauses are about different ones, to none
    # when it is about none (drafts.sides)
    owners = assign_sentences([p.text for p in sup], [" ".join(u.text for u in su) for su in side_units])
    out = []
    for i, su in enumerate(side_units):
        mine = [p for p, own in zip(sup, owners) if i in own]
        out.append(UnitGroup(id=f"{g.id}{'abcdefgh'[i]}", unit_ids=[u.id for u in su], heading="", heading_span=None,
                             start=su[0].start, end=su[-1].end, key_terms=[t for u in su for t in u.key_terms][:6],
                             support=mine, scope=g.scope, form=[], parent_heading=g.heading or g.parent_heading))
    for grp in out:  # sentences of one passage that went to the same side are quoted as one passage again
        grp.support = rejoin_support(analysis.text, grp.support)
    k = analysis.groups.index(g)
    analysis.groups[k : k + 1] = out
    for grp in out:
        for uid in grp.unit_ids:
            analysis.unit(uid).group = grp.id
    return out


#: files a split writes (and removes from the folder before writing the next run's)
_OUR_FILES = re.compile(r"^(?:\d{2}_.+\.(?:docx|md|json)|summary\.(?:md|json))$")


def _write(result: SplitResult, out: Path, style: Path | str | dict[str, Any] | None) -> list[str]:
    from topicmine.export import export_docx, export_markdown, summary_markdown

    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():  # drafts of an earlier run would sit beside the new ones
        if old.is_file() and _OUR_FILES.match(old.name):
            old.unlink()
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
