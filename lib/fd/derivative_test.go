package fd

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gradbook/gradbook/lib/fd/testfunc"
	gfd "gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

func relErr(got, want float64) float64 {
	return math.Abs(got-want) / math.Max(math.Abs(want), 1)
}

// With the default step h = ε^(1/(p+d))·max(|x|,1), truncation and
// round-off are both about ε^(p/(p+d)); the tests allow a factor of 1000
// for the constants (|f⁽ᵖ⁺ᵈ⁾|, Σ|cᵢ|, the |x| scale) of the corpus.
func TestDerivativeDefaultStepCorpus(t *testing.T) {
	var formulas []Formula
	for d := 1; d <= 4; d++ {
		formulas = append(formulas, MustFormula(Central, d, 2), MustFormula(Central, d, 4), MustFormula(Forward, d, 1), MustFormula(Backward, d, 2))
	}
	for _, fn := range testfunc.Scalars {
		for _, x := range fn.At {
			for _, form := range formulas {
				got := Derivative(fn.F, x, &Settings{Formula: form})
				want := fn.D(form.Derivative, x)
				tol := 1000 * math.Pow(eps, float64(form.Accuracy)/float64(form.Accuracy+form.Derivative))
				scale := math.Max(math.Abs(fn.F(x)), math.Abs(want))
				if e := math.Abs(got-want) / math.Max(scale, 1); e > tol {
					t.Errorf("%s at %v, %v: got %v want %v (rel err %.2g > %.2g)", fn.Name, x, form, got, want, e, tol)
				}
			}
		}
	}
}

func TestDerivativeNilSettingsIsCentral(t *testing.T) {
	x := 1.3
	got := Derivative(math.Sin, x, nil)
	want := apply(math.Sin, x, Central1, Central1.Step(x))
	if got != want {
		t.Errorf("nil settings: %v, central with default step: %v", got, want)
	}
	if e := relErr(got, math.Cos(x)); e > 1e-10 {
		t.Errorf("nil settings: rel err %g", e)
	}
}

// gonum/diff/fd evaluates the same formulas; with the same step the two
// must agree to rounding (ours uses the representable step (x+h)−x, which
// moves the result by about ε/h relative).
func TestDerivativeMatchesGonum(t *testing.T) {
	for _, tc := range []struct {
		ours  Formula
		gonum gfd.Formula
		h     float64
	}{
		{Forward1, gfd.Forward, 1e-6},
		{Backward1, gfd.Backward, 1e-6},
		{Central1, gfd.Central, 1e-4},
		{Central2, gfd.Central2nd, 1e-3},
		{MustFormula(Forward, 2, 1), gfd.Forward2nd, 1e-3},
		{MustFormula(Backward, 2, 1), gfd.Backward2nd, 1e-3},
	} {
		for _, fn := range testfunc.Scalars {
			for _, x := range fn.At {
				got := Derivative(fn.F, x, &Settings{Formula: tc.ours, Step: tc.h})
				want := gfd.Derivative(fn.F, x, &gfd.Settings{Formula: tc.gonum, Step: tc.h})
				if e := relErr(got, want); e > 1e-7 {
					t.Errorf("%s at %v, %v: ours %v gonum %v", fn.Name, x, tc.ours, got, want)
				}
			}
		}
	}
}

func TestGradientCorpus(t *testing.T) {
	for _, fn := range testfunc.Vectors {
		for _, x := range fn.At {
			want := make([]float64, fn.Dim)
			fn.Grad(want, x)
			for _, s := range []*Settings{nil, {Concurrent: true}, {Formula: MustFormula(Central, 1, 4)}, {Formula: Forward1}} {
				x0 := slices.Clone(x)
				var c Counter
				got := Gradient(nil, c.Vector(fn.F), x, s)
				if !slices.Equal(x, x0) {
					t.Fatalf("Gradient modified x")
				}
				form := s.formula(1)
				if c.Calls() != form.Evals(fn.Dim) {
					t.Errorf("%s %v: %d calls, Evals says %d", fn.Name, form, c.Calls(), form.Evals(fn.Dim))
				}
				tol := 1000 * math.Pow(eps, float64(form.Accuracy)/float64(form.Accuracy+1)) * math.Max(1, math.Abs(fn.F(x)))
				for i := range got {
					if e := relErr(got[i], want[i]); e > tol {
						t.Errorf("%s at %v, %v: ∂%d = %v want %v", fn.Name, x, form, i, got[i], want[i])
					}
				}
				// gonum's Gradient with the same formula and step.
				if form.Name == Central1.Name || form.Name == Forward1.Name {
					gf := map[string]gfd.Formula{Central1.Name: gfd.Central, Forward1.Name: gfd.Forward}[form.Name]
					h := form.Step(maxAbs(x))
					g := gfd.Gradient(nil, fn.F, x, &gfd.Settings{Formula: gf, Step: h})
					for i := range g {
						if e := relErr(got[i], g[i]); e > 1e-12 {
							t.Errorf("%s: ours %v gonum %v", fn.Name, got, g)
						}
					}
				}
			}
		}
	}
}

