package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/gradbook/gradbook/internal/checkout"
)

// modulePath is the module the kernel is wired to.
const modulePath = checkout.ModulePath

// kernelName is the directory name of the kernel spec; the display name is
// what Jupyter's launcher and kernel menu show.
const (
	kernelName        = "gradbook"
	kernelDisplayName = "Go (gradbook)"
)

// repoRoot returns the checkout every verb works in (internal/checkout).
func repoRoot() (string, error) { return checkout.Root() }

// binDir is where install puts the pinned gonb, goimports and gopls. It lives
// inside the checkout (git-ignored) so that one clone is one installation and
// removing the clone removes everything.
func binDir(root string) string {
	if d := os.Getenv("GRADBOOK_BIN"); d != "" {
		return d
	}
	return filepath.Join(root, ".gradbook", "bin")
}

// jupyterDataDir follows Jupyter's own rule: $JUPYTER_DATA_DIR if set, else
// the per-user data directory of the platform.
func jupyterDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the Jupyter data directory: %v (set JUPYTER_DATA_DIR)", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		if appdata := os.Getenv("APPDATA"); appdata != "" {
			return filepath.Join(appdata, "jupyter"), nil
		}
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		return filepath.Join(xdg, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// kernelSpecDir is the directory of the gradbook kernel spec; install and
// doctor touch nothing else under the data directory.
func kernelSpecDir() (string, error) {
	d, err := jupyterDataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "kernels", kernelName), nil
}
