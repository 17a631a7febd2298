# Thin wrappers: every target calls `go run ./kernel ...` or `go test`.
# The two that matter are `make lab` (set up and open the notebooks) and
# `make test` (everything a fresh machine needs, then every test).

GO ?= go

.PHONY: lab test install doctor warm exec

lab:
	$(GO) run ./kernel lab

test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 80m ./...

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
