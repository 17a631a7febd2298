package main

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// execOptions control how a notebook is executed.
type execOptions struct {
	kernel      string        // kernel spec name; default gradbook
	timeout     time.Duration // per cell; default 10 minutes (a cold build cache takes ~30 s per cell)
	allowErrors bool          // run every cell even after one fails (grading)
	outDir      string        // where executed copies go; default <repo>/out/executed
	log         io.Writer     // per-cell lines; nil means silent
	env         []string      // extra environment for the kernel, e.g. GOPROXY=off
	sandbox     *sandbox      // run the runner, kernel and cells in it (grade); nil: on the host
	slot        int           // the sandbox slot, which picks the uid
	warming     bool          // the sandbox may fill its shared build cache (the run of the student version)
}

// cellResult is one executed code cell as runner.py reports it.
type cellResult struct {
	Index     int      `json:"index"`
	ID        string   `json:"id"`
	Seconds   float64  `json:"seconds"`
	Status    string   `json:"status"` // ok, error or timeout
	Ename     string   `json:"ename"`
	Evalue    string   `json:"evalue"`
	Detail    string   `json:"detail"` // stderr and error text of a failed cell
	FirstLine string   `json:"first_line"`
	MIME      []string `json:"mime"` // MIME types of the cell's display outputs
}

// notebookResult is the outcome of executing one notebook.
type notebookResult struct {
	Path    string       `json:"path"`
	Out     string       `json:"out"` // the executed copy
	Cells   []cellResult `json:"cells"`
	Seconds float64      `json:"seconds"`
	Fatal   string       `json:"fatal,omitempty"` // the kernel died or did not start
}

// Failed returns the first failed cell, or nil.
func (r *notebookResult) Failed() *cellResult {
	for i := range r.Cells {
		if r.Cells[i].Status != "ok" {
			return &r.Cells[i]
		}
	}
	return nil
}

// Err names the notebook and cell of the first failure, or returns nil.
func (r *notebookResult) Err() error {
	if r.Fatal != "" {
		if r.Out == "" {
			return fmt.Errorf("%s: %s", r.Path, r.Fatal)
		}
		return fmt.Errorf("%s: %s (executed copy: %s)", r.Path, r.Fatal, r.Out)
	}
	if c := r.Failed(); c != nil {
		msg := strings.TrimSpace(c.Ename + ": " + firstLines(c.Evalue, 12))
		if c.Detail != "" {
			msg += "\n" + c.Detail
		}
		return fmt.Errorf("%s: code cell %d (%q) %s: %s\n(executed copy with the full output: %s)", r.Path, c.Index, c.FirstLine, c.Status, msg, r.Out)
	}
	return nil
}

// Images counts display outputs that carry an image.
func (r *notebookResult) Images() int {
	n := 0
	for _, c := range r.Cells {
		for _, m := range c.MIME {
			if strings.HasPrefix(m, "image/") {
				n++
			}
		}
	}
	return n
}

func runExec(args []string) error {
	fs := flag.NewFlagSet("exec", flag.ContinueOnError)
	opt := execOptions{log: os.Stdout}
	fs.StringVar(&opt.outDir, "out", "", "folder for the executed copies (default <repo>/out/executed)")
	fs.DurationVar(&opt.timeout, "timeout", 10*time.Minute, "time limit per cell")
	fs.BoolVar(&opt.allowErrors, "allow-errors", false, "keep executing after a failing cell")
	fs.StringVar(&opt.kernel, "kernel", kernelName, "kernel spec to execute with")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("no notebook given: exec [-out DIR] NOTEBOOK.ipynb ...")
	}
	env, err := prepareKernel()
	if err != nil {
		return err
	}
	var failed []string
	for _, nb := range fs.Args() {
		res, err := executeNotebook(env, nb, opt)
		if err == nil {
			err = res.Err()
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "FAIL %v\n", err)
			failed = append(failed, nb)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d notebooks failed: %s", len(failed), fs.NArg(), strings.Join(failed, ", "))
	}
	return nil
}

// prepareKernel makes sure Jupyter and the kernel are there. A missing
// Jupyter is an error that says how to install it: executing and grading do
// not change the system. A missing or outdated kernel is (re)built into the
// checkout (without gopls, which executing does not need); an installed,
// current kernel is left as it is, with the options it was installed with.
func prepareKernel() (*jupyterEnv, error) {
	env, err := needJupyter()
	if err != nil {
		return nil, err
	}
	if !kernelIsCurrent() {
		if _, err := install(installOptions{quiet: true, online: installedOnline()}); err != nil {
			return nil, err
		}
	}
	return env, nil
}

