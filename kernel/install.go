package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// goplsVersion is pinned outside go.mod: gopls cannot be a tool dependency of
// this module, and gopls@latest needs a newer Go than 1.26.
const goplsVersion = "v0.21.0"

// tool is one binary install builds into the bin folder.
type tool struct {
	name string
	pkg  string // import path; built with the module's pinned version
	at   string // "@version" for tools installed outside the module
}

var tools = []tool{
	{name: "gonb", pkg: "github.com/janpfeifer/gonb"},
	{name: "goimports", pkg: "golang.org/x/tools/cmd/goimports"},
	{name: "gopls", pkg: "golang.org/x/tools/gopls", at: "@" + goplsVersion},
}

// kernelSpec is Jupyter's kernel.json; see
// https://jupyter-client.readthedocs.io/en/latest/kernels.html#kernel-specs.
type kernelSpec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env"`
	Metadata      map[string]any    `json:"metadata,omitempty"`
}

type installOptions struct {
	gopls   bool   // also build gopls (completion and inspection in the notebook)
	specDir string // where kernel.json goes; default from jupyterDataDir
	verbose bool
	quiet   bool // say nothing when nothing had to be done
	online  bool // let gonb fetch modules gradbook does not require
}

func runInstall(args []string) error {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	var opt installOptions
	fs.BoolVar(&opt.gopls, "gopls", true, "also build gopls "+goplsVersion+" for completion (about 2 minutes, once)")
	system := fs.Bool("system", false, "write the kernel spec to /usr/local/share/jupyter/kernels (for a course server) instead of the user's data directory")
	fs.BoolVar(&opt.verbose, "v", false, "print the go commands")
	fs.BoolVar(&opt.online, "online", false, "let cells import modules gradbook does not require (gonb runs go get); by default the kernel runs offline")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *system {
		opt.specDir = filepath.Join("/usr/local/share/jupyter/kernels", kernelName)
	}
	_, err := install(opt)
	return err
}

// installResult says what install did, so callers and tests can check that a
// second run rebuilt nothing.
type installResult struct {
	bin     string
	specDir string
	built   []string // tools built in this run
}

// install builds the pinned tools (unless up to date) and writes the kernel
// spec. It is idempotent: with the same go.mod, go.sum and Go version, a second
// run builds nothing and rewrites only the spec, and only when it changed.
func install(opt installOptions) (*installResult, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	if _, err := exec.LookPath("go"); err != nil {
		return nil, fmt.Errorf("go is not on PATH: install Go 1.26 from https://go.dev/dl")
	}
	res := &installResult{bin: binDir(root), specDir: opt.specDir}
	if res.specDir == "" {
		if res.specDir, err = kernelSpecDir(); err != nil {
			return nil, err
		}
	}
	if res.built, err = buildTools(root, res.bin, opt.gopls, opt.verbose); err != nil {
		return nil, err
	}
	// The kernel runs offline: prove that a notebook resolves every import
	// from the module cache before telling the user the kernel is ready.
	if err := ensureModules(root); err != nil {
		return nil, err
	}
	if err := writeKernelSpec(root, res.bin, res.specDir, opt.online); err != nil {
		return nil, err
	}
	if !opt.quiet || len(res.built) > 0 {
		fmt.Printf("kernel %q (%s) installed in %s\n", kernelName, kernelDisplayName, res.specDir)
	}
	return res, nil
}

// buildTools builds the pinned tools that are not up to date into bin and
// returns the names of those it built.
func buildTools(root, bin string, gopls, verbose bool) ([]string, error) {
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return nil, err
	}
	stamp, err := toolStamp(root)
	if err != nil {
		return nil, err
	}
	var built []string
	for _, t := range tools {
		if t.name == "gopls" && !gopls {
			continue
		}
		did, err := buildTool(root, bin, t, stamp, verbose)
		if err != nil {
			return nil, err
		}
		if did {
			built = append(built, t.name)
		}
	}
	return built, nil
}

// toolStamp identifies the inputs of a tool build: a tool whose recorded stamp
// matches was built from the same versions by the same Go and is kept.
func toolStamp(root string) (string, error) {
	h := sha256.New()
	for _, f := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return "", err
		}
		h.Write(data)
	}
	out, err := exec.Command("go", "version").Output()
	if err != nil {
		return "", fmt.Errorf("go version: %v", err)
	}
	h.Write(out)
	h.Write([]byte(goplsVersion))
	return hex.EncodeToString(h.Sum(nil)[:12]), nil
}

