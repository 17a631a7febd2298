# Thin wrappers: every target calls `go run ./kernel ...` or `go test`.
# The two that matter are `make lab` (set up and open the notebooks) and
# `make test` (everything a fresh machine needs, then every test).

GO ?= go

.PHONY: lab test install doctor warm exec bench

lab:
	$(GO) run ./kernel lab

test:
	$(GO) vet ./...
	cd bench && $(GO) vet ./...
	$(GO) test -count=1 -timeout 80m ./...

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
.PHONY: html
html:
	$(GO) run ./kernel html

# make e2e [NB=notebooks/NAME.ipynb]: the lecture in a real browser
# (Debian's Chromium driven by playwright-core; screenshots in out/e2e).
.PHONY: e2e
e2e:
	e2e/run.sh $(NB)

# make hub-test: JupyterHub with two system users on this machine, each
# running a lecture at the same time (as root; cleans up after itself).
.PHONY: hub-test
hub-test:
	cd hubtest && npm ci --no-audit --no-fund
	$(GO) run ./hubtest $(if $(NB),-notebook $(NB))
