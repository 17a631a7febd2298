package ad

import (
	"math"
	"math/rand/v2"
)

// Helpers shared by the tests of this package.

// centralDiff estimates d eval/d *x by lib/fd's central difference with
// its default step ε^(1/3)·max(1, |*x|), restoring *x.
func centralDiff(eval func() float64, x *float64) float64 {
	return partial(eval, x, math.Cbrt(eps))
}

// relErr is |a − b| / max(|a|, |b|, 1e-6): relative for large values,
// absolute for values near zero.
func relErr(a, b float64) float64 {
	return math.Abs(a-b) / math.Max(math.Max(math.Abs(a), math.Abs(b)), 1e-6)
}

// rosenbrock is Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² written with vector ops,
// the same expression as the PyTorch reference in bench/ad; for n = 2 it
// is testfunc.Rosenbrock, against whose closed-form gradient and Hessian
// TestRosenbrockCorpus checks it.
func rosenbrock(t *Tape, x Var) Var {
	n := x.Len()
	head, tail := x.Rows(0, n-1), x.Rows(1, n)
	return tail.Sub(head.Square()).Square().Scale(100).Add(head.RSub(1).Square()).Sum()
}

// normals returns n standard normal draws from rng: random weights and
// directions for the derivative checks.
func normals(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	return v
}
