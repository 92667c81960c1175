# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
exec(open('/tmp/sm3/h.py').read())
import pickle
from scipy.optimize import linear_sum_assignment
from sklearn.linear_model import LogisticRegression
Fr = pickle.load(open('/tmp/sm3/frame.pkl','rb')); idf = Fr['idf']; TT = Fr['title_terms']; AT = Fr['ask_terms']
AV = D['ask_vecs']; bg = 0.80
import json
cal = json.load(open('/work/wt-samematter3/topicmine/dedup/calibration/matter.json')); bg = cal['semantic']['ask_background']
def sets(terms, kind):
    return {w for w, k, f in terms if (k == 'n' if kind == 'o' else k == 'v')}
def wov(a, b):
    sh = a & b
    if not sh: return 0.0
    return sum(idf[w] for w in sh) / min(sum(idf[w] for w in a), sum(idf[w] for w in b))
rows = []
for n, (i, j) in enumerate(D['rows']):
    to = wov(sets(TT[i], 'o'), sets(TT[j], 'o'))
    ai, aj = AT[i], AT[j]
    # object set per proposal: title nouns + ask-head nouns
    Oi = sets(TT[i], 'o') | {w for t in ai for w in sets(t, 'o')}; Oj = sets(TT[j], 'o') | {w for t in aj for w in sets(t, 'o')}
    if len(ai) and len(aj) and AV[i] is not None and len(AV[i]) == len(ai):
        S = np.clip((AV[i] @ AV[j].T - bg) / (1 - bg), 0, 1)
        r, c = linear_sum_assignment(-S)
        # frame match of an ask pair: shares a specific noun (object) AND a verb/vn (measure)
        M = np.array([[float(bool(sets(x, 'o') & sets(y, 'o')) and bool(sets(x, 'v') & sets(y, 'v'))) for y in aj] for x in ai])
        Mw = np.array([[wov(sets(x, 'o'), sets(y, 'o')) * wov(sets(x, 'v'), sets(y, 'v')) for y in aj] for x in ai])
        fr_al = M[r, c].sum() / min(len(ai), len(aj))
        fr_alS = (M[r, c] * (S[r, c] > 0.3)).sum() / min(len(ai), len(aj))
        fr_any = M.max(axis=1).mean() if len(ai) <= len(aj) else M.max(axis=0).mean()
        frw = Mw.max()
        frw_al = Mw[r, c].mean()
    else:
        fr_al = fr_alS = fr_any = frw = frw_al = 0.0
    rows.append(dict(t_obj=to, obj_all=wov(Oi, Oj), fr_al=fr_al, fr_alS=fr_alS, fr_any=fr_any, frw=frw, frw_al=frw_al))
import pandas as pd
F = pd.DataFrame(rows); F['z'] = np.array(D['z'], float)
pickle.dump(F, open('/tmp/sm3/F4.pkl', 'wb'))
from sklearn.metrics import roc_auc_score
for c in F.columns: print(c, 'AUC %.3f' % roc_auc_score(Y, F[c]), 'mean pos %.3f neg(相关) %.3f' % (F[c][Y].mean(), F[c][G == '相关'].mean()))
def logit_rule(cols, C=1.0):
    X = F[cols].values
    def fp(train, test):
        m, s = X[train].mean(0), X[train].std(0) + 1e-6
        lr = LogisticRegression(C=C, max_iter=2000).fit((X[train] - m) / s, Y[train])
        sc = lr.decision_function((X - m) / s); t = _best_cut(sc[train], Y[train]); return sc[test] >= t
    return fp
summ(cv_scores(cut_rule(F.z.values)), 'z alone')
for c in ['t_obj', 'obj_all', 'fr_al', 'fr_alS', 'fr_any', 'frw', 'frw_al']:
    summ(cv_scores(logit_rule(['z', c])), 'z + ' + c)
summ(cv_scores(logit_rule(['z', 'obj_all', 'fr_any'])), 'z + obj_all + fr_any')
# hard conjunction: z >= t AND (object AND measure) OR z >= hi
def band(col):
    s = F[col].values; z = F.z.values
    def fp(train, test):
        best = (-1, None)
        for lo in np.quantile(z[train], np.linspace(0.7, 0.99, 30)):
            for hi in np.quantile(z[train], np.linspace(0.8, 1.0, 21)):
                if hi < lo: continue
                for t in np.unique(np.quantile(s[train], [0, .25, .5, .6, .7, .8, .9])):
                    pr = (z[train] >= hi) | ((z[train] >= lo) & (s[train] > t))
                    f = prf(pr, Y[train])[2]
                    if f > best[0]: best = (f, (lo, hi, t))
        lo, hi, t = best[1]; return (z[test] >= hi) | ((z[test] >= lo) & (s[test] > t))
    return fp
for c in ['fr_any', 'frw', 'obj_all']:
    summ(cv_scores(band(c)), 'band z & ' + c)
