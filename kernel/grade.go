package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gradbook/gradbook/internal/nbformat"
	"github.com/gradbook/gradbook/lib/check/observe"
)

// Grading follows nbgrader's autograder for what runs: every locked cell of
// the submission (setup and test cells, matched by grade_id) is overwritten
// by the source's version, which puts the hidden tests back and undoes any
// edit of a test, and the notebook is executed with every cell run even after
// errors and a time limit per cell.
//
// What passes is decided here, never inside the program that runs the
// student's code (anything printed or computed there can be forged): the
// test cells' checks report observations — the values the student's
// functions return on the test inputs (lib/check/observe) — and the grader
// compares them with the observations of the instructor's source notebook,
// run the same way, using the source's tolerances. A test cell scores all
// its points when it ran without an error and every reference observation
// arrived exactly once and agrees; otherwise none.
//
// Identity comes from the grader: the assignment is the -source notebook
// (named by -assignment, default its file name), the student is the name of
// the folder holding the submission (submitted/STUDENT/anything.ipynb);
// nothing in the submission's metadata is read.
//
// A test cell missing from the submission is NOT put back: it scores zero
// ("deleted"). Locked cells that are not tests (the setup cell) are restored
// when present and stay missing when deleted.

// testScore is one graded test of one submission.
type testScore struct {
	Test      string  `json:"test"`
	Points    float64 `json:"points"`
	MaxPoints float64 `json:"max_points"`
	Status    string  `json:"status"` // passed, failed, error, timeout, deleted, not run
	Message   string  `json:"message,omitempty"`
	Seconds   float64 `json:"seconds"`
}

// submissionReport is the outcome of grading one submission.
type submissionReport struct {
	Student    string      `json:"student"`
	Assignment string      `json:"assignment"`
	Submission string      `json:"submission"`
	Feedback   string      `json:"feedback,omitempty"` // the student's feedback notebook
	Score      float64     `json:"score"`
	MaxScore   float64     `json:"max_score"`
	Tests      []testScore `json:"tests"`
	Error      string      `json:"error,omitempty"` // the submission could not be graded at all
}

// gradeOptions control a grading run.
type gradeOptions struct {
	outDir      string        // reports and feedback
	timeout     time.Duration // per cell
	source      string        // the assignment's source notebook (required)
	assignment  string        // its name; default the source's file name
	jobs        int           // submissions graded at once
	shard       shard         // which part of the submissions this run grades
	log         io.Writer     // progress; nil means silent
	cacheDir    string        // reference observations; default <repo>/.gradbook/grade-cache
	sandbox     *sandbox      // where submissions run; nil only with unsandboxed
	unsandboxed bool          // the grader was told to run student code on the host
	alias       string        // the name test cells import lib/check as (hardenTest); set per run
}

