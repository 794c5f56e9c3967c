#!/usr/bin/env bash
# Posts every module's A/B comment (target/perf-regression/ab/comment.md below the working folder) as
# one comment on pull request $PR_NUMBER of $GITHUB_REPOSITORY, or updates the one posted before
# (found by its first line), so a pull request keeps one verdict, the latest. Needs gh and GH_TOKEN.
set -euo pipefail
marker='<!-- perf-regression-ab -->'
body=$(mktemp)
trap 'rm -f "$body"' EXIT
{
  echo "$marker"
  found=0
  while IFS= read -r file; do
    found=1
    module=${file%/target/perf-regression/ab/comment.md}
    [ "$module" != "." ] && printf '\n### %s\n\n' "${module#./}"
    cat "$file"
  done < <(find . -path '*/target/perf-regression/ab/comment.md' | sort)
  if [ "$found" = 0 ]; then
    echo "perf-regression: no A/B report was written (no benchmarks, or the build failed before measuring); see the job's log."
  fi
} > "$body"
existing=$(gh api "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" --paginate \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
if [ -n "$existing" ]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$body" >/dev/null
  echo "perf-regression: updated the pull request's comment $existing"
else
  gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" -F "body=@$body" >/dev/null
  echo "perf-regression: commented on pull request #$PR_NUMBER"
fi
