package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// systemKernelDir is where `go run ./kernel install -system` writes the
// spec, and where Jupyter looks for system-wide kernels on Linux.
const systemKernelDir = "/usr/local/share/jupyter/kernels/gradbook"

// course is the world-readable installation the students' kernels use.
type course struct {
	dir      string // e.g. /srv/gradbook-hubtest
	repo     string // the copy of the repository
	modCache string // a read-only Go module cache shared by the students
	seed     string // a Go build cache warmed by `go run ./kernel warm`, copied to each student
	backup   string // a system kernel spec moved aside, restored by remove
}

// skipDirs are not copied: VCS data, host builds, test output, npm trees.
var skipDirs = map[string]bool{".git": true, ".gradbook": true, "out": true, "node_modules": true, ".ipynb_checkpoints": true}

// copyTree copies the regular files of src into dst (created), skipping
// skipDirs, with modes readable by everyone.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if rel != "." && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if info.Mode()&0o111 != 0 {
		mode = 0o755
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// goEnv returns `go env NAME`.
func goEnv(name string) string {
	out, _ := exec.Command("go", "env", name).Output()
	return strings.TrimSpace(string(out))
}

// run runs a command in dir with extra environment, returning its output in
// the error when it fails.
func run(dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, err, clip(out.String(), 3000))
	}
	return nil
}

// setUpCourse copies the repository to dir, installs the kernel system-wide
// with the README's installer, and fills a module cache the students can read.
func setUpCourse(repoRoot, dir string) (*course, error) {
	c := &course{dir: dir, repo: filepath.Join(dir, "gradbook"), modCache: filepath.Join(dir, "gomodcache"), seed: filepath.Join(dir, "gocache-seed")}
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := copyTree(repoRoot, c.repo); err != nil {
		return nil, fmt.Errorf("copying the repository to %s: %v", c.repo, err)
	}
	// Tools already built in the checkout are reused when their stamps match
	// (same go.mod, go.sum and Go); install rebuilds them otherwise.
	if bin := filepath.Join(repoRoot, ".gradbook", "bin"); dirExists(bin) {
		if err := copyTree(bin, filepath.Join(c.repo, ".gradbook", "bin")); err != nil {
			return nil, err
		}
	}
	if dirExists(systemKernelDir) {
		c.backup = systemKernelDir + ".hubtest-saved"
		os.RemoveAll(c.backup)
		if err := os.Rename(systemKernelDir, c.backup); err != nil {
			return nil, err
		}
	}
	if err := run(c.repo, nil, "go", "run", "./kernel", "install", "-system"); err != nil {
		return c, err
	}
	// The students' builds may not reach the network (GOPROXY=off), so every
	// module the workspace needs goes into a cache they can read, filled
	// from root's cache where it can be.
	proxy := "file://" + filepath.Join(goEnv("GOMODCACHE"), "cache", "download") + "," + goEnv("GOPROXY")
	if err := run(c.repo, []string{"GOMODCACHE=" + c.modCache, "GOPROXY=" + proxy, "GOFLAGS=-mod=mod"}, "go", "mod", "download"); err != nil {
		return c, err
	}
	// A new student's build cache starts as a copy of one warmed here, as
	// /etc/skel seeds a home: otherwise each student's first cell compiles
	// the standard library and gonum/plot (minutes when two do so at once on
	// two busy cores). A build cache is never shared between users: any
	// writer could plant objects in the others' programs. The environment
	// matches the students' (see jupyterhub_config.py), since it is part of
	// the cache keys.
	if err := run(c.repo, append(studentGoEnv(c.modCache), "GOCACHE="+c.seed), "go", "run", "./kernel", "warm"); err != nil {
		return c, err
	}
	if err := run(dir, nil, "chmod", "-R", "a+rX", dir); err != nil {
		return c, err
	}
	return c, nil
}

// studentGoEnv is the Go environment of the students' servers; the hub
// passes it on (jupyterhub_config.py reads GRADBOOK_HUBTEST_GO_*).
func studentGoEnv(modCache string) []string {
	return []string{"GOMODCACHE=" + modCache, "GOPROXY=off", "GOTOOLCHAIN=local", "GOFLAGS=-buildvcs=false"}
}

// seedCache gives a student a private copy of the warmed build cache.
func (c *course) seedCache(s *student) error {
	dst := filepath.Join(s.home, ".cache", "go-build")
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := run(s.home, nil, "cp", "-R", c.seed, dst); err != nil {
		return err
	}
	return run(s.home, nil, "chown", "-R", s.name+":", filepath.Join(s.home, ".cache"))
}

// remove deletes the copy and the system kernel spec, restoring a spec that
// was there before.
func (c *course) remove() error {
	var errs []error
	if dirExists(c.modCache) {
		// Module cache files are read-only; go clean knows how to remove them.
		if err := run(c.dir, []string{"GOMODCACHE=" + c.modCache}, "go", "clean", "-modcache"); err != nil {
			errs = append(errs, err)
		}
	}
	errs = append(errs, os.RemoveAll(c.dir), os.RemoveAll(systemKernelDir))
	if c.backup != "" {
		errs = append(errs, os.Rename(c.backup, systemKernelDir))
	}
	return errors.Join(errs...)
}

func dirExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
