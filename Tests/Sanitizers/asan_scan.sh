#!/usr/bin/env bash
# Scans a real history with a `prognosis` built under AddressSanitizer (`make asan`): this
# repository's own history, cloned, plus a partial clone of it. Any use of freed or out-of-range
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
"$binary" scan -q
diff <("$binary" log --numstat) <(git log --numstat --format=%H) > /dev/null
"$binary" history --functions --top 5 > /dev/null
"$binary" history --bug-introducing > /dev/null
file="$(git ls-files '*.py' | head -1)"
diff <("$binary" blame "$file") <(git blame -w -s -l "$file")
"$binary" metrics --top 5 > /dev/null
"$binary" summary > /dev/null

git -C "$source_repo" config uploadpack.allowFilter true 2>/dev/null || true
git clone -q --filter=blob:none --no-checkout "file://$source_repo" "$work/partial"
cd "$work/partial"
"$binary" scan -q
git log -p --all > /dev/null
"$binary" scan -q
diff <("$binary" log --numstat) <(git log --numstat --format=%H) > /dev/null
echo "asan: 2 passed, 0 failed"
