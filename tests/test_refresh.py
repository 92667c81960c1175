"""The nightly refresh end to end, through the real CLI in subprocesses, on a copy of the sample corpus.

One workdir is built once per module (first run + a no-change second run) and copied by every test
that changes it. Real SQLite files, the real embedding model (tests that need it are marked ``model``
and skip without it), SIGKILLs at several points of a run, two refreshes at once, and the morning
report opened in headless Chromium. Timings are never asserted (they are noisy on a shared machine);
the no-change speed-up is recorded in BENCHMARKS.md instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from topicmine.export.morning import render_html, render_markdown

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "topicmine"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")

XLSX = "社情民意信息/社情民意信息汇总.xlsx"
DELETED = "社情民意信息/2024/预制菜进校园引发家长担忧.md"
SCRIPT = "<script>window.__pwned=1</script>"

# Three documents the office receives after the first run (written for this test; one is a near-duplicate
# of the sample's 托育 proposal A and carries markup that must show as text).
NEW_DOCS = {
    "提案/2026/关于进一步扩大社区普惠托育服务供给的提案.md": f"""---
title: 关于进一步扩大社区普惠托育服务供给的提案{SCRIPT}
doc_type: proposal
date: 2026-01-20
region: 江苏省
author: 孙丽华
category: 社会事业
---

# 关于进一步扩大社区普惠托育服务供给的提案

提案人：孙丽华

调研情况：
调研发现，我省城市社区托育服务供给仍然不足，双职工家庭“带娃难”问题突出。{SCRIPT}部分社区虽有闲置用房，但改建为托育点的审批环节多、周期长，普惠托位价格与家庭承受能力之间仍有差距。

问题分析：
一是社区托育设施规划配建要求落实不到位，新建小区托育用房移交滞后；二是普惠托育机构运营补贴标准偏低，难以覆盖房租和人员成本；三是托育与社区卫生服务衔接不够，婴幼儿健康管理服务进托育点的机制尚未建立。

具体建议：
一是盘活社区存量用房，简化改建托育点的消防、卫生审批流程，推行并联审批；二是提高普惠托位运营补贴标准，建立与物价水平挂钩的动态调整机制；三是推动社区卫生服务中心与托育点签约，开展婴幼儿健康检查和喂养指导，实现医育结合。
""",
    "社情民意信息/2026/低空物流无人机夜间航线噪声扰民问题亟待规范.md": """---
title: 低空物流无人机夜间航线噪声扰民问题亟待规范
doc_type: opinion
date: 2026-02-03
region: 苏州市
author: 吴志强
category: 城乡建设
---

# 低空物流无人机夜间航线噪声扰民问题亟待规范

反映人：吴志强（苏州市某街道居民议事会）

情况：
近期，苏州市部分居民小区反映，低空物流无人机在夜间十点以后仍频繁起降，航线紧贴住宅楼上空，旋翼噪声影响居民休息，有的居民连续多日向街道投诉。

原因分析：
目前低空物流航线审批主要关注飞行安全，对噪声影响缺少评估标准；起降点选址未征求周边居民意见；企业为压缩配送时间倾向于夜间集中飞行。

意见建议：
一是将噪声影响纳入低空航线审批评估，明确住宅区上空夜间飞行的时段和高度限制；二是起降点选址前公示并听取居民意见；三是建立投诉受理和快速处置机制，由运营企业定期公开飞行数据。
""",
    "委员发言/2026/积极发展银发经济更好满足老年人多样化需求.md": """---
title: 积极发展银发经济更好满足老年人多样化需求
doc_type: speech
date: 2026-01-22
region: 江苏省
author: 钱国栋
category: 社会事业
---

# 积极发展银发经济更好满足老年人多样化需求

尊敬的主席、各位委员：

我省老年人口规模大、增长快，发展银发经济既是应对人口老龄化的必然要求，也是扩大内需的重要增长点。调研中我们看到，适老化产品供给不足、老年助餐和居家照护服务质量参差不齐、老年旅游和文化消费市场有待培育。

