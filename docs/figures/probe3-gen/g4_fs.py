"""Batch 4: file-system objects in the corpus folder. usage: g4_fs.py CORPUSDIR"""
import os, sys
from pathlib import Path
c = Path(sys.argv[1]); c.mkdir(parents=True, exist_ok=True)
T = "关于加强养老服务的提案\n\n建议完善社区养老服务网络，加大财政支持力度，推动医养结合。\n"
# FIFO named like a document (a reader that opens it would block forever)
os.mkfifo(c / "管道.txt")
# symlink (inside the root) to the FIFO
os.symlink("管道.txt", c / "link_to_fifo.md")
# symlink loop a -> b -> a, and a dir symlink to its parent
os.symlink("loop_b.md", c / "loop_a.md"); os.symlink("loop_a.md", c / "loop_b.md")
(c / "sub").mkdir(); os.symlink("..", c / "sub" / "up")
# device node inside the root (char device /dev/zero, major 1 minor 5) + symlink to /dev/zero named .txt inside root
try:
    os.mknod(c / "zero.txt", 0o600 | 0o020000, os.makedev(1, 5))
except PermissionError:
    pass
# a hard link to a file outside the root (same file system) -- a copy by another name, readable
secret = Path("/work/probe/runs/SECRET_outside.txt"); secret.write_text("关于机密的提案\n\nSECRET-TOKEN-123456 建议不公开。\n")
try:
    os.link(secret, c / "hardlink_outside.txt")
except OSError:
    pass
# names: 255 bytes, control chars, RTL override, option-looking, newline, leading dash
(c / ("长" * 80 + ".md")).write_text(T)  # 240 bytes + 3
(c / "--workdir=evil.md").write_text(T)
(c / "-rf .md").write_text(T)
(c / "a\tb\rc\x1b[31mRED\x1b[0m.md").write_text(T)
(c / "\u202egpj.md").write_text(T)
# deep directory nesting: path longer than PATH_MAX (4096)
d = c / "deep"
cur = os.open(str(c), os.O_RDONLY)
os.mkdir("deep", dir_fd=cur); fd = os.open("deep", os.O_RDONLY, dir_fd=cur); os.close(cur)
for i in range(900):
    os.mkdir("dddd", dir_fd=fd); nfd = os.open("dddd", os.O_RDONLY, dir_fd=fd); os.close(fd); fd = nfd
with open(os.open("深处的提案.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as f:
    f.write(T)
os.close(fd)
print("ok")
