#!/usr/bin/env bash
# The scale target of the compare (README "Scale"): 10,000 subsections x 1,000 samples per side.
# Compares must take at most 3x the time of merely parsing both files with Jackson, with a peak
# heap of at most 3x the samples' size as doubles (2 x 10^7 doubles = 160 MB, so 480 MB): the
# compare step runs with -Xmx480m and would fail with OutOfMemoryError if it needed more.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[[ -f $jar ]] || mvn -B -q -DskipTests package
dir=${1:-$(mktemp -d)}
main=org.perfregression.scale.ScaleCheck
java -cp "$jar" "$main" generate "$dir"
parse=$(java -Xmx480m -cp "$jar" "$main" parse "$dir")
compare=$(java -Xmx480m -cp "$jar" "$main" compare "$dir")
echo "$parse"
echo "$compare"
p=$(sed -E 's/.* ([0-9]+) ms.*/\1/' <<<"$parse")
c=$(sed -E 's/.* ([0-9]+) ms.*/\1/' <<<"$compare")
awk -v p="$p" -v c="$c" 'BEGIN { printf "compare / parse = %.2f (target: at most 3)\n", c / p }'