为此建议：一要加快适老化改造，推动家电、家居和智能终端适老化设计，扩大康复辅具租赁服务；二要完善居家社区养老服务网络，提升老年助餐、上门照护的专业化水平；三要培育老年文化旅游和健康消费新业态，支持老年大学扩容；四要加强银发经济领域标准建设和市场监管，防范针对老年人的消费欺诈。

谢谢大家！
""",
}


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
def _env(rules: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TOPICMINE_INGEST__RULES_FILE"] = str(rules)  # the copy needs the sample's xlsx column rule
    env.pop("TOPICMINE_WORKDIR", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _rules_for(corpus: Path, out: Path) -> Path:
    out.write_text(
        f"""[[source]]
path = "{corpus / XLSX}"
type = "opinion"
[source.columns]
id = "编号"
title = "标题"
text = "内容"
date = "日期"
author = "反映人"
category = "类别"
region = "地区"
""",
        encoding="utf-8",
    )
    return out


def _cmd(workdir: Path, corpus: Path) -> list[str]:
    return [str(BIN), "refresh", str(corpus), "--workdir", str(workdir), "--json", "--quiet"]


def refresh_cli(workdir: Path, corpus: Path, rules: Path, timeout: float = 900) -> tuple[int, dict[str, Any] | None, str]:
    """Run `topicmine refresh --json`; (exit code, the last stdout line as JSON, stderr)."""
    p = subprocess.run(_cmd(workdir, corpus), capture_output=True, text=True, env=_env(rules), cwd=ROOT, timeout=timeout)
    lines = [x for x in p.stdout.splitlines() if x.strip()]
    summary = json.loads(lines[-1]) if p.returncode == 0 and lines else None
    return p.returncode, summary, p.stderr


def start_refresh(workdir: Path, corpus: Path, rules: Path) -> subprocess.Popen:
    return subprocess.Popen(_cmd(workdir, corpus), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(rules), cwd=ROOT)


def _query(workdir: Path, sql: str) -> list[tuple]:
    """Read the store from the test process (WAL: never blocks the writer)."""
    db = workdir / "topicmine.sqlite"
    if not db.is_file():
        return []
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()
    except sqlite3.OperationalError:  # schema not created yet
        return []


def _wait_for(proc: subprocess.Popen, cond, what: str, timeout: float = 600) -> bool:
    """Poll until ``cond()``; False when the process ended first."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc.poll() is not None:
            return False
        if cond():
            return True
        time.sleep(0.05)
    proc.kill()
    raise AssertionError(f"timed out waiting for {what}")


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def _refresh_rows(workdir: Path) -> int:
    # any status: the store marks every 'running' row 'interrupted' when the refresh's own inner
    # ingest run begins, so 'running' is visible only for an instant (see the report to the lead)
    return len(_query(workdir, "SELECT id FROM runs WHERE kind = 'refresh'"))


def _holds_lock(workdir: Path, pid: int) -> bool:
    """The workdir's lock file names ``pid`` (written by the holder right after it took the flock)."""
    try:
        return f"pid={pid} " in (workdir / "topicmine.sqlite.lock").read_text(encoding="utf-8")
    except OSError:
        return False


def _vectors(workdir: Path) -> int:
    """Passage vectors (the dedup stage caches ask/title vectors beside them under "<model id>#ask")."""
    rows = _query(workdir, "SELECT COUNT(*) FROM embeddings WHERE model_id NOT LIKE '%#%'")
    return rows[0][0] if rows else 0


