"""Concurrent unseen /split + /similar; health latency during; RSS before/after; abandoned requests.
usage: svc_load.py PORT KEY PID NSPLIT NSIMILAR NABANDON"""
import asyncio, json, random, sys, time
PORT, KEY, PID = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
NS, NM, NA = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
random.seed(int(time.time()))
TOP = ["养老", "托育", "低空经济", "数据要素", "职业教育", "农田水利", "营商环境", "外卖骑手", "加装电梯", "渔民转产", "预制菜", "消防安全"]
def report(i):
    t = random.sample(TOP, 3); tag = f"{random.randint(0, 10**9)}号"
    parts = [f"关于{t[0]}与{t[1]}问题的调研报告（{tag}）", "一、基本情况", f"近年来，我市{t[0]}工作取得进展，但{t[1]}领域仍存在短板，涉及{random.randint(10,999)}个单位。" * 4,
             "二、存在问题", f"（一）{t[2]}统筹不足。部门之间信息不通，{t[0]}资金分散，基层负担较重。" * 3, f"（二）{t[1]}人才短缺。专业人员流失率达{random.randint(10,60)}%。" * 3,
             "三、对策建议", f"（一）建立{t[0]}统筹机制。建议由市政府牵头，明确部门职责。" * 3, f"（二）加大{t[1]}投入。建议设立专项资金{random.randint(1,99)}亿元。" * 3,
             f"（三）完善{t[2]}监管。建议建立联合执法机制，实行清单管理。" * 3]
    return "\n".join(parts)
def rss():
    return int(next(l.split()[1] for l in open(f"/proc/{PID}/status") if l.startswith("VmRSS"))) // 1024
async def call(method, path, body=None, abandon_after=None, timeout=900):
    s = time.time()
    try:
        r, w = await asyncio.open_connection("127.0.0.1", PORT)
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
        w.write((f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nX-API-Key: {KEY}\r\nConnection: close\r\n"
                 f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n").encode() + data)
        await w.drain()
        if abandon_after:
            await asyncio.sleep(abandon_after); w.close(); return ("abandoned", None, time.time() - s)
        resp = await asyncio.wait_for(r.read(), timeout)
        head = resp.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        st = head.split(" ", 2)[1]
        ra = next((l.split(":", 1)[1].strip() for l in head.split("\r\n") if l.lower().startswith("retry-after")), None)
        return (st, ra, time.time() - s)
    except Exception as e:
        return (type(e).__name__, None, time.time() - s)
async def health_loop(stop, out):
    while not stop.is_set():
        st, _, t = await call("GET", "/health")
        out.append((round(t, 2), st, rss()))
        await asyncio.sleep(2)
def pct(xs, p):
    xs = sorted(xs); return round(xs[min(len(xs) - 1, int(p * len(xs)))], 1) if xs else None
async def main():
    r0 = rss(); t0 = time.time()
    stop = asyncio.Event(); hl = []
    h = asyncio.create_task(health_loop(stop, hl))
    tasks = [call("POST", "/api/v1/split", {"text": report(i)}) for i in range(NS)]
    tasks += [call("POST", "/api/v1/similar", {"text": report(1000 + i)[:1500], "limit": 10}) for i in range(NM)]
    tasks += [call("POST", "/api/v1/split", {"text": report(2000 + i)}, abandon_after=3) for i in range(NA)]
    res = await asyncio.gather(*tasks)
    stop.set(); await h
    peak = max([r0] + [x[2] for x in hl])
    by = {}
    for kind, (st, ra, t) in zip(["split"] * NS + ["similar"] * NM + ["abandon"] * NA, res):
        by.setdefault(kind, []).append((st, ra, t))
    for k, v in by.items():
        codes = {}
        for st, ra, t in v: codes[st] = codes.get(st, 0) + 1
        ok = [t for st, _, t in v if st == "200"]
        ras = sorted({ra for st, ra, _ in v if st == "503"})
        print(json.dumps({"kind": k, "n": len(v), "codes": codes, "retry_after": ras, "p50_ok": pct(ok, .5), "p95_ok": pct(ok, .95), "max": round(max(t for *_, t in v), 1)}))
    hlat = [x[0] for x in hl]
    print(json.dumps({"wall": round(time.time() - t0), "rss_start": r0, "rss_peak_sampled": peak, "rss_end": rss(),
                      "health_n": len(hl), "health_p50": pct(hlat, .5), "health_p95": pct(hlat, .95), "health_max": max(hlat) if hlat else None,
                      "health_non200": sum(1 for x in hl if x[1] != "200")}))
    await asyncio.sleep(30)
    st, _, _ = await call("GET", "/health")
    print(json.dumps({"rss_after_30s": rss()}))
asyncio.run(main())
