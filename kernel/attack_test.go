package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gradbook/gradbook/internal/nbformat"
	"github.com/gradbook/gradbook/internal/testenv"
	"github.com/gradbook/gradbook/lib/check/observe"
)

// rightFuncs are the tiny assignment's functions, solved.
var rightFuncs = map[string]string{
	"double": "return 2 * x", "halve": "return x / 2", "triple": "return 3 * x",
	"square": "return x * x", "negate": "return -x", "inc": "return x + 1",
}

// funcsCell writes the tiny assignment's solution cell: every function
// solved except those in wrong, whose bodies are given; extra goes on top.
func funcsCell(extra string, wrong map[string]string) string {
	var b strings.Builder
	b.WriteString(extra + "\n")
	for _, name := range []string{"double", "halve", "triple", "square", "negate", "inc"} {
		body := rightFuncs[name]
		if w, ok := wrong[name]; ok {
			body = w
		}
		fmt.Fprintf(&b, "func %s(x float64) float64 {\n%s\n}\n\n", name, body)
	}
	return b.String()
}

// An attack is one adversarial submission of the tiny assignment: its
// solution cell, and the tests it must score zero on.
type attack struct {
	student string
	funcs   string
	edit    func(nb nbformat.Notebook) // more changes to the notebook
	zero    []string                   // tests that must score 0
}

// sandboxUIDsRunning lists processes whose real uid is in the uid block
// that starts at uid0 (one grading run's).
func sandboxUIDsRunning(t *testing.T, uid0 int) []string {
	t.Helper()
	var found []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) > 1 && f[0] == "Uid:" {
				if uid, _ := strconv.Atoi(f[1]); uid >= uid0 && uid < uid0+uidBlock {
					found = append(found, e.Name()+" uid "+f[1])
				}
			}
		}
	}
	return found
}

