package main

import (
	"crypto/rand"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gradbook/gradbook/internal/nbformat"
)

// Grading follows nbgrader's autograder: every locked cell of the submission
// (setup and test cells, matched by grade_id) is overwritten by the source's
// version, which puts the hidden tests back and undoes any edit of a test;
// the notebook is executed with every cell run even after errors and a time
// limit per cell; then each graded test cell scores all its points or none.
//
// A test cell scores its points when it ran, ended without an error output
// (gonb reports an error when the cell's program exits non-zero: a panic, a
// compile error, os.Exit(1), an interrupt at the time limit), printed no line
// that begins with "FAIL " (lib/check's failure line), and reached its end:
// the grader appends to every %% test cell a line printing a random token, so
// a solution that calls os.Exit(0) halfway through a test does not pass it.
//
// A test cell missing from the submission is NOT put back: it scores zero
// ("deleted"), as the course rules say, and the rest is graded as usual.
// Locked cells that are not tests (the setup cell) are restored when present
// and stay missing when deleted, so the tests after them may fail.

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
	Executed   string      `json:"executed,omitempty"` // the graded, executed copy
	Score      float64     `json:"score"`
	MaxScore   float64     `json:"max_score"`
	Tests      []testScore `json:"tests"`
	Error      string      `json:"error,omitempty"` // the submission could not be graded at all
}

// gradeOptions control a grading run.
type gradeOptions struct {
	outDir  string        // reports and executed copies
	timeout time.Duration // per cell
	source  string        // assignment source; empty: found by name in notebooks/assignments
	log     io.Writer     // progress; nil means silent
}

func runGrade(args []string) error {
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	opt := gradeOptions{log: os.Stdout}
	fs.StringVar(&opt.outDir, "out", "", "folder for grades.csv, grades.json and the executed copies (default <repo>/out/grades)")
	fs.DurationVar(&opt.timeout, "timeout", 60*time.Second, "time limit per cell")
	fs.StringVar(&opt.source, "source", "", "the assignment's source notebook (default: found by assignment name in notebooks/assignments)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: go run ./kernel grade [-out DIR] [-timeout 60s] [-source SRC.ipynb] SUBMISSION.ipynb ...\n\n"+
			"The student is the submission's file name without .ipynb, or its folder's\n"+
			"name when the file is named after the assignment (nbgrader's\n"+
			"submitted/STUDENT/ASSIGNMENT.ipynb layout).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("no submission given")
	}
	if opt.outDir == "" {
		root, err := repoRoot()
		if err != nil {
			return err
		}
		opt.outDir = filepath.Join(root, "out", "grades")
	}
	env, err := prepareKernel()
	if err != nil {
		return err
	}
	if err := warm(); err != nil {
		// Grading still works, only the first cell of each notebook is slower.
		fmt.Fprintf(os.Stderr, "grade: warming the build cache failed (%v); carrying on\n", err)
	}
	reports, err := gradeSubmissions(env, fs.Args(), opt)
	if err != nil {
		return err
	}
	for _, r := range reports {
		if r.Error != "" {
			fmt.Printf("%-16s %-24s not graded: %s\n", r.Student, r.Assignment, r.Error)
			continue
		}
		fmt.Printf("%-16s %-24s %5g / %g\n", r.Student, r.Assignment, r.Score, r.MaxScore)
	}
	fmt.Printf("reports: %s, %s\n", filepath.Join(opt.outDir, "grades.csv"), filepath.Join(opt.outDir, "grades.json"))
	return nil
}

