package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gradbook/gradbook/internal/checkout"
	"github.com/gradbook/gradbook/internal/nbformat"
)

func main() {
	nbPath := flag.String("notebook", "", "lecture notebook to execute (default: notebooks/03-activation-functions.ipynb, else the first lecture)")
	users := flag.String("users", "gbhub-ada,gbhub-bob", "the two system users to create, comma-separated")
	dir := flag.String("dir", "/srv/gradbook-hubtest", "where the course copy, module cache and hub state go")
	cellTimeout := flag.Duration("cell-timeout", 5*time.Minute, "longest a cell may run (a cold Go build cache takes ~30 s)")
	keep := flag.Bool("keep", false, "leave users, hub and files in place after a failure, for debugging")
	flag.Parse()
	if err := mainErr(*nbPath, strings.Split(*users, ","), *dir, *cellTimeout, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "hubtest: FAIL:", err)
		os.Exit(1)
	}
}

// cleanups run in reverse order at the end, on failure, and on a signal.
type cleanups struct {
	mu  sync.Mutex
	fns []func() error
}

func (c *cleanups) add(fn func() error) { c.mu.Lock(); c.fns = append(c.fns, fn); c.mu.Unlock() }

func (c *cleanups) run() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := len(c.fns) - 1; i >= 0; i-- {
		if err := c.fns[i](); err != nil {
			fmt.Fprintln(os.Stderr, "hubtest: cleanup:", err)
		}
	}
	c.fns = nil
}

// checks counts the named checks, printed as they pass or fail.
type checks struct {
	mu           sync.Mutex
	passed, fail int
}

func (c *checks) report(name string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		c.fail++
		fmt.Printf("FAIL %s: %v\n", name, err)
		return
	}
	c.passed++
	fmt.Printf("ok   %s\n", name)
}

func mainErr(nbPath string, users []string, dir string, cellTimeout time.Duration, keep bool) error {
	if os.Geteuid() != 0 {
		return errors.New("must run as root: it creates system users and runs JupyterHub's LocalProcessSpawner (sudo make hub-test)")
	}
	if len(users) != 2 || users[0] == users[1] {
		return fmt.Errorf("-users wants two different names, got %q", users)
	}
	root, err := checkout.Root()
	if err != nil {
		return err
	}
	chp := filepath.Join(root, "hubtest", "node_modules", ".bin", "configurable-http-proxy")
	for _, need := range []struct{ path, fix string }{
		{"jupyterhub", "apt-get install jupyterhub"},
		{"jupyterhub-singleuser", "apt-get install jupyterhub"},
		{"useradd", "apt-get install passwd"},
		{chp, "cd hubtest && npm ci"},
	} {
		if _, err := exec.LookPath(need.path); err != nil {
			return fmt.Errorf("%s not found: %s", need.path, need.fix)
		}
	}
	if nbPath == "" {
		if nbPath, err = defaultLecture(root); err != nil {
			return err
		}
	}
	nb, err := nbformat.Read(nbPath)
	if err != nil {
		return err
	}
	if nb.KernelName() != "gradbook" {
		return fmt.Errorf("%s asks for kernel %q, not gradbook", nbPath, nb.KernelName())
	}

	var clean cleanups
	var interrupted atomic.Bool
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		interrupted.Store(true)
		fmt.Fprintln(os.Stderr, "hubtest: interrupted, cleaning up")
		clean.run()
		os.Exit(1)
	}()
	failed := true
	defer func() {
		// After a signal the handler is cleaning up: run waits for it.
		if failed && keep && !interrupted.Load() {
			fmt.Println("hubtest: -keep: leaving users, hub and", dir, "in place")
			return
		}
		clean.run()
	}()

	t0 := time.Now()
	fmt.Printf("hubtest: installing the course into %s (go run ./kernel install -system) ...\n", dir)
	c, err := setUpCourse(root, dir)
	if c != nil {
		clean.add(c.remove)
	}
	if err != nil {
		return err
	}
	fmt.Printf("hubtest: course ready (%.0fs)\n", time.Since(t0).Seconds())

	password := newID()
	var studs []*student
	for _, name := range users {
		s, err := createStudent(name)
		if err != nil {
			return err
		}
		clean.add(func() error { return removeStudent(s) })
		if err := c.seedCache(s); err != nil {
			return err
		}
		studs = append(studs, s)
	}

	h, err := startHub(hubSettings{
		config: filepath.Join(root, "hubtest", "jupyterhub_config.py"), chp: chp,
		state: filepath.Join(dir, "hub"), users: users, password: password, modCache: c.modCache,
	})
	if h != nil {
		clean.add(h.stop)
	}
	if err != nil {
		return err
	}

	var ck checks
	sessions := make([]*session, len(studs))
	var wg sync.WaitGroup
	for i, s := range studs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sessions[i] = studentRun(&ck, h.url, s, password, nb, filepath.Base(nbPath), cellTimeout)
		}()
	}
	wg.Wait()
	for _, s := range sessions {
		if s.kernel == nil {
			return fmt.Errorf("%s has no running kernel; stopping before the isolation checks (%d passed, %d failed)", s.name, ck.passed, ck.fail)
		}
		defer s.kernel.shutdown()
	}
	isolation(&ck, sessions[0], sessions[1])
	isolation(&ck, sessions[1], sessions[0])
	overlap(sessions)

	fmt.Printf("hubtest: %.0fs in all\n", time.Since(t0).Seconds())
	fmt.Printf("hub-test: %d passed, %d failed\n", ck.passed, ck.fail)
	if ck.fail > 0 {
		fmt.Printf("hubtest: hub log %s:\n%s\n", h.log, tail(h.log, 40))
		return fmt.Errorf("%d of %d checks failed", ck.fail, ck.passed+ck.fail)
	}
	failed = false
	return nil
}

// defaultLecture prefers the activation-functions lecture and otherwise takes
// the first notebook in notebooks/.
func defaultLecture(root string) (string, error) {
	want := filepath.Join(root, "notebooks", "03-activation-functions.ipynb")
	if _, err := os.Stat(want); err == nil {
		return want, nil
	}
	all, _ := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	if len(all) == 0 {
		return "", errors.New("no lecture notebook in notebooks/")
	}
	return all[0], nil
}
