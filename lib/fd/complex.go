package fd

import (
	"fmt"
	"math"
)

// ComplexStep returns the derivative of a real-analytic f at real x by the
// complex-step formula
//
//	f′(x) = Im f(x + ih) / h + O(h²).
//
// No difference of nearby values is formed, so there is no cancellation:
// h can be tiny and the result is exact to round-off (about 1e-16
// relative). f must be written over complex128 with analytic operations
// (no abs, no comparisons of real parts). h = 0 means 1e-20·max(|x|,1).
func ComplexStep(f func(complex128) complex128, x, h float64) float64 {
	if h == 0 {
		h = 1e-20 * math.Max(math.Abs(x), 1)
	}
	return imag(f(complex(x, h))) / h
}

// ComplexGradient returns the gradient of f at x by the complex step in
// each coordinate, into dst (allocated when nil). It costs n calls. It
// panics if dst has the wrong length.
func ComplexGradient(dst []float64, f func([]complex128) complex128, x []float64) []float64 {
	n := len(x)
	if dst == nil {
		dst = make([]float64, n)
	} else if len(dst) != n {
		panic(fmt.Sprintf("fd: ComplexGradient: len(dst) = %d, len(x) = %d", len(dst), n))
	}
	h := 1e-20 * math.Max(maxAbs(x), 1)
	z := make([]complex128, n)
	for i, v := range x {
		z[i] = complex(v, 0)
	}
	for i := range x {
		z[i] = complex(x[i], h)
		dst[i] = imag(f(z)) / h
		z[i] = complex(x[i], 0)
	}
	return dst
}
