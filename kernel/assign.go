package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Assignments follow nbgrader's conventions (nbgrader.readthedocs.io,
// "Creating and grading assignments"):
//
//   - a solution region is the lines between "// BEGIN SOLUTION" and
//     "// END SOLUTION" (in a markdown cell, "BEGIN SOLUTION" / "END SOLUTION");
//   - a graded test cell carries the metadata
//     {"nbgrader": {"grade": true, "solution": false, "locked": true,
//     "grade_id": "...", "points": N, "schema_version": 3}};
//   - hidden tests are the lines between "// BEGIN HIDDEN TESTS" and
//     "// END HIDDEN TESTS" of a test cell.
//
// `assign` writes the student version: every solution region becomes a stub,
// hidden tests are removed, outputs are cleared. A region inside a function
// body (including a %% cell, whose body is main's) becomes
//
//	// YOUR CODE HERE
//	panic("not implemented")
//
// which compiles whatever the function returns, because a panic ends the
// body. A region at the top level of a cell may hold only function
// declarations; each keeps its doc comment and signature and gets that body.
// Anything else at the top level (types, variables) cannot be stubbed so
// that later cells still compile, and assign refuses it.

const (
	beginSolution = "BEGIN SOLUTION"
	endSolution   = "END SOLUTION"
	beginHidden   = "BEGIN HIDDEN TESTS"
	endHidden     = "END HIDDEN TESTS"
	stubBody      = `panic("not implemented")`
	yourCode      = "// YOUR CODE HERE"
	yourAnswer    = "YOUR ANSWER HERE"
)

func runAssign(args []string) error {
	fs := flag.NewFlagSet("assign", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: go run ./kernel assign SOURCE.ipynb DEST\n\n"+
			"Writes the student version of an nbgrader-style source notebook: solution\n"+
			"regions become panic(\"not implemented\") stubs, hidden tests are removed and\n"+
			"outputs cleared. DEST is a file, or a folder to write SOURCE's name into.")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return errors.New("want a source notebook and a destination")
	}
	src, dest := fs.Arg(0), fs.Arg(1)
	nb, err := readNotebook(src)
	if err != nil {
		return err
	}
	student, err := assignNotebook(nb, assignmentName(nb, src))
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	if dest, err = assignDest(src, dest); err != nil {
		return err
	}
	if err := writeNotebook(dest, student); err != nil {
		return err
	}
	tests, points := 0, 0.0
	for _, t := range gradedTests(student) {
		tests++
		points += t.points
	}
	fmt.Printf("%s -> %s: %d graded tests, %g points\n", src, dest, tests, points)
	return nil
}

// assignDest resolves the destination of assign: an existing folder, a path
// ending in a slash, or a path without the .ipynb extension is a folder
// (created when missing) that receives SOURCE's name; anything else is the
// file to write. The folder is made only once the student version exists, so
// a failing assign leaves nothing behind.
func assignDest(src, dest string) (string, error) {
	fi, err := os.Stat(dest)
	isDir := err == nil && fi.IsDir()
	if !isDir && (strings.HasSuffix(dest, "/") || strings.HasSuffix(dest, string(filepath.Separator)) || filepath.Ext(dest) != ".ipynb") {
		if err := os.MkdirAll(dest, 0o755); err != nil {
			return "", fmt.Errorf("creating the destination folder: %w", err)
		}
		isDir = true
	}
	if isDir {
		return filepath.Join(dest, filepath.Base(src)), nil
	}
	return dest, nil
}

// A notebook is kept as generic JSON so that fields we do not know survive a
// round trip; nbformat writes keys sorted with an indent of one, and so does
// encoding/json for maps.
type notebook map[string]any

func readNotebook(path string) (notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var nb notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, fmt.Errorf("%s: not a notebook: %v", path, err)
	}
	if _, ok := nb["cells"].([]any); !ok {
		return nil, fmt.Errorf("%s: not a notebook: no cells list", path)
	}
	return nb, nil
}

