#!/bin/bash
# Trims the Go module cache of the gradbook image to what notebooks use.
#
# Run by docker/Dockerfile in the same RUN as `go run ./kernel install` and
# `warm` (a later layer could hide files but not shrink the image), from the
# repository root, as the notebook user. By then the build cache holds only
# what warm compiled: the Dockerfile cleans it between install and warm, so
# the build products of gopls, gonb and goimports (the binaries are kept) are
# gone.
#
# What the kernel needs from the module cache, with GOPROXY=off:
#   - every module's .mod, .info and .ziphash under cache/download: gonb's
#     per-notebook workspace loads the whole module graph, and the go command
#     checks each extracted module against go.sum through its .ziphash;
#   - the extracted source of every module that provides a package a cell
#     can import: lib/, gonb's gonbui and cache, all of gonum and gonum/plot,
#     and what those import; and of what the kernel command imports.
# What goes: the downloaded .zip archives (the extracted sources are what
# builds read), and the extracted sources of modules only the tools, tests
# or benchmarks need (golang.org/x/tools for gopls, zmq for gonb, ...).
# `make docker-test` proves the result by running every lecture in the image
# with the module proxy off.
set -euo pipefail

modcache="$(go env GOMODCACHE)"
before="$(du -sm "${modcache}" | cut -f1)"

# Every package a notebook cell may import, and their dependencies; and
# the kernel command (exec, assign, grade run inside the image too).
importable=(
    ./kernel/...
    ./internal/...
    ./lib/...
    github.com/janpfeifer/gonb/gonbui/...
    github.com/janpfeifer/gonb/cache
    gonum.org/v1/gonum/...
    gonum.org/v1/plot/...
)
keep="$(mktemp)"
GOPROXY=off GOFLAGS=-mod=mod go list -deps -e \
    -f '{{with .Module}}{{if not .Main}}{{.Dir}}{{end}}{{end}}' "${importable[@]}" |
    sort -u >"${keep}"
if [ ! -s "${keep}" ]; then
    echo "slim.sh: go list found no module a notebook imports; refusing to trim" >&2
    exit 1
fi

# Module directories are the first path component containing '@'
# (golang.org/x/image@v0.x, gonum.org/v1/plot@v0.x).
removed=0
while IFS= read -r -d '' dir; do
    if ! grep -qxF "${dir}" "${keep}"; then
        chmod -R u+w "${dir}"
        rm -rf "${dir}"
        removed=$((removed + 1))
    fi
done < <(find "${modcache}" -path "${modcache}/cache" -prune -o -type d -name '*@*' -prune -print0)

find "${modcache}/cache/download" -name '*.zip' -delete
rm -rf "${modcache}/cache/vcs"
rm -f "${keep}"

after="$(du -sm "${modcache}" | cut -f1)"
echo "slim.sh: module cache ${before} MB -> ${after} MB (${removed} module sources removed; build cache $(du -sm "$(go env GOCACHE)" | cut -f1) MB)"
