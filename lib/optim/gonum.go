package optim

import (
	"fmt"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/optimize"
)

// Gonum minimizes p with gonum's optimize.Minimize and method (nil means
// gonum's choice), recording gonum's major iterations into the Trace so its
// path and convergence can be drawn next to ours. Settings map to gonum's:
// MaxIter to MajorIterations, GradTol to GradientThreshold (gonum tests the
// ∞-norm of the gradient). Alpha is not recorded (0).
func Gonum(p Problem, x0 []float64, method optimize.Method, s *Settings) (*Result, error) {
	if err := checkStart("Gonum", x0); err != nil {
		return nil, err
	}
	set := s.withDefaults()
	rec := &gonumRecorder{noPath: set.NoPath}
	gs := &optimize.Settings{
		MajorIterations:   set.MaxIter,
		GradientThreshold: set.GradTol,
		Recorder:          rec,
	}
	if set.FuncTol > 0 {
		gs.Converger = &optimize.FunctionConverge{Relative: set.FuncTol, Iterations: 1}
	}
	gr, err := optimize.Minimize(p, x0, gs, method)
	if gr == nil {
		return nil, fmt.Errorf("optim: Gonum: %w", err)
	}
	rec.add(&gr.Location, &gr.Stats) // the final iterate is not sent to recorders
	res := &Result{
		X: gr.X, F: gr.F, Iterations: gr.MajorIterations,
		FuncEvals: gr.FuncEvaluations, GradEvals: gr.GradEvaluations, HessEvals: gr.HessEvaluations,
		Trace: rec.t,
	}
	if gr.Gradient != nil {
		res.GradNorm = floats.Norm(gr.Gradient, 2)
	}
	switch gr.Status {
	case optimize.GradientThreshold:
		res.Status = GradientConverged
	case optimize.FunctionConvergence:
		res.Status = FunctionConverged
	case optimize.StepConvergence:
		res.Status = StepConverged
	case optimize.IterationLimit:
		res.Status = IterationLimit
	default:
		if err != nil {
			res.Status = Failed
		}
	}
	if err != nil {
		return res, fmt.Errorf("optim: Gonum: %s: %w", gr.Status, err)
	}
	return res, nil
}

// gonumRecorder collects gonum's major-iteration locations.
type gonumRecorder struct {
	t      Trace
	last   []float64
	noPath bool
}

func (r *gonumRecorder) Init() error { return nil }

func (r *gonumRecorder) Record(loc *optimize.Location, op optimize.Operation, st *optimize.Stats) error {
	// At InitIteration the location is not filled in yet; gonum's first
	// MajorIteration is the starting point.
	if op == optimize.MajorIteration {
		r.add(loc, st)
	}
	return nil
}

func (r *gonumRecorder) add(loc *optimize.Location, st *optimize.Stats) {
	if r.last != nil && floats.Equal(r.last, loc.X) {
		return
	}
	r.last = append(r.last[:0], loc.X...)
	step := 0.0
	if n := len(r.t.X); n > 0 {
		step = floats.Distance(loc.X, r.t.X[n-1], 2)
	}
	if !r.noPath {
		r.t.X = append(r.t.X, append([]float64(nil), loc.X...))
	}
	gn := 0.0
	if loc.Gradient != nil {
		gn = floats.Norm(loc.Gradient, 2)
	}
	r.t.F = append(r.t.F, loc.F)
	r.t.GradNorm = append(r.t.GradNorm, gn)
	r.t.Step = append(r.t.Step, step)
	r.t.Alpha = append(r.t.Alpha, 0)
	r.t.FuncEvals = append(r.t.FuncEvals, st.FuncEvaluations)
	r.t.GradEvals = append(r.t.GradEvals, st.GradEvaluations)
	r.t.HessEvals = append(r.t.HessEvals, st.HessEvaluations)
}
