// Package sysdeps is the one table of what gradbook needs from outside Go —
// Jupyter, Graphviz, SymPy, Chromium, bubblewrap and the rest — with the
// Debian packages that provide each piece and a probe that tells whether it is
// there.
//
// The kernel command installs pieces for a purpose (`go run ./kernel setup
// test` before the tests, `lab` before serving notebooks); tests ask for a
// piece through internal/testenv and never install anything themselves, so
// no test can find a package half unpacked by another.
package sysdeps

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
)

// A Piece is one thing outside Go that some use of gradbook needs.
type Piece struct {
	Name   string   // short name used by purposes, doctor and tests
	For    string   // what it is for, as doctor and skip messages say it
	Debian []string // Debian/Ubuntu packages that provide it
	Pip    []string // where pip works instead (user machines, Docker); nil if none
	probe  func() error
}

// Probe reports nil when the piece is present, or what is missing.
func (p Piece) Probe() error { return p.probe() }

// Fix says in one line how to install the piece by hand.
func (p Piece) Fix() string {
	fix := "sudo apt-get install " + strings.Join(p.Debian, " ")
	if len(p.Pip) > 0 {
		fix += "  (elsewhere: python3 -m pip install --user " + strings.Join(p.Pip, " ") + ")"
	}
	return fix
}

// pieces is the table; Purposes below name its rows.
var pieces = []Piece{
	{Name: "jupyter", For: "serving and executing notebooks (classic Notebook, nbclient, nbconvert)",
		Debian: []string{"jupyter-notebook", "python3-nbclient", "python3-nbconvert", "jupyter-client"},
		Pip:    []string{"jupyterlab", "nbclient", "nbconvert"},
		probe:  pythonWith("nbclient", "nbformat", "jupyter_client", "nbconvert")},
	{Name: "kernel-test", For: "the Jupyter kernel conformance suite",
		Debian: []string{"python3-jupyter-kernel-test"}, Pip: []string{"jupyter_kernel_test"},
		probe: pythonWith("jupyter_kernel_test")},
	{Name: "sympy", For: "re-deriving the recorded symbolic reference values",
		Debian: []string{"python3-sympy"}, Pip: []string{"sympy"},
		probe: pythonWith("sympy")},
	{Name: "sklearn", For: "re-computing the recorded scikit-learn reference values",
		Debian: []string{"python3-sklearn"}, Pip: []string{"scikit-learn"},
		probe: pythonWith("sklearn")},
	{Name: "graphviz", For: "rendering computation graphs with dot",
		Debian: []string{"graphviz"}, probe: command("dot")},
	{Name: "bubblewrap", For: "the grader's sandbox for student code",
		Debian: []string{"bubblewrap"}, probe: command("bwrap")},
	{Name: "mathjax", For: "math in the static HTML site without a network",
		Debian: []string{"libjs-mathjax"}, probe: file(MathJaxDir + "/MathJax.js")},
	{Name: "chromium", For: "the browser tests",
		Debian: []string{"chromium"}, probe: file("/usr/bin/chromium")},
	{Name: "npm", For: "installing playwright-core and configurable-http-proxy for the browser and hub tests",
		Debian: []string{"nodejs", "npm"}, probe: command("npm")},
	{Name: "jupyterhub", For: "the multi-user course server test",
		Debian: []string{"jupyterhub"}, probe: command("jupyterhub")},
	// Debian's runc, not the crun podman pulls in: crun refuses the hybrid
	// cgroup layout of the VMs gradbook is tested on.
	{Name: "podman", For: "building and running the Docker image (make docker-test)",
		Debian: []string{"podman", "runc", "uidmap", "slirp4netns", "fuse-overlayfs"},
		probe:  all(command("podman"), command("runc"))},
	{Name: "mmdebstrap", For: "making the container test's Debian base without an image registry",
		Debian: []string{"mmdebstrap"}, probe: command("mmdebstrap")},
}

// MathJaxDir is where Debian's libjs-mathjax puts MathJax.
const MathJaxDir = "/usr/share/javascript/mathjax"

// Purposes maps what a user or a make target is about to do to the pieces it
// needs.
var Purposes = map[string][]string{
	"lab":  {"jupyter", "graphviz"},
	"test": {"jupyter", "kernel-test", "sympy", "sklearn", "graphviz", "bubblewrap", "mathjax"},
	"e2e":  {"jupyter", "chromium", "npm"},
	"hub":  {"jupyter", "jupyterhub", "npm"},
	"html": {"jupyter", "mathjax"},
	// The container test runs its browser check on the host against the
	// container; Jupyter inside comes from the stand-in base image.
	"docker": {"podman", "mmdebstrap", "chromium", "npm"},
}

