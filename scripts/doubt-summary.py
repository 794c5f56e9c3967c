"""Summarises scripts/doubt-trial.sh: per run, the time verdicts and each subsection's current forks and MDC."""
import json
import os
import sys

runs = sys.argv[1]
for name in sorted(os.listdir(runs)):
    report = os.path.join(runs, name, "report.json")
    if not os.path.isfile(report):
        continue
    r = json.load(open(report))
    cells = []
    verdicts = []
    for bench, b in sorted(r["benchmarks"].items()):
        if bench.endswith(".alloc"):
            continue
        for sub in b["results"].values():
            for key, res in sub.items():
                g = res["gate"]
                cells.append("%s.%s %d/%.0f%%" % (bench, key, g["current_forks"], g["mdc_pct"]))
                if g["verdict"] != "no_change":
                    verdicts.append("%s.%s %s %+.1f%% (%s)" % (bench, key, g["verdict"], g["change_pct"], g["confirmation"]))
    doubt = [n for n in r["notes"] if n.startswith("in doubt") or n.startswith("no subsection in doubt")]
    print("%-16s failed=%s  %s" % (name, r["summary"]["failed"], "; ".join(verdicts) or "no verdict"))
    print("    forks/MDC: " + "  ".join(cells))
    if doubt:
        print("    " + doubt[0])