func runGrade(args []string) error {
	flags := flag.NewFlagSet("grade", flag.ContinueOnError)
	opt := gradeOptions{log: os.Stdout}
	var shardSpec string
	var merge bool
	flags.StringVar(&opt.outDir, "out", "", "folder for grades.csv, grades.json and feedback/ (default <repo>/out/grades)")
	flags.DurationVar(&opt.timeout, "timeout", 60*time.Second, "time limit per cell")
	flags.StringVar(&opt.source, "source", "", "the assignment's source notebook, with solutions and hidden tests (required)")
	flags.StringVar(&opt.assignment, "assignment", "", "the assignment's name (default: the source's file name)")
	flags.IntVar(&opt.jobs, "j", 2, "submissions graded at once")
	flags.StringVar(&shardSpec, "shard", "", "K/N: grade only shard K (0 ≤ K < N) of the submissions and write shard-K-of-N.json")
	flags.BoolVar(&opt.unsandboxed, "unsandboxed", false, "run student code without the sandbox (UNSAFE: see the README's threat model)")
	flags.BoolVar(&merge, "merge", false, "combine the shard-*.json files given as arguments into grades.csv and grades.json")
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "usage: go run ./kernel grade -source SRC.ipynb [-assignment NAME] [-out DIR] [-j N] [-shard K/N] submitted/STUDENT/NOTEBOOK.ipynb ...\n"+
			"       go run ./kernel grade -merge [-out DIR] shard-0-of-N.json ...\n\n"+
			"The student is the name of the folder holding each submission; the\n"+
			"assignment is the source notebook given here, never the submission's metadata.")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() == 0 {
		flags.Usage()
		return errors.New("no submission given")
	}
	if opt.outDir == "" {
		root, err := repoRoot()
		if err != nil {
			return err
		}
		opt.outDir = filepath.Join(root, "out", "grades")
	}
	if merge {
		reports, err := mergeShards(flags.Args())
		if err != nil {
			return err
		}
		if err := os.MkdirAll(opt.outDir, 0o755); err != nil {
			return err
		}
		if err := writeGradeReports(opt.outDir, reports); err != nil {
			return err
		}
		printReports(reports, opt.outDir)
		return nil
	}
	if opt.source == "" {
		flags.Usage()
		return errors.New("-source is required: the grader, not the submission, says what is graded")
	}
	if shardSpec != "" {
		var err error
		if opt.shard, err = parseShard(shardSpec); err != nil {
			return err
		}
	}
	env, err := prepareKernel()
	if err != nil {
		return err
	}
	if opt.unsandboxed {
		fmt.Fprintln(os.Stderr, unsandboxedWarning)
	} else {
		root, err := repoRoot()
		if err != nil {
			return err
		}
		if opt.sandbox, err = needSandbox(root); err != nil {
			return fmt.Errorf("%v\ngrade refuses to run student code without its sandbox; -unsandboxed runs it anyway, giving up what the README's threat model lists", err)
		}
		defer opt.sandbox.remove()
	}
	if err := warm(); err != nil {
		// Grading still works, only the first cell of each notebook is slower.
		fmt.Fprintf(os.Stderr, "grade: warming the build cache failed (%v); carrying on\n", err)
	}
	reports, err := gradeSubmissions(env, flags.Args(), opt)
	if err != nil {
		return err
	}
	printReports(reports, opt.outDir)
	return nil
}

// unsandboxedWarning is what -unsandboxed gives up.
const unsandboxedWarning = `grade: WARNING: -unsandboxed: student code runs as this user, on this machine, with
its network and files. A submission can read the source notebook and its solutions,
change the checkout (lib/check, other students' grades), leave processes behind
and reach the network. Scores still come from observations compared here, but
nothing else in the threat model holds. Use it only for notebooks you trust.`

// printReports prints what the grade files hold, from the same reports.
func printReports(reports []submissionReport, outDir string) {
	for _, r := range reports {
		if r.Error != "" {
			fmt.Printf("%-16s %-24s not graded: %s\n", r.Student, r.Assignment, r.Error)
			continue
		}
		fmt.Printf("%-16s %-24s %5g / %g\n", r.Student, r.Assignment, r.Score, r.MaxScore)
	}
	fmt.Printf("reports: %s\n", outDir)
}

