# Sourced by tests/clients/run-*: starts `jwtflow-cli practice-org` from the build folder $1
# (default: $JWTFLOW_BUILD_DIR, else build/dev), natively when the binary runs here, else inside
# the build root (packaging/dev shell, which shares this network and the paths under the source
# tree), and stops it on exit by the pid it prints. Sets: src, build, work, details, url, pid, and
# field NAME (a member of its --json line: consumerKey, username, keyFile, ...).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:-${JWTFLOW_BUILD_DIR:-$src/build/dev}}" && pwd)
cli="$build/app/jwtflow-cli"
[ -x "$cli" ] || { echo "no $cli (build first: packaging/dev build)" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "needs node and npm" >&2; exit 2; }

work="$build/clients"
data="$work/practice-data" # under the source tree: the build root sees it at the same path
details="$work/practice-org.json"
mkdir -p "$data"
rm -f "$details"
args=(practice-org --port 0 --json --data-dir "$data")
if "$cli" --version >/dev/null 2>&1; then
  "$cli" "${args[@]}" >"$details" 2>"$work/practice-org.log" &
else
  "$src/packaging/dev" shell -c "exec $(printf '%q ' "$cli" "${args[@]}")" >"$details" 2>"$work/practice-org.log" &
fi
launcher=$!
pid=
stop_practice_org() {
  # The server's own pid: the build root shares the host's PID namespace.
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  wait "$launcher" 2>/dev/null || true
}
trap stop_practice_org EXIT

for _ in $(seq 600); do
  [ -s "$details" ] && break
  kill -0 "$launcher" 2>/dev/null || { cat "$work/practice-org.log" >&2; echo "the practice org did not start" >&2; exit 1; }
  sleep 0.2
done
[ -s "$details" ] || { echo "the practice org printed nothing in 120 s" >&2; exit 1; }
field() { node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]); console.log(d[process.argv[2]]);' "$details" "$1"; }
pid=$(field pid)
url=$(field url)
echo "practice org at $url (pid $pid)"

# npm ci in folder $1 unless its node_modules exists; says how long it took.
npm_ci_once() {
  [ -d "$1/node_modules" ] && return 0
  local start
  start=$(date +%s)
  (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  echo "npm ci in $1 took $(( $(date +%s) - start )) s"
}
