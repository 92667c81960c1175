# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
import sys, pickle, numpy as np
sys.path.insert(0, '/work/wt-samematter3')
from pathlib import Path
from topicmine.pipeline.core import Workspace
from topicmine.pipeline.dedup_job import labelled_corpus, ask_embedder
from topicmine.dedup.matter import prepare_docs, decide_documents
from topicmine.dedup.documents import CorpusStats, DEFAULT_DOCUMENT
D = Path('/work/shared/data/jszx_proposals_2019')
ws = Workspace.from_settings(workdir=Path('/tmp/sm3/wd'))
data = labelled_corpus(ws, D/'jszx2019_dev.csv', D/'pairs_dev.jsonl')
emb = ask_embedder(ws)
docs = prepare_docs(data['texts'], data['titles'], data['vectors'], emb)
js = decide_documents(data['texts'], data['rows'], vectors=data['vectors'], titles=data['titles'], embed_asks=emb, docs=list(docs))
# passage vectors per doc
store = ws.store; mid = ws.embedder.model_id
from collections import defaultdict
byd = defaultdict(list)
for r in store.iter_passages(doc_types=['proposal']):
    byd[r.doc_id].append((r.index, r.hash, r.text, r.section))
pv = {}
for i in data['ids']:
    rows = sorted(byd[i])
    V = store.get_embeddings(mid, [h for _, h, _, _ in rows])
    pv[i] = (V, [t for _, _, t, _ in rows], [s for *_, s in rows])
# pkid map
meta = data['meta']
import json
lab = [json.loads(l) for l in open(D/'pairs_dev.jsonl', encoding='utf-8')]
out = dict(ids=data['ids'], texts=data['texts'], titles=data['titles'], vectors=data['vectors'], rows=data['rows'],
           labels=data['labels'], sure=data['sure'], notes=[l.get('note','') for l in lab], pk=[(l['a'],l['b']) for l in lab],
           ask_vecs=[d.ask_vecs for d in docs], title_vecs=np.array([d.title_vec for d in docs]),
           asks=[[(a.text, a.head) for a in d.asks.asks] for d in docs],
           shipped=[j.level for j in js], z=[j.z for j in js], rank=[j.rank for j in js], feats=[j.features for j in js],
           aligned=[j.aligned for j in js], pv=pv, meta=meta)
pickle.dump(out, open('/tmp/sm3/data.pkl','wb'))
print(len(out['ids']), sum(len(a) for a in out['asks']), out['vectors'].shape)
