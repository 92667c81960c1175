"""成果转化: reply reading, deadlines, linking, links in the store, 督办 and figures."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from topicmine.uptake.deadlines import find_deadline, parse_when, time_expressions
from topicmine.uptake.figures import figures
from topicmine.uptake.linking import in_row_reply, match_reply, item_ref, reply_refs
from topicmine.uptake.replies import answering_unit, read_reply
from topicmine.uptake.supervision import supervision_rows


# ---- deadlines -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,ref,due",
    [
        ("施工单位承诺今年8月底前完成修复。", date(2019, 5, 10), date(2019, 8, 31)),
        ("我局将在三个月内完成整改。", date(2019, 5, 10), date(2019, 8, 10)),
        ("责成施工单位在7个工作日内整改到位。", date(2019, 1, 10), date(2019, 1, 21)),  # Fri 10th + 7 workdays
        ("该项目预计2019年底建成投入使用。", date(2018, 10, 21), date(2019, 12, 31)),
        ("待评审通过后，争取于今年动工。", date(2019, 2, 25), date(2019, 12, 31)),
        ("预计10月份可动工建设。", date(2012, 8, 24), date(2012, 10, 31)),
        ("将金盆组公路纳入县交通局2018年改造计划。", date(2017, 7, 5), date(2018, 12, 31)),
        ("预计明年上半年开工。", date(2020, 9, 1), date(2021, 6, 30)),
    ],
)
def test_deadline_resolved_against_reply_date(text, ref, due):
    d = find_deadline(text, ref)
    assert d is not None and d.due == due
    assert text[d.start:d.end] == d.span


@pytest.mark.parametrize(
    "text,ref",
    [
        ("2019年5月20日执法人员到该公司进行了现场调查。", date(2019, 6, 1)),  # a past action
        ("今年以来，我局共查处案件43起。", date(2019, 6, 1)),
        ("在今年春节前，超市曾出现消防栓爆裂问题。", date(2016, 6, 17)),
        ("8月底之前经过该小区的公交线路有1路和8路。", date(2018, 11, 20)),  # past month, no promise
        ("根据《A市“一圈两场三道”建设两年行动计划(2018—2019年)》执行。", date(2018, 5, 1)),
        ("可以自知道该行为之日起60日内提出行政复议申请。", date(2019, 5, 22)),  # the citizen's right, not a promise
        ("施工时间为2017年6月14日至2018年6月28日。", date(2018, 3, 1)),
        ("我局已于2019年1月31日达成初步协议。", date(2019, 2, 25)),
    ],
)
def test_dates_that_are_not_promises(text, ref):
    assert find_deadline(text, ref) is None


def test_conditional_span_has_no_date():
    d = find_deadline("维保公司已承诺在电梯底坑防水完成后两个星期内将问题解决。", date(2018, 8, 8))
    assert d is not None and d.due is None and d.span.endswith("两个星期内") and d.rule == "conditional"


def test_time_expressions_and_parse_when():
    assert parse_when("2019/5/9 16:01:40").date() == date(2019, 5, 9)
    assert parse_when("not a date") is None
    spans = [e.span for e in time_expressions("预计三季度印发，年底前全面实施。", date(2024, 5, 30))]
    assert spans == ["三季度", "年底前"]


# ---- reply reading ---------------------------------------------------------------------------------------
def test_no_content_and_forwarding_are_not_answers():
    r = read_reply("网友：您好！留言已收悉")
    assert r.outcome == "无实质内容" and r.responsive == "no"
    r = read_reply("您的留言已收悉，关于您反映的问题，已转相关部门调查处理。")
    assert r.outcome == "转办" and r.responsive == "no"
    assert any("转交" in x for x in r.reasons)


def test_outcomes_of_clear_replies():
    done = read_reply("网友您好！经查，该招牌已于2017年12月24日拆除到位。感谢您的监督！2018年1月2日",
                      "请拆除未改造的招牌", reply_time="2018/1/2 10:00:00", item_time="2017/12/20 9:00:00")
    assert done.outcome == "已解决" and done.days == 13 and done.deadline is None
    promise = read_reply("人民二路已列入2018年建设计划，目前已完成前期手续。下一步，待天气晴好将进行道路路基施工。预计年底完成任务。",
                         "人民二路是烂泥路", reply_time="2018/12/21 16:13:26")
    assert promise.outcome == "承诺办理" and promise.deadline.due == date(2018, 12, 31)
    refuse = read_reply("经专家现场考察、调研后，此路段不符合架人行天桥的条件。", "请在商业城门口建人行天桥")
    assert refuse.outcome == "无法办理"
    assert any("不符合" in x for x in refuse.reasons)
    explain = read_reply("根据《A市公安局110求助开锁管理规定》，符合条件的开锁公司均可申请纳入110联动开锁体系，不存在行政垄断行为。",
                         "投诉开锁行业垄断")
    assert explain.outcome == "解释说明" and explain.deadline is None


def test_a_rule_condition_is_not_a_refusal():
    # "不符合…的，不予办理" describes the rule for everybody, it does not refuse this citizen
    r = read_reply("根据规定，车辆不符合国家安全技术标准的，不予办理登记；您可以携带购车发票到车管所办理转籍。", "外地购车能否回籍上牌")
    assert r.outcome == "解释说明"


def test_answering_unit():
    assert answering_unit("……感谢您的支持！A7县公安局交警大队 2014年9月11日") == "A7县公安局交警大队"
    assert answering_unit("您好，来信收悉。现回复如下：无。") is None


# ---- linking ---------------------------------------------------------------------------------------------
class _Doc:
    def __init__(self, id, title, text, meta=None, date=None, doc_type="proposal"):
        self.id, self.title, self.text, self.meta, self.date = id, title, text, meta or {}, date


def test_reply_linked_by_number_title_and_row():
    items = [item_ref(_Doc("p1", "关于健全高标准农田建后管护机制的提案", "…", {"number": "0330", "session": "省政协十三届一次会议"})),
             item_ref(_Doc("p2", "关于扩大老年助餐服务覆盖面的提案", "…", {"number": "0456"})),
             item_ref(_Doc("p3", "关于加快既有多层住宅加装电梯的提案", "…"))]
    by_number = _Doc("r1", "关于省政协十三届一次会议第0330号提案的答复", "郑国平委员：您提出的提案收悉。",
                     {"session": "省政协十三届一次会议"})
    assert [(i.doc_id, m) for i, m, _ in match_reply(by_number, items)] == [("p1", "number")]
    by_title = _Doc("r2", "答复", "您提出的《关于加快既有多层住宅加装电梯的提案》收悉，现答复如下。")
    assert [(i.doc_id, m) for i, m, _ in match_reply(by_title, items)] == [("p3", "title")]
    other_session = _Doc("r3", "第0330号提案的答复", "…", {"session": "市政协十五届三次会议"})
    assert match_reply(other_session, items) == []
    assert reply_refs("无关标题", "无关正文") == {"numbers": [], "titles": []}
    assert in_row_reply(_Doc("m1", "t", "x", {"fields": {"答复意见": "已修复。", "答复时间": "2019/5/22"}})) == ("已修复。", "2019/5/22")
    assert in_row_reply(_Doc("m2", "t", "x", {"fields": {"答复意见": "  "}})) is None


# ---- 督办 and figures ------------------------------------------------------------------------------------
def test_supervision_rows_each_have_a_reason():
    items = [{"id": "a", "title": "甲", "date": "2023-01-10"}, {"id": "b", "title": "乙", "date": "2023-01-10"},
             {"id": "c", "title": "丙", "date": "2023-01-10"}, {"id": "d", "title": "丁", "date": "2023-01-10"},
             {"id": "e", "title": "戊", "date": "2023-01-10"}]
    replies = [
        {"src_doc": "a", "dst_doc": "ra", "level": "承诺办理", "evidence": {"responsive": "yes", "reply_date": "2023-05-01",
                                                                       "deadline": {"span": "今年9月底", "due": "2023-09-30"}}},
        {"src_doc": "c", "dst_doc": "rc", "level": "转办", "evidence": {"responsive": "no"}},
        # promised and later done: not overdue
        {"src_doc": "d", "dst_doc": "rd1", "level": "承诺办理", "evidence": {"reply_date": "2023-05-01",
                                                                        "deadline": {"span": "年底", "due": "2023-12-31"}}},
        {"src_doc": "d", "dst_doc": "rd2", "level": "已解决", "evidence": {"reply_date": "2024-01-05"}},
        {"src_doc": "e", "dst_doc": "re", "level": "已解决", "evidence": {"responsive": "yes"}},
    ]
    uptake = [{"src_doc": "e", "level": "呼应", "score": 0.3, "evidence": {"statement": "方向一致"}}]
    rows = supervision_rows(items, replies, uptake, today="2024-06-01", reply_days=90, echo_months=12)
    kinds = {(r["item"], r["kind"]) for r in rows}
    assert kinds == {("a", "逾期承诺"), ("b", "逾期未答复"), ("c", "答复未回应诉求"), ("e", "仅有呼应")}
    assert all(r["reason"] for r in rows)
    # before the deadline nothing is overdue, and a young item is not chased
    early = supervision_rows(items[:1], replies[:1], [], today="2023-09-01")
    assert early == []


def test_figures_by_group():
    items = [{"id": "a", "category": "农林", "year": 2023, "author": "郑", "sector": "农工党", "handler": "农业厅"},
             {"id": "b", "category": "农林", "year": 2024, "author": "郑", "sector": "农工党", "handler": "财政厅"},
             {"id": "c", "category": "教育", "year": 2024, "author": "李", "sector": None, "handler": "教育厅"}]
    t = figures(items, [{"src_doc": "a", "level": "已解决"}, {"src_doc": "c", "level": "无法办理"}],
                [{"src_doc": "a", "level": "采纳"}, {"src_doc": "b", "level": "呼应"}])
    member = {r["group"]: r for r in t["member"]}
    assert member["郑"]["items"] == 2 and member["郑"]["replied"] == 1 and member["郑"]["adopted"] == 1
    assert member["郑"]["echo_only"] == 1
    assert {r["group"] for r in t["sector"]} == {"农工党", "（未注明）"}
    assert t["category"][0]["group"] == "农林" and t["category"][0]["已解决"] == 1
    # a member's 履职 profile counts the items that repeat (重复) or come close to (相近) another filed item
    t = figures(items, [], [], {"b": {"重复", "相关"}, "c": {"相近"}, "a": {"相关"}})
    member = {r["group"]: r for r in t["member"]}
    assert (member["郑"]["duplicates"], member["郑"]["similar"], member["郑"]["duplicate_rate"]) == (1, 0, 0.5)
    assert (member["李"]["duplicates"], member["李"]["similar"]) == (0, 1)
    # a member named with a parenthetical role is the same member
    items.append({"id": "d", "category": "教育", "year": 2024, "author": "李（省政协委员，某校校长）", "handler": "教育厅"})
    assert {r["group"]: r["items"] for r in figures(items, [], [])["member"]} == {"郑": 2, "李": 2}


def test_duplicate_levels_read_from_the_dedup_report(tmp_path):
    from topicmine.errors import InputError
    from topicmine.uptake.report import duplicate_levels

    assert duplicate_levels(tmp_path) == {}
    (tmp_path / "dedup.json").write_text(json.dumps({"pairs": [{"a": "p1", "b": "p2", "level": "重复"},
                                                               {"a": "p2", "b": "p3", "level": "相关"}]}), encoding="utf-8")
    assert duplicate_levels(tmp_path) == {"p1": {"重复"}, "p2": {"重复", "相关"}, "p3": {"相关"}}
    (tmp_path / "dedup.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="dedup.json"):
        duplicate_levels(tmp_path)


# ---- store: migration, incremental refresh, survival of re-ingest ----------------------------------------
@pytest.fixture()
def reply_ws(tmp_path, sample_dir):
    from topicmine.pipeline import Workspace, ingest

    corpus = tmp_path / "corpus"
    for sub in ("提案", "答复"):
        shutil.copytree(sample_dir / sub, corpus / sub)
    ws = Workspace.from_settings(None, workdir=tmp_path / "var")
    ingest(ws, [corpus / "提案", corpus / "答复"], show_progress=False)
    yield ws, corpus
    ws.close()


def test_reply_links_stored_incremental_and_survive_reingest(reply_ws, monkeypatch):
    from topicmine.pipeline import ingest
    from topicmine.uptake import refresh as refresh_mod
    from topicmine.uptake.refresh import refresh_links
    from topicmine.uptake.store import links

    ws, corpus = reply_ws
    # later documents here are only the replies; keep this test on the reply links (no model needed)
    monkeypatch.setattr(refresh_mod, "score_pairs", lambda ws, pairs, **kw: [])
    first = refresh_links(ws)
    rl = links(ws.store, kind="reply")
    assert first["reply_links"] == len(rl) >= 3
    assert {r["method"] for r in rl} <= {"number", "title"}
    ids_before = sorted((r["id"], r["src_doc"], r["dst_doc"]) for r in rl)
    for r in rl:
        assert r["level"] in ("已解决", "承诺办理", "解释说明", "无法办理", "转办", "无实质内容")
        assert r["lag_days"] is not None and r["lag_days"] > 0
    # nothing new: nothing matched again
    second = refresh_links(ws)
    assert second["new_items"] == 0 and second["new_replies"] == 0 and second["reply_links"] == 0
    # re-ingest of unchanged files keeps the very same link rows
    ingest(ws, [corpus / "提案", corpus / "答复"], show_progress=False)
    refresh_links(ws)
    assert sorted((r["id"], r["src_doc"], r["dst_doc"]) for r in links(ws.store, kind="reply")) == ids_before
    # a reply removed from the corpus takes its link with it
    victim = next(corpus.glob("答复/2024/*.md"))
    victim.unlink()
    ingest(ws, [corpus / "提案", corpus / "答复"], delete_missing=True, show_progress=False)
    third = refresh_links(ws)
    assert third["pruned"] >= 1
    assert len(links(ws.store, kind="reply")) < len(ids_before)


def test_store_schema_has_link_tables(tmp_path):
    from topicmine.store import Store

    with Store(tmp_path / "s.sqlite") as st:
        names = {r[0] for r in st.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"uptake_links", "uptake_scanned"} <= names


# ---- evaluation on the real dev labels -------------------------------------------------------------------
def test_eval_replies_on_dev_labels(data_dir):
    from topicmine.evaluate import eval_replies

    path = data_dir / "gov_messages_tipdm2020_full" / "replies_dev_labels.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} missing")
    res = eval_replies(path, folds=0)
    json.dumps(res, ensure_ascii=False)
    assert res["n"] == 150
    assert set(res["outcome"]["confusion"]) == {"已解决", "承诺办理", "解释说明", "无法办理", "转办"}
    # the rules must beat both baselines measured in the same run
    assert res["outcome"]["accuracy"] > res["baselines"]["majority"]["accuracy"]
    assert res["outcome"]["macro_f1"] > res["baselines"]["keywords"]["macro_f1"]
    assert res["responsive_no"]["recall"] >= 0.7 and res["responsive_no"]["precision"] >= 0.7
    assert res["deadline"]["invented_rate"] <= 0.05


def test_message_rows_with_reply_columns_become_linked(tmp_path, monkeypatch):
    """附件4-like rows (留言 + 答复意见 in one row): the reply is read and linked to its message (method row)."""
    from openpyxl import Workbook

    from topicmine.pipeline import Workspace, ingest
    from topicmine.uptake import refresh as refresh_mod
    from topicmine.uptake.refresh import refresh_links
    from topicmine.uptake.report import export_supervision, uptake_report

    wb = Workbook()
    sh = wb.active
    sh.append(["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "答复意见", "答复时间"])
    sh.append([101, "U1", "小区路灯不亮", "2019/5/9 16:01:40", "小区门口路灯坏了三个月，晚上出行不便，请尽快修复。",
               "网友您好！经查，该路段路灯已于5月20日修复，恢复照明。感谢您的监督！", "2019/5/22 10:00:00"])
    sh.append([102, "U2", "请修建人行天桥", "2019/6/1 9:00:00", "商业城门口车多人多，过马路危险，请建人行天桥。",
               "您的留言已收悉，已转相关部门调查处理。", "2019/6/3 9:00:00"])
    sh.append([103, "U3", "道路积水", "2019/6/1 9:00:00", "金星路雨天积水严重，请改造排水管网。",
               "我局已将金星路排水改造列入2019年建设计划，预计今年9月底完工。", "2019/6/10 9:00:00"])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    wb.save(corpus / "留言与答复.xlsx")
    ws = Workspace.from_settings(None, workdir=tmp_path / "var")
    try:
        ingest(ws, [corpus], show_progress=False)
        monkeypatch.setattr(refresh_mod, "score_pairs", lambda ws, pairs, **kw: [])
        rep = uptake_report(ws, today="2020-01-01")
        by_title = {r["title"]: r for r in rep["replies"]}
        # calendar days from the message date (2019-05-09) to the reply (2019-05-22)
        assert by_title["小区路灯不亮"]["outcome"] == "已解决" and by_title["小区路灯不亮"]["days"] == 13
        assert by_title["请修建人行天桥"]["outcome"] == "转办"
        road = by_title["道路积水"]
        assert road["outcome"] == "承诺办理" and road["deadline"]["due"] == "2019-09-30"
        # ingest made each reply its own 答复 document, linked to its message by the shared row
        for r in rep["replies"]:
            doc = ws.store.get_document(r["reply"])
            assert r["method"] == "row" and doc is not None and doc.doc_type.value == "reply"
            assert doc.meta["reply_to_doc"] == r["item"] and doc.meta["link"] == "shared row"
        assert len(rep["replies"]) == 3
        kinds = {(r["title"], r["kind"]) for r in rep["supervision"]}
        assert ("道路积水", "逾期承诺") in kinds and ("请修建人行天桥", "答复未回应诉求") in kinds
        assert ("小区路灯不亮", "逾期承诺") not in kinds
        out = export_supervision(rep, tmp_path / "督办清单.csv")
        text = out.read_text(encoding="utf-8-sig")
        assert text.splitlines()[0].startswith("类型,提案/事项,原因") and "逾期承诺" in text
        # the evidence column is readable: the promised words, where they are, the resolved date (no Python dict)
        assert "答复原文“今年9月底”" in text and "期限 2019-09-30" in text and "{'" not in text
        xlsx = export_supervision(rep, tmp_path / "督办清单.xlsx")
        from openpyxl import load_workbook

        book = load_workbook(xlsx)
        assert book["督办清单"].max_row == len(rep["supervision"]) + 1
        # one 评价 sheet per grouping; the 委员 sheet is the members' 履职 profile with a 重复 column
        assert {"评价_类别", "评价_年份", "评价_承办单位", "评价_委员", "评价_界别"} <= set(book.sheetnames)
        assert [c.value for c in book["评价_委员"][1]][-2:] == ["重复", "相近"]
        assert book["评价_委员"].max_row == len(rep["figures"]["member"]) + 1
        # a second run matches nothing new
        assert refresh_links(ws)["reply_links"] == 0
    finally:
        ws.close()


def test_uptake_pairs_are_later_documents_but_not_the_items_own_reply(reply_ws, monkeypatch):
    from topicmine.uptake import refresh as refresh_mod
    from topicmine.uptake.refresh import doc_date, refresh_links

    ws, _ = reply_ws
    seen: list[tuple] = []
    monkeypatch.setattr(refresh_mod, "score_pairs", lambda ws, pairs, **kw: seen.extend(pairs) or [])
    refresh_links(ws)
    assert seen, "replies of one item are later documents for the others"
    own = {(r["src_doc"], r["dst_doc"]) for r in __import__("topicmine.uptake.store", fromlist=["links"]).links(ws.store, kind="reply")}
    for item, later in seen:
        assert (item.id, later.id) not in own
        assert doc_date(later) > doc_date(item)
    # nothing new → no pair is scored again
    seen.clear()
    refresh_links(ws)
    assert seen == []


def test_morning_overdue_agrees_with_supervision_on_later_uptake():
    """A commitment that later policy text takes up (采纳, dated after the deadline) is off both the morning
    report's 逾期承诺 and the 督办 list; one that nothing follows is on both."""
    from topicmine.store import Store
    from topicmine.uptake.morning import morning_section
    from topicmine.uptake.store import Link, links, put_links
    from topicmine.uptake.supervision import supervision_rows

    items = [{"id": "p87", "title": "关于推进职业教育产教融合的提案", "date": "2024-01-20"},
             {"id": "p12", "title": "关于加快既有多层住宅加装电梯的提案", "date": "2023-01-15"}]
    with Store(":memory:") as st:
        put_links(st, [
            Link("p87", "r87", "reply", "承诺办理", method="number",
                 evidence={"deadline": {"span": "三季度", "due": "2024-09-30"}, "reply_date": "2024-05-30"}),
            Link("p12", "r12", "reply", "承诺办理", method="number",
                 evidence={"deadline": {"span": "年内", "due": "2023-12-31"}, "reply_date": "2023-05-10"}),
            # the 2025 report takes up the 0087 ask: evidence of completion after the deadline
            Link("p87", "g2025", "uptake", "采纳", ask_index=0, dst_start=10, score=0.9, method="aligned",
                 evidence={"dst_date": "2025-01-20", "statement": "与建议一致的举措已写入《2025年政府工作报告》"}),
            # an uptake dated BEFORE the deadline is no evidence that the promise was kept
            Link("p12", "g2023", "uptake", "采纳", ask_index=0, dst_start=5, score=0.9, method="aligned",
                 evidence={"dst_date": "2023-02-01"}),
        ])
        sec = morning_section(st, [], today="2025-06-01", titles={i["id"]: i["title"] for i in items})
        sup = supervision_rows(items, links(st, kind="reply"), links(st, kind="uptake"), today="2025-06-01")
    morning = {x["item"] for x in sec["逾期承诺"]}
    duban = {r["item"] for r in sup if r["kind"] == "逾期承诺"}
    assert morning == duban == {"p12"}


