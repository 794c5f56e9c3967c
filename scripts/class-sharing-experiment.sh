#!/usr/bin/env bash
# Does the class-data-sharing archive each main-job run writes set a subsection's level for the whole
# run (docs/gate.md, "Phases the kernel misses")? Plain JMH forks of 11 subsections that moved in A/A
# runs, 2 forks each, RUNS "runs" per arm, the arms interleaved: A = a fresh archive per run, written
# by one fork of a random combination (as the harness does); B = no application archive. Then the
# subsection-by-run spread beyond fork noise per arm. Needs python3. Takes about a minute per run pair.
#   scripts/class-sharing-experiment.sh [DIR]        (RUNS=12 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(pwd)/benchmarks/target/benchmarks.jar
dir=${1:-$(mktemp -d)}
mkdir -p "$dir" && cd "$dir"
S=("constructor 4 0010001" "constructor 7 1010001"
   "get_noc_addr_page_coord 2 1111101" "get_noc_addr_page_coord 3 0010001" "get_noc_addr_page_coord 3 1111001"
   "get_noc_addr_page_coord 5 1110001" "get_noc_addr_page_coord 7 1100001" "get_noc_addr_page_coord 7 1101001"
   "get_noc_addr_page_id 2 1010001" "get_noc_addr_page_id 2 1011001" "get_noc_addr_page_id 7 1110001")
B3=(constructor get_noc_addr_page_coord get_noc_addr_page_id)
CF=(0000001 0010001 0100001 0110001 0110101 1000001 1001001 1010001 1011001 1100001 1101001 1110001 1110101 1111001 1111101)
G="-XX:+UseSerialGC -Xms256m -Xmx256m"
jmh() { java -cp "$jar" org.openjdk.jmh.Main "AccessorBenchmarks.$1\$" -p rank="$2" -p config=SHARDED_ACCESSOR_"$3" \
          -bm avgt -tu ns -rf json "${@:4}" > /dev/null 2>&1; }
for k in $(seq 1 "${RUNS:-12}"); do
  for arm in A B; do
    extra=""
    if [ $arm = A ]; then
      rm -f "a$k.jsa"
      jmh "${B3[$((RANDOM % 3))]}" $((2 + RANDOM % 6)) "${CF[$((RANDOM % 15))]}" -f 1 -rff "dump$k.json" \
          -jvmArgsAppend "$G -XX:ArchiveClassesAtExit=$dir/a$k.jsa"
      extra="-XX:SharedArchiveFile=$dir/a$k.jsa -Xshare:auto"
    fi
    i=0
    for s in "${S[@]}"; do
      set -- $s
      jmh "$1" "$2" "$3" -f 2 -rff "$arm-$k-$i.json" -jvmArgsAppend "$G $extra"
      i=$((i + 1))
    done
    echo "$(date +%T) run $k arm $arm"
  done
done
python3 - "$dir" <<'PY'
import sys
import json, glob, math, statistics as st, re, sys
def tmean(xs, cut=0.1):
    xs = sorted(xs); k = int(len(xs)*cut); xs = xs[k:len(xs)-k] if k else xs
    return sum(xs)/len(xs)
data = {}  # (arm, sub) -> run -> [levels]
for f in glob.glob('' + sys.argv[1] + '/[AB]-*-*.json'):
    arm, run, sub = re.match(r'.*/([AB])-(\d+)-(\d+)\.json', f).groups()
    try: d = json.load(open(f))
    except Exception: continue
    if not d: continue
    raw = d[0]['primaryMetric']['rawData']
    data.setdefault((arm, int(sub)), {})[int(run)] = [math.log(tmean(r)) for r in raw]
for arm in 'AB':
    subs = sorted(s for a, s in data if a == arm)
    runs = sorted(set(r for s in subs for r in data[(arm, s)]))
    # run effect: median over subsections of the run mean minus the subsection's median over runs
    center = {s: st.median([st.mean(v) for v in data[(arm, s)].values()]) for s in subs}
    reff = {r: st.median([st.mean(data[(arm, s)][r]) - center[s] for s in subs if r in data[(arm, s)]]) for r in runs}
    within, between, big = [], [], []
    for s in subs:
        means = []
        for r, v in data[(arm, s)].items():
            if len(v) > 1: within.append(st.variance(v))
            means.append(st.mean(v) - reff[r])
        c = st.median(means)
        between.append(st.variance(means))
        for r, v in data[(arm, s)].items():
            dev = st.mean(v) - reff[r] - c
            if abs(dev) > math.log(1.15) and all(abs(x - reff[r] - c) > math.log(1.10) for x in v):
                big.append((s, r, round(100*(math.exp(dev)-1), 1)))
    w = st.mean(within); b = st.mean(between)
    print(f"arm {arm}: runs {len(runs)}, subsections {len(subs)}; within-run fork SD {100*math.sqrt(w):.1f} %; "
          f"run-mean SD {100*math.sqrt(b):.1f} % (expected from forks alone {100*math.sqrt(w/2):.1f} %); "
          f"between-run interaction SD {100*math.sqrt(max(0, b - w/2)):.1f} %; run effects {[round(100*x,1) for x in reff.values()]}")
    print("   cells moved >15 % with both forks >10 %:", len(big), big)
    for s in subs:
        ms = [round(100*(math.exp(st.mean(data[(arm, s)][r]) - reff[r] - center[s])-1)) for r in runs if r in data[(arm, s)]]
        print("   sub", s, ms)
PY