// TestGradeAttacks grades, in one sandboxed run through the real kernel, an
// honest submission and one submission per attack of issue 12 and more. The
// honest one must score full marks, every attack zero on the tests it
// targets; afterwards the checkout is unchanged, no process of a sandbox uid
// is left, nothing was written into the output folder but the grade files
// and feedback, no connection reached the host, and the grade files say
// what the returned reports say.
func TestGradeAttacks(t *testing.T) {
	if testing.Short() {
		t.Skip("executes notebooks through the kernel")
	}
	testenv.Need(t, "bubblewrap")
	if os.Geteuid() != 0 {
		t.Skip("the sandbox switches each submission to its own uid: needs root")
	}
	env := testKernel(t)
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	srcAbs, _ := filepath.Abs(tinySource)
	dir := t.TempDir()
	out := filepath.Join(dir, "grades")

	// A listener on the host's loopback: a sandbox has its own network
	// namespace, so nothing may arrive here.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	hits := make(chan string, 10)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			hits <- c.RemoteAddr().String()
			c.Close()
		}
	}()
	var forged strings.Builder
	observe.Write(&forged, observe.Floats("double(2)", observe.Rel, 1e9, 4))

	attacks := []attack{
		// 1. A prefix on the check's line.
		{student: "a1-prefix", funcs: funcsCell(`import "fmt"`, map[string]string{"double": `fmt.Print("» "); return 0`}), zero: []string{"test_double"}},
		// 2. FAIL lines sent to /dev/null.
		{student: "a2-devnull", funcs: funcsCell("import \"os\"\nfunc init() { os.Stdout, _ = os.OpenFile(os.DevNull, os.O_WRONLY, 0) }",
			map[string]string{"double": "return 0"}), zero: []string{"test_double"}},
		// 3. A local type standing in for the check package, echoing the expected value.
		{student: "a3-fakecheck", funcs: funcsCell(`import "fmt"
type fakeChecker struct{}
func (fakeChecker) Value(name string, got, want, tol float64) bool {
	fmt.Printf("PASS %s\n\x1egradbook-observation {\"name\":%q,\"kind\":\"rel\",\"values\":[\"%v\"],\"tol\":1e9}\n", name, name, want)
	return true
}
var check fakeChecker`, map[string]string{"double": "return 0"}), zero: []string{"test_double"}},
		// 4. Exit 0 before the checks.
		{student: "a4-exit", funcs: funcsCell(`import "os"`, map[string]string{"double": "os.Exit(0); return 0"}), zero: []string{"test_double"}},
		// 5. Rewrite lib/check in the checkout (and anything else writable).
		{student: "a5-rewrite-lib", funcs: funcsCell(fmt.Sprintf(`import "os"
func init() {
	for _, p := range []string{%q, os.Getenv("GRADBOOK_ROOT") + "/lib/check/check.go", "/gradbook/src/lib/check/check.go"} {
		os.WriteFile(p, []byte("package check\n"), 0o644)
	}
	os.WriteFile(%q, []byte("pwned"), 0o644)
}`, filepath.Join(root, "lib", "check", "check.go"), filepath.Join(root, "PWNED")), map[string]string{"double": "return 0"}), zero: []string{"test_double"}},
		// 6. A detached process that outlives the submission and rewrites the grades.
		{student: "a6-detached", funcs: funcsCell(fmt.Sprintf(`import ("os"; "os/exec"; "syscall")
func init() {
	c := exec.Command("/bin/sh", "-c", "for i in $(seq 200); do echo 'x,tiny,test_double,1' >> %s/grades.csv; touch %s/PWNED; sleep 0.5; done")
	c.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	c.Start()
	for i := 0; i < 50; i++ { exec.Command("/bin/sleep", "1000").Start() }
	_ = os.Getpid()
}`, out, out), map[string]string{"double": "return 0"}), zero: []string{"test_double"}},
		// 7. Read the source notebook (solutions, hidden tests) into the output.
		{student: "a7-read-source", funcs: funcsCell(fmt.Sprintf(`import ("fmt"; "os")
func init() {
	data, err := os.ReadFile(%q)
	fmt.Println("SOURCE:", string(data), err)
	panic("SOURCE: " + string(data))
}`, srcAbs), map[string]string{"double": "return 0"}), zero: []string{"test_double"}},
		// 8. Metadata claiming another assignment and another student.
		{student: "a8-metadata", funcs: funcsCell("", map[string]string{"double": "return 0"}), edit: func(nb nbformat.Notebook) {
			nb.Metadata()["gradbook"] = map[string]any{"assignment": "a2-backward-rules", "student": "alice"}
		}, zero: []string{"test_double"}},
		// 9. A forged record of the visible check (its value is on the page),
		// then an exit before the real records: the hidden check is missing.
		{student: "a9-forge", funcs: funcsCell(`import ("fmt"; "os")`, map[string]string{"double": fmt.Sprintf("fmt.Print(%q); os.Exit(0); return 0", forged.String())}),
			zero: []string{"test_double"}},
		// 13. Read the program's own source (gonb keeps main.go next to the
		// executable), forge a record of every check with the expected value
		// found there, and exit before the real ones.
		{student: "a13-echo-source", funcs: funcsCell(`import ("fmt"; "os"; "path/filepath"; "regexp")`, map[string]string{"double": `exe, _ := os.Executable()
	src, _ := os.ReadFile(filepath.Join(filepath.Dir(exe), "main.go"))
	for _, m := range regexp.MustCompile(` + "`" + `\.Value\("([^"]+)", [^,]+, ([^,]+),` + "`" + `).FindAllStringSubmatch(string(src), -1) {
		fmt.Printf("\n\x1egradbook-observation {\"name\":%q,\"kind\":\"rel\",\"values\":[%q],\"tol\":1}\n", m[1], m[2])
	}
	os.Exit(0)
	return 0`}), zero: []string{"test_double"}},
		// 15. The reference run's compiled programs: link the archive of this
		// test cell's program, which the reference run left in the build
		// cache the submissions start from, run it, print its records and
		// silence fd 1 so the real ones are lost.
		{student: "a15-link-reference", funcs: funcsCell(stealReference, map[string]string{
			"double": "steal(); return 0", "halve": "steal(); return 0", "triple": "steal(); return 0",
			"square": "steal(); return 0", "negate": "steal(); return 0", "inc": "steal(); return 0"}),
			zero: []string{"test_double", "test_halve", "test_triple", "test_square", "test_negate", "test_inc"}},
		// 17. The executed notebook's place in the output folder (the runner's
		// --out) made a link to a host file before the runner writes it: the
		// grader, as root on the host, would read /dev/zero (and stall every
		// grading) or any file; here /etc/hostname. Not graded.
		{student: "a17-link-output", funcs: funcsCell(`import ("os"; "path/filepath"; "strings")
func init() {
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		data, _ := os.ReadFile(p)
		args := strings.Split(string(data), "\x00")
		for i, a := range args {
			if a == "--out" && i+1 < len(args) {
				os.Remove(args[i+1])
				os.Symlink("/etc/hostname", args[i+1])
			}
		}
	}
}`, map[string]string{"double": "return 0"}), zero: []string{"test_double"}},
		// 10. The network: the host's loopback and the internet.
		{student: "a10-network", funcs: funcsCell(fmt.Sprintf(`import ("net"; "time")
func init() {
	for _, a := range []string{%q, "1.1.1.1:80"} {
		if c, err := net.DialTimeout("tcp", a, 2*time.Second); err == nil { c.Close() }
	}
}`, ln.Addr().String()), map[string]string{"double": "return 0"}), zero: []string{"test_double"}},
		// 14. Output larger than the grader reads: the submission is not graded.
		{student: "a14-huge-output", funcs: funcsCell(`import ("os"; "bytes")`, map[string]string{"double": `line := append(bytes.Repeat([]byte("x"), 1<<16-1), '\n')
	for i := 0; i < 20*16; i++ { os.Stdout.Write(line) }
	return 2 * x`}), zero: []string{"test_double", "test_halve", "test_inc"}},
		// 11. An endless loop and a panicking harness.
		{student: "a11-loop-panic", funcs: funcsCell("", map[string]string{"halve": "for { x++ }", "triple": `panic("PASS")`}),
			zero: []string{"test_halve", "test_triple"}},
		// 12. Edit a test cell to print PASS, and copy a test's metadata onto a cell of one's own.
		{student: "a12-edit-tests", funcs: funcsCell("", map[string]string{"square": "return 0", "negate": "return 0"}), edit: func(nb nbformat.Notebook) {
			editCell(t, nb, "test_square", "%%\nfmt.Println(\"PASS square(3)\")")
			cs := nb.Cells()
			extra := nbformat.CloneCell(cs[cellByID(nb, "test_negate")])
			deleteCell(t, nb, "test_negate")
			nbformat.SetSource(extra, "%%\nfmt.Println(\"PASS negate\")")
			nb.SetCells(append(nb.Cells(), extra))
		}, zero: []string{"test_square", "test_negate"}},
	}

	src := readTiny(t)
	student, err := assignNotebook(src, "tiny")
	if err != nil {
		t.Fatal(err)
	}
	subs := []string{}
	write := func(name string, nb nbformat.Notebook) {
		p := filepath.Join(dir, "submitted", name, "tiny.ipynb")
		if err := nbformat.Write(p, nb); err != nil {
			t.Fatal(err)
		}
		subs = append(subs, p)
	}
	honest := student.Clone()
	editCell(t, honest, "funcs", funcsCell("", nil))
	write("alice", honest)
	for _, a := range attacks {
		nb := student.Clone()
		editCell(t, nb, "funcs", a.funcs)
		if a.edit != nil {
			a.edit(nb)
		}
		write(a.student, nb)
	}
	// 18. A folder name that the feedback's file name maps onto another
	// student's ("a18 victim" and "a18_victim"): each must get their own
	// feedback, not the other's notebook.
	victim := student.Clone()
	editCell(t, victim, "funcs", funcsCell("", map[string]string{"inc": "return x + 1 // VICTIM'S OWN CODE"}))
	write("a18_victim", victim)
	collider := student.Clone()
	editCell(t, collider, "funcs", funcsCell("", map[string]string{"double": "return 0"}))
	write("a18 victim", collider)
	// 16. Symbolic links (a submission system that keeps them, such as a
	// git clone): a notebook that is a link to the source notebook (full
	// marks, and its solutions in the feedback), and a student folder that
	// is a link to another student's (their marks). Neither is graded.
	linked := map[string]bool{"a16-link-source": true, "a16-link-folder": true}
	if err := os.MkdirAll(filepath.Join(dir, "submitted", "a16-link-source"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		filepath.Join(dir, "submitted", "a16-link-source", "tiny.ipynb"): srcAbs,
		filepath.Join(dir, "submitted", "a16-link-folder"):               filepath.Join(dir, "submitted", "alice"),
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	subs = append(subs, filepath.Join(dir, "submitted", "a16-link-source", "tiny.ipynb"), filepath.Join(dir, "submitted", "a16-link-folder", "tiny.ipynb"))

	gitStatus := func() string {
		out, err := exec.Command("git", "-C", root, "status", "--porcelain").CombinedOutput()
		if err != nil {
			t.Fatalf("git status: %v: %s", err, out)
		}
		return string(out)
	}
	before := gitStatus()
	sb, err := needSandbox(root)
	if err != nil {
		t.Fatal(err)
	}
	defer sb.remove()
	start := time.Now()
	reports, err := gradeSubmissions(env, subs, gradeOptions{outDir: out, timeout: 20 * time.Second, source: tinySource,
		assignment: "tiny", jobs: 2, cacheDir: t.TempDir(), sandbox: sb})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("graded %d submissions in %.1fs", len(subs), time.Since(start).Seconds())

	byStudent := map[string]submissionReport{}
	for _, r := range reports {
		byStudent[r.Student] = r
		refused := strings.HasPrefix(r.Student, "a14-") || strings.HasPrefix(r.Student, "a17-") || linked[r.Student]
		if (r.Error != "") != refused || r.Assignment != "tiny" {
			t.Errorf("%s: error %q, assignment %q", r.Student, r.Error, r.Assignment)
		}
		if refused && (r.Score != 0 || !strings.Contains(r.Error, "MiB") && !strings.Contains(r.Error, "symbolic link") && !strings.Contains(r.Error, "not a regular file")) {
			t.Errorf("%s: scored %g with error %q, want 0 and the output limit or the link named", r.Student, r.Score, r.Error)
		}
	}
	if fb := byStudent["a18 victim"].Feedback; fb == "" || fb == byStudent["a18_victim"].Feedback {
		t.Errorf("a18: the two students' feedback files are %q and %q", fb, byStudent["a18_victim"].Feedback)
	} else if data, _ := os.ReadFile(fb); strings.Contains(string(data), "VICTIM'S OWN CODE") {
		t.Errorf("a18: %s holds the other student's code", fb)
	}
	if r := byStudent["alice"]; r.Score != 10 {
		t.Errorf("the honest submission scored %g of 10: %+v", r.Score, r.Tests)
	}
	for _, a := range attacks {
		r, ok := byStudent[a.student]
		if !ok {
			t.Errorf("no report for %s", a.student)
			continue
		}
		for _, s := range r.Tests {
			for _, z := range a.zero {
				if s.Test == z && s.Points != 0 {
					t.Errorf("%s scored %g on %s (%s %s)", a.student, s.Points, z, s.Status, s.Message)
				}
			}
		}
		t.Logf("%-16s %4g/10  %v", a.student, r.Score, r.Tests)
	}

	time.Sleep(2 * time.Second) // give a survivor time to act
	if after := gitStatus(); after != before {
		t.Errorf("the checkout changed:\nbefore\n%s\nafter\n%s", before, after)
	}
	if left := sandboxUIDsRunning(t, sb.uid0); len(left) > 0 {
		t.Errorf("processes of sandbox uids are still running: %v", left)
	}
	select {
	case h := <-hits:
		t.Errorf("a submission connected to the host from %s", h)
	default:
	}
	var files []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			files = append(files, rel)
		}
		return nil
	})
	for _, f := range files {
		if f != "grades.csv" && f != "grades.json" && !(strings.HasPrefix(f, "feedback/") && strings.HasSuffix(f, ".ipynb")) {
			t.Errorf("unexpected file in the output: %s", f)
		}
		data, _ := os.ReadFile(filepath.Join(out, f))
		text := string(data)
		// A notebook's sources are JSON strings, where a newline is "\n":
		// search the decoded cells too.
		if nb, err := nbformat.Parse(f, data); err == nil {
			for _, c := range nb.Cells() {
				text += "\n" + nbformat.Source(c)
			}
		}
		for _, secret := range []string{"BEGIN HIDDEN TESTS", "double(-1.5), -3", "return 2 * x\n\t// END SOLUTION"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains %q from the source notebook", f, secret)
			}
		}
	}
	checkGradeFiles(t, out, reports)
}