func writeNotebook(path string, nb notebook) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// cells returns the notebook's cells; each is a JSON object.
func (nb notebook) cells() []map[string]any {
	raw, _ := nb["cells"].([]any)
	cs := make([]map[string]any, 0, len(raw))
	for _, c := range raw {
		if m, ok := c.(map[string]any); ok {
			cs = append(cs, m)
		}
	}
	return cs
}

func (nb notebook) setCells(cs []map[string]any) {
	raw := make([]any, len(cs))
	for i, c := range cs {
		raw[i] = c
	}
	nb["cells"] = raw
}

// clone deep-copies a notebook through JSON.
func (nb notebook) clone() notebook {
	data, err := json.Marshal(nb)
	if err != nil {
		panic("kernel: clone notebook: " + err.Error())
	}
	var c notebook
	if err := json.Unmarshal(data, &c); err != nil {
		panic("kernel: clone notebook: " + err.Error())
	}
	return c
}

// cloneCell deep-copies one cell.
func cloneCell(c map[string]any) map[string]any {
	return notebook{"c": c}.clone()["c"].(map[string]any)
}

// cellSource joins a cell's source, which nbformat stores as a string or a
// list of lines.
func cellSource(c map[string]any) string {
	switch s := c["source"].(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, l := range s {
			if str, ok := l.(string); ok {
				b.WriteString(str)
			}
		}
		return b.String()
	}
	return ""
}

// setCellSource stores s as a list of lines, each but the last ending in a
// newline, the way nbformat writes it.
func setCellSource(c map[string]any, s string) {
	lines := strings.SplitAfter(s, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	list := make([]any, len(lines))
	for i, l := range lines {
		list[i] = l
	}
	c["source"] = list
}

func cellType(c map[string]any) string {
	t, _ := c["cell_type"].(string)
	return t
}

// nbgrader returns the cell's nbgrader metadata, or nil.
func nbgrader(c map[string]any) map[string]any {
	md, _ := c["metadata"].(map[string]any)
	g, _ := md["nbgrader"].(map[string]any)
	return g
}

func flag_(m map[string]any, key string) bool {
	b, _ := m[key].(bool)
	return b
}

// gradeID returns the cell's nbgrader grade_id, or "".
func gradeID(c map[string]any) string {
	id, _ := nbgrader(c)["grade_id"].(string)
	return id
}

// isTestCell reports whether c is an autograded test cell: graded, and not
// itself a solution.
func isTestCell(c map[string]any) bool {
	g := nbgrader(c)
	return g != nil && cellType(c) == "code" && flag_(g, "grade") && !flag_(g, "solution")
}

// isLocked reports whether the grader restores c from the source.
func isLocked(c map[string]any) bool {
	g := nbgrader(c)
	return g != nil && (flag_(g, "locked") || isTestCell(c))
}

// clearOutputs empties a code cell's outputs and execution count.
func clearOutputs(c map[string]any) {
	if cellType(c) == "code" {
		c["outputs"] = []any{}
		c["execution_count"] = nil
	}
}

// A gradedTest is one test cell of an assignment.
type gradedTest struct {
	id     string
	points float64
	cell   int // index among the notebook's cells
}

func gradedTests(nb notebook) []gradedTest {
	var ts []gradedTest
	for i, c := range nb.cells() {
		if isTestCell(c) {
			p, _ := nbgrader(c)["points"].(float64)
			ts = append(ts, gradedTest{id: gradeID(c), points: p, cell: i})
		}
	}
	return ts
}

// assignmentName is the notebook's metadata gradbook.assignment, else the
// file name without its extension.
func assignmentName(nb notebook, path string) string {
	md, _ := nb["metadata"].(map[string]any)
	gb, _ := md["gradbook"].(map[string]any)
	if name, ok := gb["assignment"].(string); ok && name != "" {
		return name
	}
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// validateSource checks the nbgrader metadata of an assignment source: unique
// grade ids on every graded or locked cell, positive points on tests, and at
// least one test.
func validateSource(nb notebook) error {
	seen := map[string]int{}
	tests := 0
	for i, c := range nb.cells() {
		g := nbgrader(c)
		if g == nil {
			continue
		}
		id := gradeID(c)
		if id == "" {
			return fmt.Errorf("cell %d: nbgrader metadata without a grade_id", i)
		}
		if j, dup := seen[id]; dup {
			return fmt.Errorf("cells %d and %d share the grade_id %q", j, i, id)
		}
		seen[id] = i
		if isTestCell(c) {
			tests++
			if p, ok := g["points"].(float64); !ok || !(p > 0) {
				return fmt.Errorf("cell %d (%s): a graded test needs points > 0, has %v", i, id, g["points"])
			}
		}
	}
	if tests == 0 {
		return errors.New("no graded test cell (nbgrader metadata grade: true, solution: false)")
	}
	return nil
}

// assignNotebook returns the student version of the source nb.
func assignNotebook(src notebook, name string) (notebook, error) {
	if err := validateSource(src); err != nil {
		return nil, err
	}
	nb := src.clone()
	for i, c := range nb.cells() {
		s := cellSource(c)
		var err error
		switch cellType(c) {
		case "code":
			if strings.Contains(s, beginHidden) && !isTestCell(c) {
				return nil, fmt.Errorf("cell %d: hidden tests outside a graded test cell would be lost", i)
			}
			s, err = stripRegions(s, beginHidden, endHidden, nil)
			if err == nil {
				s, err = stubSolutions(s)
			}
		case "markdown":
			s, err = stripRegions(s, beginSolution, endSolution, func(indent string) string { return yourAnswer + "\n" })
		}
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i, err)
		}
		// nbformat keeps no newline after a cell's last line.
		setCellSource(c, strings.TrimRight(s, "\n"))
		clearOutputs(c)
	}
	md, _ := nb["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		nb["metadata"] = md
	}
	gb, _ := md["gradbook"].(map[string]any)
	if gb == nil {
		gb = map[string]any{}
		md["gradbook"] = gb
	}
	gb["assignment"] = name
	gb["student_version"] = true
	return nb, nil
}

