#!/usr/bin/env bash
# The history's scale targets (docs/history.md, "Scale"): with 1,000 runs x 282 subsections recorded,
# `history changes` in at most 10 s and appending one run (record + search) in at most 1 s; each run
# with its samples, as a main job's; and the baselines --baseline history reads from such a store.
# Each step in a JVM of its own; the first search is timed on a fresh store, then two appends.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[[ -f $jar ]] || mvn -B -q -DskipTests package
dir=$(mktemp -d)
db=$dir/history.db
main=org.perfregression.scale.HistoryScale
java -cp "$jar" "$main" generate "$db"
java -cp "$jar" "$main" changes "$db"
java -cp "$jar" "$main" append "$db"
java -cp "$jar" "$main" append "$db"
java -cp "$jar" "$main" baseline "$db"
echo "store: $(du -h "$db" | cut -f1)"
rm -rf "$dir"
