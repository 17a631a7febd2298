// Package testenv lets a test ask for a piece from outside Go (Jupyter,
// SymPy, Graphviz, ...; the table is internal/sysdeps).
//
// Tests never install anything. `make test` installs every piece first and
// sets GRADBOOK_TEST_STRICT=1: there a missing piece fails the test, so a
// broken set-up cannot hide behind skips. A bare `go test` skips instead,
// with a message that names the piece and how to install it.
package testenv

import (
	"os"
	"testing"

	"github.com/gradbook/gradbook/internal/sysdeps"
)

// StrictVar is the environment variable `make test` sets.
const StrictVar = "GRADBOOK_TEST_STRICT"

// Need stops the test unless the named piece is present: a skip normally, a
// failure under `make test`.
func Need(t testing.TB, name string) {
	t.Helper()
	p, err := sysdeps.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	err = p.Probe()
	if err == nil {
		return
	}
	if os.Getenv(StrictVar) == "1" {
		t.Fatalf("%s is missing (%v), but `make test` should have installed it: %s", name, err, p.Fix())
	}
	t.Skipf("needs %s for %s: %v; install: %s (make test does)", name, p.For, err, p.Fix())
}

// Python returns an interpreter that can import mods, after Need(t, piece).
func Python(t testing.TB, piece string, mods ...string) string {
	t.Helper()
	Need(t, piece)
	py, err := sysdeps.Python(mods...)
	if err != nil {
		t.Fatal(err)
	}
	return py
}
