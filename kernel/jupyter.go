package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// debianJupyter are the Debian packages that give the classic Notebook,
// nbclient and nbconvert; PyPI is not always reachable, Debian's mirror is.
var debianJupyter = []string{"jupyter-notebook", "python3-nbclient", "python3-nbconvert", "jupyter-client"}

// pythonCandidates lists interpreters in order of preference. Debian's
// /usr/bin/python3 comes before PATH because the python3 first on PATH may be
// a separate build (pyenv, conda) without Debian's Jupyter packages.
func pythonCandidates() []string {
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

// findPython returns the first interpreter that can import every module in
// mods, or an error listing what was tried.
func findPython(mods ...string) (string, error) {
	probe := "import " + strings.Join(mods, ", ")
	var tried []string
	for _, py := range pythonCandidates() {
		if err := exec.Command(py, "-c", probe).Run(); err == nil {
			return py, nil
		}
		tried = append(tried, py)
	}
	return "", fmt.Errorf("no Python with %s (tried %s)", strings.Join(mods, ", "), strings.Join(tried, ", "))
}

// findJupyter returns the jupyter command that belongs with python.
func findJupyter(python string) (string, error) {
	// The jupyter script installed next to the interpreter matches its modules.
	if j := filepath.Join(filepath.Dir(python), "jupyter"); isExecutable(j) {
		return j, nil
	}
	if home, err := os.UserHomeDir(); err == nil {
		if j := filepath.Join(home, ".local", "bin", "jupyter"); isExecutable(j) {
			return j, nil
		}
	}
	if j, err := exec.LookPath("jupyter"); err == nil {
		return j, nil
	}
	return "", errors.New("no jupyter command found")
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// jupyterEnv is what the verbs need from Jupyter: a Python that can run
// nbclient and the jupyter command of the same installation.
type jupyterEnv struct {
	python  string
	jupyter string
}

// ensureJupyter finds Jupyter or installs it: Debian packages when root on
// Debian or Ubuntu, else pip --user, else a message saying what to install.
func ensureJupyter() (*jupyterEnv, error) {
	if env, err := lookJupyter(); err == nil {
		return env, nil
	}
	fmt.Println("Jupyter with nbclient not found; installing it ...")
	var attempts []string
	if os.Geteuid() == 0 && fileExists("/etc/debian_version") {
		if err := aptInstall(debianJupyter...); err != nil {
			attempts = append(attempts, err.Error())
		} else if env, err := lookJupyter(); err == nil {
			return env, nil
		}
	}
	if py, err := exec.LookPath("python3"); err == nil {
		cmd := exec.Command(py, "-m", "pip", "install", "--user", "jupyterlab", "nbclient", "nbconvert")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			attempts = append(attempts, "pip install --user jupyterlab nbclient: "+err.Error())
		} else if env, err := lookJupyter(); err == nil {
			return env, nil
		}
	}
	return nil, fmt.Errorf("Jupyter is missing and could not be installed (%s).\n"+
		"Install it yourself, then run this again:\n"+
		"  Debian/Ubuntu: sudo apt-get install %s\n"+
		"  elsewhere:     python3 -m pip install --user jupyterlab nbclient nbconvert",
		strings.Join(attempts, "; "), strings.Join(debianJupyter, " "))
}

func lookJupyter() (*jupyterEnv, error) {
	py, err := findPython("nbclient", "nbformat", "jupyter_client")
	if err != nil {
		return nil, err
	}
	j, err := findJupyter(py)
	if err != nil {
		return nil, err
	}
	return &jupyterEnv{python: py, jupyter: j}, nil
}

// aptInstall installs Debian packages non-interactively.
func aptInstall(pkgs ...string) error {
	for _, args := range [][]string{
		{"apt-get", "update", "-q"},
		append([]string{"apt-get", "install", "-y", "-q"}, pkgs...),
	} {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %v", strings.Join(args, " "), err)
		}
	}
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
