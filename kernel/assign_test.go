package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradbook/gradbook/internal/nbformat"
)

func TestStubSolutions(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
	}{{
		name: "function body",
		in: "func slope(f func(float64) float64, x, h float64) float64 {\n" +
			"\t// BEGIN SOLUTION\n\treturn (f(x+h) - f(x)) / h\n\t// END SOLUTION\n}\n",
		want: "func slope(f func(float64) float64, x, h float64) float64 {\n" +
			"\t// YOUR CODE HERE\n\tpanic(\"not implemented\")\n}\n",
	}, {
		name: "main body of a %% cell",
		in:   "%%\n// BEGIN SOLUTION\nx := 2\nfmt.Println(x)\n// END SOLUTION\n",
		want: "%%\n// YOUR CODE HERE\npanic(\"not implemented\")\n",
	}, {
		name: "top-level functions keep doc and signature",
		in: "// BEGIN SOLUTION\n// Square returns x².\nfunc Square(x float64) float64 { return x * x }\n\n" +
			"func (n *Node) Back() {\n\tn.g += 1 // a brace in a string: \"{\"\n}\n// END SOLUTION\nvar after = 1\n",
		want: "// Square returns x².\nfunc Square(x float64) float64 {\n\t// YOUR CODE HERE\n\tpanic(\"not implemented\")\n}\n\n" +
			"func (n *Node) Back() {\n\t// YOUR CODE HERE\n\tpanic(\"not implemented\")\n}\nvar after = 1\n",
	}, {
		name: "braces in strings and comments do not count",
		in:   "var s = \"{{\" // }\n// BEGIN SOLUTION\nfunc f() {}\n// END SOLUTION\n",
		want: "var s = \"{{\" // }\nfunc f() {\n\t// YOUR CODE HERE\n\tpanic(\"not implemented\")\n}\n",
	}, {
		name: "no region",
		in:   "func f() {}\n",
		want: "func f() {}\n",
	}} {
		got, err := stubSolutions(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}

func TestStubSolutionsErrors(t *testing.T) {
	for _, c := range []struct{ name, in, msg string }{
		{"unclosed", "// BEGIN SOLUTION\nx := 1\n", "line 1: \"BEGIN SOLUTION\" never closed"},
		{"stray end", "x := 1\n// END SOLUTION\n", "line 2: \"END SOLUTION\" without"},
		{"nested", "// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n", "line 2"},
		{"top-level type", "// BEGIN SOLUTION\ntype T struct{}\n// END SOLUTION\n", "only function declarations"},
		{"top-level statement", "// BEGIN SOLUTION\nx := 1\n// END SOLUTION\n", "whole declarations"},
	} {
		_, err := stubSolutions(c.in)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.msg)
		}
	}
}

// testNotebook builds a small assignment source.
func testNotebook() nbformat.Notebook {
	code := func(src string, md map[string]any) any {
		return map[string]any{"cell_type": "code", "source": src, "metadata": md,
			"outputs": []any{map[string]any{"output_type": "stream", "name": "stdout", "text": "old\n"}}, "execution_count": 3.0}
	}
	grader := func(id string, grade, solution, locked bool, points float64) map[string]any {
		g := map[string]any{"grade_id": id, "grade": grade, "solution": solution, "locked": locked, "schema_version": 3.0}
		if grade {
			g["points"] = points
		}
		return map[string]any{"nbgrader": g}
	}
	return nbformat.Notebook{
		"nbformat": 4.0, "nbformat_minor": 5.0,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "gradbook"}},
		"cells": []any{
			map[string]any{"cell_type": "markdown", "metadata": map[string]any{}, "source": "Why?\n\nBEGIN SOLUTION\nBecause.\nEND SOLUTION\n"},
			code("func double(x float64) float64 {\n\t// BEGIN SOLUTION\n\treturn 2 * x\n\t// END SOLUTION\n}\n", grader("double", false, true, false, 0)),
			code("%%\ncheck.Value(\"double(2)\", double(2), 4, 0)\n// BEGIN HIDDEN TESTS\ncheck.Value(\"double(-1)\", double(-1), -2, 0)\n// END HIDDEN TESTS\n",
				grader("test_double", true, false, true, 2)),
		},
	}
}

