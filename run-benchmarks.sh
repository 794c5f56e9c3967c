#!/usr/bin/env bash
# The main job: build benchmarks.jar when it is missing or older than the sources, then run the
# accessor suite and compare it with the ground truth in gt/. Arguments go to the jar
# (try --help); the exit code is the jar's: 0 no regression, 1 regression, 2 error, 3 no baseline.
set -euo pipefail
cd "$(dirname "$0")"
jar=benchmarks/target/benchmarks.jar
if [[ ! -f $jar ]] || [[ -n $(find pom.xml regression/pom.xml regression/src benchmarks/pom.xml benchmarks/src \
    -newer "$jar" -print -quit) ]]; then
  echo "Building $jar (mvn -B -q -DskipTests package) ..." >&2
  mvn -B -q -Dstyle.color=never -DskipTests package >&2
fi
exec java -jar "$jar" "$@"
