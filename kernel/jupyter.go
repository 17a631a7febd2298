package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/gradbook/gradbook/internal/sysdeps"
)

// findPython returns the first interpreter that can import every module in
// mods, or an error listing what was tried.
func findPython(mods ...string) (string, error) { return sysdeps.Python(mods...) }

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
// Only the verbs that set a machine up (lab, setup) call it; exec, grade and
// html use needJupyter and change nothing on the system.
func ensureJupyter() (*jupyterEnv, error) {
	if env, err := lookJupyter(); err == nil {
		return env, nil
	}
	piece, _ := sysdeps.Lookup("jupyter")
	fmt.Println("Jupyter with nbclient not found; installing it ...")
	var attempts []string
	if os.Geteuid() == 0 && fileExists("/etc/debian_version") {
		if err := sysdeps.Install("jupyter"); err != nil {
			attempts = append(attempts, err.Error())
		} else if env, err := lookJupyter(); err == nil {
			return env, nil
		}
	}
	if py, err := exec.LookPath("python3"); err == nil {
		cmd := exec.Command(py, append([]string{"-m", "pip", "install", "--user"}, piece.Pip...)...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			attempts = append(attempts, "pip install --user: "+err.Error())
		} else if env, err := lookJupyter(); err == nil {
			return env, nil
		}
	}
	return nil, fmt.Errorf("Jupyter is missing and could not be installed (%v).\nInstall it yourself, then run this again: %s", attempts, piece.Fix())
}

// needJupyter finds Jupyter and, when it is missing, says how to install it
// without installing anything.
func needJupyter() (*jupyterEnv, error) {
	env, err := lookJupyter()
	if err != nil {
		piece, _ := sysdeps.Lookup("jupyter")
		return nil, fmt.Errorf("Jupyter with nbclient is missing (%v); `make lab` or `go run ./kernel setup lab` installs it, or by hand: %s", err, piece.Fix())
	}
	return env, nil
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

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