func TestGradientCounts(t *testing.T) {
	// The lecture's cost point: forward differences need n+1 calls, central
	// ones 2n.
	f := testfunc.Vectors[1]
	for _, tc := range []struct {
		form Formula
		want int
	}{{Forward1, f.Dim + 1}, {Central1, 2 * f.Dim}} {
		var c Counter
		Gradient(nil, c.Vector(f.F), f.At[0], &Settings{Formula: tc.form, Concurrent: true})
		if c.Calls() != tc.want {
			t.Errorf("%v: %d calls, want %d", tc.form, c.Calls(), tc.want)
		}
	}
}

func TestJacobianCorpus(t *testing.T) {
	for _, fn := range testfunc.VectorMaps {
		for _, x := range fn.At {
			want := mat.NewDense(fn.M, fn.N, nil)
			fn.Jac(want, x)
			for _, s := range []*Settings{nil, {Concurrent: true}, {Formula: Forward1}} {
				got := mat.NewDense(fn.M, fn.N, nil)
				Jacobian(got, fn.F, x, s)
				tol := 1e-5
				if !mat.EqualApprox(got, want, tol) {
					t.Errorf("%s at %v: got\n%v\nwant\n%v", fn.Name, x, mat.Formatted(got), mat.Formatted(want))
				}
			}
			// Same formula and step as gonum.
			got := mat.NewDense(fn.M, fn.N, nil)
			h := Central1.Step(maxAbs(x))
			Jacobian(got, fn.F, x, &Settings{Step: h})
			g := mat.NewDense(fn.M, fn.N, nil)
			gfd.Jacobian(g, fn.F, x, &gfd.JacobianSettings{Formula: gfd.Central, Step: h})
			if !mat.EqualApprox(got, g, 1e-12) {
				t.Errorf("%s: ours and gonum differ", fn.Name)
			}
		}
	}
}

func TestHessianCorpus(t *testing.T) {
	for _, fn := range testfunc.Vectors {
		for _, x := range fn.At {
			want := mat.NewSymDense(fn.Dim, nil)
			fn.Hess(want, x)
			for _, s := range []*Settings{nil, {Concurrent: true}} {
				var got mat.SymDense
				var c Counter
				Hessian(&got, c.Vector(fn.F), x, s)
				if c.Calls() != 2*fn.Dim*fn.Dim+1 {
					t.Errorf("Hessian: %d calls, want 2n²+1 = %d", c.Calls(), 2*fn.Dim*fn.Dim+1)
				}
				// O(√ε) accuracy relative to the Hessian's scale.
				tol := 1e-6 * math.Max(1, mat.Norm(want, math.Inf(1)))
				if !mat.EqualApprox(&got, want, tol) {
					t.Errorf("%s at %v: got\n%v\nwant\n%v", fn.Name, x, mat.Formatted(&got), mat.Formatted(want))
				}
				// gonum's Hessian (forward formula, its own step) is less
				// accurate; agreement to 1e-3 relative is what it offers.
				var g mat.SymDense
				gfd.Hessian(&g, fn.F, x, nil)
				if !mat.EqualApprox(&got, &g, 1e-3*math.Max(1, mat.Norm(want, math.Inf(1)))) {
					t.Errorf("%s: ours and gonum's Hessian differ beyond gonum's accuracy", fn.Name)
				}
			}
		}
	}
}

// Hessian honours Settings.Formula: the fourth-order central formula for
// the second derivative (points −2…2) costs 4n²+1 calls and, with its own
// step ε^(1/6)·max|x|, errs by about ε^(2/3) ≈ 4e-11 relative instead of
// Central2's √ε ≈ 1.5e-8; 1e-8 separates the two. A nil dst is allocated.
func TestHessianFormula(t *testing.T) {
	form := MustFormula(Central, 2, 4)
	for _, fn := range testfunc.Vectors {
		for _, x := range fn.At {
			want := mat.NewSymDense(fn.Dim, nil)
			fn.Hess(want, x)
			var c Counter
			got := Hessian(nil, c.Vector(fn.F), x, &Settings{Formula: form})
			if c.Calls() != 4*fn.Dim*fn.Dim+1 {
				t.Errorf("%s: %d calls, want 4n²+1 = %d", fn.Name, c.Calls(), 4*fn.Dim*fn.Dim+1)
			}
			tol := 1e-8 * math.Max(1, mat.Norm(want, math.Inf(1)))
			if !mat.EqualApprox(got, want, tol) {
				t.Errorf("%s at %v: O(h⁴) Hessian\n%v\nwant\n%v", fn.Name, x, mat.Formatted(got), mat.Formatted(want))
			}
		}
	}
	if h := Hessian(nil, func([]float64) float64 { return 1 }, nil, nil); h.SymmetricDim() != 0 {
		t.Errorf("Hessian of a function of no variables is %d×%d, want empty", h.SymmetricDim(), h.SymmetricDim())
	}
}

