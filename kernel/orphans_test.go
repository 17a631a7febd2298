//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestKillOrphans: a process whose parent exits (as gopls does when its
// kernel dies) is adopted by a subreaper and killed; the process to keep is
// left alone. The test runs in a child of the test binary so that making it a
// subreaper cannot affect other tests.
func TestKillOrphans(t *testing.T) {
	if os.Getenv("GRADBOOK_ORPHAN_CHILD") == "1" {
		orphanChild()
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillOrphans$")
	cmd.Env = append(os.Environ(), "GRADBOOK_ORPHAN_CHILD=1", "GRADBOOK_ORPHAN_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, name := range []string{"orphan", "kept"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
		if name == "orphan" && alive(pid) {
			t.Errorf("orphan %d still alive", pid)
		}
		if name == "kept" {
			if !alive(pid) {
				t.Errorf("the process to keep (%d) was killed", pid)
			}
			exec.Command("kill", "-9", strconv.Itoa(pid)).Run()
		}
	}
}

// orphanChild becomes a subreaper, makes an orphan (a sleep whose shell
// parent exits at once, in a session of its own) and a child to keep, and
// kills orphans.
func orphanChild() {
	dir := os.Getenv("GRADBOOK_ORPHAN_DIR")
	if err := adoptOrphans(); err != nil {
		panic(err)
	}
	kept := exec.Command("sleep", "300")
	if err := kept.Start(); err != nil {
		panic(err)
	}
	os.WriteFile(filepath.Join(dir, "kept"), []byte(strconv.Itoa(kept.Process.Pid)), 0o644)
	sh := exec.Command("sh", "-c", "setsid sleep 300 & echo $! > "+filepath.Join(dir, "orphan"))
	if err := sh.Run(); err != nil {
		panic(err)
	}
	time.Sleep(200 * time.Millisecond) // let the orphan be re-parented
	if n := killOrphans(kept.Process.Pid); n == 0 {
		panic("no orphan killed")
	}
}
