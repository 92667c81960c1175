# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
import sys, json, pickle
sys.path.insert(0, '/work/wt-samematter3')
from pathlib import Path
from topicmine.pipeline.core import Workspace
from topicmine import pipeline
ws = Workspace.from_settings(workdir=Path('/tmp/sm3/wd'))
D = pickle.load(open('/tmp/sm3/data.pkl', 'rb'))
prev = json.load(open('/tmp/sm3/audit.json'))
ids = D['ids']; out = []
for r in prev:
    n = r['pair']; i, j = D['rows'][n]; b = ids[j]
    sim = pipeline.similar_items(ws, D['texts'][i], limit=30)
    it = next((x for x in sim['items'] if x['doc_id'] == b), None)
    chk = pipeline.check_draft(ws, D['texts'][i], genre='proposal')
    hist = next((x for x in (chk.get('similar') or []) if (x.get('doc_id') or x.get('id')) == b), None)
    row = dict(pair=n, gold=r['gold'], dedup=r['dedup'], similar=it and it.get('level'), history=hist and hist.get('level'),
               z_dedup=r['z'][1], z_similar=it and it.get('z'), reason=it and it.get('reason'))
    out.append(row); print(json.dumps({k: v for k, v in row.items() if k != 'reason'}, ensure_ascii=False), flush=True)
json.dump(out, open('/tmp/sm3/audit2.json', 'w'), ensure_ascii=False, indent=1)
print('agree similar', sum(x['similar'] == x['dedup'] for x in out), 'history', sum(x['history'] == x['dedup'] for x in out), 'of', len(out))
