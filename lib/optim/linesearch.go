package optim

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// Line is the objective restricted to a ray, φ(α) = f(x + α d), with its
// slope φ′(α) = ∇f(x + α d)ᵀd. It counts evaluations and remembers the
// gradient at the last point it evaluated, so the method that asked for the
// search can reuse it.
type Line struct {
	c      *counted
	x, d   []float64
	xt     []float64 // x + α d at the last evaluation
	g      []float64 // gradient at xt when gValid
	alpha  float64   // α of the last evaluation
	f      float64
	gValid bool
	evals  bool // whether anything was evaluated
}

// NewLine returns the line through x along d for the problem p. x and d are
// not copied and must not change while the Line is in use.
func NewLine(p Problem, x, d []float64) *Line {
	if len(x) != len(d) {
		panic(fmt.Sprintf("optim: NewLine: len(x)=%d, len(d)=%d", len(x), len(d)))
	}
	return newLine(&counted{p: p}, x, d)
}

func newLine(c *counted, x, d []float64) *Line {
	return &Line{c: c, x: x, d: d, xt: make([]float64, len(x)), g: make([]float64, len(x))}
}

func (l *Line) at(alpha float64) {
	for i := range l.xt {
		l.xt[i] = l.x[i] + alpha*l.d[i]
	}
	l.alpha, l.gValid, l.evals = alpha, false, true
}

// F returns φ(α) = f(x + α d).
func (l *Line) F(alpha float64) float64 {
	l.at(alpha)
	l.f = l.c.f(l.xt)
	return l.f
}

// FD returns φ(α) and φ′(α).
func (l *Line) FD(alpha float64) (phi, slope float64) {
	l.at(alpha)
	l.f = l.c.f(l.xt)
	if l.c.p.Grad == nil {
		panic("optim: Line.FD: problem has no gradient")
	}
	l.c.grad(l.g, l.xt)
	l.gValid = true
	return l.f, floats.Dot(l.g, l.d)
}

// Evals returns the number of function and gradient evaluations made
// through this line.
func (l *Line) Evals() (funcs, grads int) { return l.c.fe, l.c.ge }

// LineSearch chooses a step length along a descent direction.
//
// Search is given the line, φ(0), φ′(0) < 0 and a first trial step
// alpha0 > 0, and returns an α > 0 that satisfies the method's conditions,
// or an error that says why none was found.
type LineSearch interface {
	Search(l *Line, phi0, slope0, alpha0 float64) (alpha float64, err error)
}

var (
	_ LineSearch = Backtracking{}
	_ LineSearch = StrongWolfe{}
	_ LineSearch = GoldenSection{}
	_ LineSearch = Exact{}
)

// ErrNotDescent is returned by a line search given φ′(0) ≥ 0.
var ErrNotDescent = errors.New("optim: search direction is not a descent direction")

func checkDescent(op string, phi0, slope0, alpha0 float64) error {
	if !(slope0 < 0) {
		return fmt.Errorf("%w: %s: φ′(0) = %v", ErrNotDescent, op, slope0)
	}
	if !(alpha0 > 0) || math.IsInf(alpha0, 0) || math.IsNaN(phi0) {
		return fmt.Errorf("optim: %s: initial step %v, φ(0) = %v", op, alpha0, phi0)
	}
	return nil
}

// Armijo reports whether step α with value phiA gives sufficient decrease:
// φ(α) ≤ φ(0) + c₁ α φ′(0).
func Armijo(phi0, slope0, alpha, phiA, c1 float64) bool {
	return phiA <= phi0+c1*alpha*slope0
}

// roundoff is the slack allowed in the sufficient-decrease test for rounding
// error in φ itself: near a minimizer the predicted decrease c₁αφ′(0) falls
// below the few ulps to which φ can be computed, and the exact test would
// reject every step (Hager and Zhang, SIAM J. Optim. 16, 2005, use the same
// ε|φ(0)| relaxation in their approximate Wolfe conditions).
func roundoff(phi0 float64) float64 { return 8 * 0x1p-52 * math.Abs(phi0) }

