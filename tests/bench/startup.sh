#!/bin/bash
# Start-up figures (README, "Figures"): `jwtflow --exit-after-first-paint` against the bare-window
# yardsticks (Qt Widgets only; with one label; linked like jwtflow) under Xvfb. Every program ends
# the same way, at once after its first frame is flushed (FirstPaintProbe: no teardown counted).
# On a shared host the load drifts, so the programs run interleaved: ROUNDS rounds of hyperfine,
# each over all four; the medians pool every run, the CPU time (user + sys) is the median of the
# rounds' means. Then each program's own main-to-first-paint time (median of 20).
# Run inside the build environment: packaging/dev shell -c 'tests/bench/startup.sh build/dev'
set -euo pipefail
b=${1:-build/dev}
rounds=${ROUNDS:-5}
n=$((300 + RANDOM % 100))
Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
dir=$(mktemp -d)
trap 'kill $xvfb; rm -rf "$dir"' EXIT
sleep 1
export DISPLAY=":$n" QT_QPA_PLATFORM=xcb
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  hyperfine --warmup 3 -N --runs 20 --export-json "$dir/round$r.json" "$b/app/jwtflow --exit-after-first-paint" \
    "$b/tests/bench/bare_window" "$b/tests/bench/bare_window --label" "$b/tests/bench/bare_window_linked" >/dev/null
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$dir"/round*.json <<'PY'
import json, statistics, sys
pool = {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        p = pool.setdefault(r["command"], {"times": [], "cpu": []})
        p["times"] += r["times"]
        p["cpu"].append(r["user"] + r["system"])
names = list(pool)
for c in names:
    p = pool[c]
    p["wall"], p["cpu"] = statistics.median(p["times"]) * 1e3, statistics.median(p["cpu"]) * 1e3
    print("%-50s median %6.1f ms over %d runs (user+sys %5.1f ms)" % (c, p["wall"], len(p["times"]), p["cpu"]))
jwtflow = pool[names[0]]
for c in names[1:]:
    print("jwtflow / %-40s wall %.2f×, user+sys %.2f×" % (c.split("/")[-1], jwtflow["wall"] / pool[c]["wall"], jwtflow["cpu"] / pool[c]["cpu"]))
PY
for prog in "$b/app/jwtflow --exit-after-first-paint" "$b/tests/bench/bare_window" "$b/tests/bench/bare_window --label" "$b/tests/bench/bare_window_linked"; do
  for _ in $(seq 20); do $prog 2>&1 | sed -n 's/first paint after \([0-9]*\) ms.*/\1/p'; done | sort -n |
    awk -v p="$prog" '{a[NR] = $1} END {print p ": main to first paint, median of " NR ": " a[int((NR + 1) / 2)] " ms"}'
done
