package optim

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gradbook/gradbook/lib/fd/testfunc"
)

// testFunc is a test objective with a hand-written gradient and Hessian,
// each checked against finite differences in TestDerivatives.
type testFunc struct {
	name  string
	p     Problem
	min   []float64 // a known minimizer
	fmin  float64
	start []float64
}

// rosenbrock is the corpus's testfunc.Rosenbrock, f(x, y) = (1−x)² +
// 100(y−x²)², minimum 0 at (1, 1), from the start (−1.2, 1).
var rosenbrock = testFunc{
	name: "rosenbrock",
	p:    Problem{Func: testfunc.Rosenbrock.F, Grad: testfunc.Rosenbrock.Grad, Hess: testfunc.Rosenbrock.Hess},
	min:  []float64{1, 1}, fmin: 0, start: []float64{-1.2, 1},
}

// quadratic returns f(x) = ½xᵀAx − bᵀx for A = diag(a), minimized at
// x = b/a with value −½Σb²/a.
func quadratic(a, b []float64) testFunc {
	min := make([]float64, len(a))
	fmin := 0.0
	for i := range a {
		min[i] = b[i] / a[i]
		fmin -= 0.5 * b[i] * b[i] / a[i]
	}
	return testFunc{
		name: "quadratic",
		p: Problem{
			Func: func(x []float64) float64 {
				s := 0.0
				for i := range x {
					s += 0.5*a[i]*x[i]*x[i] - b[i]*x[i]
				}
				return s
			},
			Grad: func(g, x []float64) {
				for i := range x {
					g[i] = a[i]*x[i] - b[i]
				}
			},
			Hess: func(h *mat.SymDense, x []float64) {
				for i := range x {
					for j := i; j < len(x); j++ {
						h.SetSym(i, j, 0)
					}
					h.SetSym(i, i, a[i])
				}
			},
		},
		min: min, fmin: fmin, start: make([]float64, len(a)),
	}
}

// doubleWell is f(x, y) = x⁴/4 − x²/2 + y²/2: minima at (±1, 0), a saddle
// at the origin where the Hessian diag(3x²−1, 1) is indefinite.
var doubleWell = testFunc{
	name: "double well",
	p: Problem{
		Func: func(x []float64) float64 {
			return math.Pow(x[0], 4)/4 - x[0]*x[0]/2 + x[1]*x[1]/2
		},
		Grad: func(g, x []float64) {
			g[0] = x[0]*x[0]*x[0] - x[0]
			g[1] = x[1]
		},
		Hess: func(h *mat.SymDense, x []float64) {
			h.SetSym(0, 0, 3*x[0]*x[0]-1)
			h.SetSym(0, 1, 0)
			h.SetSym(1, 1, 1)
		},
	},
	min: []float64{1, 0}, fmin: -0.25, start: []float64{0.1, 1},
}

// logSumExp is f(x) = log Σᵢ exp(aᵢᵀx + cᵢ) + ½·0.1‖x‖², a smooth strictly
// convex function with no closed-form minimizer (compared against gonum).
func logSumExp() testFunc {
	A := [][]float64{{1, 2, -1}, {-2, 0.5, 1}, {0.3, -1, 2}, {1, 1, 1}, {-1, -0.5, -2}}
	c := []float64{0.1, -0.3, 0.2, 0, 0.5}
	const mu = 0.1
	soft := func(x []float64) (lse float64, w []float64) {
		z := make([]float64, len(A))
		zmax := math.Inf(-1)
		for i, a := range A {
			for j := range x {
				z[i] += a[j] * x[j]
			}
			z[i] += c[i]
			zmax = math.Max(zmax, z[i])
		}
		sum := 0.0
		for i := range z {
			z[i] = math.Exp(z[i] - zmax)
			sum += z[i]
		}
		for i := range z {
			z[i] /= sum
		}
		return zmax + math.Log(sum), z
	}
	return testFunc{
		name: "log-sum-exp",
		p: Problem{
			Func: func(x []float64) float64 {
				l, _ := soft(x)
				for _, v := range x {
					l += 0.5 * mu * v * v
				}
				return l
			},
			Grad: func(g, x []float64) {
				_, w := soft(x)
				for j := range g {
					g[j] = mu * x[j]
					for i, a := range A {
						g[j] += w[i] * a[j]
					}
				}
			},
			// ∇² = Σ wᵢ aᵢaᵢᵀ − (Σ wᵢaᵢ)(Σ wᵢaᵢ)ᵀ + μI.
			Hess: func(h *mat.SymDense, x []float64) {
				_, w := soft(x)
				n := len(x)
				mean := make([]float64, n)
				for i, a := range A {
					for j := range mean {
						mean[j] += w[i] * a[j]
					}
				}
				for j := range n {
					for k := j; k < n; k++ {
						v := -mean[j] * mean[k]
						for i, a := range A {
							v += w[i] * a[j] * a[k]
						}
						if j == k {
							v += mu
						}
						h.SetSym(j, k, v)
					}
				}
			},
		},
		start: []float64{1, -1, 0.5},
	}
}
