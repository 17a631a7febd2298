package optim_test

import (
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/fd/testfunc"
	"github.com/gradbook/gradbook/lib/optim"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// rosenbrock is f(x, y) = (1−x)² + 100(y−x²)² with its gradient and
// Hessian, from the corpus of test functions; the minimum is 0 at (1, 1).
var rosenbrock = optim.Problem{
	Func: testfunc.Rosenbrock.F,
	Grad: testfunc.Rosenbrock.Grad,
	Hess: testfunc.Rosenbrock.Hess,
}

func ExampleNewton_Minimize() {
	res, err := optim.Newton{}.Minimize(rosenbrock, []float64{-1.2, 1}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%v after %d iterations: x = %.6f\n", res.Status, res.Iterations, res.X)
	// The last errors ‖xₖ − x*‖: each is about the square of the one before.
	e := res.Trace.Errors([]float64{1, 1})
	for _, v := range e[len(e)-4:] {
		fmt.Printf("%.0e\n", v)
	}
	// Output:
	// GradientConverged after 21 iterations: x = [1.000000 1.000000]
	// 9e-03
	// 1e-03
	// 3e-06
	// 1e-10
}

func ExampleNewton_Root() {
	// The circle x² + y² = 4 meets the line x = y at (√2, √2).
	sys := optim.System{
		F: func(y, x []float64) {
			y[0] = x[0]*x[0] + x[1]*x[1] - 4
			y[1] = x[0] - x[1]
		},
		Jac: func(j *mat.Dense, x []float64) {
			j.Set(0, 0, 2*x[0])
			j.Set(0, 1, 2*x[1])
			j.Set(1, 0, 1)
			j.Set(1, 1, -1)
		},
	}
	res, err := optim.Newton{}.Root(sys, []float64{3, 0.5}, nil)
	if err != nil {
		panic(err)
	}
	for k, r := range res.Trace.GradNorm {
		fmt.Printf("‖F(x%d)‖ = %.0e\n", k, r)
	}
	fmt.Printf("root %.6f, √2 = %.6f\n", res.X, math.Sqrt2)
	// Output:
	// ‖F(x0)‖ = 6e+00
	// ‖F(x1)‖ = 3e+00
	// ‖F(x2)‖ = 3e-01
	// ‖F(x3)‖ = 7e-03
	// ‖F(x4)‖ = 3e-06
	// ‖F(x5)‖ = 6e-13
	// root [1.414214 1.414214], √2 = 1.414214
}

func ExampleGradientDescent_Minimize() {
	gd := optim.GradientDescent{LineSearch: optim.StrongWolfe{C2: 0.1}}
	res, err := gd.Minimize(rosenbrock, []float64{-1.2, 1}, &optim.Settings{GradTol: 1e-6, MaxIter: 20000})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%v after %d iterations, %d function and %d gradient evaluations\n",
		res.Status, res.Iterations, res.FuncEvals, res.GradEvals)
	fmt.Printf("x = %.4f\n", res.X)
	// Output:
	// GradientConverged after 5507 iterations, 5988 function and 5988 gradient evaluations
	// x = [1.0000 1.0000]
}

func ExampleDescend() {
	// Adam on Rosenbrock: a first-order method, many cheap steps.
	res, err := optim.Descend(rosenbrock, []float64{-1.2, 1}, &optim.Adam{Rate: 0.02}, &optim.Settings{MaxIter: 20000, GradTol: 1e-6})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%v after %d steps: x = %.4f\n", res.Status, res.Iterations, res.X)
	// Output:
	// GradientConverged after 3930 steps: x = [1.0000 1.0000]
}

// A training loop owns its parameters and gradient; the Stepper updates
// the parameters in place without allocating.
func ExampleStepper() {
	params := []float64{-1.2, 1}
	grad := make([]float64, 2)
	var st optim.Stepper = &optim.Nesterov{Rate: 1e-3, Beta: 0.9}
	for range 5000 {
		rosenbrock.Grad(grad, params)
		st.Step(params, grad)
	}
	fmt.Printf("%.3f, f below 1e-12: %v\n", params, rosenbrock.Func(params) < 1e-12)
	// Output:
	// [1.000 1.000], f below 1e-12: true
}

func ExampleGonum() {
	// The same Problem through gonum's BFGS, with its iterates recorded.
	res, err := optim.Gonum(rosenbrock, []float64{-1.2, 1}, &optimize.BFGS{}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%v: x = %.6f, %d iterates recorded\n", res.Status, res.X, res.Trace.Len())
	// Output:
	// GradientConverged: x = [1.000000 1.000000], 40 iterates recorded
}
