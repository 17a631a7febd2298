package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/gradbook/gradbook/internal/nbformat"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gradbook/gradbook/internal/testenv"
)

// TestMain points Jupyter at a temporary data directory, so no test can touch
// the user's kernels, and removes it afterwards.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gradbook-jupyter-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Setenv("JUPYTER_DATA_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// offline is the environment notebooks run in under test: with the module
// proxy off, a cell that imports a package gradbook's go.mod does not require
// fails at once, as it would on a machine without network.
var offline = []string{"GOPROXY=off"}

var kernelSetup struct {
	once sync.Once
	env  *jupyterEnv
	err  error
}

// testKernel installs Jupyter if needed, the kernel into the temporary data
// directory (with gopls, which conformance needs) and warms the build cache,
// once per test binary. It fails the test when that is impossible: a missing
// Jupyter is a set-up failure, not a reason to skip.
func testKernel(t *testing.T) *jupyterEnv {
	t.Helper()
	testenv.Need(t, "jupyter")
	kernelSetup.once.Do(func() {
		kernelSetup.env, kernelSetup.err = needJupyter()
		if kernelSetup.err != nil {
			return
		}
		if _, kernelSetup.err = install(installOptions{gopls: true, quiet: true}); kernelSetup.err != nil {
			return
		}
		kernelSetup.err = warm()
	})
	if kernelSetup.err != nil {
		t.Fatalf("setting up the kernel: %v", kernelSetup.err)
	}
	return kernelSetup.env
}

func TestInstallIsIdempotentAndLeavesOtherKernelsAlone(t *testing.T) {
	testKernel(t)
	data, err := jupyterDataDir()
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(data, "kernels", "python3", "kernel.json")
	if err := os.MkdirAll(filepath.Dir(other), 0o755); err != nil {
		t.Fatal(err)
	}
	otherSpec := []byte(`{"argv": ["python3"], "display_name": "Python 3", "language": "python"}`)
	if err := os.WriteFile(other, otherSpec, 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(other)

	res, err := install(installOptions{gopls: true, quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.built) != 0 {
		t.Errorf("second install rebuilt %v; want nothing rebuilt", res.built)
	}
	got, err := os.ReadFile(other)
	if err != nil || !bytes.Equal(got, otherSpec) {
		t.Errorf("install changed another kernel's spec: %q, %v", got, err)
	}
	if after, _ := os.Stat(other); !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("install touched %s", other)
	}
	specBefore, _ := os.Stat(filepath.Join(res.specDir, "kernel.json"))
	if _, err := install(installOptions{quiet: true}); err != nil {
		t.Fatal(err)
	}
	if specAfter, _ := os.Stat(filepath.Join(res.specDir, "kernel.json")); !specAfter.ModTime().Equal(specBefore.ModTime()) {
		t.Error("an unchanged kernel.json was rewritten")
	}
}

func TestKernelSpec(t *testing.T) {
	testKernel(t)
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := kernelSpecDir()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec kernelSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatalf("kernel.json: %v", err)
	}
	bin := binDir(root)
	if spec.DisplayName != "Go (gradbook)" || spec.Language != "go" {
		t.Errorf("display name %q, language %q; want Go (gradbook), go", spec.DisplayName, spec.Language)
	}
	want := []string{filepath.Join(bin, "gonb"), "--kernel", "{connection_file}", "--go_work=" + root}
	if strings.Join(spec.Argv, " ") != strings.Join(want, " ") {
		t.Errorf("argv = %q; want %q", spec.Argv, want)
	}
	for _, tool := range []string{"gonb", "goimports", "gopls"} {
		if !isExecutable(filepath.Join(bin, tool)) {
			t.Errorf("%s is not built in %s", tool, bin)
		}
	}
	if spec.Env["GOPROXY"] != "off" {
		t.Errorf("kernel env GOPROXY = %q; want off (the kernel runs offline unless installed with -online)", spec.Env["GOPROXY"])
	}
	if first := filepath.SplitList(spec.Env["PATH"])[0]; first != bin {
		t.Errorf("kernel PATH starts with %q; want the tool folder %q first", first, bin)
	}
	for name, size := range map[string]int{"logo-32x32.png": 32, "logo-64x64.png": 64} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != size || cfg.Height != size {
			t.Errorf("%s: %dx%d, %v; want a %dx%d PNG", name, cfg.Width, cfg.Height, err, size, size)
		}
	}
	if _, _, err := checkSpec(root, bin); err != nil {
		t.Errorf("doctor rejects the installed spec: %v", err)
	}
}

