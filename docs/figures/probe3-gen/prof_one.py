"""Profile read_documents + segment of one file in-process. usage: prof_one.py FILE"""
import cProfile, pstats, sys, time
from pathlib import Path
from topicmine.config import IngestSettings
from topicmine.ingest import read_documents
from topicmine.segment import Segmenter
t = time.time(); docs, issues = read_documents(Path(sys.argv[1]), IngestSettings()); print("read", round(time.time() - t, 2), len(docs), [i.reason[:80] for i in issues[:2]])
seg = Segmenter(); seg.load() if hasattr(seg, "load") else None
pr = cProfile.Profile(); t = time.time(); pr.enable()
for d in docs: sd = seg.segment(d)
pr.disable(); print("segment", round(time.time() - t, 2))
pstats.Stats(pr).sort_stats("cumulative").print_stats(12)
