#!/usr/bin/env python3
"""Fork levels of real main-job runs, for the change-point tests (regression/src/test/resources/history/).

  scripts/history-fixture.py OUT.csv GT_DIR RESULTS_DIR...

One row per run, benchmark and subsection: the drift-corrected levels ln(10 % trimmed mean(sample /
calibration)) of the run's first-measurement forks (confirmation forks left out). The baselines'
forks become pseudo-runs of two passes each (passes 1-2, 3-4, ...), as a main job measures two forks.
"""
import csv
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from phases import tmean  # noqa: E402  the gate's 10 % trimmed mean, as phases.py reads levels


def levels(folder, benchmark):
    data = json.load(open(f'{folder}/{benchmark}.json'))
    meta = json.load(open(f'{folder}/{benchmark}.meta.json'))['forks']
    for section, subs in meta.items():
        for sub, layout in subs.items():
            samples, at = data[section][sub], 0
            for f in layout:
                s = samples[at:at + f['samples']]
                at += f['samples']
                if f.get('confirmation'):
                    continue
                c = f['calibration_ns']
                yield section, sub, f['pass'], math.log(tmean([x / y for x, y in zip(s, c)]))


def benchmarks(folder):
    return sorted(n[:-len('.meta.json')] for n in os.listdir(folder) if n.endswith('.meta.json'))


out, gt, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = []
by_key = {}
for b in benchmarks(gt):
    for section, sub, p, level in levels(gt, b):
        by_key.setdefault((b, section, sub, (p - 1) // 2), []).append(level)
for (b, section, sub, pseudo), ls in sorted(by_key.items()):
    if len(ls) == 2:
        rows.append([f'gt{pseudo + 1}', b, section, sub, *(f'{x:.6f}' for x in ls)])
for r in runs:
    name = os.path.basename(r.rstrip('/'))
    for b in benchmarks(r):
        ls = {}
        for section, sub, p, level in levels(r, b):
            ls.setdefault((section, sub), []).append(level)
        for (section, sub), x in ls.items():
            rows.append([name, b, section, sub, *(f'{v:.6f}' for v in x[:2])])
# A pseudo-run is kept only whole: a few subsections had extra baseline passes (forks that disagreed).
counts = {}
for r in rows:
    counts[r[0]] = counts.get(r[0], 0) + 1
rows = [r for r in rows if counts[r[0]] == max(counts.values())]
with open(out, 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['run', 'benchmark', 'section', 'subsection', 'level1', 'level2'])
    w.writerows(rows)
print(len(rows), 'rows,', len({r[0] for r in rows}), 'runs')