def test_demo_digest_shows_replies_uptake_and_supervision(reply_ws, monkeypatch):
    """`make demo` prints this part: counts from the stored links, the best 采纳 statement per item (evidence
    quoted, wording "与建议一致的举措已写入…"), and 督办 rows with their reasons."""
    from topicmine.uptake import refresh as refresh_mod
    from topicmine.uptake.refresh import refresh_links
    from topicmine.uptake.report import uptake_digest
    from topicmine.uptake.store import Link, links, put_links

    ws, _ = reply_ws
    monkeypatch.setattr(refresh_mod, "score_pairs", lambda ws, pairs, **kw: [])
    refresh_links(ws)
    rl = links(ws.store, kind="reply")
    item, later = rl[0]["src_doc"], rl[-1]["dst_doc"]
    statement = "与建议一致的举措已写入《答复（样例）》：“新建农村互助养老点300个”"
    put_links(ws.store, [Link(item, later, "uptake", "采纳", ask_index=0, score=0.8, method="test",
                              evidence={"statement": statement}),
                         Link(item, later, "uptake", "采纳", ask_index=1, score=0.5, method="test",
                              evidence={"statement": "weaker"})])
    d = uptake_digest(ws, today="2026-12-01")
    assert d["summary"]["replied"] == len({r["src_doc"] for r in rl}) and d["summary"]["adopted_items"] == 1
    assert [a["statement"] for a in d["adopted"]] == [statement]   # one per item, the best first
    assert d["supervision"] and all(r["reason"] for r in d["supervision"])


