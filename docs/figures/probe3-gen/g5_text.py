"""Batch 5: Markdown/text pathologies and encodings not in the issue. usage: g5_text.py OUTDIR"""
import sys, random
from pathlib import Path
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
T = "建议完善社区养老服务网络，加大财政支持力度，推动医养结合。"
H = "# 关于养老服务的提案\n\n" + T + "\n\n"
def w(n, s, enc="utf-8"):
    (out / n).write_bytes(s.encode(enc) if isinstance(s, str) else s)
K = 200_000  # ~ chars per pathological block (well under 2M chars and the 50 MB limit)
w("md_nested_emph.md", H + "***_~~**" * (K // 8) + "政" + "**~~_***" * (K // 8) + "\n")
w("md_backtick_runs.md", H + "".join("`" * i + "a" for i in range(1, 600)) + "\n")  # 180k chars of growing backtick runs
w("md_backtick_line.md", H + "`a" * (K // 2) + "\n")
w("md_table_pipes.md", H + "| a | b |\n|---|---|\n" + ("|" + "政|" * 2000 + "\n") * 100)
w("md_table_sepfake.md", H + ("|" + " -- |" * 5000 + " x\n") * 20)
w("md_entities.md", H + "&#x4e00;&amp;&#99999999;&nbsp;" * (K // 30) + "\n")
w("md_nested_list.md", H + "".join(" " * (2 * i) + "- 项\n" for i in range(3000)))  # 9M chars of indentation? 3000 lines, sum 9M
w("md_nested_list_inline.md", H + "- " * K + "政\n")
w("md_quote_deep.md", H + "> " * K + "政\n")
w("md_refdefs.md", H + "".join(f"[r{i}]: http://example.com/{i} \"t\"\n" for i in range(100_000)) + "[政][r1]\n")
w("md_link_nest.md", H + "[" * K + "政" + "](x)" * (K // 4) + "\n")
w("md_img_nest.md", H + "![" * (K // 2) + "](" * (K // 2) + "\n")
w("md_html_comment_nest.md", H + "<!--<!--" * (K // 8) + "-->" + "\n")
w("md_setext_flood.md", H + "政\n===\n" * (K // 6))
w("md_headings_flood.md", "".join(f"{'#' * (1 + i % 6)} 第{i}节\n" for i in range(100_000)))
w("md_fence_unclosed.md", H + "```\n" + ("政" * 80 + "\n") * 20000)
w("md_autolink.md", H + "<http://a" * (K // 9) + "\n")
w("md_tag_attr.md", H + "<a href=\"" + "x" * (K * 5) + "\"\n")  # 1 MB attribute never closed
w("md_underscores.md", H + "__a " * (K // 4) + "\n" + "_a_" * (K // 3) + "\n")
w("md_escapes.md", H + "\\" * K + "\n")
w("txt_one_sentence_1_9M.txt", "关于养老服务的提案\n\n" + "政协委员建议加强养老服务" * (1_900_000 // 12))  # just under 2M chars, no punctuation
w("txt_commas_1_9M.txt", "关于养老服务的提案\n\n" + "政，" * (1_900_000 // 2))
w("txt_periods_1_9M.txt", "关于养老服务的提案\n\n" + "。" * 1_900_000)
w("txt_numbered_1M.txt", "关于养老服务的提案\n\n" + "".join(f"（{i % 10}）{'一二三四五六七八九十'[i % 10]}、1.①第{i}条\n" for i in range(100_000)))
w("txt_spaces_1_9M.txt", "关于养老服务的提案\n\n政" + " " * 1_900_000 + "政。\n")
w("txt_newlines_1_9M.txt", "关于养老服务的提案\n\n" + "政\n" * 950_000)
w("txt_crlf_cr_mixed.txt", ("关于养老服务的提案\r\r\n" + T + "\r" + T + "\n\r") * 200)
w("txt_gb18030_invalid.txt", ("关于养老服务的提案\n\n" + T * 50).encode("gb18030") + b"\x81\x30\xff\x30\x84\x31\xa4\x39" * 3 + T.encode("gb18030"))
w("txt_utf16le_nobom_odd.txt", ("关于养老服务的提案\n" + T * 100).encode("utf-16-le") + b"\x00")
w("txt_utf16be_lone.txt", b"\xfe\xff" + ("关于养老服务的提案\n" + T * 10).encode("utf-16-be") + b"\xd8\x00\x00\x41")
w("txt_utf32_bom.txt", b"\xff\xfe\x00\x00" + ("关于养老服务的提案\n" + T * 10).encode("utf-32-le") + b"\x00\xd8\x00\x00")
w("txt_nul_sprinkled.txt", ("关于养老服务的提案\n\n" + T * 200).encode("utf-8").replace("。".encode(), "。\x00".encode()))
w("txt_bom_then_html.txt", "\ufeff<!DOCTYPE html><html><body>" + "<div>" * 100000 + "政</body></html>")
print("ok", len(list(out.iterdir())))
