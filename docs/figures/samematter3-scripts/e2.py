# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
exec(open('/tmp/sm3/h.py').read())
import torch, time
torch.set_num_threads(1)
ids = D['ids']
def views(i):
    P = D['pv'][i][0]; h = max(1, len(P)//2)
    a = P[:h].mean(0); b = P[h:].mean(0) if len(P) > 1 else P[0]
    return a/np.linalg.norm(a), b/np.linalg.norm(b)
U = np.array([views(i)[0] for i in ids]); W2 = np.array([views(i)[1] for i in ids])
mu = V.mean(0)
Vt, Ut, Wt = (torch.tensor(x - mu, dtype=torch.float32) for x in (V, U, W2))
Tt = torch.tensor(D['title_vecs'] - D['title_vecs'].mean(0), dtype=torch.float32)

def train_adapter(train, r=16, lam_weak=1.0, lam_lab=1.0, steps=300, wd=1e-3, weak='halves', seed=0):
    torch.manual_seed(seed)
    L = torch.nn.Parameter(torch.zeros(384, r)); R = torch.nn.Parameter(torch.randn(r, 384) * 0.01)
    ab = torch.nn.Parameter(torch.tensor([20.0, 0.3]))
    opt = torch.optim.Adam([L, R, ab], lr=1e-2, weight_decay=0)
    f = lambda x: torch.nn.functional.normalize(x + x @ L @ R, dim=1)
    ti, tj = torch.tensor(II[train]), torch.tensor(JJ[train]); ty = torch.tensor(Y[train], dtype=torch.float32)
    pw = (1 - ty.mean()) / ty.mean()
    for s in range(steps):
        opt.zero_grad(); loss = 0
        if lam_weak:
            if weak == 'halves': a, b = f(Ut), f(Wt)
            else: a, b = f(Vt), f(Tt)
            lg = a @ b.T / 0.05; t = torch.arange(len(a))
            loss = loss + lam_weak * (torch.nn.functional.cross_entropy(lg, t) + torch.nn.functional.cross_entropy(lg.T, t)) / 2
        if lam_lab:
            FV = f(Vt); c = (FV[ti] * FV[tj]).sum(1)
            loss = loss + lam_lab * torch.nn.functional.binary_cross_entropy_with_logits(ab[0] * (c - ab[1]), ty, pos_weight=pw)
        loss = loss + wd * ((L @ R) ** 2).sum()
        loss.backward(); opt.step()
    with torch.no_grad():
        return f(Vt).numpy()

def adapter_rule(**kw):
    def fp(train, test):
        X = train_adapter(train, **kw); C = X @ X.T
        s = zscore_matrix(C)(II, JJ)
        t = _best_cut(s[train], Y[train]); return s[test] >= t
    return fp
import sys
for kw in [dict(lam_weak=0, lam_lab=1), dict(lam_weak=1, lam_lab=0), dict(lam_weak=1, lam_lab=1), dict(lam_weak=0.3, lam_lab=1, r=4),
           dict(lam_weak=1, lam_lab=1, weak='title')]:
    t0 = time.time(); summ(cv_scores(adapter_rule(**kw), repeats=2), str(kw)); print(' ', round(time.time()-t0), 's', flush=True)
