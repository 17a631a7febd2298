package dropout_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/gradbook/gradbook/lib/ad"
	"github.com/gradbook/gradbook/lib/dropout"
)

func ExampleMask_Apply() {
	rng := rand.New(rand.NewPCG(1, 2))
	m := dropout.New(0.5, rng) // keep half, scale survivors by 2
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	y := m.Apply(nil, x)
	fmt.Println(y)
	// The backward pass applies the same mask to the gradient.
	fmt.Println(m.Apply(nil, []float64{1, 1, 1, 1, 1, 1, 1, 1}))
	// Output:
	// [0 4 0 0 0 12 14 16]
	// [0 2 0 0 0 2 2 2]
}

func ExampleMonteCarlo() {
	rng := rand.New(rand.NewPCG(1, 2))
	w := []float64{0.5, -1, 2, 0.25}
	x := []float64{1, 2, 3, 4}
	// One stochastic pass of a linear model with dropout on its input.
	pass := func(int) []float64 {
		h := dropout.New(0.8, rng).Apply(nil, x)
		var y float64
		for i := range w {
			y += w[i] * h[i]
		}
		return []float64{y}
	}
	s, err := dropout.MonteCarlo(1000, pass)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("mean %.2f (no dropout: 5.50), spread %.2f\n", s.Mean[0], s.Std[0])
	// Output:
	// mean 5.42 (no dropout: 5.50), spread 3.20
}

func ExampleDescent() {
	rng := rand.New(rand.NewPCG(1, 2))
	grad := func(dst, x []float64) { dst[0], dst[1] = 2*x[0], 20*x[1] } // f = x² + 10y²
	path, err := dropout.Descent(grad, []float64{1, 1}, &dropout.DescentSettings{Keep: 0.5, Step: 0.04, Iterations: 50}, rng)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range path[:4] {
		fmt.Printf("(%.3f, %.3f)\n", p[0], p[1])
	}
	fmt.Printf("after 50 steps: (%.1e, %.1e)\n", path[50][0], path[50][1])
	// Output:
	// (1.000, 1.000)
	// (1.000, -0.600)
	// (0.840, 0.360)
	// (0.706, -0.216)
	// after 50 steps: (6.4e-03, -1.3e-07)
}

// Apply32 masks float32 data in place; the mask depends only on the key,
// so it is the same however many goroutines fill a long slice.
func ExampleMask_Apply32() {
	x := []float32{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	m := dropout.Mask{Keep: 0.8, Key: 42}
	m.Apply32(x, x)
	fmt.Println(x)
	// Output:
	// [1.25 0 0 1.25 1.25 0 1.25 1.25 1.25 0]
}

// Record puts dropout on a reverse-mode tape; the gradient flows through
// the same mask.
func ExampleMask_Record() {
	tape := ad.NewTape()
	x := tape.VariableVec([]float64{1, 2, 3, 4})
	m := dropout.Mask{Keep: 0.5, Key: 7}
	y := m.Record(x).Sum()
	tape.Backward(y)
	fmt.Println("y =", y.Item(), " ∂y/∂x =", x.Grad())
	// Output:
	// y = 6  ∂y/∂x = [2 2 0 0]
}
