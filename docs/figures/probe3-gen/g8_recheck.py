"""Batch 8: variants around the P1/P2/P4 fixes. usage: g8_recheck.py OUTDIR"""
import json, os, sys
from pathlib import Path
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
T = "建议完善社区养老服务网络，加大财政支持力度，推动医养结合，提高护理人员待遇。" * 3
def w(n, s): (out / n).write_text(s, encoding="utf-8")
HX = "0x" + "f" * 20000
w("fm_hex_in_list.md", f"---\ntitle: 关于养老的提案A\ntags: [a, {HX}]\n---\n" + T)
w("fm_hex_in_map.md", f"---\ntitle: 关于养老的提案B\nx: {{y: {{z: {HX}}}}}\n---\n" + T)
w("fm_hex_key.md", f"---\ntitle: 关于养老的提案C\n{HX}: 1\n---\n" + T)
w("fm_hex_title.md", f"---\ntitle: {HX}\n---\n" + T)
w("fm_hex_date.md", f"---\ntitle: 关于养老的提案D\ndate: {HX}\n---\n" + T)
w("fm_bigfloat.md", "---\ntitle: 关于养老的提案E\nyear: 1e400\nx: .nan\ny: -.inf\n---\n" + T)
w("toml_hex_nested.md", f"+++\ntitle = \"关于养老的提案F\"\n[a.b]\nc = {HX}\n+++\n" + T)
# JSON rows: valid objects without text (row issue each), 400k of them
w("notext_rows.jsonl", json.dumps({"title": "关于养老服务的提案G", "text": T}, ensure_ascii=False) + "\n" + '{"title": "x", "text": ""}\n' * 400_000)
w("zeros_array.json", "[" + json.dumps({"title": "关于养老服务的提案H", "text": T}, ensure_ascii=False) + "," + ",".join(["0"] * 500_000) + "]")
# JSONL rows whose metadata breaks classification: year as nested object / huge
w("badmeta_rows.jsonl", "".join(json.dumps({"title": f"关于养老服务的提案{i}", "text": T + str(i), "date": {"a": [1, {"b": 2}]}, "year": "9" * 4000}, ensure_ascii=False) + "\n" for i in range(300)))
# CSV: 300k rows with text but the title column huge & date garbage
w("rows_many.csv", "标题,正文,日期\n" + "".join(f"t{i},{T}{i},99999-99-99\n" for i in range(250_000)))
# GBK-named folder with two good files inside; GBK file name with .docx-looking content
d = os.path.join(os.fsencode(out), "提案文件夹".encode("gbk"))
os.makedirs(d, exist_ok=True)
for i in range(2):
    with open(os.path.join(d, f"good{i}.txt".encode()), "w", encoding="utf-8") as f:
        f.write(f"关于加强托育服务的提案{i}\n\n" + T.replace("养老", "托育"))
# a name with an invalid UTF-8 byte that is *also* invalid GBK
with open(os.path.join(os.fsencode(out), b"\xff\xfe\x80bad.md"), "w", encoding="utf-8") as f:
    f.write("# 关于无效文件名的提案\n\n" + T)
print("ok")