def assert_consistent(workdir: Path) -> None:
    """Store passes PRAGMA integrity_check and our invariants; every artifact is whole."""
    from topicmine.index import VectorIndex
    from topicmine.store import Store

    with Store(workdir / "topicmine.sqlite") as store:
        assert store.integrity_problems() == []
    for f in list((workdir / "artifacts").rglob("*.json")) + list((workdir / "reports").rglob("*.json")):
        if f.name.startswith("."):  # a temp file a killed run left behind: never read by anyone
            continue
        json.loads(f.read_text(encoding="utf-8"))
    index_dir = workdir / "artifacts" / "index"
    if (index_dir / "manifest.json").is_file():
        idx = VectorIndex.load(index_dir)
        assert idx.ntotal == json.loads((index_dir / "manifest.json").read_text())["count"]


def _topic_ids(workdir: Path) -> set[int]:
    run = json.loads((workdir / "artifacts" / "topics" / "current.json").read_text(encoding="utf-8"))
    return {int(t["id"]) for t in run["topics"]}


def _counts(workdir: Path) -> dict[str, int]:
    q = lambda sql: _query(workdir, sql)[0][0]  # noqa: E731
    index = json.loads((workdir / "artifacts" / "index" / "manifest.json").read_text())
    return {
        "documents": q("SELECT COUNT(*) FROM documents"),
        "passages": q("SELECT COUNT(*) FROM passages"),
        "vectors": _vectors(workdir),
        "sources": q("SELECT COUNT(*) FROM sources"),
        "index": int(index["count"]),
    }


