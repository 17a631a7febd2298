package ad

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/optimize"
)

// rosenbrock2 is the classic 100(y − x²)² + (1 − x)², minimum 0 at (1, 1).
func rosenbrock2(t *Tape, x Var) Var {
	a, b := x.At(0, 0), x.At(1, 0)
	return b.Sub(a.Square()).Square().Scale(100).Add(a.RSub(1).Square())
}

func TestProblemWithGonumMethods(t *testing.T) {
	for _, m := range []optimize.Method{&optimize.Newton{}, &optimize.BFGS{}, &optimize.LBFGS{}} {
		res, err := optimize.Minimize(Problem(rosenbrock2), []float64{-1.2, 1}, nil, m)
		if err != nil {
			t.Fatalf("%T: %v", m, err)
		}
		if math.Abs(res.X[0]-1) > 1e-6 || math.Abs(res.X[1]-1) > 1e-6 {
			t.Errorf("%T: minimum at %v, want (1, 1)", m, res.X)
		}
	}
}

func ExampleProblem() {
	res, err := optimize.Minimize(Problem(rosenbrock2), []float64{-1.2, 1}, nil, &optimize.Newton{})
	fmt.Printf("%.6f %v %v\n", res.X, res.Status, err)
	// Output:
	// [1.000000 1.000000] GradientThreshold <nil>
}
