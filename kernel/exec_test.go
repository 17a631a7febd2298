package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gradbook/gradbook/internal/testenv"
)

// TestExecRejectsWhatIsNotANotebook: a file that is not a notebook gets one
// line naming the file and the problem, and no executed copy is claimed or
// written.
func TestExecRejectsWhatIsNotANotebook(t *testing.T) {
	testenv.Need(t, "jupyter")
	env, err := needJupyter()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	for _, tc := range []struct{ name, content string }{
		{"garbage.ipynb", "this is not json"},
		{"empty.ipynb", ""},
		{"cells-not-a-list.ipynb", `{"cells": 3, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`},
		{"json-array.ipynb", `[1, 2, 3]`},
		{"notes.txt", "print('hello')\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := executeNotebook(env, path, execOptions{outDir: out, timeout: time.Minute})
			if err == nil {
				err = res.Err()
			}
			if err == nil {
				t.Fatal("no error for a file that is not a notebook")
			}
			msg := err.Error()
			if strings.Count(msg, "\n") > 0 || !strings.Contains(msg, path) || !strings.Contains(msg, "not a valid Jupyter notebook") {
				t.Errorf("want one line naming %s and the problem, got:\n%s", path, msg)
			}
			if strings.Contains(msg, "executed copy") || strings.Contains(msg, "Traceback") {
				t.Errorf("error claims an executed copy or shows a traceback:\n%s", msg)
			}
			if _, err := os.Stat(filepath.Join(out, tc.name)); err == nil {
				t.Errorf("an executed copy of %s was written", tc.name)
			}
		})
	}
}

// TestExecTimeoutKillsTheCell: a cell that ignores SIGINT and SIGTERM and
// spins must not outlive exec's time limit; before the runner adopted and
// killed what the kernel left, it ran on at full CPU under PID 1.
func TestExecTimeoutKillsTheCell(t *testing.T) {
	env := testKernel(t)
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "cell.pid")
	cell := `import (
	"os"
	"os/signal"
	"strconv"
	"syscall"
)

%%
signal.Ignore(os.Interrupt, syscall.SIGTERM)
os.WriteFile(` + strconv.Quote(pidFile) + `, []byte(strconv.Itoa(os.Getpid())), 0o644)
for {
}`
	nb := filepath.Join(dir, "spin.ipynb")
	writeTestNotebook(t, nb, cell)
	res, err := executeNotebook(env, nb, execOptions{outDir: filepath.Join(dir, "out"), timeout: 20 * time.Second, env: offline})
	if err != nil {
		t.Fatal(err)
	}
	if c := res.Failed(); c == nil || c.Status != "timeout" {
		t.Errorf("want the cell reported as timed out, got %+v (fatal %q)", res.Cells, res.Fatal)
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the cell never started: %v", err)
	}
	pid, err := strconv.Atoi(string(data))
	if err != nil {
		t.Fatal(err)
	}
	if alive(pid) {
		t.Errorf("the timed-out cell's process %d is still running after exec returned", pid)
	}
}

// alive reports whether pid is a process that is not a zombie.
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndex(s, ")")+1:])
	return len(fields) > 0 && fields[0] != "Z"
}