// buildTool builds one tool into bin unless bin already holds it with the same
// stamp. It reports whether it built.
func buildTool(root, bin string, t tool, stamp string, verbose bool) (bool, error) {
	exe := filepath.Join(bin, t.name)
	stampFile := exe + ".stamp"
	if old, err := os.ReadFile(stampFile); err == nil && string(old) == stamp {
		if _, err := os.Stat(exe); err == nil {
			return false, nil
		}
	}
	var cmd *exec.Cmd
	if t.at == "" {
		cmd = exec.Command("go", "build", "-o", exe, t.pkg)
		cmd.Dir = root
	} else {
		// go install pkg@version builds outside this module, into GOBIN.
		cmd = exec.Command("go", "install", t.pkg+t.at)
		cmd.Dir = os.TempDir()
		cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOFLAGS=")
	}
	fmt.Printf("building %s (%s%s) ...\n", t.name, t.pkg, t.at)
	if verbose {
		fmt.Println("  ", strings.Join(cmd.Args, " "))
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return false, fmt.Errorf("building %s failed: %v\n%s", t.name, err, out.String())
	}
	fmt.Printf("built %s in %.0fs\n", t.name, time.Since(start).Seconds())
	return true, os.WriteFile(stampFile, []byte(stamp), 0o644)
}

// writeKernelSpec writes kernel.json and the logos into specDir and nothing
// else. The spec's PATH puts the pinned tools and the Go that built them first,
// so the kernel finds goimports and gopls without the user's PATH.
//
// Unless online, the kernel runs with GOPROXY=off. Everything a notebook
// imports resolves through the go.work that gonb writes (gradbook and the
// modules it requires, all in the module cache after install), so nothing is
// lost; what is gained is that gonb's automatic `go get` cannot fail on a
// proxy that refuses a lookup (seen here: importing gonbui in a cell without
// %% made gonb ask the proxy for a module github.com/janpfeifer/gonb/gonbui and
// fail on its 403) and that a notebook runs the same on every machine.
func writeKernelSpec(root, bin, specDir string, online bool) error {
	goBin, err := goRootBin()
	if err != nil {
		return err
	}
	spec := kernelSpec{
		Argv: []string{
			filepath.Join(bin, "gonb"),
			"--kernel", "{connection_file}",
			"--go_work=" + root,
		},
		DisplayName:   kernelDisplayName,
		Language:      "go",
		InterruptMode: "message",
		Env: map[string]string{
			"PATH":          searchPath(bin, goBin, os.Getenv("PATH")),
			"GRADBOOK_ROOT": root,
		},
		Metadata: map[string]any{"gradbook": map[string]string{"root": root, "gonb": "v0.11.4"}},
	}
	if !online {
		spec.Env["GOPROXY"] = "off"
	}
	data, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(specDir, 0o755); err != nil {
		return err
	}
	files := map[string][]byte{"kernel.json": append(data, '\n')}
	for name, img := range logoFiles() {
		files[name] = img
	}
	for name, content := range files {
		if err := writeIfChanged(filepath.Join(specDir, name), content); err != nil {
			return err
		}
	}
	return nil
}

// goRootBin is the bin directory of the Go toolchain that is running install.
func goRootBin() (string, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "bin"), nil
}

// writeIfChanged writes through a temporary file and a rename, so Jupyter
// never reads a half-written spec, and leaves an identical file alone.
func writeIfChanged(path string, content []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, content) {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, content, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// searchPath joins PATH entries in order, keeping the first of duplicates.
func searchPath(parts ...string) string {
	var out []string
	seen := map[string]bool{}
	for _, p := range parts {
		for _, d := range filepath.SplitList(p) {
			if d != "" && !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	return strings.Join(out, string(os.PathListSeparator))
}

// installedOnline reports whether the installed kernel spec was written with
// -online, so that verbs which reinstall keep the user's choice.
func installedOnline() bool {
	dir, err := kernelSpecDir()
	if err != nil {
		return false
	}
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		return false
	}
	var spec kernelSpec
	return json.Unmarshal(data, &spec) == nil && spec.Env["GOPROXY"] != "off"
}
