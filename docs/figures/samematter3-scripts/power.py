# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
exec(open('/tmp/sm3/h.py').read())
z = np.array(D['z'], float)
# out-of-fold predictions of the shipped rule, 5 repeats
oof = np.zeros((5, len(G)), bool)
for r in range(5):
    for test in _folds(G, 5, r):
        train = np.setdiff1d(np.arange(len(G)), test); t = _best_cut(z[train], Y[train]); oof[r, test] = z[test] >= t
rng = np.random.default_rng(0)
B = 4000
st = []
for b in range(B):
    k = rng.integers(0, len(G), len(G)); st.append(prf(oof[0, k], Y[k]))
st = np.array(st); print('pooled OOF (repeat 0):', np.round(prf(oof[0], Y), 3), 'bootstrap SE P %.3f R %.3f F1 %.3f' % tuple(st.std(0)))
# how many labelled pairs (same mix: 14% positives) for a 95% CI half-width of 0.05 on P and R, and for
# a paired gain of 0.05 F1 to be 2.8 SE (alpha .05 two-sided, power .8)
se_f1 = st[:, 2].std()
n0, pos0 = len(G), Y.sum()
for target in (0.05,):
    n_ci = n0 * (1.96 * st[:, :2].std(0).max() / target) ** 2
    print('pairs for CI half-width %.2f on P and R (same mix): %d (positives %d)' % (target, n_ci, n_ci * pos0 / n0))
# paired test: simulate a variant that flips the decision on a share d of band pairs; the SE of a paired F1
# difference is driven by the discordant pairs. Empirical: the e7 adapter if present
import json, os
if os.path.exists('/tmp/sm3/e7.json'):
    R_ = json.load(open('/tmp/sm3/e7.json')); d = np.array([x['ad01'][2] - x['z'][2] for x in R_])
    print('adapter-vs-z paired fold diff: mean %.3f sd %.3f' % (d.mean(), d.std()))
# binomial: recall SE at 0.8 with P positives; precision SE
for npos in (45, 100, 200, 250, 400):
    print('positives %4d: SE(recall at 0.8) %.3f, 95%% half-width %.3f' % (npos, np.sqrt(.16 / npos), 1.96 * np.sqrt(.16 / npos)))
