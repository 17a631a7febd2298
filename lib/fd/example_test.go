package fd_test

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/gradbook/gradbook/lib/fd"
	"github.com/gradbook/gradbook/lib/fd/testfunc"
	"gonum.org/v1/gonum/mat"
)

func ExampleNewFormula() {
	f, _ := fd.NewFormula(fd.Central, 1, 4)
	for _, p := range f.Stencil {
		fmt.Printf("%+g: %.6f\n", p.Loc, p.Coeff)
	}
	// Output:
	// -2: 0.083333
	// -1: -0.666667
	// +1: 0.666667
	// +2: -0.083333
}

func ExampleDerivative() {
	// Central differences with the default step ε^(1/3)·max(|x|,1).
	d := fd.Derivative(math.Sin, 1, nil)
	fmt.Printf("%.10f (cos 1 = %.10f)\n", d, math.Cos(1))
	// Output:
	// 0.5403023059 (cos 1 = 0.5403023059)
}

func ExampleRichardson() {
	est := fd.Richardson(math.Exp, 1, nil)
	fmt.Printf("error below 1e-12: %v\n", math.Abs(est.Value-math.E) < 1e-12)
	// Output:
	// error below 1e-12: true
}

func ExampleAdaptive() {
	est := fd.Adaptive(math.Log, 2, &fd.SearchSettings{Formula: fd.Forward1})
	fmt.Printf("d/dx log x at 2 ≈ %.6f, estimated error < 1e-6: %v\n", est.Value, est.Err < 1e-6)
	// Output:
	// d/dx log x at 2 ≈ 0.500000, estimated error < 1e-6: true
}

func ExampleComplexStep() {
	f := func(z complex128) complex128 { return cmplx.Exp(z) / cmplx.Sqrt(z) }
	// f′(x) = eˣ/√x − eˣ/(2x^1.5)
	x := 1.5
	want := math.Exp(x)/math.Sqrt(x) - math.Exp(x)/(2*math.Pow(x, 1.5))
	fmt.Printf("%.15f\n%.15f\n", fd.ComplexStep(f, x, 0), want)
	// Output:
	// 2.439522535141460
	// 2.439522535141460
}

func ExampleGradient() {
	rosenbrock := testfunc.Rosenbrock.F // (1−x)² + 100(y−x²)²
	for _, form := range []fd.Formula{fd.Forward1, fd.Central1} {
		var c fd.Counter
		g := fd.Gradient(nil, c.Vector(rosenbrock), []float64{-1.2, 1}, &fd.Settings{Formula: form})
		fmt.Printf("%-18v %.4f %.4f  %d calls\n", form, g[0], g[1], c.Calls())
	}
	// Output:
	// forward d1 O(h^1)  -215.6000 -88.0000  3 calls
	// central d1 O(h^2)  -215.6000 -88.0000  4 calls
}

func ExampleHessian() {
	f := func(x []float64) float64 { return x[0]*x[0]*x[1] + math.Sin(x[1]) }
	var h mat.SymDense
	fd.Hessian(&h, f, []float64{1, 2}, nil)
	fmt.Printf("%.4f\n", mat.Formatted(&h))
	// Output:
	// ⎡ 4.0000   2.0000⎤
	// ⎣ 2.0000  -0.9093⎦
}

func ExampleErrorStudy() {
	steps := fd.Steps(1e-1, 1e-16, 1)
	curves := fd.ErrorStudy(math.Exp, 1, func(int) float64 { return math.E }, []fd.Formula{fd.Forward1}, steps)
	best := 0
	for i, e := range curves[0].Y {
		if e < curves[0].Y[best] {
			best = i
		}
	}
	fmt.Printf("%s: smallest error at h = %.0e\n", curves[0].Label, curves[0].X[best])
	// Output:
	// forward d1 O(h^1): smallest error at h = 1e-08
}

func ExampleFormulaAt() {
	// A one-sided formula from unequally spaced samples, e.g. a grid that
	// is refined near x.
	f, _ := fd.FormulaAt(1, []float64{0, 0.5, 1, 2})
	fmt.Printf("accuracy O(h^%d)\n", f.Accuracy)
	h := 1e-3
	fmt.Printf("%.9f\n", fd.Derivative(math.Exp, 0, &fd.Settings{Formula: f, Step: h}))
	// Output:
	// accuracy O(h^3)
	// 1.000000000
}

func ExampleJacobian() {
	polar := func(y, x []float64) {
		y[0], y[1] = x[0]*math.Cos(x[1]), x[0]*math.Sin(x[1])
	}
	j := mat.NewDense(2, 2, nil)
	fd.Jacobian(j, polar, []float64{2, math.Pi / 2}, nil)
	fmt.Printf("%.4f\n", mat.Formatted(j))
	// Output:
	// ⎡ 0.0000  -2.0000⎤
	// ⎣ 1.0000   0.0000⎦
}

func ExampleDirectional() {
	f := func(x []float64) float64 { return x[0]*x[0] + 3*x[1] }
	var c fd.Counter
	d := fd.Directional(c.Vector(f), []float64{1, 1}, []float64{1, -1}, nil)
	fmt.Printf("%.6f with %d calls\n", d, c.Calls())
	// Output:
	// -1.000000 with 2 calls
}
