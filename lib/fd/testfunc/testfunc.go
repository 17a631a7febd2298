// Package testfunc is a corpus of functions with known derivatives, for
// testing any differentiation route (finite differences, automatic or
// symbolic differentiation) against closed forms.
//
// Each scalar function gives its derivatives of order 1 to 4 in closed form,
// a complex128 version when it is analytic (for complex-step tests) and
// points inside its domain where it is smooth. The vector functions give
// gradient and Hessian (Rosenbrock: H. H. Rosenbrock, Comput. J. 3 (1960)
// 175–184), and VectorMaps give a Jacobian.
package testfunc

import (
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// Scalar is a smooth function of one variable.
type Scalar struct {
	Name string
	// Expr is the formula in the syntax of lib/symbolic's Parse (and of
	// SymPy), for the symbolic route.
	Expr string
	F    func(float64) float64
	// C is F over complex128, nil when F is not analytic.
	C func(complex128) complex128
	// D returns the derivative of order d (0 ≤ d ≤ 4) at x.
	D func(d int, x float64) float64
	// At lists ordinary points of the domain.
	At []float64
}

// fallingPower returns a(a−1)…(a−d+1)·x^(a−d), the d-th derivative of x^a.
func fallingPower(a float64, d int, x float64) float64 {
	c := 1.0
	for k := 0; k < d; k++ {
		c *= a - float64(k)
	}
	return c * math.Pow(x, a-float64(d))
}

// Scalars is the corpus of scalar functions.
var Scalars = []Scalar{
	{
		Name: "exp",
		Expr: "exp(x)",
		F:    math.Exp, C: cmplx.Exp,
		D:  func(d int, x float64) float64 { return math.Exp(x) },
		At: []float64{-2, 0, 0.5, 1, 3},
	},
	{
		Name: "sin",
		Expr: "sin(x)",
		F:    math.Sin, C: cmplx.Sin,
		// dᵈ/dxᵈ sin x = sin(x + dπ/2).
		D: func(d int, x float64) float64 {
			return [4]func(float64) float64{math.Sin, math.Cos, func(x float64) float64 { return -math.Sin(x) }, func(x float64) float64 { return -math.Cos(x) }}[d%4](x)
		},
		At: []float64{-1, 0.3, 1, 2.5},
	},
	{
		Name: "log",
		Expr: "log(x)",
		F:    math.Log, C: cmplx.Log,
		// dᵈ/dxᵈ log x = (−1)^(d−1)(d−1)!/xᵈ for d ≥ 1.
		D: func(d int, x float64) float64 {
			if d == 0 {
				return math.Log(x)
			}
			return fallingPower(-1, d-1, x)
		},
		At: []float64{0.5, 1, 2, 10},
	},
	{
		Name: "x^5",
		Expr: "x^5",
		F:    func(x float64) float64 { return math.Pow(x, 5) },
		C:    func(z complex128) complex128 { return z * z * z * z * z },
		D:    func(d int, x float64) float64 { return fallingPower(5, d, x) },
		At:   []float64{-1.5, 0.5, 2},
	},
	{
		Name: "x^2.5",
		Expr: "x^(5/2)",
		F:    func(x float64) float64 { return math.Pow(x, 2.5) },
		C:    func(z complex128) complex128 { return cmplx.Pow(z, 2.5) },
		D:    func(d int, x float64) float64 { return fallingPower(2.5, d, x) },
		At:   []float64{0.5, 1, 4},
	},
	{
		Name: "tanh",
		Expr: "tanh(x)",
		F:    math.Tanh, C: cmplx.Tanh,
		// With t = tanh x: t′ = 1−t², t″ = −2t(1−t²), t‴ = (1−t²)(6t²−2),
		// t⁗ = (1−t²)(16t − 24t³) (checked against SymPy in the fd tests).
		D: func(d int, x float64) float64 {
			t := math.Tanh(x)
			s := 1 - t*t
			return [5]float64{t, s, -2 * t * s, s * (6*t*t - 2), s * (16*t - 24*t*t*t)}[d]
		},
		At: []float64{-1, 0.2, 0.7},
	},
	{
		Name: "1/(1+x^2)",
		Expr: "1/(1+x^2)",
		F:    func(x float64) float64 { return 1 / (1 + x*x) },
		C:    func(z complex128) complex128 { return 1 / (1 + z*z) },
		// From SymPy 1.11: diff(1/(1+x**2), x, d), factored.
		D: func(d int, x float64) float64 {
			u := 1 + x*x
			switch d {
			case 0:
				return 1 / u
			case 1:
				return -2 * x / (u * u)
			case 2:
				return (6*x*x - 2) / (u * u * u)
			case 3:
				return 24 * x * (1 - x*x) / (u * u * u * u)
			}
			return 24 * (5*x*x*x*x - 10*x*x + 1) / (u * u * u * u * u)
		},
		At: []float64{-0.7, 0.3, 1.5},
	},
}

// Vector is a smooth function of several variables.
type Vector struct {
	Name string
	Dim  int
	F    func(x []float64) float64
	C    func(x []complex128) complex128
	Grad func(dst, x []float64)
	Hess func(dst *mat.SymDense, x []float64)
	At   [][]float64
}

// Rosenbrock is f(x, y) = (1−x)² + 100(y−x²)², minimum 0 at (1, 1)
// (H. H. Rosenbrock, Comput. J. 3 (1960) 175–184; the start (−1.2, 1) is
// Moré, Garbow and Hillstrom's, ACM TOMS 7 (1981) 17–41). It is the one
// definition the tests of every package use.
var Rosenbrock = Vector{
	Name: "rosenbrock",
	Dim:  2,
	F: func(x []float64) float64 {
		a, b := 1-x[0], x[1]-x[0]*x[0]
		return a*a + 100*b*b
	},
	C: func(x []complex128) complex128 {
		a, b := 1-x[0], x[1]-x[0]*x[0]
		return a*a + 100*b*b
	},
	Grad: func(dst, x []float64) {
		b := x[1] - x[0]*x[0]
		dst[0] = -2*(1-x[0]) - 400*x[0]*b
		dst[1] = 200 * b
	},
	Hess: func(dst *mat.SymDense, x []float64) {
		dst.SetSym(0, 0, 2-400*x[1]+1200*x[0]*x[0])
		dst.SetSym(0, 1, -400*x[0])
		dst.SetSym(1, 1, 200)
	},
	At: [][]float64{{-1.2, 1}, {0.5, 0.5}, {1, 1}},
}

// Vectors is the corpus of functions of a vector.
var Vectors = []Vector{
	Rosenbrock,
	{
		// f(x) = exp(a·x) + Σ xᵢ⁴/4: ∇f = e·a + x³, H = e·aaᵀ + diag(3x²).
		Name: "exp-quartic",
		Dim:  4,
		F: func(x []float64) float64 {
			s, q := 0.0, 0.0
			for i, v := range x {
				s += expQuarticA[i] * v
				q += v * v * v * v / 4
			}
			return math.Exp(s) + q
		},
		C: func(x []complex128) complex128 {
			var s, q complex128
			for i, v := range x {
				s += complex(expQuarticA[i], 0) * v
				q += v * v * v * v / 4
			}
			return cmplx.Exp(s) + q
		},
		Grad: func(dst, x []float64) {
			e := math.Exp(dotA(x))
			for i, v := range x {
				dst[i] = e*expQuarticA[i] + v*v*v
			}
		},
		Hess: func(dst *mat.SymDense, x []float64) {
			e := math.Exp(dotA(x))
			for i := range x {
				for j := i; j < len(x); j++ {
					v := e * expQuarticA[i] * expQuarticA[j]
					if i == j {
						v += 3 * x[i] * x[i]
					}
					dst.SetSym(i, j, v)
				}
			}
		},
		At: [][]float64{{0.1, -0.2, 0.3, 0.4}, {1, 0.5, -1, 0}},
	},
}

var expQuarticA = []float64{0.5, -0.25, 1, 0.75}

func dotA(x []float64) float64 {
	s := 0.0
	for i, v := range x {
		s += expQuarticA[i] * v
	}
	return s
}

// VectorMap is a smooth map from Rⁿ to Rᵐ.
type VectorMap struct {
	Name string
	M, N int
	F    func(y, x []float64)
	Jac  func(dst *mat.Dense, x []float64)
	At   [][]float64
}

// VectorMaps is the corpus of vector maps.
var VectorMaps = []VectorMap{
	{
		// Polar to Cartesian with a third output: (r cos θ, r sin θ, r²θ).
		Name: "polar",
		M:    3, N: 2,
		F: func(y, x []float64) {
			r, t := x[0], x[1]
			y[0], y[1], y[2] = r*math.Cos(t), r*math.Sin(t), r*r*t
		},
		Jac: func(dst *mat.Dense, x []float64) {
			r, t := x[0], x[1]
			dst.Set(0, 0, math.Cos(t))
			dst.Set(0, 1, -r*math.Sin(t))
			dst.Set(1, 0, math.Sin(t))
			dst.Set(1, 1, r*math.Cos(t))
			dst.Set(2, 0, 2*r*t)
			dst.Set(2, 1, r*r)
		},
		At: [][]float64{{1, 0.5}, {2.5, -1}},
	},
}
