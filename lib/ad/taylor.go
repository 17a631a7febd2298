package ad

import (
	"errors"
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/activation"
)

// Series is a truncated Taylor series of a function around a point,
//
//	f(x + ε) = c₀ + c₁ε + c₂ε² + … + c_{n−1}ε^{n−1} + O(εⁿ),  cₖ = f⁽ᵏ⁾(x)/k!,
//
// carried through every operation by the recurrences of Taylor-mode
// automatic differentiation. Division knows L'Hôpital's rule: when the
// divisor's leading coefficients are zero (b(x) = 0) and the dividend's are
// too (a(x) = 0), the common power of ε cancels,
//
//	(a_m εᵐ + …)/(b_m εᵐ + …) = (a_m + a_{m+1}ε + …)/(b_m + …),
//
// so (t² − 4)/(t − 2) at t = 2 is 4 + ε, and sin(x)/x at 0 is 1 − ε²/6.
// Each cancelled power costs one coefficient of accuracy, which
// Derivatives makes up by working to a higher order. A true pole (the
// dividend does not vanish as fast) is an error, never a silent NaN or Inf.
// Coefficients count as zero only when exactly zero: at x = fl(√2),
// (t² − 2)/(t − √2) is a pole for the float function (fl(√2)² − 2 =
// 4.4e-16), so it is reported as ErrPole, with a note in the message that
// the dividend is at rounding level and the point probably inexact.
//
// A Series is a value: operations return new series. Its error, once set,
// carries through every later operation; read it with Err.
type Series struct {
	c   []float64
	err error
}

// ErrPole reports a division whose divisor vanishes to a higher order than
// its dividend: the function has a pole there.
var ErrPole = errors.New("ad: pole")

// ErrSingular reports an operation not analytic at the point (log 0,
// √0, a negative or fractional power of 0).
var ErrSingular = errors.New("ad: not analytic")

// NewSeries returns the series with coefficients c (copied).
func NewSeries(c ...float64) Series { return Series{c: append([]float64(nil), c...)} }

// SeriesVar returns the series of the identity around x to n coefficients,
// x + ε: the independent variable of Taylor mode.
func SeriesVar(x float64, n int) Series {
	c := make([]float64, n)
	c[0] = x
	if n > 1 {
		c[1] = 1
	}
	return Series{c: c}
}

// Coeffs returns the Taylor coefficients cₖ = f⁽ᵏ⁾(x)/k! (a copy).
func (a Series) Coeffs() []float64 { return append([]float64(nil), a.c...) }

// Err returns the first error met while computing a, or nil.
func (a Series) Err() error { return a.err }

// Derivs returns f(x), f′(x), …: the coefficients times k!.
func (a Series) Derivs() []float64 {
	d := make([]float64, len(a.c))
	fact := 1.0
	for k, c := range a.c {
		if k > 0 {
			fact *= float64(k)
		}
		d[k] = c * fact
	}
	return d
}

// Derivatives returns f(x) and its first k derivatives, f⁽⁰⁾(x) … f⁽ᵏ⁾(x),
// by Taylor-mode automatic differentiation. Removable singularities are
// removed (L'Hôpital's rule): for h(t) = (t² − 4)/(t − 2) at 2 it returns
// 4, 1, 0. It returns an error wrapping ErrPole at a pole, ErrSingular at a
// branch point such as log 0, and an error if a result is NaN or ±Inf.
// Write f once for any Number (see Number) or for Series directly.
func Derivatives(f func(Series) Series, x float64, k int) ([]float64, error) {
	if k < 0 {
		return nil, fmt.Errorf("ad: Derivatives: negative order %d", k)
	}
	// Each cancelled power of ε in a division drops one coefficient; start
	// with a few spare ones and double until enough survive.
	for n := k + 4; n <= 4*k+256; n = 2 * n {
		y := f(SeriesVar(x, n))
		if y.err != nil {
			return nil, fmt.Errorf("ad: Derivatives at x = %v: %w", x, y.err)
		}
		if len(y.c) < k+1 {
			continue
		}
		d := y.Derivs()[:k+1]
		for j, v := range d {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("ad: Derivatives at x = %v: derivative %d is %v", x, j, v)
			}
		}
		return d, nil
	}
	return nil, fmt.Errorf("ad: Derivatives at x = %v: more than %d powers cancelled", x, 4*k+256)
}

func (a Series) fail(err error) Series { return Series{err: err} }

// pair truncates a and b to their common length, or returns the first
// error.
func pair(a, b Series) (x, y []float64, err error) {
	if a.err != nil {
		return nil, nil, a.err
	}
	if b.err != nil {
		return nil, nil, b.err
	}
	n := min(len(a.c), len(b.c))
	return a.c[:n], b.c[:n], nil
}

// Add returns a + b as a truncated Taylor series.
func (a Series) Add(b Series) Series {
	x, y, err := pair(a, b)
	if err != nil {
		return a.fail(err)
	}
	c := make([]float64, len(x))
	for i := range c {
		c[i] = x[i] + y[i]
	}
	return Series{c: c}
}