def _copy_workdir(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.lock"))
    return dst


@contextlib.contextmanager
def changed_corpus(built: dict[str, Any]):
    """Add the three new documents to the module's corpus and delete one; restore it afterwards.

    The store keys sources by absolute path, so workdirs copied from the built one must read the
    corpus at the same path; tests run one after another, so changing it in place is safe.
    """
    corpus = built["corpus"]
    for rel, text in NEW_DOCS.items():
        p = corpus / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (corpus / DELETED).unlink()
    try:
        yield corpus
    finally:
        shutil.rmtree(corpus)
        shutil.copytree(built["pristine"], corpus)


# ---------------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory, model_dir, sample_dir) -> dict[str, Any]:
    """A workdir refreshed twice from a copy of corpus/sample: the first run and a no-change run."""
    base = tmp_path_factory.mktemp("refresh")
    corpus = base / "corpus"
    shutil.copytree(sample_dir, corpus)
    pristine = base / "pristine"
    shutil.copytree(sample_dir, pristine)
    rules = _rules_for(corpus, base / "ingest.toml")
    wd = base / "wd"
    rc1, first, err1 = refresh_cli(wd, corpus, rules)
    assert rc1 == 0, err1
    after_first = _counts(wd)
    topics_first = (wd / "reports" / "topics.json").read_text(encoding="utf-8")
    morning_first = json.loads((wd / "reports" / "morning.json").read_text(encoding="utf-8"))
    rc2, second, err2 = refresh_cli(wd, corpus, rules)
    assert rc2 == 0, err2
    return {"base": base, "corpus": corpus, "pristine": pristine, "rules": rules, "wd": wd, "first": first, "second": second,
            "counts": after_first, "topics_first": topics_first, "morning_first": morning_first}


@pytest.fixture(scope="module")
def changed(built, tmp_path_factory) -> dict[str, Any]:
    """The built workdir (copied) after three documents were added and one deleted."""
    base = tmp_path_factory.mktemp("changed")
    wd = _copy_workdir(built["wd"], base / "wd")
    ids_before = _topic_ids(wd)
    vectors_before = _vectors(wd)
    hashes_before = {r[0] for r in _query(wd, "SELECT hash FROM embeddings")}
    with changed_corpus(built) as corpus:
        files = sum(1 for f in corpus.rglob("*") if f.is_file())
        rc, summary, err = refresh_cli(wd, corpus, built["rules"])
    assert rc == 0, err
    return {"base": base, "files": files, "wd": wd, "summary": summary,
            "ids_before": ids_before, "vectors_before": vectors_before, "hashes_before": hashes_before,
            "morning": json.loads((wd / "reports" / "morning.json").read_text(encoding="utf-8"))}


# ---------------------------------------------------------------------------------------------
# without the model: rendering, exit code of a held lock
# ---------------------------------------------------------------------------------------------
def test_render_escapes_document_text_and_links_passages():
    report = {
        "date": "2026-11-26", "first_run": False, "since": "2026-11-25T02:30:00+08:00",
        "run": {"id": 7, "documents": {"new": 1, "changed": 0, "deleted": 0, "unchanged": 46}, "passages_embedded": 4,
                "topics": {"kept": 9, "new": 0, "gone": 0}, "topics_refit": True, "seconds": 12.5},
        "new_documents": [{"id": "ab12", "title": f"关于托育的提案{SCRIPT}", "doc_type": "proposal", "doc_type_zh": "提案",
                           "region": "江苏省", "date": "2026-01-20", "uri": "file:///srv/a.md", "passage_id": 900}],
        "topics": {"n_topics": 1, "changes": {"kept": 1, "new": 0, "gone": 0}, "ranked": [
            {"id": 3, "rank": 1, "label": "托育·社区", "reason": "委员关注", "score": 1.2, "size": 9, "documents": 4,
             "by_year": {"2024": 2, "2026": 1}, "by_region": {"江苏省": 3}, "growth": 1.0, "flags": ["touched"],
             "new_passages": 1, "representatives": [900]}]},
        "duplicates": {"checked": True, "pairs": [], "groups": []},
        "trends": {"years": [2024, 2025, 2026], "regions": ["江苏省"]},
        "passages": {"900": {"id": 900, "doc_id": "ab12", "title": f"关于托育的提案{SCRIPT}", "doc_type_zh": "提案",
                             "region": "江苏省", "year": 2026, "start": 0, "end": 30, "text": f"正文{SCRIPT}托育",
                             "uri": "file:///srv/a.md", "is_new": True}},
    }
    page = render_html(report)
    assert "<script" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert 'id="p900"' in page and 'href="#p900"' in page and 'href="file:///srv/a.md"' in page
    assert "有新材料" in page and "<svg" in page
    md = render_markdown(report)
    assert "<script>" not in md and "morning.html#p900" in md


def test_lock_held_exits_75_with_pid(tmp_path, sample_dir):
    """No model needed: the lock is taken before anything heavy loads."""
    from topicmine.store import Store

    wd = tmp_path / "wd"
    wd.mkdir()
    store = Store(wd / "topicmine.sqlite").open()
    try:
        with store.writer_lock():
            # had it waited for the lock (held here until the end), the timeout would raise
            p = subprocess.run(_cmd(wd, sample_dir / "提案" / "2023"), capture_output=True, text=True,
                               env=_env(ROOT / "corpus" / "ingest.toml"), cwd=ROOT, timeout=120)
    finally:
        store.close()
    assert p.returncode == 75, p.stderr
    assert "another refresh is running" in p.stderr and f"pid={os.getpid()}" in p.stderr
    assert p.stdout.strip() == ""  # no JSON summary for a run that did not happen
    log = (wd / "logs" / "refresh.log").read_text(encoding="utf-8")
    assert "refresh not started" in log


# ---------------------------------------------------------------------------------------------
# with the model
# ---------------------------------------------------------------------------------------------
@pytest.mark.model
def test_first_run_builds_everything(built):
    s, c, wd = built["first"], built["counts"], built["wd"]
    files = sum(1 for f in built["corpus"].rglob("*") if f.is_file())
    assert s["documents"] == {"new": files, "changed": 0, "deleted": 0, "unchanged": 0}
    assert c["documents"] == 53  # corpus/README.md: 47 files → 53 documents
    distinct = _query(wd, "SELECT COUNT(DISTINCT hash) FROM passages")[0][0]  # identical formula lines share a vector
    assert s["passages_embedded"] == c["vectors"] == distinct > 0
    assert c["index"] == c["passages"] >= distinct
    assert s["topics_refit"] is True and s["topics"]["kept"] == 0 and s["topics"]["new"] == len(_topic_ids(wd)) > 0
    assert set(s) >= {"documents", "passages_embedded", "topics", "seconds"}
    for name in ("morning.html", "morning.json", "morning.md", "topics.json", "dedup.json"):
        assert (wd / "reports" / name).is_file(), name
    assert len(list((wd / "reports" / "history").glob("morning-*.html"))) >= 2
    m = built["morning_first"]
    assert m["first_run"] is True and m["new_documents_total"] == 53
    # the planted duplicate set A/B/C of the sample is found on the first run
    titles = {x["title"] for g in m["duplicates"]["groups"] for x in g["members"]}
    assert "关于加快发展社区嵌入式托育服务的提案" in titles
    # 成果转化 on the first run: the sample's 加装电梯 reply promised "年内" (2023) and nothing later shows it done
    overdue = {x["title"]: x for x in m["uptake"]["逾期承诺"]}
    assert overdue["关于加快既有多层住宅加装电梯的提案"]["due"] == "2023-12-31"
    assert s["uptake"]["reply_links"] >= 5 and "成果转化" in (wd / "reports" / "morning.html").read_text(encoding="utf-8")
    log = (wd / "logs" / "refresh.log").read_text(encoding="utf-8")
    assert "refresh started" in log and "refresh ok" in log
    assert_consistent(wd)


@pytest.mark.model
def test_second_run_without_changes_does_nothing(built):
    s = built["second"]
    files = built["first"]["documents"]["new"]
    assert s["documents"] == {"new": 0, "changed": 0, "deleted": 0, "unchanged": files}
    assert s["passages_embedded"] == 0
    assert s["topics_refit"] is False
    assert s["topics"] == {"kept": built["first"]["topics"]["new"], "new": 0, "gone": 0}
    assert s["index"]["added"] == 0 and s["index"]["removed"] == 0
    assert s["duplicates"] == {"pairs": 0, "groups": 0}
    # the topics report was not rewritten
    assert (built["wd"] / "reports" / "topics.json").read_text(encoding="utf-8") == built["topics_first"]
    m = json.loads((built["wd"] / "reports" / "morning.json").read_text(encoding="utf-8"))
    assert m["first_run"] is False and m["new_documents"] == [] and m["duplicates"]["checked"] is False


@pytest.mark.model
def test_persisting_topics_keep_their_ids_after_a_small_change(changed):
    s = changed["summary"]
    assert s["topics"]["kept"] >= len(changed["ids_before"]) - 1


def test_added_and_deleted_documents(changed):
    s, m, wd = changed["summary"], changed["morning"], changed["wd"]
    assert s["documents"] == {"new": 3, "changed": 0, "deleted": 1, "unchanged": changed["files"] - 3}
    # only the new passages were embedded
    new_docs = m["new_documents"]
    assert len(new_docs) == 3 and m["new_documents_total"] == 3
    ids = ",".join(f"'{d['id']}'" for d in new_docs)
    new_hashes = {r[0] for r in _query(wd, f"SELECT hash FROM passages WHERE doc_id IN ({ids})")}
    # a passage whose exact text is already cached (a formula line) needs no new vector
    to_embed = new_hashes - changed["hashes_before"]
    assert s["passages_embedded"] == len(to_embed) > 0
    assert len(to_embed) >= sum(d["passages"] for d in new_docs) - 2
    assert _vectors(wd) == changed["vectors_before"] + len(to_embed)
    # existing topic ids kept (a topic may vanish, but no persisting topic is renumbered)
    ids_after = _topic_ids(wd)
    gone = {int(g["id"]) for g in m["topics"]["gone"]}
    assert changed["ids_before"] - gone <= ids_after
    # new items flagged in the JSON …
    titles = {d["title"] for d in new_docs}
    assert f"关于进一步扩大社区普惠托育服务供给的提案{SCRIPT}" in titles
    assert "预制菜进校园引发家长担忧" not in json.dumps(new_docs, ensure_ascii=False)
    new_ids = {d["id"] for d in new_docs}
    flagged = [p for p in m["passages"].values() if p["is_new"]]
    assert flagged and all(p["doc_id"] in new_ids for p in flagged)
    assert any("touched" in t["flags"] for t in m["topics"]["ranked"])
    # the near-duplicate 托育 proposal is a new duplicate candidate of the sample's proposal A
    pairs = m["duplicates"]["pairs"]
    assert any((p["a_new"] or p["b_new"]) and "社区嵌入式托育" in ((p["a_info"].get("title") or "") + (p["b_info"].get("title") or ""))
               for p in pairs), pairs
    # … and in the page and the digest
    page = (wd / "reports" / "morning.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page and "<script" not in page
    assert page.count('<span class="badge new">新</span>') >= 3
    md = (wd / "reports" / "morning.md").read_text(encoding="utf-8")
    assert "低空物流无人机夜间航线噪声扰民问题亟待规范" in md
    assert_consistent(wd)


@pytest.mark.model
def test_run_history_records_outcomes(changed):
    rows = _query(changed["wd"], "SELECT id, status, summary FROM runs WHERE kind = 'refresh' ORDER BY id")
    assert [r[1] for r in rows] == ["ok"] * 3  # first, no-change, changed
    last = json.loads(rows[-1][2])
    assert last["documents"]["new"] == 3 and last["passages_embedded"] == changed["summary"]["passages_embedded"]
    assert last["seconds"] > 0 and "timings" in last
    hist = changed["morning"]["history"]
    assert hist[0]["current"] is True and [h["status"] for h in hist] == ["ok"] * 3


@pytest.mark.slow  # long (35-60 s); runs in `make test-slow`, which CI runs too
@pytest.mark.model
def test_sigkill_at_several_points_then_recovery(built, tmp_path):
    """Kill -9 while starting, while embedding, while fitting topics: consistent each time; the next run completes."""
    corpus, rules = built["corpus"], built["rules"]
    wd = tmp_path / "wd"
    killed = []

    # 1. as soon as the runs table shows the refresh started (it holds the lock, ingest begins)
    p = start_refresh(wd, corpus, rules)
    if _wait_for(p, lambda: _refresh_rows(wd) > 0, "the refresh to start"):
        _kill(p)
        killed.append("started")
        assert_consistent(wd)

    # 2. in the embed phase: the first chunk of vectors is stored, more are being computed
    before = _vectors(wd)
    p = start_refresh(wd, corpus, rules)
    if _wait_for(p, lambda: _vectors(wd) > before, "vectors to be stored"):
        _kill(p)
        killed.append("embedding")
        assert_consistent(wd)
        assert before < _vectors(wd) < built["counts"]["passages"]  # really mid-embed

    # 3. after the index was written, while topics are fitted
    p = start_refresh(wd, corpus, rules)
    manifest = wd / "artifacts" / "index" / "manifest.json"
    if _wait_for(p, lambda: manifest.is_file(), "the index to be saved"):
        _kill(p)
        killed.append("topics")
        assert_consistent(wd)

    assert killed == ["started", "embedding", "topics"], f"runs finished before they could be killed: {killed}"
    statuses = [r[0] for r in _query(wd, "SELECT status FROM runs WHERE kind = 'refresh' ORDER BY id")]
    assert len(statuses) == 3 and set(statuses) <= {"interrupted", "running"}  # never "ok" or "failed"

    # the next run completes and ends where a clean run ends
    rc, summary, err = refresh_cli(wd, corpus, rules)
    assert rc == 0, err
    assert_consistent(wd)
    assert _counts(wd) == built["counts"]
    m = json.loads((wd / "reports" / "morning.json").read_text(encoding="utf-8"))
    # nothing was ever reported: all 53 documents are still new, and the duplicate check covered them
    assert m["first_run"] is True and m["new_documents_total"] == 53
    assert m["duplicates"]["checked"] is True and m["duplicates"]["groups"]
    assert summary["topics_refit"] is True and summary["passages_embedded"] == 0  # vectors were all kept
    statuses = [r[0] for r in _query(wd, "SELECT status FROM runs WHERE kind = 'refresh' ORDER BY id")]
    assert statuses == ["interrupted"] * 3 + ["ok"]


@pytest.mark.model
def test_kill_during_refit_after_changes_is_reported_by_next_run(built, tmp_path):
    """A killed run that already ingested new files: the next run still refits and reports them."""
    wd = _copy_workdir(built["wd"], tmp_path / "wd")
    topics_json = wd / "reports" / "topics.json"
    mtime = topics_json.stat().st_mtime
    target = _vectors(wd) + 1
    with changed_corpus(built) as corpus:
        p = start_refresh(wd, corpus, built["rules"])
        assert _wait_for(p, lambda: _vectors(wd) >= target, "the new passages' vectors"), "run ended before the kill"
        _kill(p)
        assert_consistent(wd)
        assert topics_json.stat().st_mtime == mtime  # the kill came before the refit
        rc, summary, err = refresh_cli(wd, corpus, built["rules"])
    assert rc == 0, err
    assert summary["documents"]["new"] == 0  # the files were ingested by the killed run …
    assert summary["topics_refit"] is True  # … but topics are refitted anyway
    m = json.loads((wd / "reports" / "morning.json").read_text(encoding="utf-8"))
    assert m["new_documents_total"] == 3  # … and its documents are reported as new
    assert m["duplicates"]["checked"] is True


@pytest.mark.model
def test_two_concurrent_refreshes(built, tmp_path):
    wd = _copy_workdir(built["wd"], tmp_path / "wd")
    rules = built["rules"]
    with changed_corpus(built) as corpus:  # work to do: A embeds, refits and checks while B tries
        a = start_refresh(wd, corpus, rules)
        assert _wait_for(a, lambda: _holds_lock(wd, a.pid), "refresh A to take the lock"), a.communicate()
        b = subprocess.run(_cmd(wd, corpus), capture_output=True, text=True, env=_env(rules), cwd=ROOT, timeout=300)
        b_returned_while_a_ran = a.poll() is None  # B never waited for A to finish
        a_out, a_err = a.communicate(timeout=900)
    assert b.returncode == 75, b.stderr
    assert "another refresh is running" in b.stderr and f"pid={a.pid}" in b.stderr
    assert a.returncode == 0, a_err
    assert json.loads(a_out.strip().splitlines()[-1])["documents"]["new"] == 3
    assert a.returncode == 0 and b_returned_while_a_ran
    assert_consistent(wd)


@pytest.mark.model
@pytest.mark.browser
def test_morning_report_in_headless_chromium(changed):
    if not CHROMIUM.is_file():
        pytest.skip("no /usr/bin/chromium (apt-get install -y chromium, or `make browser` as root)")
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = changed["wd"] / "reports" / "morning.html"
    ARTIFACTS.mkdir(exist_ok=True)
    external: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1800})
            page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("file:", "data:", "about:")) else None)
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            page.screenshot(path=str(ARTIFACTS / "morning_report.png"))
            assert page.title().startswith("议题晨报")
            assert page.evaluate("() => window.__pwned") is None  # the document's <script> did not run …
            body = page.inner_text("body")
            assert SCRIPT in body  # … it shows as text
            assert page.locator("script").count() == 0
            assert page.locator("section#new-docs .badge.new").count() >= 3
            assert page.locator("section#trends svg").count() >= 2
            # links into the passage appendix resolve to an element
            href = page.locator("section#ranked a[href^='#p']").first.get_attribute("href")
            assert page.locator(f"[id='{href[1:]}']").count() == 1
            assert errors == [] and external == []
        finally:
            browser.close()
    assert (ARTIFACTS / "morning_report.png").stat().st_size > 10_000
