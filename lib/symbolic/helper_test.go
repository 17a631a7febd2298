package symbolic

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// checkScript reruns a reference script with Debian's Python when SymPy is
// installed, and compares its output with the recorded file.
func checkScript(t *testing.T, script, recorded string) {
	t.Helper()
	py := "/usr/bin/python3"
	if testing.Short() || exec.Command(py, "-c", "import sympy").Run() != nil {
		t.Skip("python3-sympy not installed (or -short); using the recorded values only")
	}
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
