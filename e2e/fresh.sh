#!/usr/bin/env bash
# make fresh-test: the README's first command on a fresh machine, as a new
# user meets it.
#
# Clones this repository's committed HEAD into a new temporary folder and runs
# `make lab` there exactly as the README says, with an empty HOME, GOPATH
# (so an empty module cache), GOCACHE and Jupyter data directory and nothing
# of this machine's Go or Jupyter configuration. When Jupyter prints its URL,
# the lecture runs with Cell → Run All in Debian's Chromium through that very
# server (e2e/notebook.test.mjs): no error output, plots on screen. Then
# everything it started is stopped, nothing of it may be left running, and
# the folder is removed.
#
# Prints the time from `make lab` to the URL and to the first plot.
#
# Usage: e2e/fresh.sh [NOTEBOOK]   (default notebooks/03-activation-functions.ipynb)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nb="${1:-notebooks/03-activation-functions.ipynb}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$chromium" ]] || { echo "fresh: $chromium not found: go run ./kernel setup e2e" >&2; exit 1; }
if [[ ! -d "$root/e2e/node_modules/playwright-core" ]]; then
    (cd "$root/e2e" && npm ci --no-audit --no-fund)
fi

work="$(mktemp -d /tmp/gradbook-fresh.XXXXXX)"
lab_pid=""
cleanup() {
    local status=$?
    if [[ -n "$lab_pid" ]] && kill -0 "$lab_pid" 2>/dev/null; then
        # make lab runs in a session of its own: stop the whole session.
        kill -INT -- "-$lab_pid" 2>/dev/null || true
        for _ in $(seq 1 40); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.25; done
        kill -KILL -- "-$lab_pid" 2>/dev/null || true
    fi
    chmod -R u+w "$work" 2>/dev/null || true # the module cache is read-only
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT

git clone -q "$root" "$work/gradbook"
mkdir -p "$work/home"
# A new user's environment: PATH (Go and the system), a locale, and empty
# everything else. No GOFLAGS, GOPROXY or GOTOOLCHAIN from this machine's
# go env file, which lives under the real HOME.
fresh_env=(env -i "PATH=$PATH" "HOME=$work/home" "LANG=C.UTF-8" "TERM=dumb"
    "GOPATH=$work/home/go" "GOCACHE=$work/home/.cache/go-build")

echo "fresh: clone of $(git -C "$root" rev-parse --short HEAD) in $work/gradbook; running make lab"
start=$(date +%s.%N)
(cd "$work/gradbook" && exec setsid "${fresh_env[@]}" make lab) >"$work/lab.log" 2>&1 &
lab_pid=$!

url=""
for _ in $(seq 1 3600); do
    url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/[a-z]*\??token=[0-9a-f]+' "$work/lab.log" | head -n 1 || true)"
    [[ -n "$url" ]] && break
    if ! kill -0 "$lab_pid" 2>/dev/null; then
        echo "fresh: make lab exited before serving:" >&2
        tail -n 60 "$work/lab.log" >&2
        exit 1
    fi
    sleep 0.5
done
[[ -n "$url" ]] || { echo "fresh: no URL from make lab after 30 minutes" >&2; tail -n 60 "$work/lab.log" >&2; exit 1; }
to_url=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }")
echo "fresh: make lab served $url after ${to_url} s"

base="${url%%/\?token=*}"
base="${base%%/lab\?token=*}"
base="${base%%/tree\?token=*}"
token="${url##*token=}"
mkdir -p "$root/out/fresh"
status=0
(
    cd "$root/e2e"
    GRADBOOK_E2E_URL="$base" GRADBOOK_E2E_TOKEN="$token" \
    GRADBOOK_E2E_NOTEBOOK="$(basename "$nb")" GRADBOOK_E2E_OUT="$root/out/fresh" \
    CHROMIUM="$chromium" node --test --test-concurrency=1 notebook.test.mjs
) | tee "$work/browser.log" || status=$?
first_plot=$(grep -oE 'first plot on screen after [0-9.]+' "$work/browser.log" | grep -oE '[0-9.]+$' || echo "?")
if [[ $status != 0 ]]; then
    echo "fresh: the lecture failed in the browser; make lab's log (last 60 lines):" >&2
    tail -n 60 "$work/lab.log" >&2
fi

# Stop make lab the way a user does (Ctrl-C reaches its whole session), then
# check that nothing it started is left: no process may still run from the
# fresh clone or its caches.
kill -INT -- "-$lab_pid" 2>/dev/null || true
kill -INT -- "-$lab_pid" 2>/dev/null || true # Jupyter asks to confirm the first one
for _ in $(seq 1 120); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.25; done
sleep 1
left=""
for env_file in /proc/[0-9]*/environ; do
    if { tr '\0' '\n' <"$env_file"; } 2>/dev/null | grep -qxF "HOME=$work/home"; then
        pid="${env_file#/proc/}"; pid="${pid%/environ}"
        left+="$(ps -o pid=,args= -p "$pid" 2>/dev/null || true)"$'\n'
    fi
done
left="$(echo "$left" | sed '/^\s*$/d')"
if [[ -n "$left" ]]; then
    echo "fresh: processes left running after make lab stopped:" >&2
    echo "$left" >&2
    status=1
fi
lab_pid=""
echo "fresh: make lab to URL ${to_url} s; Run All to first plot on screen ${first_plot} s (screenshots in out/fresh/)"
exit $status
