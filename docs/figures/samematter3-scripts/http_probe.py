# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §B for the order)
import json, pickle, urllib.request
D = pickle.load(open('/tmp/sm3/data.pkl', 'rb')); a2 = json.load(open('/tmp/sm3/audit2.json'))
agree = 0
for r in a2:
    n = r['pair']; i, j = D['rows'][n]; b = D['ids'][j]
    req = urllib.request.Request('http://127.0.0.1:8765/api/v1/similar', data=json.dumps({'text': D['texts'][i], 'limit': 30}).encode(),
                                 headers={'Content-Type': 'application/json'})
    res = json.load(urllib.request.urlopen(req, timeout=300))
    it = next((x for x in res['items'] if x.get('doc_id') == b), None)
    lv = it and it.get('level'); agree += lv == r['dedup']
    print(n, r['dedup'], lv, it and it.get('z'), r['z_dedup'], flush=True)
print('agree', agree, 'of', len(a2))
