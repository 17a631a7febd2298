package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestProbeFindsAnIncompleteModuleCache reproduces the fresh-machine failure:
// a module cache filled only by building gradbook's packages (as `go build`
// and `warm` fill it) lacks go.mod files the notebook workspace reads. The
// probe must say so, naming the missing module, and ensureModules must fix it.
// The empty cache is filled from the populated one through a file:// proxy,
// so the test needs no network.
func TestProbeFindsAnIncompleteModuleCache(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a module cache")
	}
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if err := downloadModules(root); err != nil {
		t.Fatal(err)
	}
	proxy := "file://" + filepath.Join(goEnv("GOMODCACHE"), "cache", "download")
	cache := t.TempDir()
	t.Setenv("GOMODCACHE", cache)
	t.Setenv("GOPROXY", proxy)
	t.Setenv("GOFLAGS", "-modcacherw") // so t.TempDir can remove it
	build := exec.Command("go", "list", "-deps", "./lib/plots", "github.com/janpfeifer/gonb/gonbui")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("filling the cache by building: %v\n%s", err, out)
	}
	err = probeOffline(root)
	if err == nil {
		t.Fatal("probe passed on a cache filled only by building; want it to find the missing go.mod files")
	}
	if !strings.Contains(err.Error(), "GOPROXY=off") {
		t.Errorf("probe error does not say the kernel runs offline: %v", err)
	}
	t.Logf("probe on the incomplete cache: %v", err)
	if err := ensureModules(root); err != nil {
		t.Fatalf("ensureModules did not make the cache complete: %v", err)
	}
	if _, err := os.Stat(cache); err != nil {
		t.Fatal(err)
	}
}

func TestMissingModules(t *testing.T) {
	for _, tc := range []struct {
		out  string
		want string
	}{
		{"go: gonb_x imports gonum.org/v1/plot: github.com/go-zeromq/goczmq/v4@v4.2.2: module lookup disabled by GOPROXY=off", "github.com/go-zeromq/goczmq/v4@v4.2.2"},
		{"a: /x.go:6:2: gonum.org/v1/gonum@v0.17.0: module lookup disabled by GOPROXY=off\nb: /y.go:1:1: gonum.org/v1/gonum@v0.17.0: module lookup disabled by GOPROXY=off", "gonum.org/v1/gonum@v0.17.0"},
		{"main.go:3:2: package nope is not in std", ""},
	} {
		if got := strings.Join(missingModules(tc.out), " "); got != tc.want {
			t.Errorf("missingModules(%q) = %q, want %q", tc.out, got, tc.want)
		}
	}
}
