package testfunc

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"

	"github.com/gradbook/gradbook/internal/testenv"
)

type sympyRecord struct {
	Sympy     string
	Functions map[string][]struct {
		X float64
		D []float64
	}
}

// The closed-form derivatives of the corpus agree with SymPy's, recorded in
// testdata/sympy_derivatives.json by testdata/sympy_derivatives.py (SymPy
// 1.11.1, 30-digit evaluation). Only rounding of the closed forms in
// float64 separates them: 1e-13 relative.
func TestScalarsMatchSymPy(t *testing.T) {
	raw, err := os.ReadFile("testdata/sympy_derivatives.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec sympyRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	for _, fn := range Scalars {
		rows, ok := rec.Functions[fn.Name]
		if !ok {
			t.Errorf("%s: no SymPy record", fn.Name)
			continue
		}
		if len(rows) != len(fn.At) {
			t.Errorf("%s: %d recorded points, corpus has %d", fn.Name, len(rows), len(fn.At))
		}
		for i, row := range rows {
			if row.X != fn.At[i] {
				t.Errorf("%s: recorded point %v, corpus %v", fn.Name, row.X, fn.At[i])
			}
			for d, want := range row.D {
				got := fn.D(d, row.X)
				if math.Abs(got-want) > 1e-13*math.Max(1, math.Abs(want)) {
					t.Errorf("%s d%d at %v: closed form %v, SymPy %v", fn.Name, d, row.X, got, want)
				}
			}
			if got := fn.F(row.X); math.Abs(got-row.D[0]) > 1e-14*math.Max(1, math.Abs(got)) {
				t.Errorf("%s at %v: F %v, SymPy %v", fn.Name, row.X, got, row.D[0])
			}
		}
	}
}

// When Debian's SymPy is installed, the recorded file must be what the
// script prints today.
func TestSymPyRecordIsCurrent(t *testing.T) {
	py := testenv.Python(t, "sympy", "sympy")
	out, err := exec.Command(py, "testdata/sympy_derivatives.py").Output()
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := os.ReadFile("testdata/sympy_derivatives.json")
	if !bytes.Equal(bytes.TrimSpace(out), bytes.TrimSpace(rec)) {
		t.Error("testdata/sympy_derivatives.json differs from what the script prints now")
	}
}

// Hand-written gradients, Hessians and Jacobians checked against gonum's
// finite differences, as gonum's optimize/functions does.
func TestVectorsAgainstGonumFD(t *testing.T) {
	for _, fn := range Vectors {
		for _, x := range fn.At {
			g := make([]float64, fn.Dim)
			fn.Grad(g, x)
			want := fd.Gradient(nil, fn.F, x, &fd.Settings{Formula: fd.Central})
			for i := range g {
				if math.Abs(g[i]-want[i]) > 1e-6*math.Max(1, math.Abs(want[i])) {
					t.Errorf("%s at %v: grad %v, fd %v", fn.Name, x, g, want)
				}
			}
			h := mat.NewSymDense(fn.Dim, nil)
			fn.Hess(h, x)
			var wantH mat.SymDense
			fd.Hessian(&wantH, fn.F, x, &fd.Settings{Formula: fd.Central})
			if !mat.EqualApprox(h, &wantH, 1e-3*math.Max(1, mat.Norm(h, math.Inf(1)))) {
				t.Errorf("%s at %v: Hessian differs from fd", fn.Name, x)
			}
			c := make([]complex128, fn.Dim)
			for i, v := range x {
				c[i] = complex(v, 0)
			}
			if real(fn.C(c)) != fn.F(x) && math.Abs(real(fn.C(c))-fn.F(x)) > 1e-14*math.Abs(fn.F(x)) {
				t.Errorf("%s: C and F differ at %v", fn.Name, x)
			}
		}
	}
	for _, fn := range VectorMaps {
		for _, x := range fn.At {
			j := mat.NewDense(fn.M, fn.N, nil)
			fn.Jac(j, x)
			want := mat.NewDense(fn.M, fn.N, nil)
			fd.Jacobian(want, fn.F, x, &fd.JacobianSettings{Formula: fd.Central})
			if !mat.EqualApprox(j, want, 1e-6) {
				t.Errorf("%s at %v: Jacobian differs from fd", fn.Name, x)
			}
		}
	}
}

func TestComplexVersionsMatch(t *testing.T) {
	for _, fn := range Scalars {
		for _, x := range fn.At {
			if got := real(fn.C(complex(x, 0))); math.Abs(got-fn.F(x)) > 1e-14*math.Max(1, math.Abs(got)) {
				t.Errorf("%s at %v: C %v, F %v", fn.Name, x, got, fn.F(x))
			}
		}
	}
}