// Sub returns a − b as a truncated Taylor series.
func (a Series) Sub(b Series) Series { return a.Add(b.Neg()) }

// Mul is the Cauchy product cₖ = Σⱼ aⱼ bₖ₋ⱼ.
func (a Series) Mul(b Series) Series {
	x, y, err := pair(a, b)
	if err != nil {
		return a.fail(err)
	}
	c := make([]float64, len(x))
	for k := range c {
		var s float64
		for j := 0; j <= k; j++ {
			s += x[j] * y[k-j]
		}
		c[k] = s
	}
	return Series{c: c}
}

func leadingZeros(c []float64) int {
	for i, v := range c {
		if v != 0 {
			return i
		}
	}
	return len(c)
}

// Div divides a by b, cancelling common leading powers of ε (L'Hôpital's
// rule) and reporting ErrPole if b vanishes to a higher order than a.
// Leading coefficients count as zero only when exactly zero.
func (a Series) Div(b Series) Series {
	x, y, err := pair(a, b)
	if err != nil {
		return a.fail(err)
	}
	mb := leadingZeros(y)
	if mb == len(y) {
		return a.fail(fmt.Errorf("%w: division by a series that is zero to all %d computed orders", ErrPole, len(y)))
	}
	if ma := leadingZeros(x); ma < mb {
		return a.fail(fmt.Errorf("%w of order %d: the divisor vanishes to order %d, the dividend to order %d%s", ErrPole, mb-ma, mb, ma, roundingNote(x, ma, mb)))
	}
	x, y = x[mb:], y[mb:] // L'Hôpital: cancel εᵐᵇ
	c := make([]float64, len(x))
	for k := range c {
		s := x[k]
		for j := 1; j <= k; j++ {
			s -= y[j] * c[k-j]
		}
		c[k] = s / y[0]
	}
	return Series{c: c}
}

// roundingNote explains a pole whose dividend coefficient x[ma] is at
// rounding level next to the following ones: (t² − 2)/(t − x) at
// x = fl(√2) has t² − 2 = 4.4e-16 there. For the float point it is a true
// pole (x² ≠ 2), so Div does not guess — a tolerance would also hide real
// poles — but the message says that the point is probably not exactly the
// zero it was meant to be.
func roundingNote(x []float64, ma, mb int) string {
	next := 0.0
	for _, v := range x[ma+1 : min(mb+1, len(x))] {
		next = math.Max(next, math.Abs(v))
	}
	if next == 0 || math.Abs(x[ma]) > 16*eps*next {
		return ""
	}
	return fmt.Sprintf(" (but the dividend's coefficient %.3g is at rounding level next to %.3g: if the singularity is removable in exact arithmetic, the point is not exactly where the dividend vanishes, only a float near it; take an exactly representable point, or lib/symbolic's Limit)", x[ma], next)
}

// Neg returns −a as a truncated Taylor series.
func (a Series) Neg() Series { return a.Scale(-1) }

// Scale returns k·a as a truncated Taylor series.
func (a Series) Scale(k float64) Series {
	if a.err != nil {
		return a
	}
	c := make([]float64, len(a.c))
	for i, v := range a.c {
		c[i] = k * v
	}
	return Series{c: c}
}

// Shift returns a + k as a truncated Taylor series.
func (a Series) Shift(k float64) Series {
	if a.err != nil {
		return a
	}
	c := append([]float64(nil), a.c...)
	c[0] += k
	return Series{c: c}
}

// Square returns a² as a truncated Taylor series.
func (a Series) Square() Series { return a.Mul(a) }

// Const returns the constant k as a series of a's length.
func (a Series) Const(k float64) Series {
	c := make([]float64, max(len(a.c), 1))
	c[0] = k
	return Series{c: c}
}

// integrate returns the series u with u₀ = u0 and u′ = a′·g, the
// recurrence uₖ = (1/k) Σⱼ₌₁ᵏ j aⱼ gₖ₋ⱼ shared by exp, sin, cos, tanh and
// friends; next(k) must return gₖ given u₀ … uₖ.
func integrate(a []float64, u0 float64, next func(k int, u []float64) float64) []float64 {
	u := make([]float64, len(a))
	g := make([]float64, len(a))
	u[0] = u0
	g[0] = next(0, u)
	for k := 1; k < len(a); k++ {
		var s float64
		for j := 1; j <= k; j++ {
			s += float64(j) * a[j] * g[k-j]
		}
		u[k] = s / float64(k)
		g[k] = next(k, u)
	}
	return u
}

// Exp: u = eᵃ satisfies u′ = a′u.
func (a Series) Exp() Series {
	if a.err != nil {
		return a
	}
	return Series{c: integrate(a.c, math.Exp(a.c[0]), func(k int, u []float64) float64 { return u[k] })}
}

// Log: u = log a satisfies u′ = a′/a; log of a series with a₀ = 0 is
// ErrSingular.
func (a Series) Log() Series {
	if a.err != nil {
		return a
	}
	if a.c[0] == 0 {
		return a.fail(fmt.Errorf("%w: log of a series with zero constant term", ErrSingular))
	}
	inv := Series{c: a.c}.recip()
	return Series{c: integrate(a.c, math.Log(a.c[0]), func(k int, _ []float64) float64 { return inv[k] })}
}

