# ruff: noqa
# scratch experiment of the samematter3 pass: label consistency on twin configurations (§A reading)
import pickle
D = pickle.load(open('/tmp/sm3/data.pkl', 'rb'))
lab = {frozenset((i, j)): g for (i, j), g in zip(D['rows'], D['labels'])}
twins = [tuple(k) for k, g in lab.items() if g == '重复']
n = agree = 0
for a, b in twins:
    for c in range(len(D['ids'])):
        x, y = lab.get(frozenset((a, c))), lab.get(frozenset((b, c)))
        if c not in (a, b) and x and y:
            n += 1; agree += x == y
print('twin configurations', n, 'same label', agree)
