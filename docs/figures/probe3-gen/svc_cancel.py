"""Abandoned requests on an idle server: send N unseen splits, close each socket after WAIT s, watch /health busy.
usage: svc_cancel.py PORT KEY N WAIT"""
import asyncio, json, random, sys, time, urllib.request
sys.argv += []
PORT, KEY, N, WAIT = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
sys.path.insert(0, "/work/probe/gen")
from svc_load_report import report
def health():
    return json.loads(urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=30).read())["busy"]
async def one(i):
    r, w = await asyncio.open_connection("127.0.0.1", PORT)
    data = json.dumps({"text": report(5000 + i)}, ensure_ascii=False).encode()
    w.write((f"POST /api/v1/split HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nX-API-Key: {KEY}\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n").encode() + data)
    await w.drain(); await asyncio.sleep(WAIT); w.close()
async def main():
    print("before", health())
    await asyncio.gather(*[one(i) for i in range(N)])
    t0 = time.time()
    while time.time() - t0 < 240:
        b = await asyncio.to_thread(health); print(round(time.time() - t0), b, flush=True)
        if b["running"] == 0 and b["waiting"] == 0: break
        await asyncio.sleep(5)
asyncio.run(main())