func TestAssignNotebook(t *testing.T) {
	src := testNotebook()
	before := src.Clone()
	nb, err := assignNotebook(src, "demo")
	if err != nil {
		t.Fatal(err)
	}
	cs := nb.Cells()
	if got := nbformat.Source(cs[0]); got != "Why?\n\nYOUR ANSWER HERE" {
		t.Errorf("markdown answer: %q", got)
	}
	if got := nbformat.Source(cs[1]); strings.Contains(got, "2 * x") || !strings.Contains(got, `panic("not implemented")`) {
		t.Errorf("solution not stubbed: %q", got)
	}
	test := nbformat.Source(cs[2])
	if strings.Contains(test, "double(-1)") || strings.Contains(test, "HIDDEN") || !strings.Contains(test, "double(2)") {
		t.Errorf("hidden tests not removed, or visible ones lost: %q", test)
	}
	for i, c := range cs {
		if nbformat.Type(c) == "code" && (len(c["outputs"].([]any)) != 0 || c["execution_count"] != nil) {
			t.Errorf("cell %d: outputs not cleared", i)
		}
	}
	if ts := nb.Tests(); len(ts) != 1 || ts[0].ID != "test_double" || ts[0].Points != 2 {
		t.Errorf("graded tests of the student version: %+v", ts)
	}
	md := nb["metadata"].(map[string]any)["gradbook"].(map[string]any)
	if md["assignment"] != "demo" {
		t.Errorf("assignment name: %v", md)
	}
	// The source is left alone.
	if nbformat.Source(src.Cells()[2]) != nbformat.Source(before.Cells()[2]) {
		t.Error("assignNotebook modified its source")
	}
}

func TestAssignValidates(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(nb nbformat.Notebook)
		error string
	}{
		{"duplicate grade id", func(nb nbformat.Notebook) {
			nbformat.NBGrader(nb.Cells()[1])["grade_id"] = "test_double"
		}, "share the grade_id"},
		{"no points", func(nb nbformat.Notebook) { delete(nbformat.NBGrader(nb.Cells()[2]), "points") }, "points > 0"},
		{"no tests", func(nb nbformat.Notebook) { nbformat.NBGrader(nb.Cells()[2])["grade"] = false }, "no graded test cell"},
		{"hidden tests in a solution cell", func(nb nbformat.Notebook) {
			nbformat.SetSource(nb.Cells()[1], "// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS\n")
		}, "cell 1: hidden tests outside"},
	} {
		nb := testNotebook()
		c.edit(nb)
		_, err := assignNotebook(nb, "demo")
		if err == nil || !strings.Contains(err.Error(), c.error) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.error)
		}
	}
}

// TestAssignBundled makes the student version of every bundled assignment
// and checks that no solution or hidden test leaks into it.
func TestAssignBundled(t *testing.T) {
	srcs, _ := filepath.Glob(filepath.Join("..", "notebooks", "assignments", "*.ipynb"))
	if len(srcs) < 3 {
		t.Fatalf("want at least three assignments in notebooks/assignments, found %d", len(srcs))
	}
	for _, src := range srcs {
		nb, err := nbformat.Read(src)
		if err != nil {
			t.Fatal(err)
		}
		student, err := assignNotebook(nb, assignmentName(nb, src))
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		for i, c := range student.Cells() {
			s := nbformat.Source(c)
			for _, m := range []string{beginSolution, endSolution, beginHidden, endHidden} {
				if strings.Contains(s, m) {
					t.Errorf("%s: student cell %d still holds %q", src, i, m)
				}
			}
		}
		if len(student.Tests()) != len(nb.Tests()) {
			t.Errorf("%s: the student version lost graded tests", src)
		}
	}
}

// TestAssignIntoAMissingFolder: the README's `assign SOURCE release/` must
// work before release/ exists (it failed with "open release/: is a
// directory" and left an empty folder behind).
func TestAssignIntoAMissingFolder(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(root, "notebooks", "assignments", "a1-finite-differences.ipynb")
	for _, dest := range []string{"release/", "release", filepath.Join("nested", "release") + "/"} {
		dir := t.TempDir()
		target := filepath.Join(dir, dest)
		if err := runAssign([]string{src, target}); err != nil {
			t.Errorf("assign into missing %q: %v", dest, err)
			continue
		}
		if _, err := nbformat.Read(filepath.Join(target, filepath.Base(src))); err != nil {
			t.Errorf("assign into %q wrote no readable notebook: %v", dest, err)
		}
	}
	// A failing assign leaves no folder behind.
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.ipynb")
	if err := os.WriteFile(bad, []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runAssign([]string{bad, filepath.Join(dir, "out/")}); err == nil {
		t.Error("assign of a malformed source succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a failing assign left its destination folder behind")
	}
}
