package optim

import (
	"fmt"

	"gonum.org/v1/gonum/floats"
)

// Descend minimizes p by repeating st.Step(x, ∇f(x)) from x0 until a
// stopping rule of s holds. It evaluates f at every iterate only for the
// Trace; the stepper sees the gradient alone. x0 is not modified.
func Descend(p Problem, x0 []float64, st Stepper, s *Settings) (*Result, error) {
	r, err := newRun(fmt.Sprintf("Descend(%T)", st), p, x0, s, true, false)
	if err != nil {
		return nil, err
	}
	if v, ok := st.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return nil, err
		}
	}
	x := append([]float64(nil), x0...)
	prev := make([]float64, len(x))
	g := make([]float64, len(x))
	f := r.c.f(x)
	r.c.grad(g, x)
	status, err := r.record(x, f, floats.Norm(g, 2), 0, 0)
	for status == NotTerminated {
		copy(prev, x)
		st.Step(x, g)
		f = r.c.f(x)
		r.c.grad(g, x)
		status, err = r.record(x, f, floats.Norm(g, 2), 1, floats.Distance(x, prev, 2))
	}
	return r.res, err
}

// GradientDescent is steepest descent: the search direction is d = −∇f(x)
// and a line search picks the step. With LineSearch nil and Rate > 0 it
// takes the fixed step x ← x − Rate·∇f(x) instead; with both zero it uses
// Backtracking. The first trial step is 1, later ones scale the previous
// step by the ratio of the old to the new directional slope (Nocedal and
// Wright, §3.5), so an accepted step length is reused where it still fits.
type GradientDescent struct {
	LineSearch LineSearch
	Rate       float64
}

// Minimize runs the method from x0 (not modified).
func (gd GradientDescent) Minimize(p Problem, x0 []float64, s *Settings) (*Result, error) {
	if err := checkRate("GradientDescent", "Rate", gd.Rate); err != nil {
		return nil, err
	}
	if gd.LineSearch == nil && gd.Rate > 0 {
		return Descend(p, x0, &SGD{Rate: gd.Rate}, s)
	}
	ls := gd.LineSearch
	if ls == nil {
		ls = Backtracking{}
	}
	r, err := newRun("GradientDescent", p, x0, s, true, false)
	if err != nil {
		return nil, err
	}
	x := append([]float64(nil), x0...)
	g := make([]float64, len(x))
	d := make([]float64, len(x))
	f := r.c.f(x)
	r.c.grad(g, x)
	status, err := r.record(x, f, floats.Norm(g, 2), 0, 0)
	alpha, prevSlope := 1.0, 0.0
	for status == NotTerminated {
		floats.ScaleTo(d, -1, g)
		slope := -floats.Dot(g, g)
		alpha0 := 1.0
		if prevSlope != 0 {
			alpha0 = alpha * prevSlope / slope
		}
		if alpha, f, err = r.lineStep(ls, x, d, g, f, slope, alpha0); err != nil {
			return r.fail(err)
		}
		prevSlope = slope
		status, err = r.record(x, f, floats.Norm(g, 2), alpha, alpha*floats.Norm(d, 2))
	}
	return r.res, err
}

// lineStep searches along d from x, then moves x to x + α d, stores the
// gradient there in g and returns α and the cost there, reusing the line's
// last evaluation when it was at the accepted step.
func (r *run) lineStep(ls LineSearch, x, d, g []float64, f, slope, alpha0 float64) (alpha, fNew float64, err error) {
	l := newLine(r.c, x, d)
	alpha, err = ls.Search(l, f, slope, alpha0)
	if err != nil {
		return 0, f, fmt.Errorf("optim: %s: iteration %d: %w", r.op, r.res.Iterations+1, err)
	}
	if l.evals && l.alpha == alpha {
		copy(x, l.xt)
		fNew = l.f
		if l.gValid {
			copy(g, l.g)
			return alpha, fNew, nil
		}
	} else {
		floats.AddScaled(x, alpha, d)
		fNew = r.c.f(x)
	}
	r.c.grad(g, x)
	return alpha, fNew, nil
}
