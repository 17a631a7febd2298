package main

import (
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

	"github.com/gradbook/gradbook/internal/nbformat"
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
	nb, err := nbformat.Read(src)
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
	if err := nbformat.Write(dest, student); err != nil {
		return err
	}
	tests, points := 0, 0.0
	for _, t := range student.Tests() {
		tests++
		points += t.Points
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

// assignmentName is the notebook's metadata gradbook.assignment, else the
// file name without its extension.
func assignmentName(nb nbformat.Notebook, path string) string {
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
func validateSource(nb nbformat.Notebook) error {
	seen := map[string]int{}
	tests := 0
	for i, c := range nb.Cells() {
		g := nbformat.NBGrader(c)
		if g == nil {
			continue
		}
		id := nbformat.GradeID(c)
		if id == "" {
			return fmt.Errorf("cell %d: nbgrader metadata without a grade_id", i)
		}
		if j, dup := seen[id]; dup {
			return fmt.Errorf("cells %d and %d share the grade_id %q", j, i, id)
		}
		seen[id] = i
		if nbformat.IsTest(c) {
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
func assignNotebook(src nbformat.Notebook, name string) (nbformat.Notebook, error) {
	if err := validateSource(src); err != nil {
		return nil, err
	}
	nb := src.Clone()
	for i, c := range nb.Cells() {
		s := nbformat.Source(c)
		var err error
		switch nbformat.Type(c) {
		case "code":
			if strings.Contains(s, beginHidden) && !nbformat.IsTest(c) {
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
		nbformat.SetSource(c, strings.TrimRight(s, "\n"))
		nbformat.ClearOutputs(c)
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
