"""Batch 2: table/JSON files read in-process (isolate="office" does not cover csv/json/jsonl).
usage: python g2_tables.py OUTDIR [MB]"""
import json, sys
from pathlib import Path
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
mb = float(sys.argv[2]) if len(sys.argv) > 2 else 10
n = int(mb * 1024 * 1024)
T = "建议完善社区养老服务网络，加大财政支持力度，推动医养结合。"
good = {"title": "关于加强养老服务的提案", "text": T * 3}
# 1 JSON array of n/2 zeros: every item "not an object" -> one IngestIssue each
(out / "zeros.json").write_text("[" + json.dumps(good, ensure_ascii=False) + "," + ",".join(["0"] * (n // 2)) + "]")
# 2 JSON array of empty objects: each a dict + tuple + locator string before the row budget
(out / "emptyobjs.json").write_text("[" + json.dumps(good, ensure_ascii=False) + "," + ",".join(["{}"] * (n // 3)) + "]")
# 3 JSONL of n/2 lines "0"
(out / "zeros.jsonl").write_text(json.dumps(good, ensure_ascii=False) + "\n" + "0\n" * (n // 2))
# 4 JSONL of n/2 broken lines
(out / "broken.jsonl").write_text(json.dumps(good, ensure_ascii=False) + "\n" + "{\n" * (n // 2))
# 5 CSV: header + one good row + n/2 rows that are a single comma (no text)
(out / "emptyrows.csv").write_text("标题,正文\n关于加强养老服务的提案," + T * 3 + "\n" + ",\n" * (n // 2))
# 6 CSV with 10^6 columns in the header and 2 rows
cols = 1_000_000
(out / "wide.csv").write_text("标题,正文," + ",".join(f"c{i}" for i in range(cols)) + "\n关于加强养老服务的提案," + T * 3 + "," + "," * cols + "\n")
print("ok", {p.name: p.stat().st_size for p in out.iterdir()})