// checkGradeFiles checks that grades.csv and grades.json say what reports say.
func checkGradeFiles(t *testing.T, out string, reports []submissionReport) {
	t.Helper()
	var js struct{ Submissions []submissionReport }
	data, err := os.ReadFile(filepath.Join(out, "grades.json"))
	if err == nil {
		err = json.Unmarshal(data, &js)
	}
	if err != nil || len(js.Submissions) != len(reports) {
		t.Fatalf("grades.json: %v, %d submissions, want %d", err, len(js.Submissions), len(reports))
	}
	f, err := os.Open(filepath.Join(out, "grades.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) < 2 {
		t.Fatalf("grades.csv: %v, %d rows", err, len(rows))
	}
	perStudent := map[string]float64{}
	for _, row := range rows[1:] {
		p, _ := strconv.ParseFloat(row[3], 64)
		perStudent[row[0]] += p
	}
	for i, r := range reports {
		if js.Submissions[i].Student != r.Student || js.Submissions[i].Score != r.Score {
			t.Errorf("grades.json says %s %g, the grader said %s %g", js.Submissions[i].Student, js.Submissions[i].Score, r.Student, r.Score)
		}
		if perStudent[r.Student] != r.Score {
			t.Errorf("grades.csv gives %s %g points, the grader said %g", r.Student, perStudent[r.Student], r.Score)
		}
	}
}

// TestGradeShards grades three submissions in two shards through the real
// kernel, merges the shards, and compares with grading them in one run.
func TestGradeShards(t *testing.T) {
	if testing.Short() {
		t.Skip("executes notebooks through the kernel")
	}
	env := testKernel(t)
	src := readTiny(t)
	student, err := assignNotebook(src, "tiny")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var subs []string
	for name, funcs := range map[string]string{
		"alice": funcsCell("", nil),
		"bob":   funcsCell("", map[string]string{"double": "return 0", "inc": "return x"}),
		"carol": funcsCell("", map[string]string{"halve": "return x", "triple": "return x", "square": "return x"}),
	} {
		nb := student.Clone()
		editCell(t, nb, "funcs", funcs)
		p := filepath.Join(dir, "submitted", name, "tiny.ipynb")
		if err := nbformat.Write(p, nb); err != nil {
			t.Fatal(err)
		}
		subs = append(subs, p)
	}
	cache := t.TempDir() // one reference run for all three gradings
	// In the sandbox where it can work (root and bwrap), as grading runs.
	var sb *sandbox
	if root, err := repoRoot(); err == nil && os.Geteuid() == 0 {
		if sb, err = needSandbox(root); err == nil {
			defer sb.remove()
		} else {
			t.Logf("sharding without the sandbox: %v", err)
		}
	}
	opt := func(out string, s shard) gradeOptions {
		return gradeOptions{outDir: filepath.Join(dir, out), timeout: 30 * time.Second, source: tinySource,
			assignment: "tiny", jobs: 2, cacheDir: cache, sandbox: sb, unsandboxed: sb == nil, shard: s}
	}
	whole, err := gradeSubmissions(env, subs, opt("whole", shard{}))
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for k := 0; k < 2; k++ {
		// The shards get the list in different orders, as machines listing
		// a shared folder might.
		list := append([]string(nil), subs...)
		if k == 1 {
			list[0], list[2] = list[2], list[0]
		}
		if _, err := gradeSubmissions(env, list, opt("shards", shard{k, 2})); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, filepath.Join(dir, "shards", fmt.Sprintf("shard-%d-of-2.json", k)))
	}
	merged, err := mergeShards(parts)
	if err != nil {
		t.Fatal(err)
	}
	score := func(rs []submissionReport) string {
		var b []string
		for _, r := range rs {
			var tests []string
			for _, s := range r.Tests {
				tests = append(tests, s.Test+"="+s.Status)
			}
			b = append(b, fmt.Sprintf("%s %g %v", r.Student, r.Score, tests))
		}
		sort.Strings(b)
		return strings.Join(b, "\n")
	}
	if score(merged) != score(whole) {
		t.Errorf("merged shards:\n%s\none run:\n%s", score(merged), score(whole))
	}
	if want := map[string]float64{"alice": 10, "bob": 7, "carol": 4}; len(merged) != 3 ||
		merged[0].Score != want[merged[0].Student] || merged[1].Score != want[merged[1].Student] || merged[2].Score != want[merged[2].Student] {
		t.Errorf("merged scores: %s", score(merged))
	}
}