// kernelIsCurrent reports whether doctor would pass the kernel spec, gonb and
// goimports.
func kernelIsCurrent() bool {
	root, err := repoRoot()
	if err != nil {
		return false
	}
	bin := binDir(root)
	for _, name := range []string{"gonb", "goimports"} {
		if _, _, err := toolCheck(root, bin, name)(); err != nil {
			return false
		}
	}
	_, _, err = checkSpec(root, bin)
	return err == nil
}

// executeNotebook runs one notebook through the kernel with nbclient and
// returns every code cell's outcome. The error is about running at all
// (Python missing, notebook unreadable); cell failures are in the result.
func executeNotebook(env *jupyterEnv, path string, opt execOptions) (*notebookResult, error) {
	if opt.kernel == "" {
		opt.kernel = kernelName
	}
	if opt.timeout == 0 {
		opt.timeout = 10 * time.Minute
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("notebook %s: %w", path, err)
	}
	if opt.outDir == "" {
		root, err := repoRoot()
		if err != nil {
			return nil, err
		}
		opt.outDir = filepath.Join(root, "out", "executed")
	}
	if err := os.MkdirAll(opt.outDir, 0o755); err != nil {
		return nil, err
	}
	res := &notebookResult{Path: path, Out: filepath.Join(opt.outDir, filepath.Base(path))}
	script, err := writeScript("runner.py")
	if err != nil {
		return nil, err
	}
	defer os.Remove(script)
	if opt.sandbox != nil {
		// The sandbox sees only the notebook's folder and the output folder:
		// the runner goes next to the notebook, and both belong to the slot's uid.
		if script, err = opt.sandbox.stage(script, filepath.Dir(abs), opt.outDir, opt.slot); err != nil {
			return nil, err
		}
	}
	args := []string{script, abs, "--out", res.Out, "--kernel", opt.kernel,
		"--timeout", fmt.Sprint(int(opt.timeout.Seconds() + 0.5)), "--cwd", filepath.Dir(abs)}
	if opt.allowErrors {
		args = append(args, "--allow-errors")
	}
	argv := append([]string{env.python}, args...)
	if opt.sandbox != nil {
		argv = opt.sandbox.command(opt.slot, []string{filepath.Dir(abs), opt.outDir}, opt.warming,
			append([]string{"env"}, append(opt.env, argv...)...))
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = filepath.Dir(abs)
	cmd.Env = append(os.Environ(), opt.env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if opt.log != nil {
		fmt.Fprintf(opt.log, "== %s\n", path)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %v", env.python, err)
	}
	done := false
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Bytes()
		var probe struct {
			Done       bool    `json:"done"`
			Seconds    float64 `json:"seconds"`
			Fatal      string  `json:"fatal"`
			Unreadable bool    `json:"unreadable"`
		}
		if json.Unmarshal(line, &probe) != nil {
			continue // not ours: stray output of a library
		}
		if probe.Done {
			done, res.Seconds, res.Fatal = true, probe.Seconds, probe.Fatal
			if probe.Unreadable {
				res.Out = "" // nothing was executed, so there is no copy
			}
			continue
		}
		var c cellResult
		if err := json.Unmarshal(line, &c); err != nil {
			continue
		}
		res.Cells = append(res.Cells, c)
		if opt.log != nil {
			fmt.Fprintf(opt.log, "  cell %3d %7.2fs %-7s %s\n", c.Index, c.Seconds, c.Status, c.FirstLine)
		}
	}
	werr := cmd.Wait()
	if res.Out != "" && !fileExists(res.Out) {
		res.Out = "" // the runner stopped before writing it
	}
	if !done {
		res.Fatal = fmt.Sprintf("the notebook runner stopped early (%v): %s", werr, firstLines(stderr.String(), 20))
	}
	if opt.log != nil && res.Out != "" {
		status := "ok"
		if err := res.Err(); err != nil {
			status = "FAILED"
		}
		fmt.Fprintf(opt.log, "  %s in %.1fs, %d cells, %d images -> %s\n", status, res.Seconds, len(res.Cells), res.Images(), res.Out)
	}
	return res, nil
}

// firstLines shortens s to its first n lines.
func firstLines(s string, n int) string {
	lines := strings.SplitN(strings.TrimSpace(s), "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n")
}
