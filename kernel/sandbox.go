package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// The sandbox a submission runs in (bubblewrap, Debian's `bubblewrap`):
//
//   - new mount, PID, network, IPC and UTS namespaces; no network but the
//     loopback the kernel talks to Jupyter over;
//   - its own unprivileged uid (a slot of the run's uid block): nothing it starts can
//     signal or read another submission's processes or files;
//   - a file system of read-only system folders (/usr, /etc), the Go
//     toolchain, the module cache, gonb, and a pristine copy of gradbook's
//     go.mod, go.sum and lib/ exported from git HEAD — not the instructor's
//     working tree, which is not there at all, and neither are the source
//     notebook, other submissions or the output folder;
//   - a private /tmp holding HOME and a private copy of a build cache that
//     a run of the student version warmed (never the reference run: its
//     compiled programs hold the solutions);
//   - limits set with prlimit: CPU seconds, address space, processes, file
//     size and open files;
//   - --die-with-parent and the PID namespace: when the notebook runner
//     ends, the kernel kills everything left inside, detached or not.
//
// Only the submission's own work folder (the notebook in, the executed copy
// out) is writable, and the grader reads the result from there.

// Submissions run as uids from sandboxUID on: each grading run leases a
// block of uidBlock of them (leaseUIDs), and slot k of the run uses the
// block's first uid + k, so runs side by side never share a uid.
const (
	sandboxUID = 64200
	uidBlock   = 100
	uidBlocks  = 8
)

// sandboxLimits are the prlimit limits of every process in a sandbox.
var sandboxLimits = []string{
	"--cpu=900",         // CPU seconds per process: a busy loop ends even if the wall-clock limit fails
	"--as=8589934592",   // 8 GiB of address space: Go and Python reserve generously
	"--nproc=2048",      // tasks of the uid, threads included (gonb, go build, Python's threads)
	"--fsize=268435456", // 256 MiB per file written
	"--nofile=4096",     //
	"--core=0",          //
}

// A sandbox is the prepared file system shared by the grading run.
type sandbox struct {
	dir      string // host folder: src/ (pristine lib), jupyter/ (kernel spec), gocache/ (warm build cache)
	bin      string // gonb and goimports
	goroot   string
	modCache string
	uid0     int      // the first uid of this run's block; slot k runs as uid0+k
	lease    *os.File // holds the block (leaseUIDs) until remove
}

// needSandbox checks that the sandbox can work on this machine and prepares
// it. The error says what is missing; grading refuses to run without a
// sandbox unless told -unsandboxed.
func needSandbox(root string) (*sandbox, error) {
	if os.Geteuid() != 0 {
		return nil, errors.New("the sandbox needs root to switch each submission to its own uid (run grade as root, e.g. in the grading container)")
	}
	if _, err := exec.LookPath("bwrap"); err != nil {
		return nil, fmt.Errorf("the sandbox needs bwrap: %s", piece("bubblewrap").Fix())
	}
	// setpriv and prlimit come with util-linux, git and tar with any
	// machine that has a checkout: named, not installed.
	for _, tool := range []string{"setpriv", "prlimit", "git", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, fmt.Errorf("the sandbox needs %s (Debian: apt-get install util-linux git tar)", tool)
		}
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %v", err)
	}
	modCache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOMODCACHE: %v", err)
	}
	dir, err := os.MkdirTemp("", "gradbook-sandbox-")
	if err != nil {
		return nil, err
	}
	s := &sandbox{dir: dir, bin: binDir(root), goroot: strings.TrimSpace(string(goroot)), modCache: strings.TrimSpace(string(modCache))}
	if s.uid0, s.lease, err = leaseUIDs(); err != nil {
		s.remove()
		return nil, err
	}
	if err := s.prepare(root); err != nil {
		s.remove()
		return nil, err
	}
	argv := s.command(0, nil, false, []string{"/bin/true"})
	if out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput(); err != nil {
		s.remove()
		return nil, fmt.Errorf("bubblewrap cannot start a sandbox here: %v: %s", err, firstLines(string(out), 5))
	}
	return s, nil
}

// prepare exports the pristine library, writes the kernel spec and makes
// the build cache folder.
func (s *sandbox) prepare(root string) error {
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return err
	}
	src := filepath.Join(s.dir, "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	archive := exec.Command("git", "-C", root, "archive", "--format=tar", "HEAD", "go.mod", "go.sum", "lib")
	untar := exec.Command("tar", "-x", "-C", src)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return err
	}
	untar.Stdin = pipe
	var errs strings.Builder
	archive.Stderr, untar.Stderr = &errs, &errs
	if err := untar.Start(); err != nil {
		return err
	}
	if err := archive.Run(); err != nil {
		return fmt.Errorf("exporting lib/ from git HEAD: %v: %s", err, errs.String())
	}
	if err := untar.Wait(); err != nil {
		return fmt.Errorf("unpacking lib/: %v: %s", err, errs.String())
	}
	spec := kernelSpec{
		Argv:          []string{"/gradbook/bin/gonb", "--kernel", "{connection_file}", "--go_work=/gradbook/src"},
		DisplayName:   kernelDisplayName,
		Language:      "go",
		InterruptMode: "message",
		Env:           map[string]string{"PATH": "/gradbook/bin:" + s.goroot + "/bin:/usr/bin:/bin", "GOPROXY": "off"},
	}
	data, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	specDir := filepath.Join(s.dir, "jupyter", "kernels", kernelName)
	if err := os.MkdirAll(specDir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(specDir, "kernel.json"), data, 0o644); err != nil {
		return err
	}
	cache := filepath.Join(s.dir, "gocache")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return err
	}
	// A run of the student version (slot 0) fills the cache; the reference run
	// and the submissions copy it.
	return os.Chown(cache, s.uid0, s.uid0)
}