// recip returns the coefficients of 1/a for a₀ ≠ 0.
func (a Series) recip() []float64 {
	one := a.Const(1)
	return one.Div(a).c
}

// Sqrt: r² = a, so rₖ = (aₖ − Σⱼ₌₁ᵏ⁻¹ rⱼrₖ₋ⱼ)/(2r₀); √ of a series with
// a₀ = 0 is ErrSingular (a branch point) unless it is zero throughout.
func (a Series) Sqrt() Series {
	if a.err != nil {
		return a
	}
	if a.c[0] == 0 {
		if leadingZeros(a.c) == len(a.c) {
			return a.Const(0)
		}
		return a.fail(fmt.Errorf("%w: square root of a series with zero constant term", ErrSingular))
	}
	r := make([]float64, len(a.c))
	r[0] = math.Sqrt(a.c[0])
	for k := 1; k < len(r); k++ {
		s := a.c[k]
		for j := 1; j < k; j++ {
			s -= r[j] * r[k-j]
		}
		r[k] = s / (2 * r[0])
	}
	return Series{c: r}
}

// Pow: p = aᵏ. Non-negative integer powers multiply (so 0ᵏ is fine);
// otherwise p satisfies a·p′ = k·a′·p, giving
// pₙ = (1/(n a₀)) Σⱼ₌₁ⁿ ((k+1)j − n) aⱼ pₙ₋ⱼ, which needs a₀ ≠ 0.
func (a Series) Pow(k float64) Series {
	if a.err != nil {
		return a
	}
	if k == math.Trunc(k) && k >= 0 && k <= 1024 {
		p, base := a.Const(1), a
		for e := int(k); e > 0; e >>= 1 {
			if e&1 == 1 {
				p = p.Mul(base)
			}
			base = base.Mul(base)
		}
		return p
	}
	if a.c[0] == 0 {
		return a.fail(fmt.Errorf("%w: power %v of a series with zero constant term", ErrSingular, k))
	}
	p := make([]float64, len(a.c))
	p[0] = math.Pow(a.c[0], k)
	for n := 1; n < len(p); n++ {
		var s float64
		for j := 1; j <= n; j++ {
			s += ((k+1)*float64(j) - float64(n)) * a.c[j] * p[n-j]
		}
		p[n] = s / (float64(n) * a.c[0])
	}
	return Series{c: p}
}

// Sin and Cos: s′ = a′c, c′ = −a′s, computed together.
func (a Series) sincos() (s, c []float64) {
	n := len(a.c)
	s, c = make([]float64, n), make([]float64, n)
	s[0], c[0] = math.Sin(a.c[0]), math.Cos(a.c[0])
	for k := 1; k < n; k++ {
		var ss, cc float64
		for j := 1; j <= k; j++ {
			ss += float64(j) * a.c[j] * c[k-j]
			cc -= float64(j) * a.c[j] * s[k-j]
		}
		s[k], c[k] = ss/float64(k), cc/float64(k)
	}
	return s, c
}

// Sin returns sin a as a truncated Taylor series.
func (a Series) Sin() Series {
	if a.err != nil {
		return a
	}
	s, _ := a.sincos()
	return Series{c: s}
}

// Cos returns cos a as a truncated Taylor series.
func (a Series) Cos() Series {
	if a.err != nil {
		return a
	}
	_, c := a.sincos()
	return Series{c: c}
}

// Tanh: u = tanh a satisfies u′ = a′(1 − u²).
func (a Series) Tanh() Series {
	if a.err != nil {
		return a
	}
	return Series{c: integrate(a.c, activation.Tanh(a.c[0]), func(k int, u []float64) float64 {
		if k == 0 {
			// 1 − tanh² loses every digit where tanh ≈ ±1; take the
			// stable formula from lib/activation.
			return activation.TanhDeriv(a.c[0])
		}
		return -cauchy(u, u, k)
	})}
}

// Sigmoid: u = σ(a) satisfies u′ = a′u(1 − u).
func (a Series) Sigmoid() Series {
	if a.err != nil {
		return a
	}
	return Series{c: integrate(a.c, activation.Sigmoid(a.c[0]), func(k int, u []float64) float64 {
		if k == 0 {
			return activation.SigmoidDeriv(a.c[0]) // σ(1 − σ) without cancellation
		}
		return u[k] - cauchy(u, u, k)
	})}
}

// Softplus: u = log(1 + eᵃ) satisfies u′ = a′σ(a).
func (a Series) Softplus() Series {
	if a.err != nil {
		return a
	}
	sig := a.Sigmoid().c
	return Series{c: integrate(a.c, activation.Softplus(a.c[0]), func(k int, _ []float64) float64 { return sig[k] })}
}

// cauchy returns the k-th coefficient of the product of x and y.
func cauchy(x, y []float64, k int) float64 {
	var s float64
	for j := 0; j <= k; j++ {
		s += x[j] * y[k-j]
	}
	return s
}
