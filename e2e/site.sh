#!/usr/bin/env bash
# make site-e2e: the static site in Chromium from file:// with no network
# (e2e/site.test.mjs). Usage: e2e/site.sh [SITE]   (default out/site, built
# by make html).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="$(cd "${1:-$root/out/site}" 2>/dev/null && pwd)" || { echo "site-e2e: ${1:-out/site} not found: run make html first" >&2; exit 1; }
[[ -f "$site/index.html" ]] || { echo "site-e2e: $site/index.html not found: run make html first" >&2; exit 1; }
chromium="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$chromium" ]] || { echo "site-e2e: $chromium not found: go run ./kernel setup e2e" >&2; exit 1; }
if [[ ! -d "$root/e2e/node_modules/playwright-core" ]]; then
    (cd "$root/e2e" && npm ci --no-audit --no-fund)
fi
cd "$root/e2e"
GRADBOOK_SITE="$site" CHROMIUM="$chromium" node --test --test-concurrency=1 site.test.mjs