// stealReference is attack 15's code: steal finds, in the build cache, the
// compiled program of the running test cell that is not the student's own
// (it lacks the student's marker), links it with the toolchain in the
// sandbox, runs it, and prints its observation records as the cell's own.
const stealReference = `import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
)

var stolen bool

func steal() {
	if stolen {
		return
	}
	stolen = true
	exe, _ := os.Executable()
	dir := filepath.Dir(exe)
	src, _ := os.ReadFile(filepath.Join(dir, "main.go"))
	m := regexp.MustCompile("gradbook" + ` + "`" + `check[0-9a-f]+\.\w+\("([^"]+)"` + "`" + `).FindSubmatch(src)
	if m == nil {
		return
	}
	list := exec.Command("go", "list", "-export", "-deps", "-f", "{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}", ".")
	list.Dir = dir
	cfg, err := list.Output()
	if err != nil {
		return
	}
	cfgPath := filepath.Join(os.TempDir(), "steal-importcfg")
	os.WriteFile(cfgPath, cfg, 0o644)
	var recs []string
	filepath.WalkDir(os.Getenv("GOCACHE"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "-d") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil || !bytes.HasPrefix(data, []byte("!<arch>\n")) || !bytes.Contains(data, m[1]) || bytes.Contains(data, []byte("STUDENT"+"MARKER")) {
			return nil
		}
		bin := filepath.Join(os.TempDir(), "steal-ref")
		if exec.Command("go", "tool", "link", "-importcfg", cfgPath, "-o", bin, p).Run() != nil {
			return nil
		}
		out, _ := exec.Command(bin).Output()
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, "\x1egradbook-observation ") {
				recs = append(recs, line)
			}
		}
		return nil
	})
	if len(recs) == 0 {
		return
	}
	os.NewFile(1, "stdout").WriteString("\n" + strings.Join(recs, "\n") + "\n")
	null, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	syscall.Dup2(int(null.Fd()), 1)
}
`
