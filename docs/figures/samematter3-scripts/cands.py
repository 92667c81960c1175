# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
"""C: candidate pairs of the dev corpus with the shipped decision's z, for the labelling request."""
import sys, pickle, json, numpy as np
sys.path.insert(0, '/work/wt-samematter3')
from topicmine.dedup.candidates import candidate_pairs
from topicmine.dedup.documents import CorpusStats
from topicmine.config import Settings
D = pickle.load(open('/tmp/sm3/data.pkl', 'rb'))
V = D['vectors']; ids = D['ids']
s = Settings().dedup if hasattr(Settings(), 'dedup') else None
c = candidate_pairs(D['texts'], V, list(ids), k=s.k_neighbours, ngram=s.ngram, num_perm=s.num_perm, lsh_threshold=s.lsh_threshold)
ii = np.array([x['i'] for x in c]); jj = np.array([x['j'] for x in c])
st = CorpusStats(V)
cos = np.einsum('ij,ij->i', V[ii], V[jj])
z = st.z(ii, jj, cos); rk = st.rank(ii, jj, cos)
pickle.dump(dict(ii=ii, jj=jj, z=z, rank=rk), open('/tmp/sm3/cands.pkl', 'wb'))
print(len(c), (z > 2.8).sum(), ((z > 2.8) & (z < 4.1)).sum())