// gradeSubmissions grades every submission in turn, writes grades.csv and
// grades.json into opt.outDir and returns the reports. A submission that
// cannot be graded gets a report with its Error and no score; the error is
// only for what stops all grading (the reports cannot be written).
func gradeSubmissions(env *jupyterEnv, subs []string, opt gradeOptions) ([]submissionReport, error) {
	if err := os.MkdirAll(opt.outDir, 0o755); err != nil {
		return nil, err
	}
	if opt.timeout <= 0 {
		opt.timeout = 60 * time.Second
	}
	var reports []submissionReport
	for _, sub := range subs {
		r := gradeOne(env, sub, opt)
		if opt.log != nil {
			fmt.Fprintf(opt.log, "graded %s: %s %g/%g %s\n", sub, r.Student, r.Score, r.MaxScore, r.Error)
		}
		reports = append(reports, r)
	}
	if err := writeGradeReports(opt.outDir, reports); err != nil {
		return nil, err
	}
	return reports, nil
}

// gradeOne grades one submission; every failure ends up in the report.
func gradeOne(env *jupyterEnv, path string, opt gradeOptions) submissionReport {
	r := submissionReport{Submission: path, Student: studentName(path, "")}
	sub, err := nbformat.Read(path)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	srcPath, err := findSource(sub, path, opt.source)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	src, err := nbformat.Read(srcPath)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	r.Assignment = assignmentName(src, srcPath)
	r.Student = studentName(path, r.Assignment)
	for _, t := range src.Tests() {
		r.MaxScore += t.Points
	}
	nonce := randomToken()
	graded := prepareSubmission(src, sub, nonce)

	// Execute a copy named after the student, so executed copies do not
	// overwrite each other.
	work, err := os.MkdirTemp("", "gradbook-grade-")
	if err != nil {
		r.Error = err.Error()
		return r
	}
	defer os.RemoveAll(work)
	input := filepath.Join(work, safeName(r.Student)+"-"+safeName(r.Assignment)+".ipynb")
	if err := nbformat.Write(input, graded); err != nil {
		r.Error = err.Error()
		return r
	}
	res, err := executeNotebook(env, input, execOptions{
		timeout:     opt.timeout,
		allowErrors: true,
		outDir:      filepath.Join(opt.outDir, "executed"),
	})
	if err != nil {
		r.Error = err.Error()
		r.Tests = scoreTests(src, graded, nil, opt.timeout, nonce)
		return r
	}
	r.Executed = res.Out
	executed, err := nbformat.Read(res.Out)
	if err != nil {
		executed = graded // nothing ran; every test scores "not run"
	}
	r.Tests = scoreTests(src, executed, res, opt.timeout, nonce)
	for _, t := range r.Tests {
		r.Score += t.Points
	}
	return r
}

// prepareSubmission returns the notebook to execute: the submission with its
// locked cells replaced by the source's (matched by grade_id), outputs
// cleared, and an end-of-cell token line added to every %% test cell. A
// second cell with the same grade_id, or a cell claiming a grade_id the
// source does not lock, loses its nbgrader metadata so it cannot be scored.
func prepareSubmission(src, sub nbformat.Notebook, nonce string) nbformat.Notebook {
	locked := map[string]map[string]any{}
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
			c = nbformat.CloneCell(orig)
			if nbformat.IsTest(c) {
				nbformat.SetSource(c, endToken(nbformat.Source(c), nonce))
			}
			cells[i] = c
		} else if nbformat.NBGrader(c) != nil && (used[id] || nbformat.IsTest(c) || nbformat.IsLocked(c)) {
			delete(c["metadata"].(map[string]any), "nbgrader")
		}
		nbformat.ClearOutputs(cells[i])
	}
	nb.SetCells(cells)
	return nb
}

// endToken appends to a %% cell a line that prints the token, so the grader
// can tell that the cell ran to its end. Other cells are returned unchanged.
func endToken(src, nonce string) string {
	first, _, _ := strings.Cut(strings.TrimLeft(src, " \t\n"), "\n")
	if t := strings.TrimSpace(first); t != "%%" && !strings.HasPrefix(t, "%% ") {
		return src
	}
	return strings.TrimRight(src, "\n") + "\n" + `println("` + tokenLine(nonce) + `")` + "\n"
}

