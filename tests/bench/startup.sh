#!/bin/bash
# Start-up figures (README, "Figures"): hyperfine over `jwtflow --exit-after-first-paint` and the
# bare-window yardsticks (Qt Widgets only; with one label; linked like jwtflow) under Xvfb, then
# each program's own main-to-first-paint time (median of 20).
# Run inside the build environment: packaging/dev shell -c 'tests/bench/startup.sh build/dev'
set -euo pipefail
b=${1:-build/dev}
n=$((300 + RANDOM % 100))
Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb' EXIT
sleep 1
export DISPLAY=":$n" QT_QPA_PLATFORM=xcb
json=$(mktemp)
hyperfine --warmup 3 -N --runs 40 --export-json "$json" "$b/app/jwtflow --exit-after-first-paint" "$b/tests/bench/bare_window" \
  "$b/tests/bench/bare_window --label" "$b/tests/bench/bare_window_linked"
python3 - "$json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
    print("%-50s median %6.1f ms (user %5.1f, sys %5.1f)" % (r["command"], r["median"] * 1e3, r["user"] * 1e3, r["system"] * 1e3))
print("ratio of the medians, jwtflow / bare window: %.2f" % (results[0]["median"] / results[1]["median"]))
print("ratio of the medians, jwtflow / bare window with a label: %.2f" % (results[0]["median"] / results[2]["median"]))
print("ratio of the medians, jwtflow / bare window linked like jwtflow: %.2f" % (results[0]["median"] / results[3]["median"]))
PY
for prog in "$b/app/jwtflow --exit-after-first-paint" "$b/tests/bench/bare_window" "$b/tests/bench/bare_window --label" "$b/tests/bench/bare_window_linked"; do
  for _ in $(seq 20); do $prog 2>&1 | sed -n 's/first paint after \([0-9]*\) ms.*/\1/p'; done | sort -n |
    awk -v p="$prog" '{a[NR] = $1} END {print p ": main to first paint, median of " NR ": " a[int((NR + 1) / 2)] " ms"}'
done
rm -f "$json"
