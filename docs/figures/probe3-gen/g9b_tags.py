"""P5 bypass attempt: 190 MB of (mostly) empty paragraphs whose packed ratio stays under 200:1 (random rsid every N paragraphs).
usage: g9_ratio.py OUT.docx [EVERY]"""
import os, random, sys
sys.path.insert(0, "/work/probe/prod/tests")
from hostile_fixtures import document_xml, write_docx
every = int(sys.argv[2]) if len(sys.argv) > 2 else 40
random.seed(7)
target = int(float(__import__("os").environ.get("MB", "190")) * 1024 * 1024)
chunks = []; size = 0
while size < target:
    c = "<w:p/>" * every + f'<w:p w:rsidR="{random.getrandbits(32):08X}" w:rsidRDefault="{random.getrandbits(32):08X}"/>'
    chunks.append(c); size += len(c)
write_docx(__import__("pathlib").Path(sys.argv[1]), document_xml(["关于养老服务的提案", "建议完善社区养老服务网络。"], extra_body="".join(chunks)))
print(sys.argv[1], os.path.getsize(sys.argv[1]), "ratio", round(size / os.path.getsize(sys.argv[1])))