func tokenLine(nonce string) string { return "gradbook grade: end of test cell " + nonce }

// scoreTests scores every graded test of the source against the executed
// notebook; res may be nil when the notebook did not run at all.
func scoreTests(src, executed nbformat.Notebook, res *notebookResult, timeout time.Duration, nonce string) []testScore {
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
			s.Status, s.Message = judgeCell(executed.Cells()[i], cr, timeout, nonce)
		}
		if s.Status == "passed" {
			s.Points = t.Points
		}
		scores = append(scores, s)
	}
	return scores
}

// judgeCell decides one executed test cell: passed, timeout, error or failed.
func judgeCell(c map[string]any, cr cellResult, timeout time.Duration, nonce string) (status, message string) {
	var stdout, stderr strings.Builder
	var errOut map[string]any
	outs, _ := c["outputs"].([]any)
	for _, o := range outs {
		m, _ := o.(map[string]any)
		switch m["output_type"] {
		case "stream":
			text := nbformat.Text(m["text"])
			if m["name"] == "stderr" {
				stderr.WriteString(text)
			} else {
				stdout.WriteString(text)
			}
		case "error":
			if errOut == nil {
				errOut = m
			}
		}
	}
	hasToken := strings.Contains(stderr.String(), tokenLine(nonce))
	// A cell interrupted at the time limit reports an error (gonb's "signal:
	// interrupt"), so the wall time tells a timeout from other errors.
	failed := cr.Status != "ok" || errOut != nil
	if cr.Status == "timeout" || (failed && cr.Seconds >= timeout.Seconds()-0.5) {
		return "timeout", fmt.Sprintf("stopped at the time limit of %s", timeout)
	}
	if failed {
		return "error", errorSummary(errOut, stderr.String(), cr)
	}
	for _, line := range strings.Split(stdout.String(), "\n") {
		if strings.HasPrefix(line, "FAIL ") {
			return "failed", strings.TrimSpace(line)
		}
	}
	src := nbformat.Source(c)
	if strings.Contains(src, tokenLine(nonce)) && !hasToken {
		return "error", "the cell stopped before its end without an error (os.Exit in the solution?)"
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

// findSource returns the source notebook of a submission: the -source flag,
// else the notebook in notebooks/assignments whose assignment name is the
// submission's (from its metadata, else its file name).
func findSource(sub nbformat.Notebook, path, flagSource string) (string, error) {
	if flagSource != "" {
		return flagSource, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	srcs, err := filepath.Glob(filepath.Join(root, "notebooks", "assignments", "*.ipynb"))
	if err != nil {
		return "", err
	}
	want := assignmentName(sub, path)
	var names []string
	for _, s := range srcs {
		nb, err := nbformat.Read(s)
		if err != nil {
			continue
		}
		name := assignmentName(nb, s)
		if name == want {
			return s, nil
		}
		names = append(names, name)
	}
	return "", fmt.Errorf("no assignment named %q in notebooks/assignments (have %s); pass -source", want, strings.Join(names, ", "))
}

// studentName is the submission's file name without .ipynb, or the name of
// its folder when the file is named after the assignment.
func studentName(path, assignment string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if assignment != "" && base == assignment {
		if dir := filepath.Base(filepath.Dir(path)); dir != "." && dir != string(filepath.Separator) {
			return dir
		}
	}
	return base
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

func randomToken() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
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
	for _, r := range reports {
		if r.Error != "" {
			w.Write([]string{r.Student, r.Assignment, "", "0", num(r.MaxScore), "not graded", r.Error, "0", r.Submission})
		}
		for _, t := range r.Tests {
			w.Write([]string{r.Student, r.Assignment, t.Test, num(t.Points), num(t.MaxPoints), t.Status, t.Message,
				strconv.FormatFloat(t.Seconds, 'f', 2, 64), r.Submission})
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
