# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
exec(open('/tmp/sm3/e2.py').read().split('import sys\nfor kw')[0])
summ(cv_scores(cut_rule(np.array(D['z'],float)), repeats=2), 'shipped z, same 10 folds')
for kw in [dict(lam_weak=1, lam_lab=0, weak='title'), dict(lam_weak=1, lam_lab=0.3, weak='title', wd=1e-2, steps=150),
           dict(lam_weak=1, lam_lab=1, weak='title', r=4, steps=150)]:
    t0 = time.time(); summ(cv_scores(adapter_rule(**kw), repeats=2), str(kw)); print(' ', round(time.time()-t0), 's', flush=True)
# diagonal metric: logistic on centred elementwise products + z
from sklearn.linear_model import LogisticRegression
Xc = (V - V.mean(0)); Xc /= np.linalg.norm(Xc, axis=1, keepdims=True)
P = Xc[II] * Xc[JJ]
z = np.array(D['z'], float)
for C in (0.01, 0.1, 1.0):
    def fp(train, test, C=C):
        X = np.hstack([P * 50, z[:, None] / 2])
        lr = LogisticRegression(C=C, max_iter=3000, class_weight='balanced').fit(X[train], Y[train])
        s = lr.decision_function(X); t = _best_cut(s[train], Y[train]); return s[test] >= t
    summ(cv_scores(fp, repeats=2), f'diag metric + z, C={C}')