// decreases is the Armijo test with the rounding slack.
func decreases(phi0, slope0, alpha, phiA, c1 float64) bool {
	return phiA <= phi0+c1*alpha*slope0+roundoff(phi0)
}

// StrongCurvature reports whether the slope at α satisfies the strong
// Wolfe curvature condition |φ′(α)| ≤ c₂ |φ′(0)|.
func StrongCurvature(slope0, slopeA, c2 float64) bool {
	return math.Abs(slopeA) <= c2*math.Abs(slope0)
}

// Backtracking tries α₀, ρα₀, ρ²α₀, … and accepts the first step with
// sufficient decrease (the Armijo condition, with a slack of 8ε|φ(0)| for
// rounding in φ so that Newton's full step is still taken once the decrease
// it promises is below machine precision). Zero fields mean C1 = 1e-4,
// Shrink ρ = 0.5, MaxIter = 60.
type Backtracking struct {
	C1, Shrink float64
	MaxIter    int
}

// Search implements LineSearch.
func (b Backtracking) Search(l *Line, phi0, slope0, alpha0 float64) (float64, error) {
	if err := errors.Join(checkFraction("Backtracking", "C1", b.C1), checkFraction("Backtracking", "Shrink", b.Shrink),
		checkCount("Backtracking", "MaxIter", b.MaxIter)); err != nil {
		return 0, err
	}
	if err := checkDescent("Backtracking", phi0, slope0, alpha0); err != nil {
		return 0, err
	}
	c1, rho := rateOr(b.C1, 1e-4), rateOr(b.Shrink, 0.5)
	maxIter := b.MaxIter
	if maxIter == 0 {
		maxIter = 60
	}
	alpha := alpha0
	for range maxIter {
		if phi := l.F(alpha); decreases(phi0, slope0, alpha, phi, c1) {
			return alpha, nil
		}
		alpha *= rho
	}
	return 0, fmt.Errorf("optim: Backtracking: no sufficient decrease after %d trials from α=%v (φ(0)=%v, φ′(0)=%v)", maxIter, alpha0, phi0, slope0)
}

// StrongWolfe finds a step satisfying the strong Wolfe conditions,
//
//	φ(α) ≤ φ(0) + c₁ α φ′(0)   and   |φ′(α)| ≤ c₂ |φ′(0)|,
//
// by the bracketing and zoom phases of Nocedal and Wright, Numerical
// Optimization (2nd ed.), Algorithms 3.5 and 3.6, with safeguarded cubic
// interpolation in the zoom, and the rounding slack of Backtracking in the
// decrease test. Zero fields mean C1 = 1e-4, C2 = 0.9 (use 0.1
// for a nearly exact search), MaxIter = 60.
type StrongWolfe struct {
	C1, C2  float64
	MaxIter int
}

// Search implements LineSearch.
func (w StrongWolfe) Search(l *Line, phi0, slope0, alpha0 float64) (float64, error) {
	if err := errors.Join(checkFraction("StrongWolfe", "C1", w.C1), checkFraction("StrongWolfe", "C2", w.C2),
		checkCount("StrongWolfe", "MaxIter", w.MaxIter)); err != nil {
		return 0, err
	}
	if err := checkDescent("StrongWolfe", phi0, slope0, alpha0); err != nil {
		return 0, err
	}
	c1, c2 := rateOr(w.C1, 1e-4), rateOr(w.C2, 0.9)
	maxIter := w.MaxIter
	if maxIter == 0 {
		maxIter = 60
	}
	prev := point{0, phi0, slope0}
	alpha := alpha0
	for i := range maxIter {
		phi, slope := l.FD(alpha)
		cur := point{alpha, phi, slope}
		if !decreases(phi0, slope0, alpha, phi, c1) || (i > 0 && phi >= prev.phi) {
			return w.zoom(l, phi0, slope0, c1, c2, prev, cur, maxIter)
		}
		if StrongCurvature(slope0, slope, c2) {
			return alpha, nil
		}
		if slope >= 0 {
			return w.zoom(l, phi0, slope0, c1, c2, cur, prev, maxIter)
		}
		prev = cur
		alpha *= 2
	}
	return 0, fmt.Errorf("optim: StrongWolfe: no bracket after %d expansions from α=%v (unbounded below along d?)", maxIter, alpha0)
}

