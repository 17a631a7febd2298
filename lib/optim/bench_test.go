package optim

import "testing"

// Steppers run once per training step on every parameter: they must not
// allocate, and their cost is a few flops per parameter.
func BenchmarkSteppers(b *testing.B) {
	const n = 100000
	x, g := make([]float64, n), make([]float64, n)
	for i := range g {
		g[i] = float64(i%13) - 6
	}
	for _, tc := range []struct {
		name string
		st   Stepper
	}{{"SGD", &SGD{}}, {"Momentum", &Momentum{}}, {"Nesterov", &Nesterov{}}, {"Adam", &Adam{}}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(8 * n)
			b.ReportAllocs()
			for range b.N {
				tc.st.Step(x, g)
			}
		})
	}
}

func BenchmarkNewtonRosenbrock(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, err := (Newton{}).Minimize(rosenbrock.p, rosenbrock.start, &Settings{NoPath: true}); err != nil {
			b.Fatal(err)
		}
	}
}