func TestLabArgsKeepServerPrivate(t *testing.T) {
	for _, tc := range []struct {
		front     string
		noBrowser bool
		root      bool
	}{
		{"lab", false, false},
		{"notebook", true, true},
	} {
		args := strings.Join(labArgs(tc.front, "/nb", 8888, tc.noBrowser, tc.root), " ")
		if !strings.HasPrefix(args, tc.front+" ") || !strings.Contains(args, "--ip=127.0.0.1") {
			t.Errorf("%s: %q does not start %s on 127.0.0.1", tc.front, args, tc.front)
		}
		if strings.Contains(args, "token=") || strings.Contains(args, "password=") {
			t.Errorf("%s: %q weakens authentication", tc.front, args)
		}
		if strings.Contains(args, "--allow-root") != tc.root || strings.Contains(args, "--no-browser") != tc.noBrowser {
			t.Errorf("%s: %q: flags do not match root=%v noBrowser=%v", tc.front, args, tc.root, tc.noBrowser)
		}
	}
}

// writeTestNotebook writes a notebook for the gradbook kernel with the given
// code cells.
func writeTestNotebook(t *testing.T, path string, cells ...string) {
	t.Helper()
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{
			"kernelspec":    map[string]string{"name": kernelName, "display_name": kernelDisplayName, "language": "go"},
			"language_info": map[string]string{"name": "go"},
		},
	}
	var cs []map[string]any
	for i, src := range cells {
		cs = append(cs, map[string]any{"cell_type": "code", "id": fmt.Sprintf("c%d", i), "metadata": map[string]any{},
			"execution_count": nil, "outputs": []any{}, "source": src})
	}
	nb["cells"] = cs
	data, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExecNamesTheFailingCell(t *testing.T) {
	env := testKernel(t)
	dir := t.TempDir()
	head := []string{"import \"fmt\"\n\nfunc twice(x float64) float64 { return 2 * x }", "%%\nfmt.Println(\"twice\", twice(21))"}
	for _, tc := range []struct {
		name, cell, detail string
	}{
		{"ok", "", ""},
		// A declaration cell importing a module gradbook requires: gonb runs
		// go get for it, which must not reach for the network.
		{"gonbui-declaration", "import \"github.com/janpfeifer/gonb/gonbui\"\n\nfunc show() { gonbui.DisplayMarkdown(\"$x$\") }", ""},
		{"panic", "%%\nvar s []int\nfmt.Println(s[3])", "index out of range"},
		{"compile", "%%\nx := undefinedName + 1", "undefined: undefinedName"},
		{"network", "import \"github.com/google/uuid\"\n\n%%\nfmt.Println(uuid.New())", "github.com/google/uuid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cells := head
			if tc.cell != "" {
				cells = append(append([]string{}, head...), tc.cell)
			}
			nb := filepath.Join(dir, tc.name+".ipynb")
			writeTestNotebook(t, nb, cells...)
			// Run with the caller's GOPROXY: the kernel spec itself must keep
			// the kernel offline.
			res, err := executeNotebook(env, nb, execOptions{outDir: filepath.Join(dir, "out"), timeout: 5 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Cells) != len(cells) {
				t.Errorf("%d cells reported; want %d", len(res.Cells), len(cells))
			}
			err = res.Err()
			if tc.detail == "" {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("a failing cell was not reported")
			}
			msg := err.Error()
			if !strings.Contains(msg, nb) || !strings.Contains(msg, "code cell 2") || !strings.Contains(msg, tc.detail) {
				t.Errorf("error does not name the notebook, cell 2 and %q:\n%s", tc.detail, msg)
			}
			if _, err := os.Stat(res.Out); err != nil {
				t.Errorf("no executed copy: %v", err)
			}
		})
	}
}

// notebooksUnder lists the committed notebooks: lecture notebooks directly in
// notebooks/, assignments under notebooks/assignments/.
func notebooksUnder(t *testing.T) (lectures, assignments []string) {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	lectures, _ = filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	assignments, _ = filepath.Glob(filepath.Join(root, "notebooks", "assignments", "*.ipynb"))
	if len(lectures) == 0 {
		t.Fatal("no lecture notebooks under notebooks/")
	}
	return lectures, assignments
}

