# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
"""B audit: the same pair judged by dedup, check/similar (CLI + service path), the drafting history check."""
import sys, json, pickle, time
sys.path.insert(0, '/work/wt-samematter3')
from pathlib import Path
from topicmine.pipeline.core import Workspace
from topicmine import pipeline
from topicmine.pipeline.dedup_job import dedup
ws = Workspace.from_settings(workdir=Path('/tmp/sm3/wd'))
D = pickle.load(open('/tmp/sm3/data.pkl', 'rb'))
t0 = time.time()
summ = dedup(ws, doc_types=('proposal',), out_dir=Path('/tmp/sm3/audit_reports'))
rep = json.loads(Path(summ['files']['json'] if isinstance(summ['files'], dict) else [f for f in summ['files'] if f.endswith('.json')][0]).read_text())
lv = {frozenset((p['a'], p['b'])): p for p in rep['pairs']}
print('dedup', summ['pairs'], summ['by_level'], round(time.time() - t0), 's', flush=True)
ids = D['ids']
probes = [n for n, g in enumerate(D['labels']) if g in ('重复', '相近')][:12] + \
         [n for n, (g, s) in enumerate(zip(D['labels'], D['shipped'])) if g not in ('重复', '相近') and s in ('重复', '相近')][:4]
out = []
for n in probes:
    i, j = D['rows'][n]; a, b = ids[i], ids[j]
    p = lv.get(frozenset((a, b)))
    sim = pipeline.similar_items(ws, D['texts'][i], limit=30)
    it = next((x for x in sim['items'] if x['doc_id'] == b), None)
    chk = pipeline.check_draft(ws, D['texts'][i], genre='proposal')
    hist = next((x for x in (chk.get('similar') or []) if (x.get('doc_id') or x.get('id')) == b), None)
    row = dict(pair=n, gold=D['labels'][n], eval_level=D['shipped'][n], dedup=p and p.get('level'),
               similar=it and it.get('level'), history=hist and hist.get('level'), retrieval=sim['retrieval'],
               z=(D['z'][n], p and p.get('z'), it and it.get('z')),
               dedup_reason=p and p.get('reason'), similar_reason=it and it.get('reason'), history_reason=hist and hist.get('reason'))
    out.append(row); print(json.dumps({k: row[k] for k in ('pair','gold','eval_level','dedup','similar','history','retrieval','z')}, ensure_ascii=False), flush=True)
json.dump(out, open('/tmp/sm3/audit.json', 'w'), ensure_ascii=False, indent=1)
