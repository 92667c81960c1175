"""One-matter check on real proposals: share of single jszx2019_dev proposals passing, share of random
joined pairs (different category, first one's title) failing, with and without the 调研情况/问题分析/具体建议 markers.
Run: nice .venv/bin/python benchmarks/drafts_one_matter.py 144-286   (rows 0-143 were used for tuning)."""
import csv, os, random, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from topicmine.drafts.matters import one_matter
import os
DATA = os.environ.get('TOPICMINE_DATA_DIR', os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data'))
rows = list(csv.DictReader(open(os.path.join(DATA, 'jszx_proposals_2019/jszx2019_dev.csv'), encoding='utf-8')))
lo, hi = map(int, sys.argv[1].split('-')); rows = rows[lo:hi+1]
sp = sum(one_matter(r['content'], title=r['reason']).single for r in rows)
rng = random.Random(1)
pairs = [(rng.randrange(len(rows)), rng.randrange(len(rows))) for _ in range(len(rows))]
pairs = [(a, b) for a, b in pairs if a != b and rows[a]['type'] != rows[b]['type']]
jf = sum(not one_matter(rows[a]['content'] + '\n' + rows[b]['content'], title=rows[a]['reason']).single for a, b in pairs)
import re
strip = lambda t: re.sub(r"(调研情况|问题分析|具体建议)[：:]", "", t)
jf2 = sum(not one_matter(strip(rows[a]['content']) + '\n' + strip(rows[b]['content']), title=rows[a]['reason']).single for a, b in pairs)
print(f'single pass {sp}/{len(rows)} joined fail {jf}/{len(pairs)} joined-without-markers fail {jf2}/{len(pairs)}')
