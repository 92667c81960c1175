# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
"""C: the labelling request — candidate pairs of the dev corpus in the shipped decision's uncertainty band."""
import sys, pickle, json, numpy as np
sys.path.insert(0, '/work/wt-samematter3')
from pathlib import Path
from topicmine.pipeline.core import Workspace
from topicmine.pipeline.dedup_job import ask_embedder
from topicmine.dedup.matter import decide_documents, load_matter_model
D = pickle.load(open('/tmp/sm3/data.pkl', 'rb')); C = pickle.load(open('/tmp/sm3/cands.pkl', 'rb'))
ws = Workspace.from_settings(workdir=Path('/tmp/sm3/wd'))
pk = {d.id: str(d.meta.get('id')) for d in ws.store.iter_documents(doc_types=['proposal'])}
ids = D['ids']; labelled = {frozenset((ids[i], ids[j])) for i, j in D['rows']}
lo, hi = 2.8, 4.1
sel = [n for n in range(len(C['z'])) if lo <= C['z'][n] <= hi]
pairs = [(int(C['ii'][n]), int(C['jj'][n])) for n in sel]
js = decide_documents(D['texts'], pairs, vectors=D['vectors'], titles=D['titles'], embed_asks=ask_embedder(ws))
m = load_matter_model('semantic')
cut_p = m.thresholds['相近']
rows = []
for n, (i, j), jd in zip(sel, pairs, js):
    na, nb = len(D['asks'][i]), len(D['asks'][j])
    f = jd.features
    if jd.narrow or (min(na, nb) and max(na, nb) >= 2 * min(na, nb)):
        kind = 'broad_vs_narrow'
    elif f.get('jac3', 0) >= 0.08 or f.get('cover_min', 0) >= 0.5:
        kind = 'same_template_or_overlapping_asks'
    else:
        kind = 'neighbouring_matters'
    rows.append({"a": pk[ids[i]], "b": pk[ids[j]], "a_title": D['titles'][i], "b_title": D['titles'][j],
                 "a_category": D['meta'][ids[i]]['category'], "b_category": D['meta'][ids[j]]['category'],
                 "z": round(float(C['z'][n]), 3), "rank": int(C['rank'][n]), "level_now": jd.level,
                 "p_same_matter": round(jd.score, 4), "kind": kind,
                 "first_reading_exists": frozenset((ids[i], ids[j])) in labelled})
rows.sort(key=lambda r: abs(r['p_same_matter'] - cut_p))
for k, r in enumerate(rows, 1): r['priority'] = k
out = Path('/work/wt-samematter3/docs/figures/samematter3_label_request.jsonl')
out.write_text(''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in rows), encoding='utf-8')
import collections
print(len(rows), collections.Counter(r['kind'] for r in rows), collections.Counter(r['first_reading_exists'] for r in rows),
      collections.Counter(r['level_now'] for r in rows), 'cut p', cut_p)