// gradeSubmissions grades the submissions of this run's shard, opt.jobs at a
// time, writes grades.csv and grades.json (or, for a shard, its partial
// result) and per-student feedback into opt.outDir and returns the reports
// in the order of subs. A submission that cannot be graded gets a report with
// its Error and no score; the error is for what stops all grading.
func gradeSubmissions(env *jupyterEnv, subs []string, opt gradeOptions) ([]submissionReport, error) {
	if opt.timeout <= 0 {
		opt.timeout = 60 * time.Second
	}
	if opt.jobs < 1 {
		opt.jobs = 1
	}
	if opt.jobs >= uidBlock {
		return nil, fmt.Errorf("-j %d: at most %d submissions at once (one sandbox uid each)", opt.jobs, uidBlock-1)
	}
	if opt.sandbox == nil && !opt.unsandboxed {
		return nil, errors.New("no sandbox to grade in (and not told to grade unsandboxed)")
	}
	src, err := nbformat.Read(opt.source)
	if err != nil {
		return nil, err
	}
	if err := validateSource(src); err != nil {
		return nil, fmt.Errorf("%s: %w", opt.source, err)
	}
	if opt.assignment == "" {
		opt.assignment = strings.TrimSuffix(filepath.Base(opt.source), filepath.Ext(opt.source))
	}
	if err := os.MkdirAll(filepath.Join(opt.outDir, "feedback"), 0o755); err != nil {
		return nil, err
	}
	subs = opt.shard.pick(subs)
	opt.alias = "gradbookcheck" + randomToken()
	ref, err := referenceObservations(env, src, opt)
	if err != nil {
		return nil, err
	}
	reports := make([]submissionReport, len(subs))
	seen := map[string]int{}
	slots := make(chan int, opt.jobs) // sandbox slots 1..jobs; the reference run used 0
	for k := 1; k <= opt.jobs; k++ {
		slots <- k
	}
	var wg sync.WaitGroup
	var logMu sync.Mutex
	for i, sub := range subs {
		student := studentName(sub)
		if j, dup := seen[student]; dup {
			reports[i] = submissionReport{Student: student, Assignment: opt.assignment, Submission: sub,
				Error: fmt.Sprintf("a second submission of %s (the first is %s)", student, subs[j])}
			continue
		}
		seen[student] = i
		wg.Add(1)
		slot := <-slots
		go func() {
			defer wg.Done()
			defer func() { slots <- slot }()
			r := gradeOneSafely(env, src, ref, sub, slot, opt)
			reports[i] = r
			if opt.log != nil {
				logMu.Lock()
				fmt.Fprintf(opt.log, "graded %s: %s %g/%g %s\n", sub, r.Student, r.Score, r.MaxScore, r.Error)
				logMu.Unlock()
			}
		}()
	}
	wg.Wait()
	if opt.shard.n > 0 {
		return reports, writeShard(opt.outDir, opt.shard, opt.assignment, reports)
	}
	if err := writeGradeReports(opt.outDir, reports); err != nil {
		return nil, err
	}
	return reports, nil
}

// gradeOne grades one submission; every failure ends up in the report.
func gradeOne(env *jupyterEnv, src nbformat.Notebook, ref map[string][]observe.Record, path string, slot int, opt gradeOptions) submissionReport {
	r := submissionReport{Submission: path, Student: studentName(path), Assignment: opt.assignment}
	for _, t := range src.Tests() {
		r.MaxScore += t.Points
	}
	sub, err := readSubmission(path)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	graded := prepareSubmission(src, sub, opt.alias)
	res, executed, err := runObserved(env, graded, r.Student, slot, false, opt)
	if err != nil {
		r.Error = err.Error()
		r.Tests = scoreTests(src, graded, nil, ref, opt.timeout)
		return r
	}
	r.Tests = scoreTests(src, executed, res, ref, opt.timeout)
	for _, t := range r.Tests {
		r.Score += t.Points
	}
	fb := filepath.Join(opt.outDir, "feedback", feedbackName(r.Student))
	if err := nbformat.Write(fb, feedbackNotebook(src, sub, r)); err != nil {
		r.Error = "writing the feedback: " + err.Error()
		return r
	}
	r.Feedback = fb
	return r
}

// gradeOneSafely is gradeOne for a goroutine of a parallel run: a panic
// (a bug of ours, met on one strange submission) becomes that submission's
// error instead of ending the grading of the whole class.
func gradeOneSafely(env *jupyterEnv, src nbformat.Notebook, ref map[string][]observe.Record, path string, slot int, opt gradeOptions) (r submissionReport) {
	defer func() {
		if p := recover(); p != nil {
			r = submissionReport{Student: studentName(path), Assignment: opt.assignment, Submission: path,
				Error: fmt.Sprintf("the grader failed on this submission: %v", p)}
		}
	}()
	return gradeOne(env, src, ref, path, slot, opt)
}

// maxSubmissionBytes caps the size of a submitted notebook: the grader
// decodes it whole, in its own process.
const maxSubmissionBytes = 32 << 20

