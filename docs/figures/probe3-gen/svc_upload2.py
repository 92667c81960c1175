"""N concurrent multipart uploads of a hostile .docx to /api/v1/split, then one ordinary .docx upload; times + health.
usage: svc_upload.py PORT KEY PID HOSTILE.docx GOOD.docx N"""
import asyncio, json, sys, time, uuid
PORT, KEY, PID, BAD, GOOD, N = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6])
def rss(pid):
    try: return int(next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS"))) // 1024
    except Exception: return 0
def children_rss():
    import subprocess
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(PID)], capture_output=True, text=True).stdout.split()
    return sum(int(x) for x in out) // 1024
async def upload(path, delay=0):
    await asyncio.sleep(delay)
    b = uuid.uuid4().hex; data = open(path, "rb").read()
    body = (f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.docx\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{b}--\r\n".encode()
    s = time.time()
    r, w = await asyncio.open_connection("127.0.0.1", PORT)
    w.write((f"POST /api/v1/split HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nX-API-Key: {KEY}\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary={b}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body)
    try:
        resp = await asyncio.wait_for(r.read(), float(__import__("os").environ.get("UP_TIMEOUT", "600")))
    except asyncio.TimeoutError:
        res = (path.rsplit("/", 1)[-1], "TIMEOUT", round(time.time() - s, 1), ""); print(json.dumps(res), flush=True); return res
    res = (path.rsplit("/", 1)[-1], resp.split(b" ", 2)[1].decode(), round(time.time() - s, 1), resp.split(b"\r\n\r\n", 1)[1][:160].decode("utf-8", "replace"))
    print(json.dumps(res, ensure_ascii=False), flush=True); return res
async def health_loop(stop, out):
    while not stop.is_set():
        s = time.time()
        try:
            r, w = await asyncio.open_connection("127.0.0.1", PORT)
            w.write(f"GET /health HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nConnection: close\r\n\r\n".encode())
            await asyncio.wait_for(r.read(), 120)
        except Exception: pass
        out.append((round(time.time() - s, 2), rss(PID), children_rss())); await asyncio.sleep(3)
async def main():
    stop = asyncio.Event(); hl = []; h = asyncio.create_task(health_loop(stop, hl))
    res = await asyncio.gather(*([upload(BAD) for _ in range(N)] + [upload(GOOD, delay=5)]))
    stop.set(); await h
    for x in res: print(json.dumps(x, ensure_ascii=False))
    print(json.dumps({"health_max_s": max(x[0] for x in hl), "server_rss_max": max(x[1] for x in hl), "children_rss_max": max(x[2] for x in hl), "samples": len(hl)}))
asyncio.run(main())