// uid is the uid slot k of this run runs as. A slot beyond the block
// would be another run's uid: that is a bug in the caller.
func (s *sandbox) uid(slot int) int {
	if slot < 0 || slot >= uidBlock {
		panic(fmt.Sprintf("sandbox slot %d outside 0..%d", slot, uidBlock-1))
	}
	return s.uid0 + slot
}

// libDir is the pristine lib/ the sandbox builds against.
func (s *sandbox) libDir() string { return filepath.Join(s.dir, "src", "lib") }

// remove deletes the sandbox's files and gives its uids back.
func (s *sandbox) remove() {
	os.RemoveAll(s.dir)
	if s.lease != nil {
		s.lease.Close()
	}
}

// command returns the argv that runs inner in a sandbox as uid
// s.uid(slot), with binds (host folders, seen at the same path)
// writable. warming makes the shared build cache writable (the run of the
// student version); otherwise the command runs on a private copy of it.
func (s *sandbox) command(slot int, binds []string, warming bool, inner []string) []string {
	uid := strconv.Itoa(s.uid(slot))
	a := []string{"bwrap",
		"--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
		"--die-with-parent", "--new-session",
		"--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", // for setpriv only; it drops every capability
		"--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
		"--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
		"--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp",
		"--perms", "0755", "--dir", "/gradbook",
		"--ro-bind", s.goroot, s.goroot,
		"--ro-bind", s.modCache, "/gradbook/gomod",
		// gonb and goimports only: without gopls, gonb starts no language
		// server, which grading does not need (about a CPU second a notebook).
		"--perms", "0755", "--dir", "/gradbook/bin",
		"--ro-bind", filepath.Join(s.bin, "gonb"), "/gradbook/bin/gonb",
		"--ro-bind", filepath.Join(s.bin, "goimports"), "/gradbook/bin/goimports",
		"--ro-bind", filepath.Join(s.dir, "src"), "/gradbook/src",
		"--ro-bind", filepath.Join(s.dir, "jupyter"), "/gradbook/jupyter",
	}
	gocache := "/tmp/gocache"
	if warming {
		a = append(a, "--bind", filepath.Join(s.dir, "gocache"), "/gradbook/gocache")
		gocache = "/gradbook/gocache"
	} else {
		a = append(a, "--ro-bind", filepath.Join(s.dir, "gocache"), "/gradbook/gocache")
	}
	for _, b := range binds {
		// bwrap would make the folders above a bind 0700 and root's, closing
		// the path to the slot's uid.
		var parents []string
		for p := filepath.Dir(b); p != "/" && p != "/tmp" && p != "."; p = filepath.Dir(p) {
			parents = append([]string{p}, parents...)
		}
		for _, p := range parents {
			a = append(a, "--perms", "0755", "--dir", p)
		}
		a = append(a, "--bind", b, b)
	}
	a = append(a, "--clearenv")
	for k, v := range map[string]string{
		"HOME": "/tmp/home", "PATH": "/gradbook/bin:" + s.goroot + "/bin:/usr/bin:/bin",
		"GOMODCACHE": "/gradbook/gomod", "GOCACHE": gocache, "GOPROXY": "off", "GOTOOLCHAIN": "local",
		"GOFLAGS": "", "GOTELEMETRY": "off", "JUPYTER_DATA_DIR": "/gradbook/jupyter",
		"JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime", "JUPYTER_CONFIG_DIR": "/tmp/jupyter-config",
		"LANG": "C.UTF-8", "TMPDIR": "/tmp",
	} {
		a = append(a, "--setenv", k, v)
	}
	a = append(a, "--", "setpriv", "--reuid="+uid, "--regid="+uid, "--clear-groups",
		"--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", "prlimit")
	a = append(a, sandboxLimits...)
	a = append(a, "--")
	prep := "mkdir -p /tmp/home"
	if !warming {
		prep += " && cp -r /gradbook/gocache /tmp/gocache"
	}
	a = append(a, "/bin/sh", "-c", prep+` && exec "$@"`, "sandbox")
	return append(a, inner...)
}

// stage copies the runner script into the notebook's folder and gives that
// folder and the output folder to the slot's uid; it returns the script's
// new path.
func (s *sandbox) stage(script, dir, outDir string, slot int) (string, error) {
	data, err := os.ReadFile(script)
	if err != nil {
		return "", err
	}
	staged := filepath.Join(dir, filepath.Base(script))
	if err := os.WriteFile(staged, data, 0o644); err != nil {
		return "", err
	}
	uid := s.uid(slot)
	for _, d := range []string{dir, outDir} {
		err := filepath.WalkDir(d, func(p string, _ os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(p, uid, uid)
		})
		if err != nil {
			return "", err
		}
	}
	return staged, nil
}