func TestDirectional(t *testing.T) {
	for _, fn := range testfunc.Vectors {
		x := fn.At[0]
		g := make([]float64, fn.Dim)
		fn.Grad(g, x)
		v := make([]float64, fn.Dim)
		for i := range v {
			v[i] = float64(i+1) * 0.3
		}
		var c Counter
		got := Directional(c.Vector(fn.F), x, v, nil)
		if want := mat.Dot(mat.NewVecDense(fn.Dim, g), mat.NewVecDense(fn.Dim, v)); relErr(got, want) > 1e-8 {
			t.Errorf("%s: directional %v want %v", fn.Name, got, want)
		}
		if c.Calls() != 2 {
			t.Errorf("directional: %d calls, want 2 whatever n", c.Calls())
		}
	}
}

func TestComplexStep(t *testing.T) {
	for _, fn := range testfunc.Scalars {
		for _, x := range fn.At {
			if e := relErr(ComplexStep(fn.C, x, 0), fn.D(1, x)); e > 4*eps {
				t.Errorf("%s at %v: complex step rel err %g > 4ε", fn.Name, x, e)
			}
		}
	}
	for _, fn := range testfunc.Vectors {
		want := make([]float64, fn.Dim)
		fn.Grad(want, fn.At[0])
		got := ComplexGradient(nil, fn.C, fn.At[0])
		for i := range got {
			if relErr(got[i], want[i]) > 4*eps {
				t.Errorf("%s: complex gradient %v want %v", fn.Name, got, want)
			}
		}
	}
}

func TestPanics(t *testing.T) {
	for _, tc := range []struct {
		name, msg string
		f         func()
	}{
		{"gradient dst", "len(dst)", func() { Gradient(make([]float64, 1), func([]float64) float64 { return 0 }, []float64{1, 2}, nil) }},
		{"negative step", "not a positive", func() { Derivative(math.Sin, 0, &Settings{Step: -1}) }},
		{"wrong derivative", "derivative 2", func() {
			Gradient(nil, func([]float64) float64 { return 0 }, []float64{1}, &Settings{Formula: Central2})
		}},
		{"jacobian shape", "dst is", func() { Jacobian(mat.NewDense(2, 3, nil), func(y, x []float64) {}, []float64{1, 2}, nil) }},
		{"jacobian nil dst", "number of outputs", func() { Jacobian(nil, func(y, x []float64) {}, []float64{1, 2}, nil) }},
		{"hessian formula", "need 2", func() {
			Hessian(nil, func([]float64) float64 { return 0 }, []float64{1}, &Settings{Formula: Central1})
		}},
		{"hessian shape", "dst is", func() {
			Hessian(mat.NewSymDense(3, nil), func([]float64) float64 { return 0 }, []float64{1}, nil)
		}},
	} {
		func() {
			defer func() {
				r := recover()
				if r == nil || !strings.Contains(fmt.Sprint(r), tc.msg) {
					t.Errorf("%s: panic %v, want one mentioning %q", tc.name, r, tc.msg)
				}
			}()
			tc.f()
		}()
	}
}

// A step too small to move x (x + h == x in float64), or subnormal, makes
// every difference 0 or noise: d/dx x² at 3 with h = 1e-320 came back as
// 0. Such a step is a misuse and panics with a message naming it.
func TestTinyStepPanics(t *testing.T) {
	sq := func(x float64) float64 { return x * x }
	sqv := func(x []float64) float64 { return x[0] * x[0] }
	for _, tc := range []struct {
		name string
		run  func()
	}{
		{"Derivative 1e-320 at 3", func() { Derivative(sq, 3, &Settings{Step: 1e-320}) }},
		{"Derivative 1e-17 at 3", func() { Derivative(sq, 3, &Settings{Step: 1e-17}) }},
		{"Derivative 1e-320 at 0 (subnormal)", func() { Derivative(sq, 0, &Settings{Step: 1e-320}) }},
		{"Gradient 1e-320 at 3", func() { Gradient(nil, sqv, []float64{3}, &Settings{Step: 1e-320}) }},
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "step") {
					t.Errorf("%s: recovered %v, want a panic naming the step", tc.name, r)
				}
			}()
			tc.run()
		}()
	}
	// A small step that still moves x is allowed.
	if got := Derivative(sq, 3, &Settings{Step: 1e-10}); math.Abs(got-6) > 1e-4 {
		t.Errorf("h = 1e-10: %v, want ≈ 6", got)
	}
}
