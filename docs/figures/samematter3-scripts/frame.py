# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
exec(open('/tmp/sm3/h.py').read())
import re, math, jieba, jieba.posseg as pseg, pickle
from topicmine.text.lexicon import Lexicon
from topicmine.dedup.matter import title_core
lex = Lexicon.from_settings(__import__('topicmine.config', fromlist=['Settings']).load_settings() if False else None) if False else None
from topicmine.config import Settings
try:
    from topicmine.pipeline.core import Workspace
    from pathlib import Path
    ws = Workspace.from_settings(workdir=Path('/tmp/sm3/wd')); lex = Lexicon.from_settings(ws.settings)
except Exception as e:
    print('lexicon fallback', e); lex = Lexicon()
tok = lex.tokenizer(); pt = pseg.POSTokenizer(tok)
stop = lex.stopword_set | lex.generic
GEN = set('建议 提案 江苏 我省 全省 工作 发展 建设 问题 加强 推进 推动 完善 提高 提升 加快 进一步 政策 机制 体系 服务 管理 制度 有关 相关 部门 政府 支持 鼓励 促进 健全 落实 实施 开展 引导 强化 优化 深化 规范 保障'.split())
def pos_terms(text):
    out = []
    for w, f in pt.cut(text):
        if len(w) < 2 or w in stop or w in GEN or not re.match(r'^[\u4e00-\u9fff]+$', w): continue
        out.append((w, f[:1] if f else 'x', f))
    return out
ids = D['ids']; n = len(ids)
title_terms = [pos_terms(title_core(t)) for t in D['titles']]
ask_terms = [[pos_terms(a[0][:120]) for a in asks] for asks in D['asks']]
df = {}
for k in range(n):
    s = {w for w, *_ in title_terms[k]} | {w for at in ask_terms[k] for w, *_ in at}
    for w in s: df[w] = df.get(w, 0) + 1
idf = {w: math.log((n + 1) / (c + 1)) + 1 for w, c in df.items()}
pickle.dump(dict(title_terms=title_terms, ask_terms=ask_terms, idf=idf), open('/tmp/sm3/frame.pkl', 'wb'))
print('ok', len(idf))