type point struct{ alpha, phi, slope float64 }

// zoom shrinks the interval between lo (the best point so far, satisfying
// sufficient decrease) and hi until a point satisfies both conditions.
func (w StrongWolfe) zoom(l *Line, phi0, slope0, c1, c2 float64, lo, hi point, maxIter int) (float64, error) {
	for range maxIter {
		alpha := cubicMin(lo, hi)
		phi, slope := l.FD(alpha)
		if !decreases(phi0, slope0, alpha, phi, c1) || phi >= lo.phi {
			hi = point{alpha, phi, slope}
			continue
		}
		if StrongCurvature(slope0, slope, c2) {
			return alpha, nil
		}
		if slope*(hi.alpha-lo.alpha) >= 0 {
			hi = lo
		}
		lo = point{alpha, phi, slope}
		if math.Abs(hi.alpha-lo.alpha) <= 1e-16*math.Abs(lo.alpha) {
			break
		}
	}
	return 0, fmt.Errorf("optim: StrongWolfe: zoom did not converge in %d steps (interval [%v, %v])", maxIter, lo.alpha, hi.alpha)
}

// cubicMin returns the minimizer of the cubic that matches the values and
// slopes at a and b, kept at least a tenth of the interval away from its
// ends; if the cubic has no minimizer there it bisects.
func cubicMin(a, b point) float64 {
	d1 := a.slope + b.slope - 3*(a.phi-b.phi)/(a.alpha-b.alpha)
	disc := d1*d1 - a.slope*b.slope
	lo, hi := math.Min(a.alpha, b.alpha), math.Max(a.alpha, b.alpha)
	mid := (lo + hi) / 2
	if disc < 0 {
		return mid
	}
	d2 := math.Copysign(math.Sqrt(disc), b.alpha-a.alpha)
	den := b.slope - a.slope + 2*d2
	if den == 0 {
		return mid
	}
	t := b.alpha - (b.alpha-a.alpha)*(b.slope+d2-d1)/den
	margin := 0.1 * (hi - lo)
	if math.IsNaN(t) || t < lo+margin || t > hi-margin {
		return mid
	}
	return t
}

// invPhi is 1/φ = (√5 − 1)/2 for the golden ratio φ.
var invPhi = (math.Sqrt(5) - 1) / 2

// GoldenSection minimizes φ along the line using values only: it first
// brackets a minimum (a < b < c with φ(b) below φ(a) and φ(c)), expanding
// by the golden ratio, then shrinks the bracket by the factor 0.618 per
// evaluation until its width is at most Tol·(1 + b). It finds a local
// minimizer of a unimodal φ. Zero fields mean Tol = 1e-6, MaxIter = 200.
type GoldenSection struct {
	Tol     float64
	MaxIter int
}