// markerRE matches a line that is only a region marker, as a Go comment or
// bare (markdown), and captures its indentation.
var markerRE = regexp.MustCompile(`^([ \t]*)(?://|#+)?[ \t]*(BEGIN SOLUTION|END SOLUTION|BEGIN HIDDEN TESTS|END HIDDEN TESTS)[ \t]*$`)

// marker returns the marker on a line and its indentation, or "".
func marker(line string) (kind, indent string) {
	m := markerRE.FindStringSubmatch(strings.TrimRight(line, "\r\n"))
	if m == nil {
		return "", ""
	}
	return m[2], m[1]
}

// A region is the lines [begin, end] of a cell, markers included (0-based).
type region struct{ begin, end int }

// findRegions returns the regions between open and close markers, with
// errors for unmatched or nested markers naming the line (1-based).
func findRegions(lines []string, open, close string) ([]region, error) {
	var rs []region
	start := -1
	for i, l := range lines {
		switch k, _ := marker(l); k {
		case open:
			if start >= 0 {
				return nil, fmt.Errorf("line %d: %q inside the region opened on line %d", i+1, open, start+1)
			}
			start = i
		case close:
			if start < 0 {
				return nil, fmt.Errorf("line %d: %q without %q", i+1, close, open)
			}
			rs = append(rs, region{start, i})
			start = -1
		}
	}
	if start >= 0 {
		return nil, fmt.Errorf("line %d: %q never closed by %q", start+1, open, close)
	}
	return rs, nil
}