// readRegular reads the regular file at path, at most limit bytes of it;
// a symbolic link, a device or a named pipe is an error, and so is a file
// that changed between the check and the opening.
func readRegular(path string, limit int64) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s)", path, fi.Mode().Type())
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s is %d MiB, more than the %d MiB allowed", path, fi.Size()>>20, limit>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(fi, now) {
		return nil, fmt.Errorf("%s changed while it was read", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("%s is more than the %d MiB allowed", path, limit>>20)
	}
	return data, err
}

// readSubmission reads a submitted notebook, which must be a regular file,
// not a symbolic link, in a folder that is not one either. The grader reads
// it as root outside the sandbox: a link would have it grade the source
// notebook, or another student's submission, as this student's, and hand
// back the linked notebook's cells (the solutions) as feedback.
func readSubmission(path string) (nbformat.Notebook, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	for _, p := range []string{filepath.Dir(abs), abs} {
		fi, err := os.Lstat(p)
		if err != nil {
			return nil, err
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s is a symbolic link: a submission must be a regular file in the student's own folder", p)
		}
	}
	data, err := readRegular(abs, maxSubmissionBytes)
	if err != nil {
		return nil, err
	}
	return nbformat.Parse(abs, data)
}

// runObserved executes a prepared notebook with observations on, in a
// private folder that is removed afterwards: the executed copy holds the
// hidden tests, so it is never handed out. It returns the runner's result
// and the executed notebook (the prepared one when nothing ran). warming
// lets the run fill the sandbox's shared build cache, which every later
// submission starts from: only for a notebook whose compiled programs a
// student may read.
func runObserved(env *jupyterEnv, nb nbformat.Notebook, name string, slot int, warming bool, opt gradeOptions) (*notebookResult, nbformat.Notebook, error) {
	work, err := os.MkdirTemp("", "gradbook-grade-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(work)
	input := filepath.Join(work, "in", safeName(name)+".ipynb")
	if err := nbformat.Write(input, nb); err != nil {
		return nil, nil, err
	}
	res, err := executeNotebook(env, input, execOptions{
		timeout:     opt.timeout,
		allowErrors: true,
		outDir:      filepath.Join(work, "out"),
		env:         []string{observe.EnvVar + "=1"},
		sandbox:     opt.sandbox,
		slot:        slot,
		warming:     warming,
	})
	if err != nil {
		return nil, nil, err
	}
	if res.Out == "" {
		return res, nb, nil // nothing ran; every test scores "not run"
	}
	// The output folder belonged to the student's uid: what is there may be
	// a link to any file of the host (/dev/zero would stall the grader) or a
	// named pipe, which the grader, as root, must not open.
	data, err := readRegular(res.Out, maxExecutedBytes)
	if err != nil {
		return nil, nil, fmt.Errorf("the executed notebook: %v", err)
	}
	executed, err := nbformat.Parse(res.Out, data)
	if err != nil {
		executed = nb // nothing ran; every test scores "not run"
	}
	return res, executed, nil
}

// maxExecutedBytes caps what a submission's executed notebook may hold: a
// notebook that prints more is not graded (the sandbox's file size limit
// bounds what the runner can write at all).
const maxExecutedBytes = 16 << 20

// prepareSubmission returns the notebook to execute: the submission with its
// locked cells replaced by the source's (matched by grade_id) and outputs
// cleared. A second cell with the same grade_id, or a cell claiming a
// grade_id the source does not lock, loses its nbgrader metadata so it cannot
// be scored.
//
// Restored test cells are hardened (hardenTest) with the check alias of
// this grading run.
func prepareSubmission(src, sub nbformat.Notebook, alias string) nbformat.Notebook {
	locked := map[string]nbformat.Cell{}
	for _, c := range src.Cells() {
		if nbformat.IsLocked(c) {
			locked[nbformat.GradeID(c)] = c
		}
	}
	nb := sub.Clone()
	used := map[string]bool{}
	cells := nb.Cells()
	for i, c := range cells {
		id := nbformat.GradeID(c)
		if orig, ok := locked[id]; ok && !used[id] {
			used[id] = true
			cells[i] = nbformat.CloneCell(orig)
			if nbformat.IsTest(cells[i]) {
				nbformat.SetSource(cells[i], hardenTest(nbformat.Source(cells[i]), alias))
			}
		} else if nbformat.NBGrader(c) != nil && (used[id] || nbformat.IsTest(c) || nbformat.IsLocked(c)) {
			delete(c["metadata"].(map[string]any), "nbgrader")
		}
		nbformat.ClearOutputs(cells[i])
	}
	nb.SetCells(cells)
	return nb
}

// referenceObservations runs the source notebook (solutions and hidden
// tests) the way submissions run and returns each test's observations. They
// are cached under the hash of the source and of lib/, so a class is graded
// against one reference run. Every test must observe something and the
// reference must pass its own tests' cells without an error.
func referenceObservations(env *jupyterEnv, src nbformat.Notebook, opt gradeOptions) (map[string][]observe.Record, error) {
	lib := ""
	if opt.sandbox != nil {
		lib = opt.sandbox.libDir()
	}
	key, err := referenceKey(src, lib)
	if err != nil {
		return nil, err
	}
	dir := opt.cacheDir
	if dir == "" {
		root, err := repoRoot()
		if err != nil {
			return nil, err
		}
		dir = filepath.Join(root, ".gradbook", "grade-cache")
	}
	// The reference run starts from a cold build cache and runs the
	// instructor's code: a longer limit.
	refOpt := opt
	refOpt.timeout = max(opt.timeout, 10*time.Minute)
	// The build cache the submissions copy is warmed by the student version
	// (stubs, no hidden tests), never by the reference: the reference's
	// compiled cell programs hold the solutions and hidden tests, and a
	// submission that links and runs one from the cache prints the
	// reference's own observations (attack a15). It is warmed even when the
	// reference observations come from the cache below, or every submission
	// would compile the standard library itself.
	if opt.sandbox != nil {
		if student, err := assignNotebook(src, opt.assignment); err == nil {
			if _, _, err := runObserved(env, student, "warm", 0, true, refOpt); err != nil && opt.log != nil {
				fmt.Fprintf(opt.log, "warming the build cache with the student version failed (%v); carrying on\n", err)
			}
		}
	}
	cache := filepath.Join(dir, key+".json")
	if data, err := os.ReadFile(cache); err == nil {
		var ref map[string][]observe.Record
		if json.Unmarshal(data, &ref) == nil {
			return ref, nil
		}
	}
	if opt.log != nil {
		fmt.Fprintf(opt.log, "running the reference solution %s\n", opt.source)
	}
	res, executed, err := runObserved(env, prepareSubmission(src, src, opt.alias), "reference", 0, false, refOpt)
	if err != nil {
		return nil, fmt.Errorf("the reference run of %s: %w", opt.source, err)
	}
	byIndex := map[int]cellResult{}
	for _, c := range res.Cells {
		byIndex[c.Index] = c
	}
	ref := map[string][]observe.Record{}
	cells := executed.Cells()
	for _, t := range src.Tests() {
		cr, ran := byIndex[t.Cell]
		if !ran || cr.Status != "ok" || t.Cell >= len(cells) {
			return nil, fmt.Errorf("%s: the reference solution fails its own test %s: %s %s", opt.source, t.ID, cr.Status, firstLines(cr.Detail+res.Fatal, 5))
		}
		recs := observe.Parse(cellStdout(cells[t.Cell]))
		if len(recs) == 0 {
			return nil, fmt.Errorf("%s: test %s observes nothing: its checks must come from lib/check", opt.source, t.ID)
		}
		for _, r := range recs {
			if r.Kind == observe.Bool && opt.log != nil {
				fmt.Fprintf(opt.log, "warning: test %s: %q is a check.True, whose pass a student's code can forge; observe a value instead\n", t.ID, r.Name)
			}
		}
		ref[t.ID] = recs
	}
	data, err := json.MarshalIndent(ref, "", " ")
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return ref, os.WriteFile(cache, data, 0o644)
}

// referenceKey hashes the source notebook and every file of lib (the
// sandbox's pristine copy, or the checkout's lib/ when lib is ""), which is
// what the reference observations depend on.
func referenceKey(src nbformat.Notebook, lib string) (string, error) {
	h := sha256.New()
	data, err := src.Encode()
	if err != nil {
		return "", err
	}
	h.Write(data)
	if lib == "" {
		root, err := repoRoot()
		if err != nil {
			return "", err
		}
		lib = filepath.Join(root, "lib")
	}
	err = filepath.WalkDir(lib, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(lib, p)
		fmt.Fprintf(h, "%s %d\n", rel, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// cellStdout is everything a code cell wrote to standard output.
func cellStdout(c nbformat.Cell) string {
	var b strings.Builder
	for _, o := range nbformat.Outputs(c) {
		if o["output_type"] == "stream" && o["name"] == "stdout" {
			b.WriteString(nbformat.Text(o["text"]))
		}
	}
	return b.String()
}

// scoreTests scores every graded test of the source against the executed
// notebook; res may be nil when the notebook did not run at all.
func scoreTests(src, executed nbformat.Notebook, res *notebookResult, ref map[string][]observe.Record, timeout time.Duration) []testScore {
	byIndex := map[int]cellResult{}
	if res != nil {
		for _, c := range res.Cells {
			byIndex[c.Index] = c
		}
	}
	where := map[string]int{}
	for i, c := range executed.Cells() {
		if nbformat.IsTest(c) {
			if _, dup := where[nbformat.GradeID(c)]; !dup {
				where[nbformat.GradeID(c)] = i
			}
		}
	}
	var scores []testScore
	for _, t := range src.Tests() {
		s := testScore{Test: t.ID, MaxPoints: t.Points}
		i, present := where[t.ID]
		cr, ran := byIndex[i]
		switch {
		case !present:
			s.Status, s.Message = "deleted", "the test cell is missing from the submission"
		case !ran:
			s.Status, s.Message = "not run", "the cell was not executed"
			if res != nil && res.Fatal != "" {
				s.Message += ": " + firstLines(res.Fatal, 3)
			}
		default:
			s.Seconds = cr.Seconds
			s.Status, s.Message = judgeCell(executed.Cells()[i], cr, ref[t.ID], timeout)
		}
		if s.Status == "passed" {
			s.Points = t.Points
		}
		scores = append(scores, s)
	}
	return scores
}

// judgeCell decides one executed test cell: timeout, error, failed or
// passed. Only the runner's status and the cell's observations count; PASS
// and FAIL lines are for the student's eyes.
func judgeCell(c nbformat.Cell, cr cellResult, ref []observe.Record, timeout time.Duration) (status, message string) {
	var stderr strings.Builder
	var errOut map[string]any
	for _, o := range nbformat.Outputs(c) {
		switch o["output_type"] {
		case "stream":
			if o["name"] == "stderr" {
				stderr.WriteString(nbformat.Text(o["text"]))
			}
		case "error":
			if errOut == nil {
				errOut = o
			}
		}
	}
	// A cell interrupted at the time limit reports an error (gonb's "signal:
	// interrupt"), so the wall time tells a timeout from other errors.
	failed := cr.Status != "ok" || errOut != nil
	if cr.Status == "timeout" || (failed && cr.Seconds >= timeout.Seconds()-0.5) {
		return "timeout", fmt.Sprintf("stopped at the time limit of %s", timeout)
	}
	if failed {
		return "error", errorSummary(errOut, stderr.String(), cr)
	}
	for _, v := range observe.Compare(ref, observe.Parse(cellStdout(c))) {
		if !v.OK {
			return "failed", v.Name + ": " + v.Why
		}
	}
	return "passed", ""
}

// errorSummary names what went wrong in a failed cell: the panic line when
// there is one, else the error's value.
func errorSummary(errOut map[string]any, stderr string, cr cellResult) string {
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "panic: ") {
			return strings.TrimSpace(line)
		}
	}
	if cr.Detail != "" {
		return firstLines(cr.Detail, 3)
	}
	if errOut != nil {
		return strings.TrimSpace(fmt.Sprint(errOut["ename"], ": ", errOut["evalue"]))
	}
	return strings.TrimSpace(cr.Ename + ": " + cr.Evalue)
}

// studentName is the name of the folder holding the submission.
func studentName(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return filepath.Base(filepath.Dir(abs))
}

// feedbackNotebook is what a student gets back: their own cells as they
// submitted them, outputs cleared, and after each graded test's place a
// markdown cell with its result. Test cells are shown as the student version
// has them (no hidden tests), and a failure message is shown only when it
// names a check the student can see; for the rest only the test's name,
// points and pass or fail.
func feedbackNotebook(src, sub nbformat.Notebook, r submissionReport) nbformat.Notebook {
	visible := map[string]string{}
	if student, err := assignNotebook(src, r.Assignment); err == nil {
		for _, c := range student.Cells() {
			if nbformat.IsLocked(c) {
				visible[nbformat.GradeID(c)] = nbformat.Source(c)
			}
		}
	}
	byTest := map[string]testScore{}
	for _, t := range r.Tests {
		byTest[t.Test] = t
	}
	nb := sub.Clone()
	var cells []nbformat.Cell
	md := func(text string) nbformat.Cell {
		c := nbformat.Cell{"cell_type": "markdown", "metadata": map[string]any{}}
		nbformat.SetSource(c, text)
		return c
	}
	cells = append(cells, md(fmt.Sprintf("# Feedback: %s, %s\n\nScore: **%g / %g**", r.Student, r.Assignment, r.Score, r.MaxScore)))
	for _, c := range nb.Cells() {
		id := nbformat.GradeID(c)
		if v, ok := visible[id]; ok {
			nbformat.SetSource(c, v)
		}
		nbformat.ClearOutputs(c)
		cells = append(cells, c)
		t, ok := byTest[id]
		if !ok {
			continue
		}
		text := fmt.Sprintf("**%s** (%g of %g points): %s", t.Test, t.Points, t.MaxPoints, t.Status)
		name, _, _ := strings.Cut(t.Message, ":")
		switch {
		case t.Status == "error" && t.Message != "panic: not implemented":
			// An error's text is the student's program's own output, which
			// may quote the hidden tests (gonb keeps their source next to
			// the executable): say only what kind of ending it was.
			text += " — the cell ended with an error (a panic, a compile error or a non-zero exit)"
		case t.Message != "" && t.Status != "failed":
			text += " — " + t.Message
		case t.Status == "failed" && strings.Contains(visible[id], strconv.Quote(name)):
			text += " — " + t.Message
		case t.Status == "failed":
			text += " — a hidden test failed"
		}
		cells = append(cells, md(text))
	}
	nb.SetCells(cells)
	return nb
}

// A shard is part K of N of a class's submissions, for grading on several
// machines; n == 0 means all of them.
type shard struct{ k, n int }

func parseShard(s string) (shard, error) {
	ks, ns, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 0 || k >= n {
		return shard{}, fmt.Errorf("-shard %q: want K/N with 0 ≤ K < N, such as 0/4", s)
	}
	return shard{k, n}, nil
}

// pick returns the shard's submissions: sorted by path, every N-th from the
// K-th, so every machine that lists the same submissions picks a disjoint
// part and together they pick all.
func (s shard) pick(subs []string) []string {
	if s.n == 0 {
		return subs
	}
	sorted := append([]string(nil), subs...)
	sort.Strings(sorted)
	var mine []string
	for i, p := range sorted {
		if i%s.n == s.k {
			mine = append(mine, p)
		}
	}
	return mine
}

// shardResult is the partial result one shard writes.
type shardResult struct {
	Shard       int                `json:"shard"`
	Shards      int                `json:"shards"`
	Assignment  string             `json:"assignment"`
	Submissions []submissionReport `json:"submissions"`
}

func writeShard(dir string, s shard, assignment string, reports []submissionReport) error {
	data, err := json.MarshalIndent(shardResult{s.k, s.n, assignment, reports}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, fmt.Sprintf("shard-%d-of-%d.json", s.k, s.n)), append(data, '\n'), 0o644)
}

// mergeShards reads the partial results of every shard of one grading run
// and returns their reports sorted by student. Missing, repeated or
// mismatched shards, and a student graded in two shards, are errors.
func mergeShards(paths []string) ([]submissionReport, error) {
	var all []submissionReport
	got := map[int]string{}
	shardOf := map[string]int{}
	n, assignment := 0, ""
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var sr shardResult
		if err := json.Unmarshal(data, &sr); err != nil || sr.Shards < 1 {
			return nil, fmt.Errorf("%s: not a shard result of grade -shard", p)
		}
		if n == 0 {
			n, assignment = sr.Shards, sr.Assignment
		}
		if sr.Shards != n || sr.Assignment != assignment {
			return nil, fmt.Errorf("%s: shard of %d for %q, the others are of %d for %q", p, sr.Shards, sr.Assignment, n, assignment)
		}
		if sr.Shard < 0 || sr.Shard >= n {
			return nil, fmt.Errorf("%s: shard index %d outside 0..%d", p, sr.Shard, n-1)
		}
		if q, dup := got[sr.Shard]; dup {
			return nil, fmt.Errorf("shard %d given twice: %s and %s", sr.Shard, q, p)
		}
		got[sr.Shard] = p
		// A student's second submission is reported (as an error) in the
		// same shard as the first; in two shards it means the split went
		// wrong.
		for _, r := range sr.Submissions {
			if k, ok := shardOf[r.Student]; ok && k != sr.Shard {
				return nil, fmt.Errorf("%s was graded in two shards (%d and %d)", r.Student, k, sr.Shard)
			}
			shardOf[r.Student] = sr.Shard
		}
		all = append(all, sr.Submissions...)
	}
	for k := 0; k < n; k++ {
		if _, ok := got[k]; !ok {
			return nil, fmt.Errorf("shard %d of %d is missing", k, n)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Student < all[j].Student })
	return all, nil
}

