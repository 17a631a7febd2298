package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gradbook/gradbook/internal/sysdeps"
)

// A check is one line of doctor's report.
type check struct {
	name     string
	optional bool // a failure is a warning: the notebooks still run
	run      func() (detail string, fix string, err error)
}

func runDoctor(args []string) error {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	failed := 0
	for _, c := range doctorChecks(root) {
		detail, fix, err := c.run()
		switch {
		case err == nil:
			fmt.Printf("ok    %-12s %s\n", c.name, detail)
		case c.optional:
			fmt.Printf("warn  %-12s %v\n      fix: %s\n", c.name, err, fix)
		default:
			failed++
			fmt.Printf("FAIL  %-12s %v\n      fix: %s\n", c.name, err, fix)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d check(s) failed", failed)
	}
	return nil
}

const fixInstall = "go run ./kernel install"

func doctorChecks(root string) []check {
	bin := binDir(root)
	return []check{
		{name: "go", run: checkGo},
		{name: "gonb", run: toolCheck(root, bin, "gonb")},
		{name: "goimports", run: toolCheck(root, bin, "goimports")},
		{name: "gopls", optional: true, run: toolCheck(root, bin, "gopls")},
		{name: "modules", run: func() (string, string, error) {
			if err := probeOffline(root); err != nil {
				return "", "go run ./kernel install (runs go mod download, then checks again)", err
			}
			return "every notebook import resolves offline from " + goEnv("GOMODCACHE"), "", nil
		}},
		{name: "jupyter", run: func() (string, string, error) {
			env, err := lookJupyter()
			if err != nil {
				return "", "go run ./kernel setup lab, or by hand: " + piece("jupyter").Fix(), err
			}
			return env.jupyter, "", nil
		}},
		{name: "nbclient", run: func() (string, string, error) {
			py, err := findPython("nbclient", "nbformat", "jupyter_client")
			return py, "sudo apt-get install python3-nbclient  (or: python3 -m pip install --user nbclient)", err
		}},
		{name: "jupyterlab", optional: true, run: func() (string, string, error) {
			py, err := findPython("jupyterlab")
			if err != nil {
				return "", "python3 -m pip install --user jupyterlab (lab falls back to the classic Notebook)", err
			}
			return py, "", nil
		}},
		{name: "kernel spec", run: func() (string, string, error) { return checkSpec(root, bin) }},
		{name: "graphviz", optional: true, run: func() (string, string, error) {
			p, err := exec.LookPath("dot")
			return p, piece("graphviz").Fix() + " (only for adviz.RenderDot: the notebooks draw graphs in Go)", err
		}},
		{name: "bubblewrap", optional: true, run: func() (string, string, error) {
			p, err := exec.LookPath("bwrap")
			return p, piece("bubblewrap").Fix() + " (needed to grade submissions)", err
		}},
	}
}

// piece returns a row of the sysdeps table that doctor names.
func piece(name string) sysdeps.Piece {
	p, err := sysdeps.Lookup(name)
	if err != nil {
		panic(err) // a name in this file that the table lacks
	}
	return p
}

func checkGo() (string, string, error) {
	out, err := exec.Command("go", "version").Output()
	if err != nil {
		return "", "install Go 1.26 or newer from https://go.dev/dl", err
	}
	v := strings.TrimSpace(string(out))
	var major, minor int
	if _, err := fmt.Sscanf(strings.Fields(v)[2], "go%d.%d", &major, &minor); err == nil && (major > 1 || minor >= 26) {
		return v, "", nil
	}
	return "", "install Go 1.26 or newer from https://go.dev/dl", fmt.Errorf("%s is older than go1.26", v)
}

// toolCheck verifies that a tool is built and was built from the current
// go.mod, go.sum and Go version.
func toolCheck(root, bin, name string) func() (string, string, error) {
	return func() (string, string, error) {
		exe := filepath.Join(bin, name)
		if !isExecutable(exe) {
			return "", fixInstall, fmt.Errorf("%s not built", exe)
		}
		want, err := toolStamp(root)
		if err != nil {
			return "", fixInstall, err
		}
		if got, _ := os.ReadFile(exe + ".stamp"); string(got) != want {
			return "", fixInstall, fmt.Errorf("%s was built from other versions (go.mod or Go changed)", exe)
		}
		return exe, "", nil
	}
}

// checkSpec verifies the installed kernel.json runs our gonb on this checkout.
func checkSpec(root, bin string) (string, string, error) {
	dir, err := kernelSpecDir()
	if err != nil {
		return "", fixInstall, err
	}
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		return "", fixInstall, fmt.Errorf("no kernel spec: %v", err)
	}
	var spec kernelSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return "", fixInstall, fmt.Errorf("%s/kernel.json is not valid JSON: %v", dir, err)
	}
	switch {
	case len(spec.Argv) < 4:
		err = errors.New("kernel.json argv is too short")
	case spec.Argv[0] != filepath.Join(bin, "gonb"):
		err = fmt.Errorf("kernel.json runs %s, not %s", spec.Argv[0], filepath.Join(bin, "gonb"))
	case !strings.Contains(strings.Join(spec.Argv, " "), "--go_work="+root):
		err = fmt.Errorf("kernel.json is wired to another checkout, not %s", root)
	}
	if err != nil {
		return "", fixInstall, err
	}
	return dir, "", nil
}
