# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
exec(open('/tmp/sm3/e2.py').read().split('import sys\nfor kw')[0])
import json
z = np.array(D['z'], float)
VARIANTS = {'z': None,
            'ad_lab0.1': dict(lam_weak=1, lam_lab=0.1, weak='title', wd=1e-2, steps=150),
            'ad_lab0.3': dict(lam_weak=1, lam_lab=0.3, weak='title', wd=1e-2, steps=150),
            'ad_lab0.03': dict(lam_weak=1, lam_lab=0.03, weak='title', wd=1e-2, steps=150)}
def score_of(name, train):
    if VARIANTS[name] is None: return z
    X = train_adapter(train, **VARIANTS[name]); return zscore_matrix(X @ X.T)(II, JJ)
from sklearn.model_selection import StratifiedKFold
res = []
for r in range(5):
    for fno, test in enumerate(_folds(G, 5, r)):
        train = np.setdiff1d(np.arange(len(G)), test)
        # inner CV on the training pairs only: pick the variant
        inner = {k: [] for k in VARIANTS}
        skf = StratifiedKFold(3, shuffle=True, random_state=100 + r)
        for itr, ite in skf.split(np.zeros(len(train)), G[train]):
            tr, te = train[itr], train[ite]
            for k in VARIANTS:
                s = score_of(k, tr); t = _best_cut(s[tr], Y[tr]); inner[k].append(prf(s[te] >= t, Y[te])[2])
        pick = max(VARIANTS, key=lambda k: np.mean(inner[k]))
        out = {}
        for k in set(['z', pick, 'ad_lab0.1']):
            s = score_of(k, train); t = _best_cut(s[train], Y[train]); out[k] = prf(s[test] >= t, Y[test])
        res.append(dict(r=r, f=fno, pick=pick, inner={k: float(np.mean(v)) for k, v in inner.items()},
                        z=out['z'], nested=out[pick], ad01=out['ad_lab0.1']))
        print(r, fno, pick, 'z %.3f nested %.3f ad0.1 %.3f' % (out['z'][2], out[pick][2], out['ad_lab0.1'][2]), flush=True)
json.dump(res, open('/tmp/sm3/e7.json', 'w'))
for key in ('z', 'nested', 'ad01'):
    a = np.array([x[key] for x in res]); print(key, 'P %.3f±%.3f R %.3f±%.3f F1 %.3f±%.3f' % (a[:,0].mean(), a[:,0].std(), a[:,1].mean(), a[:,1].std(), a[:,2].mean(), a[:,2].std()))
d = np.array([x['nested'][2] - x['z'][2] for x in res]); print('nested - z: mean %.4f sd %.4f se %.4f' % (d.mean(), d.std(), d.std() / np.sqrt(len(d))))
d = np.array([x['ad01'][2] - x['z'][2] for x in res]); print('ad0.1 - z: mean %.4f sd %.4f se %.4f' % (d.mean(), d.std(), d.std() / np.sqrt(len(d))))
import collections; print(collections.Counter(x['pick'] for x in res))
