#!/usr/bin/env bash
# make e2e: a gradbook lecture in a real browser.
#
# Installs the kernel into a throw-away JUPYTER_DATA_DIR (never the user's),
# executes the lecture headless with `go run ./kernel exec` (the untrusted
# copy), starts the classic Notebook on 127.0.0.1 with a random token, and
# runs e2e/notebook.test.mjs and e2e/interactive.test.mjs (node's test
# runner, playwright-core driving Debian's Chromium): the lecture's plots,
# then its interactive figures (a slider moved with the mouse). Screenshots
# go to out/e2e/.
#
# Usage: e2e/run.sh [NOTEBOOK]   (default notebooks/03-activation-functions.ipynb)
#
# e2e/run.sh --screenshots [NOTEBOOK...] (make screenshots): Run All of each
# lecture (default: every one) in Chromium, with the layout checks, and a
# full-page screenshot per lecture into out/screenshots/ (also cut into
# screen-sized parts, NAME/01.png …, that can be looked at one by one).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

shots=""
if [[ "${1:-}" == "--screenshots" ]]; then
    shift
    shots=1
    if [[ $# == 0 ]]; then
        set -- notebooks/[0-9]*.ipynb
    fi
fi

nb="${1:-notebooks/03-activation-functions.ipynb}"
if [[ ! -f "$nb" ]]; then
    first="$(ls notebooks/*.ipynb 2>/dev/null | head -n 1 || true)"
    [[ -n "$first" ]] || { echo "e2e: no lecture notebook in notebooks/" >&2; exit 1; }
    echo "e2e: $nb not found, using $first"
    nb="$first"
fi

# Debian's classic Notebook 6; /usr/bin first: a pyenv python on PATH lacks it.
notebook="$(command -v /usr/bin/jupyter-notebook || command -v jupyter-notebook || true)"
[[ -n "$notebook" ]] || { echo "e2e: jupyter-notebook not found: apt-get install jupyter-notebook" >&2; exit 1; }
chromium="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$chromium" ]] || { echo "e2e: $chromium not found: apt-get install chromium" >&2; exit 1; }
if [[ ! -d e2e/node_modules/playwright-core ]]; then
    (cd e2e && npm ci --no-audit --no-fund)
fi

work="$(mktemp -d /tmp/gradbook-e2e.XXXXXX)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# A private Jupyter data dir: the kernel spec and the notebook-signing key
# live there, so the headless copy below is untrusted for this server.
export JUPYTER_DATA_DIR="$work/jupyter-data"
export JUPYTER_RUNTIME_DIR="$work/runtime"
go run ./kernel install
go run ./kernel warm

mkdir -p "$work/notebooks/executed"
name="$(basename "$nb")"
if [[ -n "$shots" ]]; then
    names=()
    for f in "$@"; do
        cp "$f" "$work/notebooks/"
        names+=("$(basename "$f")")
    done
else
    cp "$nb" "$work/notebooks/$name"
    go run ./kernel exec -out "$work/notebooks/executed" "$nb"
fi

port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
args=(--no-browser --ip=127.0.0.1 --port="$port" --notebook-dir="$work/notebooks" "--NotebookApp.token=$token")
if [[ "$(id -u)" == 0 ]]; then
    args+=(--allow-root)
fi
"$notebook" "${args[@]}" >"$work/server.log" 2>&1 &
server_pid=$!

url="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$url/api/status?token=$token" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "e2e: the notebook server exited:" >&2
        cat "$work/server.log" >&2
        exit 1
    fi
    sleep 0.5
done

status=0
if [[ -n "$shots" ]]; then
    what=screenshots test=screenshots.test.mjs
    export GRADBOOK_E2E_NOTEBOOKS="$(IFS=,; echo "${names[*]}")"
else
    what=e2e test="notebook.test.mjs interactive.test.mjs"
    export GRADBOOK_E2E_NOTEBOOK="$name" GRADBOOK_E2E_EXECUTED="executed/$name"
fi
mkdir -p "out/$what"
(
    cd e2e
    GRADBOOK_E2E_URL="$url" GRADBOOK_E2E_TOKEN="$token" \
    GRADBOOK_E2E_OUT="$root/out/$what" CHROMIUM="$chromium" \
        node --test --test-concurrency=1 $test
) || status=$?
if [[ $status != 0 ]]; then
    echo "$what: notebook server log (last 40 lines):" >&2
    tail -n 40 "$work/server.log" >&2
fi
echo "$what: screenshots in out/$what/"
exit $status