// Lookup returns the piece of that name.
func Lookup(name string) (Piece, error) {
	for _, p := range pieces {
		if p.Name == name {
			return p, nil
		}
	}
	return Piece{}, fmt.Errorf("sysdeps: no piece named %q", name)
}

// All returns every piece, in table order.
func All() []Piece { return append([]Piece(nil), pieces...) }

// PurposeNames lists the purposes in order.
func PurposeNames() []string {
	var names []string
	for n := range Purposes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Missing returns the pieces among names whose probe fails.
func Missing(names ...string) ([]Piece, error) {
	var missing []Piece
	for _, n := range names {
		p, err := Lookup(n)
		if err != nil {
			return nil, err
		}
		if p.Probe() != nil {
			missing = append(missing, p)
		}
	}
	return missing, nil
}

// Install installs the named pieces that are missing: with apt-get when root
// on Debian or Ubuntu, otherwise it returns an error saying exactly what to
// install. It prints what it does to log-like stdout of the caller.
func Install(names ...string) error {
	missing, err := Missing(names...)
	if err != nil || len(missing) == 0 {
		return err
	}
	var pkgs, what []string
	for _, p := range missing {
		pkgs = append(pkgs, p.Debian...)
		what = append(what, p.Name)
	}
	if os.Geteuid() != 0 || !fileExists("/etc/debian_version") {
		var fixes []string
		for _, p := range missing {
			fixes = append(fixes, "  "+p.Name+" ("+p.For+"): "+p.Fix())
		}
		return fmt.Errorf("missing: %s; install them as root, then run this again:\n%s", strings.Join(what, ", "), strings.Join(fixes, "\n"))
	}
	fmt.Printf("installing %s: apt-get install %s\n", strings.Join(what, ", "), strings.Join(pkgs, " "))
	if err := AptInstall(pkgs...); err != nil {
		return err
	}
	still, _ := Missing(what...)
	if len(still) > 0 {
		var errs []string
		for _, p := range still {
			errs = append(errs, p.Name+": "+p.Probe().Error())
		}
		return fmt.Errorf("installed %s but still missing: %s", strings.Join(pkgs, " "), strings.Join(errs, "; "))
	}
	return nil
}

// AptInstall runs apt-get update and install non-interactively, waiting for
// another apt run's lock rather than failing on it.
func AptInstall(pkgs ...string) error {
	lock := []string{"-o", "DPkg::Lock::Timeout=600"}
	for _, args := range [][]string{
		append([]string{"update", "-q"}, lock...),
		append(append([]string{"install", "-y", "-q"}, lock...), pkgs...),
	} {
		cmd := exec.Command("apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get %s: %v", strings.Join(args, " "), err)
		}
	}
	return nil
}

// PythonCandidates lists interpreters in order of preference. Debian's
// /usr/bin/python3 comes before PATH because the python3 first on PATH may be
// a separate build (pyenv, conda) without Debian's packages.
func PythonCandidates() []string {
	var c []string
	if p := os.Getenv("GRADBOOK_PYTHON"); p != "" {
		c = append(c, p)
	}
	c = append(c, "/usr/bin/python3")
	if p, err := exec.LookPath("python3"); err == nil {
		c = append(c, p)
	}
	return c
}

// Python returns the first interpreter that can import every module in mods,
// or an error listing what was tried.
func Python(mods ...string) (string, error) {
	probe := "import " + strings.Join(mods, ", ")
	var tried []string
	for _, py := range PythonCandidates() {
		if exec.Command(py, "-c", probe).Run() == nil {
			return py, nil
		}
		tried = append(tried, py)
	}
	return "", fmt.Errorf("no Python with %s (tried %s)", strings.Join(mods, ", "), strings.Join(tried, ", "))
}

func pythonWith(mods ...string) func() error {
	return func() error { _, err := Python(mods...); return err }
}

func command(name string) func() error {
	return func() error {
		if _, err := exec.LookPath(name); err != nil {
			return fmt.Errorf("no %s command on PATH", name)
		}
		return nil
	}
}

func all(probes ...func() error) func() error {
	return func() error {
		for _, p := range probes {
			if err := p(); err != nil {
				return err
			}
		}
		return nil
	}
}

func file(path string) func() error {
	return func() error {
		if !fileExists(path) {
			return errors.New(path + " not found")
		}
		return nil
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
