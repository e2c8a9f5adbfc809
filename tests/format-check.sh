#!/bin/bash
# Fails when a C++ file of the project is not as the repository's .clang-format writes it, and
# names the files (fix: packaging/dev shell -c 'tests/format-check.sh --fix').
# Usage: format-check.sh [--fix] [SOURCE_DIR]   (SOURCE_DIR: the repository root; default: this script's ..)
# Another clang-format major version breaks some lines differently, so the check runs with the
# build root's (19) and skips (exit 77) with any other.
set -euo pipefail
fix=0
if [ "${1:-}" = --fix ]; then fix=1; shift; fi
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
tool=${CLANG_FORMAT:-clang-format}
wanted=19
version=$("$tool" --version 2>/dev/null | sed -n 's/.*clang-format version \([0-9]*\).*/\1/p')
if [ "$version" != "$wanted" ]; then
  echo "format-check: skipped: needs clang-format $wanted (the build root's), found '${version:-none}'" >&2
  exit 77
fi
cd "$root"
mapfile -d '' files < <(find app ui model tests \( -path tests/data -o -path tests/clients \) -prune -o \
  \( -name '*.cpp' -o -name '*.h' \) -type f -print0 | sort -z)
if [ "$fix" = 1 ]; then
  "$tool" -i "${files[@]}"
  echo "format-check: formatted ${#files[@]} files"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  if ! "$tool" --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "format-check: ${#bad[@]} of ${#files[@]} files are not formatted as .clang-format says:" >&2
  printf '  %s\n' "${bad[@]}" >&2
  echo "fix: packaging/dev shell -c 'tests/format-check.sh --fix'" >&2
  exit 1
fi
echo "format-check: ${#files[@]} files formatted"
