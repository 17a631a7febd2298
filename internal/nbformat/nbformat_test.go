package nbformat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {
    "nbgrader": {
     "grade": true,
     "grade_id": "test_a",
     "locked": true,
     "points": 2,
     "schema_version": 3,
     "solution": false
    }
   },
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "PASS a\n"
     ]
    }
   ],
   "source": [
    "%%\n",
    "check.Value(\"a\", 1, 1, 0)"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "metadata": {
    "nbgrader": {
     "grade": false,
     "grade_id": "sol",
     "locked": false,
     "schema_version": 3,
     "solution": true
    }
   },
   "outputs": [],
   "source": "func f() {}"
  },
  {
   "cell_type": "markdown",
   "metadata": {
    "unknown_field": "kept"
   },
   "source": "# Title"
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Go (gradbook)",
   "name": "gradbook"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`

// TestRoundTrip: a notebook written the way nbformat writes it comes back
// byte for byte, unknown fields included.
func TestRoundTrip(t *testing.T) {
	nb, err := Parse("sample", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	got, err := nb.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != sample {
		t.Errorf("round trip changed the notebook:\n%s", got)
	}
	path := filepath.Join(t.TempDir(), "sub", "n.ipynb")
	if err := Write(path, nb); err != nil {
		t.Fatal(err)
	}
	back, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if Source(back.Cells()[0]) != Source(nb.Cells()[0]) {
		t.Error("source changed through Write and Read")
	}
}

func TestAccessors(t *testing.T) {
	nb, err := Parse("sample", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	cs := nb.Cells()
	tests := []struct {
		name            string
		cell            Cell
		typ, id         string
		test, lock, sol bool
		points          float64
		source          string
	}{
		{"test cell", cs[0], "code", "test_a", true, true, false, 2, "%%\ncheck.Value(\"a\", 1, 1, 0)"},
		{"solution cell", cs[1], "code", "sol", false, false, true, 0, "func f() {}"},
		{"markdown", cs[2], "markdown", "", false, false, false, 0, "# Title"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Type(tc.cell); got != tc.typ {
				t.Errorf("Type %q, want %q", got, tc.typ)
			}
			if got := GradeID(tc.cell); got != tc.id {
				t.Errorf("GradeID %q, want %q", got, tc.id)
			}
			if IsTest(tc.cell) != tc.test || IsLocked(tc.cell) != tc.lock || IsSolution(tc.cell) != tc.sol {
				t.Errorf("IsTest %v IsLocked %v IsSolution %v, want %v %v %v",
					IsTest(tc.cell), IsLocked(tc.cell), IsSolution(tc.cell), tc.test, tc.lock, tc.sol)
			}
			if got := Points(tc.cell); got != tc.points {
				t.Errorf("Points %g, want %g", got, tc.points)
			}
			if got := Source(tc.cell); got != tc.source {
				t.Errorf("Source %q, want %q", got, tc.source)
			}
		})
	}
	if ts := nb.Tests(); len(ts) != 1 || ts[0] != (Test{ID: "test_a", Points: 2, Cell: 0}) {
		t.Errorf("Tests = %+v", ts)
	}
	if nb.KernelName() != "gradbook" {
		t.Errorf("KernelName %q", nb.KernelName())
	}
}

// TestCloneIsDeep: editing a clone or a cloned cell leaves the original.
func TestCloneIsDeep(t *testing.T) {
	nb, _ := Parse("sample", []byte(sample))
	c := nb.Clone()
	SetSource(c.Cells()[0], "changed\nlines\n")
	ClearOutputs(c.Cells()[0])
	cell := CloneCell(nb.Cells()[1])
	NBGrader(cell)["grade_id"] = "other"
	if Source(nb.Cells()[0]) == "changed\nlines\n" || len(Outputs(nb.Cells()[0])) != 1 || GradeID(nb.Cells()[1]) != "sol" {
		t.Error("editing a clone changed the original")
	}
	if got := c.Cells()[0]["source"].([]any); len(got) != 2 || got[1] != "lines\n" {
		t.Errorf("SetSource stored %q, want two lines", got)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, data, want string }{
		{"not json", "{", "not a notebook"},
		{"no cells", `{"metadata": {}}`, "no cells list"},
	} {
		p := filepath.Join(dir, tc.name+".ipynb")
		os.WriteFile(p, []byte(tc.data), 0o644)
		if _, err := Read(p); err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error %v, want one naming the file and %q", tc.name, err, tc.want)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing.ipynb")); err == nil {
		t.Error("reading a missing file did not fail")
	}
}
