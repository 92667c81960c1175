"""For each file in SRC: corpus = 3 good sample proposals + that file; `ingest --json`; record rc/time/RSS/outcome.
usage: run_each.py SRCDIR RUNDIR [extra cli args]"""
import json, os, shutil, subprocess, sys, time
from pathlib import Path
src, rundir = Path(sys.argv[1]), Path(sys.argv[2])
good = sorted(Path("/work/probe/prod/corpus/sample/提案/2023").glob("*.md"))[:3]
env = dict(os.environ, PYTHONPATH=os.environ.get("PROBE_TREE", "/work/probe/prod"))
rows = []
for f in sorted(os.listdir(os.fsencode(src))):
    name = os.fsdecode(f)
    d = rundir / ("c_" + str(len(rows)))
    shutil.rmtree(d, ignore_errors=True)
    (d / "corpus").mkdir(parents=True)
    for g in good:
        shutil.copy(g, d / "corpus" / g.name)
    s = os.path.join(os.fsencode(src), f); t = os.path.join(os.fsencode(d / "corpus"), f)
    if os.path.isdir(s): shutil.copytree(s, t, symlinks=True)
    else: shutil.copy(s, t, follow_symlinks=False)
    cmd = ["nice", "/usr/bin/time", "-f", "TIME %e %M", "/work/main/.venv/bin/python", "-m", "topicmine.cli",
           "ingest", "corpus", "--workdir", "wd", "--json", *sys.argv[3:]]
    t0 = time.time()
    try:
        p = subprocess.run(cmd, cwd=d, env=env, capture_output=True, timeout=float(os.environ.get("PROBE_TIMEOUT", "600")))
    except subprocess.TimeoutExpired as exc:
        rows.append({"file": name, "size": os.path.getsize(s) if os.path.isfile(s) else -1, "rc": "TIMEOUT", "s": round(time.time() - t0), "rss_mb": -1, "outcome": "killed by the harness"})
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
        continue
    err = p.stderr.decode("utf-8", "replace"); out = p.stdout.decode("utf-8", "replace")
    tl = [l for l in err.splitlines() if l.startswith("TIME ")]
    secs, kb = (tl[-1].split()[1:] if tl else ("?", "0"))
    last = out.strip().splitlines()[-1] if out.strip() else ""
    try:
        j = json.loads(last)
    except Exception:
        j = None
    if j and "new" in j:
        oc = f"new={j['new']} failed={j['failed']} issues=" + f"{len(j['issues'])}: " + " | ".join(f"{os.path.basename(i['source'])[:40]}: {i['reason'][:110]}" for i in j["issues"][:3])
    elif j and "error" in j:
        oc = "ERROR " + json.dumps(j["error"], ensure_ascii=False)[:300]
    else:
        tb = [l for l in err.splitlines() if l and not l.startswith(" ") and not l.startswith("TIME")]
        oc = "NOJSON " + " / ".join(tb[-2:])[:300]
    rows.append({"file": name, "size": os.path.getsize(s) if os.path.isfile(s) else -1, "rc": p.returncode, "s": secs,
                 "rss_mb": int(kb) // 1024, "outcome": oc})
    print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
(rundir / "results.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
