"""Batch 1: metadata/encoding edge cases that survive the reader and may hit the store.
usage: python g1_meta.py OUTDIR"""
import json, os, sys
from pathlib import Path
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
T = "建议完善社区养老服务网络，加大财政支持力度，推动医养结合，提高护理人员待遇。" * 3
def w(name, data):
    p = out / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
# 1 file name in GBK bytes (not UTF-8): Python sees surrogateescape chars
os.makedirs(out, exist_ok=True)
with open(os.path.join(os.fsencode(out), "关于加强养老服务的提案_gbk名.txt".encode("gbk")), "wb") as f:
    f.write(("关于加强养老服务的提案\n\n" + T).encode("utf-8"))
# 2 YAML hex int in front matter (no str-digit limit for base 16)
w("fm_hexint.md", "---\ntitle: 关于养老的提案\nyear: 0x" + "f" * 20000 + "\n---\n" + T)
w("fm_hexint_extra.md", "---\ntitle: 关于养老的提案二\nbudget: 0x" + "f" * 20000 + "\n---\n" + T)
# 3 YAML sexagesimal int (YAML 1.1: 1:20:30 = base 60) -> huge int built by repeated multiplication
w("fm_sexa.md", "---\ntitle: 关于养老的提案三\nn: 1" + ":59" * 60000 + "\n---\n" + T)
# 4 YAML double-quoted lone surrogate escape
w("fm_surrogate.md", '---\ntitle: "关于养老\\ud800的提案四"\nauthor: "\\udfff"\n---\n' + T)
# 5 TOML front matter with hex int
w("fm_toml_hex.md", "+++\ntitle = \"关于养老的提案五\"\nyear = 0x" + "f" * 20000 + "\n+++\n" + T)
# 6 JSONL with lone surrogates in title and text
w("surrogates.jsonl", json.dumps({"title": "关于养老\ud800的提案六", "text": T + "\udc00" + T}) + "\n"
  + json.dumps({"title": "关于托育的提案", "text": T.replace("养老", "托育")}, ensure_ascii=False) + "\n")
# 7 JSON with 1e999999, -1e999999, NaN, huge int, duplicate keys
w("hugenum.json", '[{"title": "关于养老的提案七", "text": "%s", "year": 1e999999, "id": 1e999999},'
  ' {"title": "关于养老的提案八", "text": "%s", "year": %s},'
  ' {"title": "关于养老的提案九", "title": "dup", "text": "%s", "year": NaN, "date": -1e999999}]' % (T, T + "二", "9" * 5000, T + "三"))
# 8 HTML with surrogate/out-of-range/NUL numeric entities
w("entities.html", "<html><head><title>关于养老&#xD800;的提案十</title></head><body><p>" + T +
  "&#xD800;&#xDFFF;&#x110000;&#0;&#99999999999999999999;&#x7fffffff;</p></body></html>")
# 9 YAML python tag + merge key + set/omap/binary
w("fm_tags.md", "---\ntitle: 关于养老的提案十一\nx: !!python/object/apply:os.system ['touch /tmp/probe_pwned']\n---\n" + T)
w("fm_merge.md", "---\nbase: {region: 江苏省}\n<<: {title: 关于养老的提案十二}\nset: !!set {a, b}\nom: !!omap [a: 1]\nbin: !!binary aGVsbG8=\ndate: 2023-02-30\n---\n" + T)
# 10 CSV with lone surrogate impossible in UTF-8; overlong UTF-8 and CESU surrogates in a .txt
w("overlong.txt", "关于养老的提案十三\n\n".encode() + T.encode() + b"\xc0\xaf\xe0\x80\xaf\xed\xa0\x80\xed\xb0\x80" + T.encode())
print("ok", sorted(os.listdir(out)))
