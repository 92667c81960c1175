# ruff: noqa
# scratch experiment of the samematter3 pass (kept as run; see docs/figures/samematter3.md §A for the order and the data read)
import sys, json, re
sys.path.insert(0, '/work/wt-samematter3')
from pathlib import Path
from topicmine.pipeline.core import Workspace
from topicmine.pipeline.morning_job import _duplicates_section
from topicmine.export.morning.duplicates import _duplicates_html
ws = Workspace.from_settings(workdir=Path('/tmp/sm3/wd'))
rep = json.loads(Path('/tmp/sm3/audit_reports/dedup.json').read_text())
near = [p for p in rep['pairs'] if p.get('level') in ('重复', '相近')]
new_ids = {near[0]['a']}  # as if the first 相近-or-closer pair's document came in tonight
summ = {'files': {'json': '/tmp/sm3/audit_reports/dedup.json'}}
sec, _ = _duplicates_section(ws, summ, new_ids)
html = _duplicates_html({'duplicates': sec, 'passages': {}})
lv = [p for p in sec['pairs'] if p['level'] in ('重复', '相近')]
named = [p for p in lv if re.search(r'第\d+条建议', p['context'] or '')]
print(json.dumps({'pairs_in_section': len(sec['pairs']), 'near_or_dup': len(lv), 'reason_names_asks': len(named),
                  'html_has_reason': bool(lv) and (lv[0]['context'][:20] in html), 'example': lv[0]['context'] if lv else None}, ensure_ascii=False))
