#!/usr/bin/env bash
# The plugin's check on a module whose `build` forks settle in one of two modes ten-fold apart
# (scripts/mode-module): regenerate, RUNS unchanged builds and RUNS with `build` given 10 % more
# work in both modes, alternating; then each run re-analysed with `compare --rule gate`, by this
# jar and, when OLD_JAR is given (a perf-regression jar from before the gate judged fork modes,
# e.g. commit bed2880), pooled. Install the plugin first
# (mvn -o install -DskipTests -pl regression,perf-regression-maven-plugin -am).
# Usage: scripts/mode-module-trial.sh WORKDIR [RUNS] [OLD_JAR]   (nothing else may run meanwhile: it measures)
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$1; runs=${2:-3}; old=${3:-}
jar=$here/../regression/target/perf-regression.jar
mkdir -p "$work" && cp -r "$here/mode-module/." "$work/" && cd "$work" || exit 2
mkdir -p runs re
[ -d src/perf/gt ] || mvn -B -ntp -o package perf-regression:regenerate > runs/regenerate.log 2>&1 || { echo "regenerate failed: runs/regenerate.log"; exit 1; }
for i in $(seq 1 "$runs"); do
  for kind in aa extra; do
    opt=""; [ $kind = extra ] && opt="-Dperf.jvmArgs=-Dmode.extra.pct=10"
    s=$(date +%s); mvn -B -ntp -o verify $opt > runs/$kind$i.log 2>&1; e=$?
    rm -rf runs/$kind$i; cp -r target/perf-regression/run runs/$kind$i; echo "$kind$i exit $e $(( $(date +%s)-s )) s $(date +%H:%M:%S)"
  done
done
gt=$(ls -d src/perf/gt/*/*/ | head -1)
for r in runs/*/; do
  r=$(basename "$r")
  java -jar "$jar" compare -b "$gt" -c runs/$r --rule gate > re/$r.by-mode.txt 2>&1; a=$?
  line="$r by mode: exit $a"
  if [ -n "$old" ]; then java -cp "$old" org.perfregression.cli.Main compare -b "$gt" -c runs/$r --rule gate > re/$r.pooled.txt 2>&1; line="$line, pooled: exit $?"; fi
  echo "$line"
  grep -h "ModeBench.build  n=" re/$r.*.txt | grep -v "(exact)" | awk '{print "   ", $2, $5, "CI", $6, "MDC", $7, $8, $9}'
done
