# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
exec(open('/tmp/sm3/h.py').read())
import pickle
from sklearn.metrics import roc_auc_score
F = pickle.load(open('/tmp/sm3/F4.pkl','rb'))
for k in D['feats'][0]: F['m_' + k] = [f[k] for f in D['feats']]
F['rank'] = -np.array(D['rank'], float)
band = (F.z > 2.8) & (F.z < 4.1)
print('band pairs', band.sum(), 'positives', Y[band].sum(), 'sure', np.array(D['sure'])[band].sum())
for c in F.columns:
    try: print('%-16s band AUC %.3f' % (c, roc_auc_score(Y[band], F[c][band])))
    except Exception as e: pass
