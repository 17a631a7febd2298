package activation

import (
	"fmt"
	"math"
)

// use returns dst when it has length n, a new slice when dst is nil, and
// panics naming op otherwise.
func use(op string, dst []float64, n int) []float64 {
	if dst == nil {
		return make([]float64, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("activation: %s: len(dst) = %d, want %d", op, len(dst), n))
	}
	return dst
}

// maxOf returns the largest entry of x, -Inf for an empty x, and whether x
// contains a NaN.
func maxOf(x []float64) (m float64, hasNaN bool) {
	m = math.Inf(-1)
	for _, v := range x {
		if math.IsNaN(v) {
			return math.NaN(), true
		}
		if v > m {
			m = v
		}
	}
	return m, false
}

func fill(dst []float64, v float64) []float64 {
	for i := range dst {
		dst[i] = v
	}
	return dst
}

// LogSumExp returns log Σ_i e^(x_i), a smoothed maximum:
// max(x) ≤ LogSumExp(x) ≤ max(x) + log n. It is computed as
//
//	m + log Σ_i e^(x_i − m),   m = max_i x_i,
//
// so every exponent is ≤ 0 and nothing overflows; the sum is at least 1, so
// nothing underflows to log 0 either. LogSumExp of an empty slice is −Inf
// (the log of an empty sum), of a slice containing NaN is NaN, and of a slice
// containing +Inf is +Inf.
func LogSumExp(x []float64) float64 {
	m, nan := maxOf(x)
	if nan || math.IsInf(m, 0) {
		return m
	}
	var sum float64
	for _, v := range x {
		sum += math.Exp(v - m)
	}
	return m + math.Log(sum)
}

// Softmax puts into dst, and returns, the probabilities
//
//	s_i = e^(x_i) / Σ_j e^(x_j) = e^(x_i − m) / Σ_j e^(x_j − m),   m = max_j x_j,
//
// a smoothed, differentiable argmax: the largest x_i gets the largest share,
// and scaling x up makes s approach the one-hot argmax. Shifting every x_i by
// the same amount does not change s, which is why subtracting m is free and
// keeps every exponent ≤ 0. All-equal inputs give the uniform distribution,
// entries of ±1e308 give 0s and 1s rather than NaN. If some x_i are +Inf,
// the mass is shared equally among them (the limit); if x contains a NaN,
// every s_i is NaN. dst is allocated when nil; Softmax panics if dst has
// another length than x. dst may be x itself.
func Softmax(dst, x []float64) []float64 {
	dst = use("Softmax", dst, len(x))
	return softmaxScaled(dst, x, 1)
}

// SoftmaxTemp returns softmax(x / temperature) in dst. High temperature
// flattens the distribution towards uniform; as temperature → 0 it sharpens
// to the one-hot argmax (ties share the mass), which is also what
// temperature = 0 returns. The computation uses (x_i − m)/T, so a small T
// cannot overflow. It panics if temperature is negative or NaN.
func SoftmaxTemp(dst, x []float64, temperature float64) []float64 {
	if !(temperature >= 0) {
		panic(fmt.Sprintf("activation: SoftmaxTemp: temperature %v, want ≥ 0", temperature))
	}
	dst = use("SoftmaxTemp", dst, len(x))
	return softmaxScaled(dst, x, temperature)
}

// softmaxScaled computes softmax(x/t) into dst for t ≥ 0.
func softmaxScaled(dst, x []float64, t float64) []float64 {
	if len(x) == 0 {
		return dst
	}
	m, nan := maxOf(x)
	switch {
	case nan:
		return fill(dst, math.NaN())
	case math.IsInf(t, 1):
		return fill(dst, 1/float64(len(x)))
	case t == 0 || math.IsInf(m, 0):
		// Limit: all the mass on the entries equal to the maximum. For
		// m = −Inf every entry is −Inf and all share it.
		return argmaxShare(dst, x, m)
	}
	var sum float64
	for i, v := range x {
		e := math.Exp((v - m) / t) // v − m ≤ 0; may be −Inf, giving 0
		dst[i] = e
		sum += e
	}
	for i := range dst {
		dst[i] /= sum
	}
	return dst
}

// argmaxShare writes 1/k at the k entries of x equal to m and 0 elsewhere.
func argmaxShare(dst, x []float64, m float64) []float64 {
	k := 0
	for _, v := range x {
		if v == m {
			k++
		}
	}
	// Count first: dst may alias x.
	w := 1 / float64(k)
	for i, v := range x {
		if v == m {
			dst[i] = w
		} else {
			dst[i] = 0
		}
	}
	return dst
}

// LogSoftmax puts into dst, and returns, log softmax(x):
//
//	log s_i = x_i − LogSumExp(x) = (x_i − m) − log Σ_j e^(x_j − m),   m = max_j x_j,
//
// computed in the second form: x_i − m is exact for the entries that
// matter, while subtracting LogSumExp(x) ≈ m would cancel all digits of the
// small log Σ term once m is large (for x = [1e16, 1e16], 1e16 + log 2
// rounds to 1e16 and the first form gives 0 instead of −log 2). It stays
// finite where s_i itself underflows to 0 (for example
// LogSoftmax([0, −1000]) = [0, −1000] while Softmax gives [1, 0]); it is what
// a cross-entropy loss should use. +Inf entries share the mass as in Softmax
// (log(1/k) there, −Inf elsewhere); a NaN makes every entry NaN. dst may be x.
func LogSoftmax(dst, x []float64) []float64 {
	dst = use("LogSoftmax", dst, len(x))
	if len(x) == 0 {
		return dst
	}
	m, nan := maxOf(x)
	switch {
	case nan:
		return fill(dst, math.NaN())
	case math.IsInf(m, 0):
		argmaxShare(dst, x, m)
		for i, v := range dst {
			dst[i] = math.Log(v)
		}
		return dst
	}
	var sum float64
	for _, v := range x {
		sum += math.Exp(v - m)
	}
	l := math.Log(sum) // ≥ 0: the maximum contributes e⁰ = 1
	for i, v := range x {
		dst[i] = (v - m) - l
	}
	return dst
}

// Argmax returns the index of the largest entry of x, the first one if
// several are equal. Like NumPy's argmax it treats NaN as larger than
// everything, so a NaN is reported (at its first index) rather than skipped.
// Argmax of an empty slice is −1. Argmax has no useful derivative: it is
// piecewise constant, the vector version of the Heaviside step.
func Argmax(x []float64) int {
	best := -1
	for i, v := range x {
		if math.IsNaN(v) {
			return i
		}
		if best < 0 || v > x[best] {
			best = i
		}
	}
	return best
}

// SoftmaxVJP returns in dst the vector–Jacobian product J^T v of softmax,
// given s = Softmax(x) (not x) and an upstream gradient v. The Jacobian is
//
//	J_ij = ∂s_i/∂x_j = s_i (δ_ij − s_j),   J = diag(s) − s sᵀ,
//
// which is symmetric, so
//
//	(Jᵀ v)_i = s_i (v_i − Σ_j s_j v_j),
//
// computed in O(n) without forming J. It panics if s, v and dst (when not
// nil) differ in length. dst may alias s or v.
func SoftmaxVJP(dst, s, v []float64) []float64 {
	if len(s) != len(v) {
		panic(fmt.Sprintf("activation: SoftmaxVJP: len(s) = %d, len(v) = %d", len(s), len(v)))
	}
	dst = use("SoftmaxVJP", dst, len(s))
	var dot float64
	for i := range s {
		dot += s[i] * v[i]
	}
	for i := range s {
		dst[i] = s[i] * (v[i] - dot)
	}
	return dst
}
