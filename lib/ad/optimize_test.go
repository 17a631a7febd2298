package ad

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/optimize"
)

func TestProblemWithGonumMethods(t *testing.T) {
	for _, m := range []optimize.Method{&optimize.Newton{}, &optimize.BFGS{}, &optimize.LBFGS{}} {
		res, err := optimize.Minimize(Problem(rosenbrock), []float64{-1.2, 1}, nil, m)
		if err != nil {
			t.Fatalf("%T: %v", m, err)
		}
		if math.Abs(res.X[0]-1) > 1e-6 || math.Abs(res.X[1]-1) > 1e-6 {
			t.Errorf("%T: minimum at %v, want (1, 1)", m, res.X)
		}
	}
}

func ExampleProblem() {
	res, err := optimize.Minimize(Problem(rosenbrock), []float64{-1.2, 1}, nil, &optimize.Newton{})
	fmt.Printf("%.6f %v %v\n", res.X, res.Status, err)
	// Output:
	// [1.000000 1.000000] GradientThreshold <nil>
}
