package fd

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Settings adjust a finite-difference computation. A nil *Settings, and
// every zero field, means the default.
type Settings struct {
	// Formula is the stencil used. Zero means Central1 (Central2 for
	// second-derivative routines).
	Formula Formula
	// Step is the step h. Zero means Formula.Step(x), which is scaled by
	// |x| (by the largest |xᵢ| for functions of a vector).
	Step float64
	// Concurrent evaluates f from several goroutines; f must then be safe
	// for concurrent use.
	Concurrent bool
}

func (s *Settings) formula(d int) Formula {
	if s == nil || s.Formula.IsZero() {
		if d == 2 {
			return Central2
		}
		return Central1
	}
	checkFormula(s.Formula, d)
	return s.Formula
}

// step returns the step for a point of magnitude x. A caller's step must
// be a positive normal number that changes x: with x + h == x every
// difference is 0, and a subnormal h has too few digits to divide by.
func (s *Settings) step(f Formula, x float64) float64 {
	if s == nil || s.Step == 0 {
		return f.Step(x)
	}
	h := s.Step
	switch {
	case !(h > 0) || math.IsInf(h, 0):
		panic(fmt.Sprintf("fd: step %v is not a positive number", h))
	case h < 0x1p-1022:
		panic(fmt.Sprintf("fd: step %v is subnormal (below 2.2e-308): too few digits for a difference quotient", h))
	case x+h == x || x-h == x:
		panic(fmt.Sprintf("fd: step %v does not change x = %v (x ± h rounds to x): every difference would be 0; use a step of at least ε·|x| ≈ %.2g", h, x, eps*math.Abs(x)))
	}
	return h
}

func (s *Settings) concurrent() bool { return s != nil && s.Concurrent }

func checkFormula(f Formula, d int) {
	if len(f.Stencil) == 0 {
		panic("fd: formula has an empty stencil")
	}
	if d > 0 && f.Derivative != d {
		panic(fmt.Sprintf("fd: formula approximates derivative %d, need %d", f.Derivative, d))
	}
}

// Derivative approximates the derivative of f at x of the order the
// formula approximates:
//
//	f⁽ᵈ⁾(x) ≈ (1/hᵈ) Σᵢ Coeffᵢ f(x + Locᵢ·h).
//
// Settings nil means the second-order central formula for f′ with the
// default step ε^(1/3)·max(|x|,1). It panics if the formula's stencil is
// empty or the step is not positive, is subnormal, or is too small to
// change x (x + h == x, which made every difference 0).
func Derivative(f func(float64) float64, x float64, s *Settings) float64 {
	var form Formula
	if s == nil || s.Formula.IsZero() {
		form = Central1
	} else {
		checkFormula(s.Formula, 0)
		form = s.Formula
	}
	return apply(f, x, form, s.step(form, x))
}

func apply(f func(float64) float64, x float64, form Formula, h float64) float64 {
	v, _ := applyRound(f, x, form, h)
	return v
}

// applyRound evaluates the formula and bounds its round-off error by
// ε·Σᵢ|Coeffᵢ·f(x+Locᵢh)|/hᵈ: each value carries a relative error of
// about ε and the formula adds them up with its weights.
func applyRound(f func(float64) float64, x float64, form Formula, h float64) (val, round float64) {
	// Use the step the machine actually takes: x+h is rounded, and
	// dividing by the intended h would add that rounding to the error.
	if xh := (x + h) - x; xh != 0 {
		h = xh
	}
	var sum, mag float64
	for _, p := range form.Stencil {
		v := p.Coeff * f(x+p.Loc*h)
		sum += v
		mag += math.Abs(v)
	}
	hd := math.Pow(h, float64(form.Derivative))
	return sum / hd, eps * mag / hd
}

// maxAbs returns max(|xᵢ|), used to scale the default step for vectors.
func maxAbs(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

// Gradient approximates the gradient of f at x into dst, which is
// allocated when nil, and returns it:
//
//	∂f/∂xᵢ ≈ (1/h) Σₖ Coeffₖ f(x + Locₖ·h·eᵢ).
//
// It costs Formula.Evals(len(x)) calls of f: n+1 for Forward1, 2n for
// Central1. x is not modified (f receives copies). It panics if dst has the
// wrong length or the formula is not for a first derivative.
func Gradient(dst []float64, f func([]float64) float64, x []float64, s *Settings) []float64 {
	n := len(x)
	if dst == nil {
		dst = make([]float64, n)
	} else if len(dst) != n {
		panic(fmt.Sprintf("fd: Gradient: len(dst) = %d, len(x) = %d", len(dst), n))
	}
	form := s.formula(1)
	h := s.step(form, maxAbs(x))
	origin := math.NaN()
	for _, p := range form.Stencil {
		if p.Loc == 0 {
			origin = f(append([]float64(nil), x...))
			break
		}
	}
	partial := func(i int, xc []float64) {
		var sum float64
		for _, p := range form.Stencil {
			if p.Loc == 0 {
				sum += p.Coeff * origin
				continue
			}
			xc[i] = x[i] + p.Loc*h
			sum += p.Coeff * f(xc)
			xc[i] = x[i]
		}
		dst[i] = sum / h
	}
	parallel(n, s.concurrent(), func() []float64 { return append([]float64(nil), x...) }, partial)
	return dst
}

// parallel runs job(i, scratch) for i in [0,n), on up to GOMAXPROCS
// goroutines when concurrent is set; each goroutine has its own scratch.
func parallel(n int, concurrent bool, scratch func() []float64, job func(i int, s []float64)) {
	workers := 1
	if concurrent {
		workers = min(runtime.GOMAXPROCS(0), n)
	}
	if workers <= 1 {
		s := scratch()
		for i := 0; i < n; i++ {
			job(i, s)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := scratch()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				job(i, s)
			}
		}()
	}
	wg.Wait()
}

// Directional approximates the derivative of f at x in the direction v,
//
//	∇f(x)·v = d/dt f(x + t·v) at t = 0,
//
// with one one-dimensional formula: its cost does not grow with len(x).
// It panics if len(v) != len(x).
func Directional(f func([]float64) float64, x, v []float64, s *Settings) float64 {
	if len(v) != len(x) {
		panic(fmt.Sprintf("fd: Directional: len(v) = %d, len(x) = %d", len(v), len(x)))
	}
	form := s.formula(1)
	// Scale the step so that the largest coordinate move matches the
	// step for x itself.
	h := s.step(form, maxAbs(x))
	if vn := maxAbs(v); vn > 0 && (s == nil || s.Step == 0) {
		h /= vn
	}
	xc := make([]float64, len(x))
	g := func(t float64) float64 {
		for i := range x {
			xc[i] = x[i] + t*v[i]
		}
		return f(xc)
	}
	return apply(g, 0, form, h)
}

// Counter counts calls of the functions it wraps; it is safe for
// concurrent use. It lets a caller report the cost of a computation.
type Counter struct{ n atomic.Int64 }

// Scalar wraps a function of one variable.
func (c *Counter) Scalar(f func(float64) float64) func(float64) float64 {
	return func(x float64) float64 { c.n.Add(1); return f(x) }
}

// Vector wraps a function of a vector.
func (c *Counter) Vector(f func([]float64) float64) func([]float64) float64 {
	return func(x []float64) float64 { c.n.Add(1); return f(x) }
}

// Calls returns the number of calls so far.
func (c *Counter) Calls() int { return int(c.n.Load()) }
