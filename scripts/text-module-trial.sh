#!/usr/bin/env bash
# The plugin's check on a module written as a user would (scripts/text-module), with a history:
# RUNS unchanged builds, then 3 with find slowed (a quarter more lookups: every fourth done twice), each slowed build against
# a copy of the unchanged runs' history; then every run re-analysed against the others' history and
# without it. Install the plugin first (mvn -o install -DskipTests -pl regression,perf-regression-maven-plugin -am).
# Usage: scripts/text-module-trial.sh WORKDIR [RUNS]   (nothing else may run meanwhile: it measures)
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$1; runs=${2:-12}
jar=$here/../regression/target/perf-regression.jar
mkdir -p "$work" && cp -r "$here/text-module/." "$work/" && cd "$work" || exit 2
src=src/main/java/org/fresh/TextBench.java
cp $src /tmp/TextBench.unchanged.$$
git init -q . 2>/dev/null; git -c user.name=t -c user.email=t@e add -A; git -c user.name=t -c user.email=t@e commit -qm module
mkdir -p runs re
[ -d src/perf/gt ] || mvn -B -ntp -o package perf-regression:regenerate > runs/regenerate.log 2>&1 || { echo "regenerate failed: runs/regenerate.log"; exit 1; }
for i in $(seq 1 "$runs"); do
  s=$(date +%s); mvn -B -ntp -o verify -Dperf.history="$work/h.db" > runs/aa$i.log 2>&1; e=$?
  cp -r target/perf-regression/run runs/aa$i; echo "aa$i exit $e $(( $(date +%s)-s )) s $(date +%H:%M:%S)"
done
sed -i 's|            sum += index.get(keys\[i\]);|            sum += index.get(keys[i]);\n            if ((i \& 31) == 0) {\n                sum += index.get(keys[i]);\n            }|' $src
for i in 1 2 3; do
  cp h.db h-slow$i.db
  s=$(date +%s); mvn -B -ntp -o verify -Dperf.history="$work/h-slow$i.db" > runs/slow$i.log 2>&1; e=$?
  cp -r target/perf-regression/run runs/slow$i; echo "slow$i exit $e $(( $(date +%s)-s )) s $(date +%H:%M:%S)"
done
cp /tmp/TextBench.unchanged.$$ $src
gt=$(ls -d src/perf/gt/*/*/ | head -1)
rm -f h2.db
for i in $(seq 1 "$runs"); do
  java -jar "$jar" history record --db h2.db --results runs/aa$i --commit x \
      --time "$(date -u -d @"$(stat -c %Y runs/aa$i/report.json)" +%Y-%m-%dT%H:%M:%SZ)" > /dev/null
done
for r in $(seq -f "aa%g" 1 "$runs") slow1 slow2 slow3; do
  cp h2.db h2-$r.db
  java -jar "$jar" compare -b "$gt" -c runs/$r --rule gate --movement-runs 0 --history h2-$r.db --commit x > re/$r.without.txt 2>&1; a=$?
  java -jar "$jar" compare -b "$gt" -c runs/$r --rule gate --history h2-$r.db --commit x > re/$r.with.txt 2>&1; b=$?
  echo "$r re-analysed: exit without movement $a ($(grep -c 'regression (' re/$r.without.txt) regressions), with $b ($(grep -c 'regression (' re/$r.with.txt))"
done
