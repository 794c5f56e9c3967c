#!/usr/bin/env bash
# The plugin's check on scripts/text-module with the budget spent alike (-Dperf.uniformForks) and where
# the first test is in doubt (the default), alternating, AA_PAIRS (default PAIRS) unchanged builds of each,
# then PAIRS of each with a slowdown. Both at -Dperf.budget=BUDGET. SLOWDOWN: checksum (default: one more
# pass over a tenth of its bytes, every n, about +10 %) or checksum256 (n=256 only, one more pass over a
# sixteenth, about +6 %).
# Install the plugin first (mvn -o install -DskipTests -pl regression,perf-regression-maven-plugin -am).
# Usage: scripts/doubt-trial.sh WORKDIR [PAIRS] [BUDGET] [SLOWDOWN]   (nothing else may run meanwhile: it measures)
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$1; pairs=${2:-4}; budget=${3:-120}; slowdown=${4:-checksum}; aa=${AA_PAIRS:-$pairs}
mkdir -p "$work" && cp -r "$here/text-module/." "$work/" && cd "$work" || exit 2
src=src/main/java/org/fresh/TextBench.java
git init -q . 2>/dev/null; git -c user.name=t -c user.email=t@e add -A; git -c user.name=t -c user.email=t@e commit -qm module
mkdir -p runs
[ -d src/perf/gt ] || mvn -B -ntp -o package perf-regression:regenerate > runs/regenerate.log 2>&1 || { echo "regenerate failed: runs/regenerate.log"; exit 1; }
check() { # NAME [MAVEN OPTIONS]
  local name=$1; shift
  local s=$(date +%s); mvn -B -ntp -o verify -Dperf.budget="$budget" "$@" > runs/$name.log 2>&1; local e=$?
  cp -r target/perf-regression/run runs/$name; echo "$name exit $e $(( $(date +%s)-s )) s $(date +%H:%M:%S)"
}
for i in $(seq 1 "$aa"); do check aa-uniform$i -Dperf.uniformForks=true; check aa-doubt$i; done
case $slowdown in
  checksum) sed -i 's|        return h;|        for (int i = 0; i < bytes.length; i += 10) {\n            h = 31 * h + bytes[i];\n        }\n        return h;|' $src ;;
  checksum256) sed -i 's|        return h;|        if (bytes.length == 256) {\n            for (int i = 0; i < 256; i += 16) {\n                h = 31 * h + bytes[i];\n            }\n        }\n        return h;|' $src ;;
  *) echo "SLOWDOWN: checksum or checksum256"; exit 2 ;;
esac
for i in $(seq 1 "$pairs"); do check slow-uniform$i -Dperf.uniformForks=true; check slow-doubt$i; done
git checkout -q $src
python3 "$here/doubt-summary.py" runs
