package optim

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/optimize"
)

// Problem is gonum's optimize.Problem: Func, and for the methods that need
// them Grad and Hess. The same value can be passed to gonum's
// optimize.Minimize.
type Problem = optimize.Problem

// Settings holds the stopping rules. A nil *Settings means the defaults, and
// so does every zero field.
type Settings struct {
	MaxIter int     // iteration limit; 0 means 1000
	GradTol float64 // stop when ‖∇f‖₂ ≤ GradTol; 0 means 1e-8, negative disables
	FuncTol float64 // stop when |Δf| ≤ FuncTol·(1+|f|); 0 disables
	StepTol float64 // stop when ‖Δx‖₂ ≤ StepTol·(1+‖x‖₂); 0 disables
	NoPath  bool    // do not store the iterates in Trace.X (large problems)
}

func (s *Settings) withDefaults() Settings {
	var out Settings
	if s != nil {
		out = *s
	}
	if out.MaxIter == 0 {
		out.MaxIter = 1000
	}
	if out.GradTol == 0 {
		out.GradTol = 1e-8
	}
	return out
}

// Status says why a method stopped.
type Status int

const (
	NotTerminated     Status = iota
	GradientConverged        // ‖∇f‖ ≤ GradTol (for Root: ‖F‖ ≤ GradTol)
	FunctionConverged        // |Δf| ≤ FuncTol·(1+|f|)
	StepConverged            // ‖Δx‖ ≤ StepTol·(1+‖x‖)
	IterationLimit           // MaxIter reached first
	Failed                   // diverged or the line search failed; see the error
)

func (s Status) String() string {
	switch s {
	case NotTerminated:
		return "NotTerminated"
	case GradientConverged:
		return "GradientConverged"
	case FunctionConverged:
		return "FunctionConverged"
	case StepConverged:
		return "StepConverged"
	case IterationLimit:
		return "IterationLimit"
	case Failed:
		return "Failed"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Converged reports whether the status is one of the convergence tests.
func (s Status) Converged() bool {
	return s == GradientConverged || s == FunctionConverged || s == StepConverged
}

// Trace records a run, one entry per iterate x₀, x₁, …, xₖ.
type Trace struct {
	X        [][]float64 // the iterates (nil with Settings.NoPath)
	F        []float64   // f(xₖ); for Root, ½‖F(xₖ)‖²
	GradNorm []float64   // ‖∇f(xₖ)‖₂; for Root, ‖F(xₖ)‖₂
	Step     []float64   // ‖xₖ − xₖ₋₁‖₂, 0 for x₀
	Alpha    []float64   // step length αₖ along the search direction, 0 for x₀
	// Cumulative numbers of evaluations when xₖ was accepted. For Root,
	// FuncEvals counts F and GradEvals counts Jacobians.
	FuncEvals, GradEvals, HessEvals []int
}

// Len returns the number of recorded iterates.
func (t *Trace) Len() int { return len(t.F) }

// Coord returns coordinate i of every recorded iterate, for plotting a
// path: Coord(0) and Coord(1) are the x and y of a 2-D path. It panics if
// the path was not recorded.
func (t *Trace) Coord(i int) []float64 {
	if t.X == nil && t.Len() > 0 {
		panic("optim: Trace.Coord: path not recorded (Settings.NoPath)")
	}
	c := make([]float64, len(t.X))
	for k, x := range t.X {
		c[k] = x[i]
	}
	return c
}

// Errors gives the distance ‖xₖ − xStar‖₂ of every recorded iterate from a
// known solution: the curve to plot on a log scale to see the rate.
func (t *Trace) Errors(xStar []float64) []float64 {
	e := make([]float64, len(t.X))
	for k, x := range t.X {
		e[k] = floats.Distance(x, xStar, 2)
	}
	return e
}

// Result is what every method returns.
type Result struct {
	X          []float64 // the last accepted iterate
	F          float64   // f(X) (for Root: ½‖F(X)‖²)
	GradNorm   float64   // ‖∇f(X)‖₂ (for Root: ‖F(X)‖₂)
	Iterations int
	Status     Status
	// Totals of evaluations (for Root: F and Jacobian evaluations).
	FuncEvals, GradEvals, HessEvals int
	// HessShifts counts Newton iterations whose Hessian (or Jacobian) was
	// not usable and was regularized by a shift τI.
	HessShifts int
	Trace      Trace
}

// ErrDiverged is wrapped by the error returned when a cost or gradient
// becomes NaN or infinite.
var ErrDiverged = errors.New("optim: diverged")

// counted wraps a Problem and counts evaluations.
type counted struct {
	p          Problem
	fe, ge, he int
}

func (c *counted) f(x []float64) float64 { c.fe++; return c.p.Func(x) }
func (c *counted) grad(g, x []float64) {
	c.ge++
	c.p.Grad(g, x)
}

// run holds the state every method shares: settings, counters, the result
// being built and the stopping tests.
type run struct {
	op  string
	s   Settings
	c   *counted
	res *Result
}

func newRun(op string, p Problem, x0 []float64, s *Settings, needGrad, needHess bool) (*run, error) {
	if p.Func == nil {
		return nil, fmt.Errorf("optim: %s: Problem.Func is nil", op)
	}
	if needGrad && p.Grad == nil {
		return nil, fmt.Errorf("optim: %s: Problem.Grad is nil (this method needs the gradient)", op)
	}
	if needHess && p.Hess == nil {
		return nil, fmt.Errorf("optim: %s: Problem.Hess is nil (this method needs the Hessian)", op)
	}
	if err := checkStart(op, x0); err != nil {
		return nil, err
	}
	return &run{op: op, s: s.withDefaults(), c: &counted{p: p}, res: &Result{}}, nil
}

func checkStart(op string, x0 []float64) error {
	if len(x0) == 0 {
		return fmt.Errorf("optim: %s: empty starting point", op)
	}
	for i, v := range x0 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("optim: %s: starting point x0[%d] is %v", op, i, v)
		}
	}
	return nil
}

