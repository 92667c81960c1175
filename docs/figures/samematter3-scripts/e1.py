# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
exec(open('/tmp/sm3/h.py').read())
z = np.array(D['z'], float)
summ(cv_scores(cut_rule(z)), 'shipped z (rule)')
cos = np.einsum('ij,ij->i', V[II], V[JJ])
summ(cv_scores(cut_rule(cos)), 'raw cos')
zf = zscore_matrix(V @ V.T, prior_mean=0.9076, prior_std=0.0152)
summ(cv_scores(cut_rule(zf(II,JJ))), 'recomputed z (check)')
# centering / whitening
mu = V.mean(0)
for name, W in [('center', None)] + [(f'whiten{d}', d) for d in (32, 64, 128, 256)]:
    X = V - mu
    if W is not None:
        U, S, Vt = np.linalg.svd(X, full_matrices=False)
        X = X @ Vt[:W].T / S[:W]
    X = X / np.linalg.norm(X, axis=1, keepdims=True)
    C = X @ X.T
    summ(cv_scores(cut_rule(C[II,JJ])), name + ' cos')
    summ(cv_scores(cut_rule(zscore_matrix(C)(II,JJ))), name + ' z')
# passage-level: max passage-pair cosine, mean of top-3