func TestNotebooksAreCommittedCleared(t *testing.T) {
	lectures, assignments := notebooksUnder(t)
	for _, path := range append(lectures, assignments...) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var nb struct {
			Metadata struct {
				Kernelspec struct{ Name string } `json:"kernelspec"`
			} `json:"metadata"`
			Cells []struct {
				CellType       string `json:"cell_type"`
				Outputs        []any  `json:"outputs"`
				ExecutionCount *int   `json:"execution_count"`
			} `json:"cells"`
		}
		if err := json.Unmarshal(data, &nb); err != nil {
			t.Errorf("%s: not valid JSON: %v", path, err)
			continue
		}
		if nb.Metadata.Kernelspec.Name != kernelName {
			t.Errorf("%s: kernelspec %q; want %q", path, nb.Metadata.Kernelspec.Name, kernelName)
		}
		for i, c := range nb.Cells {
			if c.CellType == "code" && (len(c.Outputs) > 0 || c.ExecutionCount != nil) {
				t.Errorf("%s: cell %d is committed with outputs; clear them", path, i)
				break
			}
		}
	}
}

// TestNotebooks executes every notebook through the installed kernel, offline,
// and fails on any error; a lecture notebook must also show an inline image
// (PNG, which Jupyter shows even when the notebook is not trusted).
func TestNotebooks(t *testing.T) {
	env := testKernel(t)
	lectures, assignments := notebooksUnder(t)
	out := t.TempDir()
	for _, path := range append(lectures, assignments...) {
		isLecture := !strings.Contains(path, string(filepath.Separator)+"assignments"+string(filepath.Separator))
		t.Run(filepath.Base(path), func(t *testing.T) {
			var log strings.Builder
			res, err := executeNotebook(env, path, execOptions{outDir: out, env: offline, log: &log, timeout: 5 * time.Minute})
			t.Log("\n" + log.String())
			if err != nil {
				t.Fatal(err)
			}
			if err := res.Err(); err != nil {
				t.Fatal(err)
			}
			if len(res.Cells) == 0 {
				t.Fatal("no code cell was executed")
			}
			if isLecture && !hasPNG(res) {
				t.Error("a lecture notebook shows no inline image/png output")
			}
		})
	}
}

func hasPNG(res *notebookResult) bool {
	for _, c := range res.Cells {
		for _, m := range c.MIME {
			if m == "image/png" {
				return true
			}
		}
	}
	return false
}

// TestKernelConformance runs the Jupyter kernel test suite
// (jupyter_kernel_test, Debian's python3-jupyter-kernel-test) against the
// installed kernel; see testdata/conformance.py for what is left out and why.
func TestKernelConformance(t *testing.T) {
	env := testKernel(t)
	testenv.Need(t, "kernel-test")
	py := env.python
	if err := exec.Command(py, "-c", "import jupyter_kernel_test").Run(); err != nil {
		t.Fatalf("jupyter_kernel_test is present, but not for the kernel tests' Python %s: %v", py, err)
	}
	cmd := exec.Command(py, "-m", "unittest", "-v", "conformance")
	cmd.Dir = "testdata"
	cmd.Env = append(os.Environ(), offline...)
	out, err := cmd.CombinedOutput()
	t.Logf("\n%s", out)
	if err != nil {
		t.Fatalf("conformance suite failed: %v", err)
	}
	for _, want := range []string{"test_execute_stdout", "test_display_data", "test_error", "test_completion", "test_inspect"} {
		if !strings.Contains(string(out), want+" ") || strings.Contains(string(out), want+" (conformance.GradbookKernelTests."+want+") ... skipped") {
			t.Errorf("%s did not run", want)
		}
	}
}

// A Python script that writes a notebook with "\tfrac" or "\beta" in an
// ordinary string turns LaTeX into a tab or a backspace: the student sees
// "$eta$". No cell may hold a control character, and a tab in prose may
// only indent a line (as in a fenced Go answer), never stand inside it.
func TestNotebookTextHasNoControlCharacters(t *testing.T) {
	lectures, assignments := notebooksUnder(t)
	for _, path := range append(lectures, assignments...) {
		nb, err := nbformat.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range nb.Cells() {
			for n, line := range strings.Split(nbformat.Source(c), "\n") {
				if j := strings.IndexFunc(line, isStrayControl); j >= 0 {
					t.Errorf("%s: cell %d, line %d: control character %q in %q", filepath.Base(path), i, n+1, line[j], line)
				}
				if nbformat.Type(c) == "markdown" && strings.Contains(strings.TrimLeft(line, "\t"), "\t") {
					t.Errorf("%s: cell %d, line %d: a tab inside a line of prose (a LaTeX \\t… written as a tab?): %q", filepath.Base(path), i, n+1, line)
				}
			}
		}
	}
}

// isStrayControl reports a control character other than tab; line breaks
// are already split off.
func isStrayControl(r rune) bool {
	return r != '\t' && (r < 0x20 || r == 0x7f)
}
