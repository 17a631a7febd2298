package fd

import (
	"math"
	"testing"

	gfd "gonum.org/v1/gonum/diff/fd"
)

// Stencils with coefficients from B. Fornberg, Math. Comp. 51 (1988),
// Table 1 (central) and Table 3 (one-sided).
func TestNewFormulaKnownCoefficients(t *testing.T) {
	for _, tc := range []struct {
		dir  Direction
		d, p int
		want []Point
	}{
		{Central, 1, 2, []Point{{-1, -0.5}, {1, 0.5}}},
		{Central, 1, 4, []Point{{-2, 1.0 / 12}, {-1, -2.0 / 3}, {1, 2.0 / 3}, {2, -1.0 / 12}}},
		{Central, 2, 2, []Point{{-1, 1}, {0, -2}, {1, 1}}},
		{Central, 2, 4, []Point{{-2, -1.0 / 12}, {-1, 4.0 / 3}, {0, -5.0 / 2}, {1, 4.0 / 3}, {2, -1.0 / 12}}},
		{Central, 3, 2, []Point{{-2, -0.5}, {-1, 1}, {1, -1}, {2, 0.5}}},
		{Central, 4, 2, []Point{{-2, 1}, {-1, -4}, {0, 6}, {1, -4}, {2, 1}}},
		{Forward, 1, 1, []Point{{0, -1}, {1, 1}}},
		{Forward, 1, 2, []Point{{0, -1.5}, {1, 2}, {2, -0.5}}},
		{Forward, 2, 1, []Point{{0, 1}, {1, -2}, {2, 1}}},
		{Backward, 1, 1, []Point{{0, 1}, {-1, -1}}},
	} {
		f, err := NewFormula(tc.dir, tc.d, tc.p)
		if err != nil {
			t.Fatal(err)
		}
		if f.Accuracy != tc.p || f.Derivative != tc.d {
			t.Errorf("%v: derivative %d accuracy %d, want %d %d", f, f.Derivative, f.Accuracy, tc.d, tc.p)
		}
		checkStencil(t, f.String(), f.Stencil, tc.want)
	}
}

func checkStencil(t *testing.T, name string, got, want []Point) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: stencil %v, want %v", name, got, want)
		return
	}
	for i := range got {
		if got[i].Loc != want[i].Loc || math.Abs(got[i].Coeff-want[i].Coeff) > 1e-15 {
			t.Errorf("%s: stencil %v, want %v", name, got, want)
			return
		}
	}
}

// gonum/diff/fd ships hand-written tables for six formulas; Fornberg's
// algorithm must reproduce them (dropping gonum's zero-weight points).
func TestFormulasMatchGonum(t *testing.T) {
	for _, tc := range []struct {
		ours  Formula
		gonum gfd.Formula
	}{
		{MustFormula(Forward, 1, 1), gfd.Forward},
		{MustFormula(Backward, 1, 1), gfd.Backward},
		{MustFormula(Central, 1, 2), gfd.Central},
		{MustFormula(Forward, 2, 1), gfd.Forward2nd},
		{MustFormula(Backward, 2, 1), gfd.Backward2nd},
		{MustFormula(Central, 2, 2), gfd.Central2nd},
	} {
		var want []Point
		for _, p := range tc.gonum.Stencil {
			if p.Coeff != 0 {
				want = append(want, Point{p.Loc, p.Coeff})
			}
		}
		checkStencil(t, tc.ours.String(), sortByLoc(tc.ours.Stencil, want), want)
	}
}

// sortByLoc orders got like want (gonum lists backward points in its own order).
func sortByLoc(got, want []Point) []Point {
	out := make([]Point, 0, len(got))
	for _, w := range want {
		for _, g := range got {
			if g.Loc == w.Loc {
				out = append(out, g)
			}
		}
	}
	if len(out) != len(got) {
		return got
	}
	return out
}

