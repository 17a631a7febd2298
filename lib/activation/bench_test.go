package activation

import (
	"math"
	"testing"
)

var sink float64

func BenchmarkSigmoid(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		sink += Sigmoid(float64(i%200) - 100)
	}
}

// BenchmarkSigmoidNaive is the reference for BenchmarkSigmoid: the one-line
// 1/(1+e^−x), which is what the sign test costs against.
func BenchmarkSigmoidNaive(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		sink += 1 / (1 + math.Exp(-(float64(i%200) - 100)))
	}
}

func BenchmarkSoftmax1000(b *testing.B) {
	x := make([]float64, 1000)
	for i := range x {
		x[i] = math.Sin(float64(i))
	}
	dst := make([]float64, len(x))
	for b.Loop() {
		Softmax(dst, x)
	}
}