// record appends iterate k (x with cost f and gradient norm gn, reached
// by a step of length alpha) to the result and reports whether to stop.
// A non-finite cost or gradient stops with ErrDiverged and leaves the
// previous iterate as the result.
func (r *run) record(x []float64, f, gn, alpha, step float64) (Status, error) {
	res := r.res
	k := res.Trace.Len()
	if math.IsNaN(f) || math.IsInf(f, 0) || math.IsNaN(gn) || math.IsInf(gn, 0) {
		res.Status = Failed
		if k == 0 {
			return Failed, fmt.Errorf("optim: %s: cost %v, gradient norm %v at the starting point", r.op, f, gn)
		}
		return Failed, fmt.Errorf("%w: %s: iteration %d: cost %v, gradient norm %v", ErrDiverged, r.op, k, f, gn)
	}
	prevF := res.F
	res.X = append(res.X[:0], x...)
	res.F, res.GradNorm, res.Iterations = f, gn, k
	res.FuncEvals, res.GradEvals, res.HessEvals = r.c.fe, r.c.ge, r.c.he
	t := &res.Trace
	if !r.s.NoPath {
		t.X = append(t.X, append([]float64(nil), x...))
	}
	t.F = append(t.F, f)
	t.GradNorm = append(t.GradNorm, gn)
	t.Step = append(t.Step, step)
	t.Alpha = append(t.Alpha, alpha)
	t.FuncEvals = append(t.FuncEvals, r.c.fe)
	t.GradEvals = append(t.GradEvals, r.c.ge)
	t.HessEvals = append(t.HessEvals, r.c.he)

	switch {
	case r.s.GradTol > 0 && gn <= r.s.GradTol:
		res.Status = GradientConverged
	case k > 0 && r.s.FuncTol > 0 && math.Abs(f-prevF) <= r.s.FuncTol*(1+math.Abs(f)):
		res.Status = FunctionConverged
	case k > 0 && r.s.StepTol > 0 && step <= r.s.StepTol*(1+floats.Norm(x, 2)):
		res.Status = StepConverged
	case k >= r.s.MaxIter:
		res.Status = IterationLimit
	default:
		return NotTerminated, nil
	}
	return res.Status, nil
}

// fail marks the run failed with err.
func (r *run) fail(err error) (*Result, error) {
	r.res.Status = Failed
	return r.res, err
}