func randomToken() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// feedbackName is the file name of a student's feedback. Two students
// whose names safeName maps to the same ("a b" and "a_b") must not share
// one file, or one of them gets the other's notebook back: a name that
// safeName changed also carries a hash of the name.
func feedbackName(student string) string {
	name := safeName(student)
	if name != student {
		sum := sha256.Sum256([]byte(student))
		name += "-" + hex.EncodeToString(sum[:4])
	}
	return name + ".ipynb"
}

// safeName keeps letters, digits, '-', '_' and '.' of a name for a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, s)
}

// spreadsheetText keeps a text field of grades.csv from being read as a
// formula when the instructor opens the file in a spreadsheet: a student
// folder named =HYPERLINK(…) would otherwise run as one. A leading quote is
// what spreadsheets show as "this is text".
func spreadsheetText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeGradeReports writes grades.csv (one row per student and test) and
// grades.json (one object per submission) into dir.
func writeGradeReports(dir string, reports []submissionReport) error {
	f, err := os.Create(filepath.Join(dir, "grades.csv"))
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"student", "assignment", "test", "points", "max_points", "status", "message", "seconds", "submission"})
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	txt := spreadsheetText
	for _, r := range reports {
		if r.Error != "" {
			w.Write([]string{txt(r.Student), txt(r.Assignment), "", "0", num(r.MaxScore), "not graded", txt(r.Error), "0", txt(r.Submission)})
		}
		for _, t := range r.Tests {
			w.Write([]string{txt(r.Student), txt(r.Assignment), txt(t.Test), num(t.Points), num(t.MaxPoints), t.Status, txt(t.Message),
				strconv.FormatFloat(t.Seconds, 'f', 2, 64), txt(r.Submission)})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	data, err := json.MarshalIndent(map[string]any{"submissions": reports}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "grades.json"), append(data, '\n'), 0o644)
}
