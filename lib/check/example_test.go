package check_test

import (
	"math"

	"github.com/gradbook/gradbook/lib/check"
)

func ExampleValue() {
	check.Value("1/3", 0.3333, 1.0/3, 1e-3)
	check.Value("1/3", 0.3, 1.0/3, 1e-3)
	// Output:
	// PASS 1/3: 0.3333 (want 0.3333333333, error 3.33e-05)
	// FAIL 1/3: got 0.3, want 0.3333333333, error 0.0333 > tolerance 0.001
}

func ExampleFunc() {
	// A student's sigmoid that forgot the minus sign, and one not written yet.
	sigmoid := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	wrong := func(x float64) float64 { return 1 / (1 + math.Exp(x)) }
	stub := func(x float64) float64 { panic("not implemented") }
	points := []float64{-2, -1, 0, 1, 2}
	check.Func("sigmoid", sigmoid, sigmoid, points, 1e-12)
	check.Func("sigmoid", wrong, sigmoid, points, 1e-12)
	check.Func("sigmoid", stub, sigmoid, points, 1e-12)
	// Output:
	// PASS sigmoid: agrees at 5 points (largest error 0)
	// FAIL sigmoid: at x[0] = -2: got 0.880797078, want 0.119202922, error 0.762
	// FAIL sigmoid: at x[0] = -2: panic: not implemented
}

func ExampleDerivative() {
	f := func(x float64) float64 { return x * x * x }
	df := func(x float64) float64 { return 3 * x * x }
	check.Derivative("d/dx x³", f, df, []float64{-1, 0.5, 2}, 1e-6)
	// Output:
	// PASS d/dx x³: agrees with central differences at 3 points (largest error 1.47e-10)
}

func ExampleGradient() {
	// f(x, y) = x²y has the gradient (2xy, x²).
	f := func(x []float64) float64 { return x[0] * x[0] * x[1] }
	grad := func(dst, x []float64) { dst[0] = 2 * x[0] * x[1]; dst[1] = x[0] }
	check.Gradient("∇(x²y)", f, grad, []float64{3, 2}, 1e-6)
	// Output:
	// FAIL ∇(x²y): component 1 of 2: got 3, central difference 9, error 6
}

func ExampleTrue() {
	accuracy := 0.97
	check.True("accuracy ≥ 0.95", accuracy >= 0.95, "accuracy %.3f", accuracy)
	// Output:
	// PASS accuracy ≥ 0.95: accuracy 0.970
}
