"""Service probe 1: routes from /openapi.json without/with key, Host header, parsing edge cases, export injection.
usage: svc_probe1.py PORT KEY"""
import http.client, json, sys, time
PORT, KEY = int(sys.argv[1]), sys.argv[2]
def req(method, path, body=None, headers=None, key=True, host=None, timeout=120):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    h = {"Host": host or f"127.0.0.1:{PORT}"}
    if key: h["X-API-Key"] = KEY
    if isinstance(body, (dict, list)): body = json.dumps(body).encode(); h["Content-Type"] = "application/json"
    elif isinstance(body, str): body = body.encode()
    h.update(headers or {})
    if body is not None: h["Content-Length"] = str(len(body))
    t = time.time()
    c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for k, v in h.items(): c.putheader(k, v)
    c.endheaders(body)
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, dict(r.getheaders()), data, round(time.time() - t, 2)
def show(label, res):
    st, hd, data, t = res
    txt = data[:260].decode("utf-8", "replace").replace("\n", " ")
    print(json.dumps({"case": label, "status": st, "s": t, "ctype": hd.get("content-type"), "retry": hd.get("retry-after"), "body": txt}, ensure_ascii=False), flush=True)
import os
SKIP = os.environ.get('SKIP_SWEEP')
st, hd, data, _ = req("GET", "/openapi.json", key=False)
spec = json.loads(data)
for path, ops in ([] if SKIP else spec["paths"].items()):
    for m in ops:
        p = path.replace("{", "").replace("}", "")
        body = {} if m in ("post", "put") else None
        q = "?q=养老&text=养老".encode().decode() if m == "get" else ""
        show(f"nokey {m.upper()} {path}", req(m.upper(), p + ("?q=%E5%85%BB%E8%80%81&text=%E5%85%BB%E8%80%81" if m == "get" else ""), body, key=False))
for p in [] if SKIP else ["/", "/uptake", "/docs", "/redoc", "/health", "/static/app.js", "/static/..%2f..%2fapi.py", "/static/%2e%2e/%2e%2e/service/api.py",
          "/static/....//....//etc/passwd", "//api/v1/uptake", "/api//v1/uptake", "/api/v1/uptake/", "/API/v1/uptake", "/%61pi/v1/uptake",
          "/api/v1/uptake;x", "/api/v1/uptake%00", "/api/v1/../api/v1/uptake"]:
    show(f"nokey GET {p}", req("GET", p, key=False))
show("host evil", req("GET", "/api/v1/search?q=%E5%85%BB%E8%80%81", host="evil.example"))
show("host evil+port", req("GET", "/health", host="evil.example:80"))
show("host localhost.", req("GET", "/health", host="localhost."))
show("host 127.0.0.1.nip.io", req("GET", "/health", host="127.0.0.1.nip.io"))
show("host '127.0.0.1 '", req("GET", "/health", host="127.0.0.1 "))
show("host 0x7f000001", req("GET", "/health", host="0x7f000001"))
show("host [::1]", req("GET", "/health", host="[::1]:8000"))
show("host 127.1", req("GET", "/health", host="127.1"))
# key variants
show("key with space", req("GET", "/api/v1/uptake", headers={"X-API-Key": KEY + " "}, key=False))
show("key lower header", req("GET", "/api/v1/uptake", headers={"x-api-key": KEY}, key=False))
show("key prefix", req("GET", "/api/v1/uptake", headers={"X-API-Key": KEY[:-1]}, key=False))
# parsing edge cases with key
show("split bigint", req("POST", "/api/v1/split", '{"text": "关于养老的调研报告。建议加强。", "n": ' + "1" * 5000 + "}", {"Content-Type": "application/json"}))
show("split 1e999999 title", req("POST", "/api/v1/split", '{"text": "关于养老的调研报告。建议加强。", "title": 1e999999}', {"Content-Type": "application/json"}))
show("similar bigint limit", req("POST", "/api/v1/similar", '{"text": "养老", "limit": ' + "1" * 5000 + "}", {"Content-Type": "application/json"}))
show("check bigint", req("POST", "/api/v1/check", '{"text": "养老", "genre": "proposal", "x": ' + "1" * 5000 + "}", {"Content-Type": "application/json"}))
show("export bigint", req("POST", "/api/v1/export", '{"format": "docx", "draft": {"title": "t", "n": ' + "1" * 5000 + "}}", {"Content-Type": "application/json"}))
show("split lone surrogate", req("POST", "/api/v1/split", '{"text": "关于养老的调研报告\\ud800。一、基本情况\\n养老服务\\udfff不足。二、建议\\n一是加强养老服务。"}', {"Content-Type": "application/json"}))
show("similar lone surrogate", req("POST", "/api/v1/similar", '{"text": "养老\\ud800服务"}', {"Content-Type": "application/json"}))
show("check lone surrogate", req("POST", "/api/v1/check", '{"text": "关于加强养老\\ud800服务的提案。建议加强。", "genre": "proposal"}', {"Content-Type": "application/json"}))
show("search invalid utf8", req("GET", "/api/v1/search?q=%ED%A0%80%FF"))
show("similar GET invalid utf8", req("GET", "/api/v1/similar?text=%ED%A0%80%FF%E5%85%BB"))
show("search type traversal", req("GET", "/api/v1/search?q=%E5%85%BB&type=../../etc/passwd"))
show("search mode bogus", req("GET", "/api/v1/search?q=%E5%85%BB&mode=../../x"))
show("uptake today bogus", req("GET", "/api/v1/uptake?today=9999-99-99"))
show("uptake today 0000", req("GET", "/api/v1/uptake?today=0000-00-00"))
show("uptake supervision today 2026-02-30", req("GET", "/api/v1/uptake/supervision?today=2026-02-30"))
# export injection: control chars / surrogates / formula in a title and paragraphs
for fmt in ("docx", "markdown", "json"):
    d = {"format": fmt, "draft": {"genre": "proposal", "title": "=HYPERLINK(\"http://evil\")\u202e关于\x01养老\x0b的提案/../../x", "sections": [{"heading": "一、<script>alert(1)</script>", "paragraphs": ["正文\x00\x1f段落\ud800"]}]}}
    show(f"export {fmt} ctrl/surrogate", req("POST", "/api/v1/export", json.dumps(d), {"Content-Type": "application/json"}))
d = {"format": "docx", "drafts": [{"genre": "proposal", "title": "../../../../tmp/evil\x00", "sections": []}, {"genre": "proposal", "title": "..", "sections": []}]}
res = req("POST", "/api/v1/export-all", json.dumps(d), {"Content-Type": "application/json"}); show("export-all traversal names", res)
if res[0] == 200:
    import zipfile, io
    print("  zip names:", zipfile.ZipFile(io.BytesIO(res[2])).namelist())
