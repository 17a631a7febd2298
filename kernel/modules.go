package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// The kernel runs with GOPROXY=off, so every module a notebook's build can
// ask for must already be in the module cache. gonb builds each cell in a
// module of its own whose go.work also uses this checkout; loading that
// workspace reads the go.mod of every module in gradbook's graph, including
// modules no package is built from (seen: github.com/go-zeromq/goczmq/v4,
// required by gonb's zmq4). `go build` and `warm` fetch only the modules
// whose packages they compile, so a fresh module cache after them still fails
// at the first import cell. `go mod download` fetches the whole graph.

// probeImports are what the probe notebook imports: one package of each
// module a lecture uses, so that resolving them loads the same workspace a
// lecture's cell does.
var probeImports = []string{
	modulePath + "/lib/ad",
	modulePath + "/lib/check",
	modulePath + "/lib/plots",
	"github.com/janpfeifer/gonb/gonbui",
	"github.com/janpfeifer/gonb/cache",
	"gonum.org/v1/gonum/mat",
	"gonum.org/v1/plot",
	"gonum.org/v1/plot/plotter",
	"gonum.org/v1/plot/vg/vgimg",
}

// downloadModules fills the module cache with gradbook's whole module graph.
// It prints nothing when everything is already there.
func downloadModules(root string) error {
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go mod download (filling the module cache the offline kernel needs): %v\n%s", err, strings.TrimSpace(out.String()))
	}
	return nil
}

// probeOffline resolves a notebook module laid out as gonb lays one out (its
// own go.mod, a go.work that uses it and this checkout) with the module proxy
// switched off, as the kernel runs. It returns an error naming what could not
// be resolved, or nil when every notebook import resolves from the cache.
func probeOffline(root string) error {
	dir, err := os.MkdirTemp("", "gradbook-probe-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	goVersion, err := goDirective(root)
	if err != nil {
		return err
	}
	var src strings.Builder
	src.WriteString("package main\n\nimport (\n")
	for _, p := range probeImports {
		fmt.Fprintf(&src, "\t_ %q\n", p)
	}
	src.WriteString(")\n\nfunc main() {}\n")
	files := map[string]string{
		"go.mod":  "module gradbook_probe\n\ngo " + goVersion + "\n",
		"go.work": "go " + goVersion + "\n\nuse (\n\t.\n\t" + root + "\n)\n",
		"main.go": src.String(),
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return err
		}
	}
	cmd := exec.Command("go", "list", "-deps", "-e", "-f", "{{if .Error}}{{.ImportPath}}: {{.Error}}{{end}}", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=", "GOWORK="+filepath.Join(dir, "go.work"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	problems := strings.TrimSpace(stdout.String() + "\n" + stderr.String())
	if runErr == nil && problems == "" {
		return nil
	}
	if problems == "" {
		problems = runErr.Error()
	}
	if missing := missingModules(problems); len(missing) > 0 {
		return fmt.Errorf("a notebook cannot resolve its imports offline (GOPROXY=off): missing from the module cache: %s", strings.Join(missing, ", "))
	}
	return fmt.Errorf("a notebook cannot resolve its imports offline (GOPROXY=off):\n%s", firstLines(problems, 8))
}

// lookupDisabled matches the go command's complaint about a module it would
// have to fetch: "example.com/m@v1.2.3: module lookup disabled by GOPROXY=off".
var lookupDisabled = regexp.MustCompile(`([^\s:]+@v[^\s:]+): module lookup disabled`)

// missingModules lists, once each and in order, the modules the go command
// said it would have to fetch.
func missingModules(goOutput string) []string {
	var mods []string
	seen := map[string]bool{}
	for _, m := range lookupDisabled.FindAllStringSubmatch(goOutput, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			mods = append(mods, m[1])
		}
	}
	return mods
}

// goDirective returns the go version line of gradbook's go.mod.
func goDirective(root string) (string, error) {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "go" {
			return f[1], nil
		}
	}
	return "", fmt.Errorf("%s/go.mod has no go directive", root)
}

// ensureModules makes the module cache complete and proves it with the
// offline probe.
func ensureModules(root string) error {
	start := time.Now()
	if err := downloadModules(root); err != nil {
		return err
	}
	if err := probeOffline(root); err != nil {
		return fmt.Errorf("%w\nthe module cache is %s; `go mod download` in %s should have filled it", err, goEnv("GOMODCACHE"), root)
	}
	if d := time.Since(start); d > 5*time.Second {
		fmt.Printf("module cache complete and checked offline in %.0fs\n", d.Seconds())
	}
	return nil
}

// goEnv returns one value of `go env`, or "?".
func goEnv(key string) string {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}
