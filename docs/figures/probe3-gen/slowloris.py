"""Slow clients: N connections that never finish their headers (mode=headers) or their body (mode=body, valid key),
one byte every INTERVAL s, for DURATION s; meanwhile /health and a keyword /search every 5 s from a fresh connection.
usage: slowloris.py PORT KEY MODE N DURATION [INTERVAL]"""
import asyncio, sys, time, json
PORT, KEY, MODE, N, DUR = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
IV = float(sys.argv[6]) if len(sys.argv) > 6 else 10
alive = 0; closed_by_server = 0
async def slow(i):
    global alive, closed_by_server
    try:
        r, w = await asyncio.open_connection("127.0.0.1", PORT)
    except OSError as e:
        print("connect failed", i, e); return
    alive += 1
    if MODE == "headers":
        w.write(f"POST /api/v1/split HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nX-Pad: ".encode())
    else:
        w.write(f"POST /api/v1/split HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nX-API-Key: {KEY}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{\"text\": \"".encode())
    t0 = time.time()
    try:
        while time.time() - t0 < DUR:
            await w.drain()
            await asyncio.sleep(IV)
            if r.at_eof():
                raise ConnectionResetError("eof")
            w.write(b"a")
        alive -= 1
    except (ConnectionError, OSError):
        alive -= 1; closed_by_server += 1
    w.close()
async def probe():
    t0 = time.time(); lat = []
    while time.time() - t0 < DUR:
        for path in ("/health", "/api/v1/search?q=%E5%85%BB%E8%80%81&mode=keyword"):
            s = time.time()
            try:
                r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", PORT), 30)
                w.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nX-API-Key: {KEY}\r\nConnection: close\r\n\r\n".encode())
                data = await asyncio.wait_for(r.read(), 60)
                st = data.split(b" ", 2)[1].decode()
            except Exception as e:
                st = type(e).__name__
            lat.append((path[:12], st, round(time.time() - s, 2)))
        print(json.dumps({"t": round(time.time() - t0), "alive": alive, "closed_by_server": closed_by_server, "probe": lat[-2:]}), flush=True)
        await asyncio.sleep(5)
async def main():
    tasks = [asyncio.create_task(slow(i)) for i in range(N)]
    await probe()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("end alive", alive, "closed_by_server", closed_by_server)
asyncio.run(main())