def test_demo_prints_the_uptake_part(capsys):
    """`topicmine demo` prints counts, the 采纳 statement and the 督办 reasons; nothing when uptake is off."""
    from topicmine.cli.refresh_cmd import _render_demo_uptake

    _render_demo_uptake(None)
    assert capsys.readouterr().out == ""
    _render_demo_uptake({"summary": {"items": 3, "replied": 1, "outcomes": {"承诺办理": 1}, "adopted_items": 1,
                                     "echo_only_items": 0, "supervision": {"逾期承诺": 1}},
                         "adopted": [{"title": "关于加快发展社区嵌入式托育服务的提案",
                                      "statement": "与建议一致的举措已写入《2024年江苏省政府工作报告（样例）》"}],
                         "supervision": [{"kind": "逾期承诺", "title": "关于加快既有多层住宅加装电梯的提案",
                                          "reason": "答复承诺“年内”前办理，已逾期"}]})
    out = "".join(capsys.readouterr().out.split())
    assert "成果转化" in out and "已答复1件" in out and "与建议一致的举措已写入" in out
    assert "[督办·逾期承诺]关于加快既有多层住宅加装电梯的提案" in out and "已逾期" in out
    # counts in words, never a Python dict on screen
    assert "承诺办理1件" in out and "{'" not in out


def test_demo_uptake_lines_keep_the_title_beside_the_bullet(capsys):
    """A long Chinese line has no space for rich to wrap at: it once went whole onto the next line, leaving
    "  · " alone on its line; the bullet and the title stay on one line now."""
    from topicmine.cli.refresh_cmd import _render_demo_uptake

    statement = "与建议一致的举措已写入《关于省政协十三届二次会议第0123号提案的答复》：" + "推动将托育设施纳入完整社区建设和城镇老旧小区改造内容" * 4
    _render_demo_uptake({"summary": {"items": 1, "replied": 0, "outcomes": {}, "adopted_items": 1, "echo_only_items": 0,
                                     "supervision": {}},
                         "adopted": [{"title": "关于推动托育服务进社区破解双职工家庭“带娃难”的提案", "statement": statement}],
                         "supervision": []})
    lines = capsys.readouterr().out.splitlines()
    bullet = [ln for ln in lines if ln.strip().startswith("·")]
    assert bullet and all(ln.strip() != "·" for ln in bullet)
    assert any("关于推动托育服务进社区" in ln for ln in bullet)
