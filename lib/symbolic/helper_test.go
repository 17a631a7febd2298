package symbolic

import (
	"bytes"
	"os"
	"os/exec"
	"testing"

	"github.com/gradbook/gradbook/internal/testenv"
)

// checkScript reruns a reference script with Debian's Python when SymPy is
// installed, and compares its output with the recorded file.
func checkScript(t *testing.T, script, recorded string) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: using the recorded values only")
	}
	py := testenv.Python(t, "sympy", "sympy")
	cmd := exec.Command(py, script)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	rec, err := os.ReadFile(recorded)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(out), bytes.TrimSpace(rec)) {
		t.Errorf("%s differs from what %s prints now", recorded, script)
	}
}
