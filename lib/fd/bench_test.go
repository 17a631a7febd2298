package fd

import (
	"math"
	"testing"
)

// slowSum costs about n·50 sin evaluations, so that concurrency can pay.
func slowSum(x []float64) float64 {
	s := 0.0
	for k := 0; k < 50; k++ {
		for i, v := range x {
			s += math.Sin(v*float64(k+1)) / float64(i+k+1)
		}
	}
	return s
}

func benchGradient(b *testing.B, s *Settings) {
	x := make([]float64, 64)
	for i := range x {
		x[i] = 0.01 * float64(i)
	}
	dst := make([]float64, len(x))
	for b.Loop() {
		Gradient(dst, slowSum, x, s)
	}
}

func BenchmarkGradientSerial(b *testing.B)     { benchGradient(b, nil) }
func BenchmarkGradientConcurrent(b *testing.B) { benchGradient(b, &Settings{Concurrent: true}) }

func BenchmarkRichardson(b *testing.B) {
	for b.Loop() {
		Richardson(math.Exp, 1, nil)
	}
}

func BenchmarkNewFormulaCentral8(b *testing.B) {
	for b.Loop() {
		MustFormula(Central, 1, 8)
	}
}
