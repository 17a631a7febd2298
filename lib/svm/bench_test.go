package svm

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// benchData is n points of dimension d: x ~ N(0, I), y = sign(uᵀx + 0.3 + 0.1ε),
// the same kind of problem bench/svm times against scikit-learn.
func benchData(n, d int) (*mat.Dense, []float64) {
	rng := rand.New(rand.NewPCG(2026, 11))
	u := make([]float64, d)
	for j := range u {
		u[j] = rng.NormFloat64()
	}
	X := mat.NewDense(n, d, nil)
	y := make([]float64, n)
	for i := range n {
		s := 0.3 + 0.1*rng.NormFloat64()
		for j := range d {
			v := rng.NormFloat64()
			X.Set(i, j, v)
			s += u[j] * v / 7 // ‖u‖ ≈ √50 ≈ 7
		}
		y[i] = 1
		if s < 0 {
			y[i] = -1
		}
	}
	return X, y
}

func BenchmarkDualCD20000x50(b *testing.B) {
	X, y := benchData(20000, 50)
	b.ResetTimer()
	for range b.N {
		if _, err := (DualCD{C: 0.1, Tol: 1e-3, MaxEpochs: 100000, Rng: rand.New(rand.NewPCG(1, 2))}).Fit(X, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSmoothedPenaltyBreastCancer(b *testing.B) {
	s := loadBinary(b, "breast_cancer")
	b.ResetTimer()
	for range b.N {
		if _, err := (SmoothedPenalty{C: 1, Sharpness: 1e4}).Fit(s.X, s.y); err != nil {
			b.Fatal(err)
		}
	}
}
