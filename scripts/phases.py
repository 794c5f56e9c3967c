#!/usr/bin/env python3
"""Machine phases in a main-job run: per-fork residuals by time (docs/gate.md, "Phases the kernel misses").

  scripts/phases.py passes GT_DIR            each pass of a baseline set: its forks' median residual
                                             against their subsection's median, and the share of
                                             forks more than 15 % above it (by sixth of pass 1 and 3)
  scripts/phases.py run GT_DIR RESULTS_DIR   a run against its baselines, by twentieth of the run:
                                             median residual and share of forks 15 % above the shift

Levels as the gate reads them: ln(10 % trimmed mean(sample / calibration)), drift-corrected,
before the phase correction. Only the three big benchmarks (90 subsections each).
"""
import json
import math
import statistics as st
import sys
from collections import defaultdict

BENCHMARKS = ['constructor', 'get_noc_addr_page_coord', 'get_noc_addr_page_id']


def tmean(xs, cut=0.1):
    xs = sorted(xs)
    k = int(len(xs) * cut)
    xs = xs[k:len(xs) - k] if k else xs
    return sum(xs) / len(xs)


def forks(folder, benchmark):
    """(section, subsection) -> [(pass, started_ms, confirmation, level)]."""
    data = json.load(open(f'{folder}/{benchmark}.json'))
    meta = json.load(open(f'{folder}/{benchmark}.meta.json'))['forks']
    out = {}
    for section, subs in meta.items():
        for sub, layout in subs.items():
            samples, at = data[section][sub], 0
            for f in layout:
                s = samples[at:at + f['samples']]
                c = f.get('calibration_ns') or [1] * len(s)
                at += f['samples']
                out.setdefault((section, sub), []).append(
                    (f['pass'], f['started_ms'], f.get('confirmation'), math.log(tmean([x / y for x, y in zip(s, c)]))))
    return out


def passes(gt):
    for b in BENCHMARKS:
        by_pass, by_time = defaultdict(list), defaultdict(list)
        for levels in forks(gt, b).values():
            median = st.median(l for *_, l in levels)
            for p, t, _, l in levels:
                by_pass[p].append(l - median)
                by_time[p].append((t, l - median > math.log(1.15)))
        print(b, 'median residual % by pass:', {p: round(100 * st.median(v), 1) for p, v in sorted(by_pass.items())})
        print('  share of forks > 15 % above their median, by pass:',
              {p: round(100 * sum(x > math.log(1.15) for x in v) / len(v)) for p, v in sorted(by_pass.items())})
        for p in (1, 3):
            v = sorted(by_time[p])
            k = len(v) // 6
            print(f'  pass {p}, share by sixth:', [round(100 * sum(x for _, x in v[i * k:(i + 1) * k]) / k) for i in range(6)])


def run(gt, results):
    residuals = []
    for b in BENCHMARKS:
        baseline, current = forks(gt, b), forks(results, b)
        for key, levels in current.items():
            reference = st.median(l for *_, l in baseline[key])
            residuals += [(t, l - reference) for _, t, _, l in levels]
    residuals.sort()
    shift = st.median(r for _, r in residuals)
    t0, k = residuals[0][0], len(residuals) // 20
    print(f'{results}: {len(residuals)} forks, shift {100 * shift:+.1f} %')
    print('  seconds  median residual %  share > 15 % above the shift')
    for i in range(20):
        w = residuals[i * k:(i + 1) * k]
        print('  %5d  %+6.1f  %3d' % ((w[0][0] - t0) / 1000, 100 * (st.median(r for _, r in w) - shift),
                                      round(100 * sum(r - shift > math.log(1.15) for _, r in w) / len(w))))


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'passes':
        passes(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == 'run':
        run(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
