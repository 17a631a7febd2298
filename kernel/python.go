package main

import (
	"embed"
	"os"
)

// The Python helpers the verbs run with Jupyter's interpreter: runner.py
// executes a notebook with nbclient (exec, grade), render.py converts
// notebooks to HTML with nbconvert (html, grade's feedback pages). They are
// embedded so the kernel command works from a bare binary too.
//
//go:embed python/*.py
var pythonFS embed.FS

// writeScript puts the embedded helper name where the interpreter can read
// it and returns its path; the caller removes it.
func writeScript(name string) (string, error) {
	data, err := pythonFS.ReadFile("python/" + name)
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp("", "gradbook-*-"+name)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), f.Close()
}