// A formula of accuracy p for derivative d is exact on polynomials of
// degree < p+d, and not on x^(p+d).
func TestFormulasExactOnPolynomials(t *testing.T) {
	for _, dir := range []Direction{Forward, Backward, Central} {
		for d := 1; d <= 4; d++ {
			for p := 1; p <= 8; p++ {
				if dir == Central && p%2 == 1 {
					continue
				}
				f := MustFormula(dir, d, p)
				for deg := 0; deg <= p+d; deg++ {
					poly := func(x float64) float64 { return math.Pow(x, float64(deg)) }
					// d-th derivative of x^deg at 0 is d! when deg == d.
					want := 0.0
					if deg == d {
						want = float64(factorial(d))
					}
					got := apply(poly, 0, f, 1)
					exact := math.Abs(got-want) < 1e-9*float64(factorial(deg))
					if deg < p+d && !exact {
						t.Errorf("%v on x^%d: got %v want %v", f, deg, got, want)
					}
					if deg == p+d && exact && !(dir == Central && (p+d)%2 == 1) {
						t.Errorf("%v exact on x^%d, accuracy claimed %d", f, deg, p)
					}
				}
			}
		}
	}
}

func factorial(n int) int {
	r := 1
	for i := 2; i <= n; i++ {
		r *= i
	}
	return r
}

func TestFormulaAtArbitraryPoints(t *testing.T) {
	// Unequal points −1, 0.5, 2: weights for f′(0) are the derivatives of
	// the Lagrange basis, worked by hand: ℓ₀ = (x−½)(x−2)/4.5 gives
	// ℓ′₀(0) = −2.5/4.5 = −5/9; likewise ℓ′₁(0) = 4/9, ℓ′₂(0) = 1/9.
	f, err := FormulaAt(1, []float64{-1, 0.5, 2})
	if err != nil {
		t.Fatal(err)
	}
	checkStencil(t, "unequal", f.Stencil, []Point{{-1, -5.0 / 9}, {0.5, 4.0 / 9}, {2, 1.0 / 9}})
	if f.Accuracy != 2 {
		t.Errorf("accuracy %d, want 2", f.Accuracy)
	}
}

func TestFormulaErrors(t *testing.T) {
	for _, tc := range []struct {
		dir  Direction
		d, p int
	}{{Central, 1, 3}, {Forward, 0, 1}, {Forward, 5, 1}, {Central, 2, 0}, {Direction(7), 1, 2}} {
		if _, err := NewFormula(tc.dir, tc.d, tc.p); err == nil {
			t.Errorf("NewFormula(%v, %d, %d): no error", tc.dir, tc.d, tc.p)
		}
	}
	if _, err := FormulaAt(1, []float64{0, 1, 1}); err == nil {
		t.Error("FormulaAt with repeated point: no error")
	}
	if _, err := FormulaAt(2, []float64{0, 1}); err == nil {
		t.Error("FormulaAt with too few points: no error")
	}
	if _, err := Weights(1, []float64{0, math.NaN()}, 0); err == nil {
		t.Error("Weights with NaN point: no error")
	}
}

// Halving h divides the truncation error by 2^p.
func TestConvergenceOrder(t *testing.T) {
	for _, f := range []Formula{Forward1, Central1, Central2, MustFormula(Central, 1, 4), MustFormula(Forward, 3, 2), MustFormula(Central, 4, 2)} {
		x := 0.5
		want := math.Exp(x)
		e1 := math.Abs(apply(math.Exp, x, f, 0.1) - want)
		e2 := math.Abs(apply(math.Exp, x, f, 0.05) - want)
		order := math.Log2(e1 / e2)
		if math.Abs(order-float64(f.Accuracy)) > 0.25 {
			t.Errorf("%v: observed order %.2f, want %d", f, order, f.Accuracy)
		}
	}
}

func TestEvals(t *testing.T) {
	if got := Forward1.Evals(10); got != 11 {
		t.Errorf("forward: %d evaluations for n=10, want n+1 = 11", got)
	}
	if got := Central1.Evals(10); got != 20 {
		t.Errorf("central: %d evaluations for n=10, want 2n = 20", got)
	}
}

func TestBackwardOriginIsPositiveZero(t *testing.T) {
	for _, p := range Backward1.Stencil {
		if p.Loc == 0 && math.Signbit(p.Loc) {
			t.Errorf("backward stencil has −0: %v", Backward1.Stencil)
		}
	}
}
