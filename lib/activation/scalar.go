package activation

import "math"

// Heaviside returns the unit step
//
//	H(x) = 1 if x > 0, 0 if x ≤ 0.
//
// The unit turns on only when x is strictly positive, so H(0) = 0 (this
// matches the SVM penalty H(1 − y w·x) of the lecture: a point exactly on the
// margin pays nothing). Heaviside(NaN) is NaN.
func Heaviside(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x <= 0:
		return 0
	}
	return x // NaN
}

// HeavisideDeriv returns the derivative of Heaviside, which is 0 for every
// x ≠ 0. At x = 0 the step has no derivative (in the sense of distributions
// it is a Dirac delta, an infinite spike of unit area); HeavisideDeriv
// returns 0 there too, as automatic differentiation frameworks do. That zero
// everywhere is the point: the step gives a gradient method no direction.
// HeavisideDeriv(NaN) is NaN.
func HeavisideDeriv(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	return 0
}

// Sigmoid returns the logistic function
//
//	σ(x) = 1 / (1 + e^(−x)) = e^x / (1 + e^x),
//
// a smoothed Heaviside step with σ(0) = 1/2. The form is chosen by the sign
// of x so that e^(−|x|) is the only exponential taken: it never overflows,
// and Sigmoid(−1e308) = 0, Sigmoid(1e308) = 1.
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x) // x < 0 (or NaN, which propagates)
	return e / (1 + e)
}

// SigmoidDeriv returns
//
//	σ′(x) = σ(x) (1 − σ(x)) = σ(x) σ(−x) = e^(−|x|) / (1 + e^(−|x|))²,
//
// which is positive for every finite x and largest, 1/4, at 0. The last form
// is used: 1 − σ(x) would cancel to 0 for x above about 37, while
// e^(−|x|) keeps full relative accuracy until it underflows near |x| = 745.
func SigmoidDeriv(x float64) float64 {
	e := math.Exp(-math.Abs(x))
	d := 1 + e
	return e / (d * d)
}

// Tanh returns the hyperbolic tangent, tanh(x) = 2σ(2x) − 1, a sigmoid
// rescaled to (−1, 1) and centred at 0.
func Tanh(x float64) float64 { return math.Tanh(x) }

// TanhDeriv returns
//
//	tanh′(x) = 1 − tanh²(x) = 4 e^(−2|x|) / (1 + e^(−2|x|))²,
//
// again in the second form, which stays accurate where 1 − tanh² cancels
// (|x| above about 19).
func TanhDeriv(x float64) float64 {
	e := math.Exp(-2 * math.Abs(x))
	d := 1 + e
	return 4 * e / (d * d)
}

// ReLU returns the rectifier max(x, 0). ReLU(NaN) is NaN, and ReLU(−0) is +0.
func ReLU(x float64) float64 {
	switch {
	case x > 0:
		return x
	case x <= 0:
		return 0
	}
	return x // NaN
}

// ReLUDeriv returns the derivative of ReLU: 1 for x > 0 and 0 for x < 0. At
// the kink x = 0 any value in [0, 1] is a subgradient; ReLUDeriv returns 0,
// the convention of PyTorch and JAX, which makes ReLUDeriv equal to
// Heaviside. For x < 0 the derivative is 0: it tells a unit how to turn off
// but not how to turn back on.
func ReLUDeriv(x float64) float64 { return Heaviside(x) }

// LeakyReLU returns x for x > 0 and alpha·x otherwise. A small alpha (0.01
// is usual) keeps a gradient on the negative side, so a unit that has been
// pushed off can be pushed back on.
func LeakyReLU(x, alpha float64) float64 {
	if x > 0 {
		return x
	}
	return alpha * x // also propagates NaN
}

// LeakyReLUDeriv returns the derivative of LeakyReLU: 1 for x > 0 and alpha
// for x < 0. At the kink it returns alpha, the left derivative, consistent
// with ReLUDeriv(0) = 0 (the case alpha = 0).
func LeakyReLUDeriv(x, alpha float64) float64 {
	switch {
	case x > 0:
		return 1
	case x <= 0:
		return alpha
	}
	return x // NaN
}

// Softplus returns log(1 + e^x), a smoothed ReLU that lies above it by at
// most log 2 (at x = 0). It is evaluated as
//
//	softplus(x) = max(x, 0) + log1p(e^(−|x|)),
//
// so Softplus(1000) = 1000 exactly and Softplus(−1000) = 0 (the true value
// e^(−1000) ≈ 5e−435 is below the smallest float64), with no overflow in
// between; for −745 < x < −37 the result is e^x to full relative accuracy.
func Softplus(x float64) float64 {
	return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
}

// SoftplusDeriv returns softplus′(x) = e^x / (1 + e^x) = σ(x): the
// derivative of the smoothed ReLU is the smoothed Heaviside.
func SoftplusDeriv(x float64) float64 { return Sigmoid(x) }

// Identity returns x. It is the "no activation" choice for a linear layer.
func Identity(x float64) float64 { return x }

// IdentityDeriv returns 1 (NaN for NaN).
func IdentityDeriv(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	return 1
}
