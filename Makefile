# Thin wrappers: every target calls `go run ./kernel ...`, go test, or a
# script in e2e/. The two that matter are `make lab` (set up and open the
# notebooks) and `make test` (everything a fresh machine needs, then every
# test). Each target installs what it needs from outside Go first
# (`go run ./kernel setup PURPOSE`; the table is internal/sysdeps).

GO ?= go

.PHONY: lab test install doctor warm exec bench html site-e2e e2e screenshots fresh-test hub-test docker-test

lab:
	$(GO) run ./kernel lab

# Tests never install anything: setup does it once, before any test runs,
# and GRADBOOK_TEST_STRICT=1 turns a missing piece into a failure, not a skip.
test:
	$(GO) run ./kernel setup test
	$(GO) vet ./...
	cd bench && $(GO) vet ./...
	GRADBOOK_TEST_STRICT=1 $(GO) test -count=1 -timeout 80m ./...

# make bench: the Go benchmarks, then every comparison program in bench/
# (each prints its ratio against a reference run in the same command;
# PyTorch and scikit-learn references need Debian's python3-torch and
# python3-sklearn).
bench:
	$(GO) test -run '^$$' -bench . ./lib/...
	cd bench && $(GO) run ./ad -reps 9
	cd bench && $(GO) run ./gorgonia -reps 9
	cd bench && $(GO) run ./dropout -reps 15
	cd bench && $(GO) run ./svm

install:
	$(GO) run ./kernel install

doctor:
	$(GO) run ./kernel doctor

warm:
	$(GO) run ./kernel warm

# make exec NB=notebooks/03-activation-functions.ipynb
exec:
	$(GO) run ./kernel exec $(NB)

# make html: execute every notebook and render the static site (out/site).
html:
	$(GO) run ./kernel setup html
	$(GO) run ./kernel html

# make site-e2e [SITE=out/site]: the site make html built, in Chromium from
# file:// with the network refused: math typeset by the bundled MathJax, no
# raw $…$ on any page, a formula on every lecture page.
site-e2e:
	$(GO) run ./kernel setup e2e
	e2e/site.sh $(SITE)

# make e2e [NB=notebooks/NAME.ipynb]: the lecture in a real browser
# (Debian's Chromium driven by playwright-core; screenshots in out/e2e).
e2e:
	$(GO) run ./kernel setup e2e
	e2e/run.sh $(NB)

# make screenshots [NB="notebooks/A.ipynb notebooks/B.ipynb"]: Run All of
# every lecture in Chromium, the layout checks of make e2e on each, and a
# full-page screenshot per lecture in out/screenshots/ (with parts of it in
# out/screenshots/NAME/ to look at one by one).
screenshots:
	$(GO) run ./kernel setup e2e
	e2e/run.sh --screenshots $(NB)

# make fresh-test: `make lab` from a fresh clone with an empty HOME, GOPATH,
# GOCACHE and Jupyter data directory, then Run All of a lecture in Chromium
# through that server (screenshots in out/fresh).
fresh-test:
	$(GO) run ./kernel setup e2e
	e2e/fresh.sh $(NB)

# make hub-test: JupyterHub with two system users on this machine, each
# running a lecture at the same time (as root; cleans up after itself).
hub-test:
	$(GO) run ./kernel setup hub
	cd hubtest && npm ci --no-audit --no-fund
	$(GO) run ./hubtest $(if $(NB),-notebook $(NB))

# make docker-test: build docker/Dockerfile with podman on a stand-in for the
# docker-stacks base (no image registry needed), run it as compose.yaml does
# and check it: user, token, kernel, every lecture inside the container, Run
# All in Chromium, the work volume, a clean stop; prints the image's layer
# sizes and the first plot cell's time (as root; cleans up after itself,
# keeping the base images for the next run). See docker/README.md.
docker-test:
	$(GO) run ./kernel setup docker
	$(GO) run ./docker/dockertest
