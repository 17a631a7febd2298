// Package checkout finds the gradbook checkout that a command runs in, so
// that every command and test works from any sub-folder of it.
package checkout

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
)

// ModulePath is gradbook's module path; the checkout is the folder whose
// go.mod declares it.
const ModulePath = "github.com/gradbook/gradbook"

// Root returns the absolute directory holding gradbook's go.mod, found by
// walking up from the working directory.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("module "+ModulePath+"\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the gradbook checkout: no go.mod for " + ModulePath + " above the working directory")
		}
		dir = parent
	}
}
