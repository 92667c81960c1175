"""Batch 6: PDF and HTML variants. usage: g6_pdf_html.py OUTDIR"""
import sys, zlib
from pathlib import Path
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
T = "建议完善社区养老服务网络，加大财政支持力度，推动医养结合。"
def pdf(objs, trailer_extra=b"", xref_override=None):
    o = bytearray(b"%PDF-1.4\n"); offs = []
    for i, ob in enumerate(objs, 1):
        offs.append(len(o)); o += f"{i} 0 obj\n".encode() + ob + b"\nendobj\n"
    x = len(o)
    if xref_override is not None:
        o += xref_override
    else:
        o += f"xref\n0 {len(objs)+1}\n0000000000 65535 f \n".encode() + b"".join(f"{q:010d} 00000 n \n".encode() for q in offs)
    o += f"trailer\n<< /Size {len(objs)+1} /Root 1 0 R ".encode() + trailer_extra + f">>\nstartxref\n{x}\n%%EOF\n".encode()
    return bytes(o)
content = b"BT /F1 24 Tf 72 712 Td (Hello proposal text about elderly care services) Tj ET"
base = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
# 1 deep array nesting in an object referenced from the page
deep = b"[" * 100000 + b"]" * 100000
o = list(base); o[2] = o[2].replace(b">> >> >>", b">> >> /Junk 6 0 R >>"); o.append(deep)
(out / "deep_array.pdf").write_bytes(pdf(o))
# 2 deep dictionary nesting in the trailer
(out / "deep_dict_trailer.pdf").write_bytes(pdf(base, trailer_extra=b"/X " + b"<< /A " * 50000 + b">> " * 50000))
# 3 flate bomb content stream (~1 GB of spaces), 1 MB on disk
raw = zlib.compressobj(9)
bomb = raw.compress(b"BT /F1 12 Tf 72 712 Td (" + b"A" * 100 + b") Tj ET ") + b"".join(raw.compress(b" " * (1 << 20)) for _ in range(1000)) + raw.flush()
o = list(base); o[3] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream"
(out / "flate_bomb.pdf").write_bytes(pdf(o))
# 4 malformed xref: offsets pointing at random places, /Prev loop
bad_xref = b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % (i * 7) for i in range(1, 6))
(out / "bad_xref.pdf").write_bytes(pdf(base, trailer_extra=b"/Prev 9 ", xref_override=bad_xref))
# 5 xref stream /Prev pointing to itself
(out / "prev_self.pdf").write_bytes(pdf(base).replace(b"/Root 1 0 R", b"/Root 1 0 R /Prev 0"))
# 6 /Length huge and stream never ended
o = list(base); o[3] = b"<< /Length 999999999999 >>\nstream\n" + content * 10
(out / "huge_length.pdf").write_bytes(pdf(o))
# 7 object stream with 100k objects referencing each other in a chain (indirect ref chain)
chain = [f"{i+7} 0 R".encode() for i in range(20000)]
o = list(base); o[2] = o[2].replace(b">> >> >>", b">> >> /Junk 6 0 R >>")
o.append(b"[7 0 R]")
o += [f"[{i+8} 0 R]".encode() for i in range(20000)]
(out / "ref_chain.pdf").write_bytes(pdf(o))
# HTML
H = "<html><head><title>关于养老服务的提案</title></head><body><p>" + T + "</p>"
(out / "deep_table.html").write_text(H + "<table><tr><td>" * 30000 + "政" + "</body></html>")
(out / "deep_svg.html").write_text(H + "<svg>" + "<g>" * 100000 + "<text>政</text></svg></body></html>")
(out / "deep_template.html").write_text(H + "<template>" * 50000 + "政</body></html>")
(out / "deep_select.html").write_text(H + "<select>" + "<optgroup><option>" * 50000 + "</body></html>")
(out / "big_attr.html").write_text(H + '<div data-x="' + "x" * 40_000_000 + '">政</div></body></html>')
(out / "script_flood.html").write_text(H + ("<script>var a='</scr'+'ipt>';" + "x" * 1000 + "</script>") * 30000 + "</body></html>")
(out / "style_unclosed.html").write_text(H + "<style>" + "a{}" * 10_000_000 + "</body></html>")
(out / "many_br.html").write_text(H + "<br>" * 5_000_000 + "</body></html>")
(out / "entity_flood.html").write_text(H + "&#x4e00;" * 2_000_000 + "</body></html>")
(out / "meta_utf7.html").write_text('<html><head><meta charset="utf-7"><title>+ZeVnLA-</title></head><body>+ZeVnLA- ' + T + "</body></html>")
(out / "meta_utf16_lie.html").write_text('<html><head><meta charset="utf-16"><title>关于</title></head><body>' + T + "</body></html>")
(out / "comment_flood.html").write_text(H + "<!-- " * 5_000_000 + "</body></html>")
(out / "cdata_pi.html").write_text(H + "<![CDATA[" * 1_000_000 + "<?php " * 1_000_000 + "</body></html>")
print("ok", {p.name: p.stat().st_size for p in out.iterdir()})
