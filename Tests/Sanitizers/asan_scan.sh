#!/usr/bin/env bash
# Scans a real history with a `prognosis` built under AddressSanitizer (`make asan`): this
# repository's own history, cloned, plus a partial clone of it, whose blobs are then fetched
# (origins, renames and numstat: every libgit2 buffer GitKit hands out), and a Python history
# with fixes and renames scanned with code analysis (outlines, function history, SZZ). Parsing
# Swift under ASan in a debug build takes minutes, so the real histories skip it. Any use of freed or out-of-range
# memory (a libgit2 buffer kept past its blob, a leaked reference's misuse) stops the run with
# ASan's report and a non-zero exit. Checks the results against git too, so a silent corruption
# fails as well.
set -euo pipefail
binary="${1:?usage: asan_scan.sh PATH/TO/prognosis [REPO]}"
source_repo="${2:-$(git rev-parse --show-toplevel)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=0:abort_on_error=0"

git clone -q --no-local "$source_repo" "$work/full"
cd "$work/full"
SECONDS=0
"$binary" scan -q --no-code-analysis
diff <("$binary" log --numstat) <(git log --numstat --format=%H) > /dev/null
for file in $(git ls-files '*.py' '*.swift' | head -40); do
  diff <("$binary" blame "$file") <(git blame -w -s -l "$file")
done
"$binary" metrics --top 5 Benchmarks Tests/Oracles Fuzz > /dev/null
"$binary" summary > /dev/null

git -C "$work/full" config uploadpack.allowFilter true
git clone -q --filter=blob:none --no-checkout -c gc.auto=0 "file://$work/full" "$work/partial"
cd "$work/partial"
"$binary" scan -q --no-code-analysis
# Fetch every missing blob in one go, as git's own lazy fetch does for a batch of objects.
git rev-list --objects --all --missing=print | sed -n 's/^?//p' \
  | git -c fetch.negotiationAlgorithm=noop fetch -q origin --no-tags --no-write-fetch-head \
      --recurse-submodules=no --filter=blob:none --stdin
test -z "$(git rev-list --objects --all --missing=print | sed -n 's/^?//p')"
"$binary" scan -q --no-code-analysis
diff <("$binary" log --numstat) <(git log --numstat --format=%H) > /dev/null

# A Python history with fixes, renames and moves, scanned with code analysis.
mkdir "$work/py" && cd "$work/py"
git init -q -b main && git config user.name T && git config user.email t@example.com
for i in $(seq 1 40); do
  f="pkg/m$((i % 7)).py"
  mkdir -p pkg
  printf 'def f%s(x):\n    if x > %s:\n        return x - %s\n    return x\n\n' "$i" "$i" "$i" >> "$f"
  if [ $((i % 9)) -eq 0 ]; then git add -A && git commit -qm "feature $i" && git mv "$f" "pkg/moved$i.py"; fi
  if [ $((i % 5)) -eq 0 ]; then sed -i 's/return x$/return -x/' "$f" 2>/dev/null || true; msg="fix crash in $f"; else msg="change $i"; fi
  git add -A && git commit -qm "$msg"
done
"$binary" scan -q
"$binary" history --bug-introducing > /dev/null
"$binary" history --functions > /dev/null
for file in $(git ls-files '*.py'); do
  diff <("$binary" blame "$file") <(git blame -w -s -l "$file")
done
echo "asan: 3 passed, 0 failed (${SECONDS} s)"
