"""/api/v1/export-all with many tiny paragraphs (body under max_body_mb): time, server RSS, /health latency meanwhile.
usage: svc_export.py PORT KEY PID NDRAFTS NSECTIONS NPARAS FORMAT CONCURRENT"""
import asyncio, json, sys, time
PORT, KEY, PID = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
ND, NS, NP, FMT, C = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7], int(sys.argv[8])
body = json.dumps({"format": FMT, "drafts": [{"genre": "proposal", "title": f"关于养老的提案{d}", "sections": [{"heading": "一", "paragraphs": ["政"] * NP} for _ in range(NS)]} for d in range(ND)]}, ensure_ascii=False).encode()
print("body bytes", len(body), "paragraphs", ND * NS * NP, flush=True)
def rss():
    return int(next(l.split()[1] for l in open(f"/proc/{PID}/status") if l.startswith("VmRSS"))) // 1024
async def call(method, path, data=b""):
    s = time.time()
    try:
        r, w = await asyncio.open_connection("127.0.0.1", PORT)
        w.write((f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nX-API-Key: {KEY}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n").encode() + data)
        resp = await asyncio.wait_for(r.read(), 1200)
        return resp.split(b" ", 2)[1].decode(), len(resp), round(time.time() - s, 1)
    except Exception as e:
        return type(e).__name__, 0, round(time.time() - s, 1)
async def main():
    r0 = rss(); peak = r0; hl = []; stop = asyncio.Event()
    async def mon():
        nonlocal peak
        while not stop.is_set():
            st, _, t = await call("GET", "/health"); hl.append(t); peak = max(peak, rss())
            await asyncio.sleep(1)
    m = asyncio.create_task(mon())
    res = await asyncio.gather(*[call("POST", "/api/v1/export-all", body) for _ in range(C)])
    stop.set(); await m
    print(json.dumps({"results": res, "rss_start": r0, "rss_peak": peak, "rss_end": rss(), "health_max_s": max(hl) if hl else None, "health_n": len(hl)}))
asyncio.run(main())
