# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
import sys, pickle, numpy as np
sys.path.insert(0, '/work/wt-samematter3')
from topicmine.dedup.matter_fit import _best_cut, _folds
D = pickle.load(open('/tmp/sm3/data.pkl','rb'))
G = np.array(D['labels']); Y = np.isin(G, ['重复','相近'])
ROWS = np.array(D['rows']); II, JJ = ROWS[:,0], ROWS[:,1]
V = D['vectors']

def prf(pred, y):
    tp = int((pred & y).sum()); fp = int((pred & ~y).sum()); fn = int((~pred & y).sum())
    p = tp/(tp+fp) if tp+fp else 0.0; r = tp/(tp+fn) if tp+fn else 0.0
    return p, r, (2*p*r/(p+r) if p+r else 0.0)

def cv_scores(fit_predict, k=5, repeats=5, seed=0):
    """fit_predict(train_idx, test_idx) -> bool predictions for test. Returns per-fold (p,r,f)."""
    out = []
    for r in range(repeats):
        for test in _folds(G, k, seed + r):
            train = np.setdiff1d(np.arange(len(G)), test)
            pred = np.asarray(fit_predict(train, test), bool)
            out.append(prf(pred, Y[test]))
    return np.array(out)

def cut_rule(s):
    s = np.asarray(s, float)
    def fp(train, test):
        t = _best_cut(s[train], Y[train]); return s[test] >= t
    return fp

def summ(a, name=''):
    m, sd = a.mean(0), a.std(0)
    print(f"{name:50s} P {m[0]:.3f}±{sd[0]:.3f} R {m[1]:.3f}±{sd[1]:.3f} F1 {m[2]:.3f}±{sd[2]:.3f}", flush=True)
    return m[2]

def zscore_matrix(C, k=10, prior_mean=None, prior_std=None, n0=30):
    """corpus-relative z for a full cosine matrix C (n x n), like CorpusStats (leave nearest k out)."""
    n = len(C); Cm = C.copy(); np.fill_diagonal(Cm, np.nan)
    mu = np.zeros(n); var = np.zeros(n)
    for i in range(n):
        row = np.sort(Cm[i][~np.isnan(Cm[i])])
        keep = row[: len(row) - min(k, len(row)//4)]
        mu[i], var[i] = keep.mean(), keep.var()
    off = Cm[~np.isnan(Cm)]
    pm = off.mean() if prior_mean is None else prior_mean; ps = off.std() if prior_std is None else prior_std
    cnt = n - 1 - min(k, (n-1)//4)
    mean = (cnt*mu + n0*pm)/(cnt+n0); std = np.sqrt((cnt*var + n0*ps**2)/(cnt+n0))
    return lambda i, j: np.minimum((C[i,j]-mean[i])/std[i], (C[i,j]-mean[j])/std[j])