// Search implements LineSearch.
func (gs GoldenSection) Search(l *Line, phi0, slope0, alpha0 float64) (float64, error) {
	if err := errors.Join(checkRate("GoldenSection", "Tol", gs.Tol), checkCount("GoldenSection", "MaxIter", gs.MaxIter)); err != nil {
		return 0, err
	}
	if err := checkDescent("GoldenSection", phi0, slope0, alpha0); err != nil {
		return 0, err
	}
	tol := rateOr(gs.Tol, 1e-6)
	maxIter := gs.MaxIter
	if maxIter == 0 {
		maxIter = 200
	}
	// Bracket: [a, c] contains a minimizer once φ(c) ≥ φ(b) < φ(a).
	a, b := 0.0, alpha0
	fb := l.F(b)
	c := b
	if fb >= phi0 {
		// φ decreases at 0 but not by α₀: a minimizer lies in (0, α₀).
		c = b
	} else {
		i := 0
		for ; i < maxIter; i++ {
			c = b + (b-a)/invPhi
			fc := l.F(c)
			if fc >= fb {
				break
			}
			a, b, fb = b, c, fc
		}
		if i == maxIter {
			return 0, fmt.Errorf("optim: GoldenSection: no bracket after %d expansions (φ(%v) = %v still decreasing)", maxIter, c, fb)
		}
	}
	// Golden-section shrinking of [a, c].
	x1, x2 := c-invPhi*(c-a), a+invPhi*(c-a)
	f1, f2 := l.F(x1), l.F(x2)
	for range maxIter {
		if c-a <= tol*(1+math.Abs(x1)) {
			break
		}
		if f1 < f2 {
			c, x2, f2 = x2, x1, f1
			x1 = c - invPhi*(c-a)
			f1 = l.F(x1)
		} else {
			a, x1, f1 = x1, x2, f2
			x2 = a + invPhi*(c-a)
			f2 = l.F(x2)
		}
	}
	best := x1
	if f2 < f1 {
		best = x2
	}
	return best, nil
}

// Exact minimizes φ along the line by solving φ′(α) = 0: it brackets a sign
// change of the slope, doubling the step, then narrows the bracket with
// safeguarded secant steps until |φ′(α)| ≤ Tol·|φ′(0)|. On a quadratic
// f = ½xᵀAx − bᵀx it returns α = −gᵀd / dᵀAd. Zero fields mean Tol = 1e-10,
// MaxIter = 200.
type Exact struct {
	Tol     float64
	MaxIter int
}

// Search implements LineSearch.
func (e Exact) Search(l *Line, phi0, slope0, alpha0 float64) (float64, error) {
	if err := errors.Join(checkRate("Exact", "Tol", e.Tol), checkCount("Exact", "MaxIter", e.MaxIter)); err != nil {
		return 0, err
	}
	if err := checkDescent("Exact", phi0, slope0, alpha0); err != nil {
		return 0, err
	}
	tol := rateOr(e.Tol, 1e-10)
	maxIter := e.MaxIter
	if maxIter == 0 {
		maxIter = 200
	}
	lo, slo := 0.0, slope0
	hi := alpha0
	var shi float64
	i := 0
	for ; i < maxIter; i++ {
		_, shi = l.FD(hi)
		if math.Abs(shi) <= tol*math.Abs(slope0) {
			return hi, nil
		}
		if shi > 0 {
			break
		}
		lo, slo = hi, shi
		hi *= 2
	}
	if i == maxIter {
		return 0, fmt.Errorf("optim: Exact: slope still negative at α=%v after %d doublings (unbounded below along d?)", hi, maxIter)
	}
	side := 0 // which end moved last: −1 lo, +1 hi; twice the same → bisect
	repeat := false
	for range maxIter {
		w := hi - lo
		alpha := lo - slo*w/(shi-slo) // secant root of φ′
		if repeat || !(alpha > lo+0.01*w && alpha < hi-0.01*w) {
			alpha = lo + w/2
		}
		_, s := l.FD(alpha)
		if math.Abs(s) <= tol*math.Abs(slope0) || w <= 1e-15*hi {
			return alpha, nil
		}
		moved := 1
		if s < 0 {
			lo, slo, moved = alpha, s, -1
		} else {
			hi, shi = alpha, s
		}
		repeat = moved == side
		side = moved
	}
	return 0, fmt.Errorf("optim: Exact: |φ′| not below %v·|φ′(0)| in %d steps (bracket [%v, %v])", tol, maxIter, lo, hi)
}