// stripRegions replaces every open…close region of s by repl(indent), or
// removes it when repl is nil.
func stripRegions(s, open, close string, repl func(indent string) string) (string, error) {
	lines := strings.SplitAfter(s, "\n")
	rs, err := findRegions(lines, open, close)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	next := 0
	for _, r := range rs {
		b.WriteString(strings.Join(lines[next:r.begin], ""))
		if repl != nil {
			_, indent := marker(lines[r.begin])
			b.WriteString(repl(indent))
		}
		next = r.end + 1
	}
	b.WriteString(strings.Join(lines[next:], ""))
	return b.String(), nil
}

// stubSolutions replaces the solution regions of a Go cell by stubs: a panic
// inside a function body, stubbed function declarations at the top level.
func stubSolutions(s string) (string, error) {
	lines := strings.SplitAfter(s, "\n")
	rs, err := findRegions(lines, beginSolution, endSolution)
	if err != nil || len(rs) == 0 {
		return s, err
	}
	depth := braceDepths(lines)
	var b strings.Builder
	next := 0
	for _, r := range rs {
		b.WriteString(strings.Join(lines[next:r.begin], ""))
		_, indent := marker(lines[r.begin])
		if depth[r.begin] > 0 {
			b.WriteString(indent + yourCode + "\n" + indent + stubBody + "\n")
		} else {
			stub, err := stubTopLevel(strings.Join(lines[r.begin+1:r.end], ""))
			if err != nil {
				return "", fmt.Errorf("solution region on lines %d-%d: %w", r.begin+1, r.end+1, err)
			}
			b.WriteString(stub)
		}
		next = r.end + 1
	}
	b.WriteString(strings.Join(lines[next:], ""))
	return b.String(), nil
}

// braceDepths returns, for every line of a gonb cell, how many braces are
// open at its start. A "%%" line opens main's body; other magic lines (%…,
// !…) are not Go and are skipped. Strings, runes and comments are skipped
// by go/scanner.
func braceDepths(lines []string) []int {
	var src strings.Builder
	base := 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "%%" || strings.HasPrefix(t, "%% "):
			base = 1
			src.WriteString("\n")
		case strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!"):
			src.WriteString("\n")
		default:
			src.WriteString(strings.TrimRight(l, "\n") + "\n")
		}
	}
	text := []byte(src.String())
	fset := token.NewFileSet()
	file := fset.AddFile("cell.go", -1, len(text))
	var sc scanner.Scanner
	sc.Init(file, text, func(token.Position, string) {}, 0)
	delta := make([]int, len(lines)+1)
	for {
		pos, tok, _ := sc.Scan()
		if tok == token.EOF {
			break
		}
		line := fset.Position(pos).Line - 1
		if tok == token.LBRACE {
			delta[line+1]++
		} else if tok == token.RBRACE {
			delta[line+1]--
		}
	}
	depth := make([]int, len(lines))
	d := base
	for i := range lines {
		d += delta[i]
		depth[i] = d
	}
	return depth
}

// stubTopLevel turns the function declarations of a top-level solution
// region into stubs that keep each doc comment and signature.
func stubTopLevel(src string) (string, error) {
	const header = "package p\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", header+src, parser.ParseComments)
	if err != nil {
		return "", fmt.Errorf("a top-level region must hold whole declarations: %v", err)
	}
	text := header + src
	var b strings.Builder
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			return "", errors.New("a top-level region may hold only function declarations (stub types and variables outside the region)")
		}
		start := fd.Pos()
		if fd.Doc != nil {
			start = fd.Doc.Pos()
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		sig := text[fset.Position(start).Offset:fset.Position(fd.Body.Lbrace).Offset]
		b.WriteString(sig + "{\n\t" + yourCode + "\n\t" + stubBody + "\n}\n")
	}
	if b.Len() == 0 {
		return "", errors.New("the region holds no function declaration")
	}
	return b.String(), nil
}
