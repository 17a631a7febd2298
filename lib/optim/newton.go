package optim

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Newton is Newton's method. Minimize solves ∇f(x) = 0 with the Hessian as
// the Jacobian of the gradient; Root solves a system F(x) = 0 with its
// Jacobian. Each iteration solves the linearized equations for a search
// direction d and moves to x + α d, with α = 1 when FullStep is set (the
// textbook iteration, which converges quadratically close to a solution
// but can diverge from far away) and otherwise α from the line search
// (nil means Backtracking, which accepts α = 1 whenever it decreases the
// cost enough, so the quadratic rate is kept near the solution).
type Newton struct {
	LineSearch LineSearch
	FullStep   bool
}

// Minimize minimizes p from x0 (not modified); p needs Func, Grad and Hess.
//
// The direction solves (H + τI) d = −∇f(x) with τ = 0 when the Hessian H is
// positive definite (Cholesky succeeds). Otherwise — near a saddle or a
// maximum the pure Newton step points uphill — τ starts at 10⁻³·max|Hᵢᵢ|
// and grows tenfold until H + τI is positive definite, which bends d
// towards the steepest-descent direction; Result.HessShifts counts these
// iterations.
func (nw Newton) Minimize(p Problem, x0 []float64, s *Settings) (*Result, error) {
	r, err := newRun("Newton", p, x0, s, true, true)
	if err != nil {
		return nil, err
	}
	ls := nw.LineSearch
	if ls == nil {
		ls = Backtracking{}
	}
	n := len(x0)
	x := append([]float64(nil), x0...)
	g := make([]float64, n)
	d := make([]float64, n)
	prev := make([]float64, n)
	h := mat.NewSymDense(n, nil)
	sol := newSPDSolver(n)
	f := r.c.f(x)
	r.c.grad(g, x)
	status, err := r.record(x, f, floats.Norm(g, 2), 0, 0)
	for status == NotTerminated {
		r.c.he++
		p.Hess(h, x)
		// err is the function's: a := here would shadow it, and the error
		// of a diverged record below would be lost.
		var shifted bool
		shifted, err = sol.solve(d, h, g)
		if err != nil {
			return r.fail(fmt.Errorf("optim: Newton: iteration %d: %w", r.res.Iterations+1, err))
		}
		if shifted {
			r.res.HessShifts++
		}
		slope := floats.Dot(g, d)
		copy(prev, x)
		alpha := 1.0
		if nw.FullStep {
			floats.Add(x, d)
			f = r.c.f(x)
			r.c.grad(g, x)
		} else if alpha, f, err = r.lineStep(ls, x, d, g, f, slope, 1); err != nil {
			return r.fail(err)
		}
		status, err = r.record(x, f, floats.Norm(g, 2), alpha, floats.Distance(x, prev, 2))
	}
	return r.res, err
}

// spdSolver solves (H + τI) d = −g with the smallest τ in {0, τ₀, 10τ₀, …}
// for which H + τI has a Cholesky factorization.
type spdSolver struct {
	a    *mat.SymDense
	chol mat.Cholesky
	dv   *mat.VecDense
}

func newSPDSolver(n int) *spdSolver {
	return &spdSolver{a: mat.NewSymDense(n, nil), dv: mat.NewVecDense(n, nil)}
}

func (s *spdSolver) solve(d []float64, h *mat.SymDense, g []float64) (shifted bool, err error) {
	n := h.SymmetricDim()
	maxDiag := 0.0
	for i := range n {
		v := h.At(i, i)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false, fmt.Errorf("Hessian entry (%d,%d) is %v", i, i, v)
		}
		maxDiag = math.Max(maxDiag, math.Abs(v))
	}
	tau := 0.0
	for range 40 {
		s.a.CopySym(h)
		for i := range n {
			s.a.SetSym(i, i, h.At(i, i)+tau)
		}
		if s.chol.Factorize(s.a) {
			gv := mat.NewVecDense(n, g)
			if err := s.chol.SolveVecTo(s.dv, gv); err != nil && tau == 0 {
				// Numerically singular though factorizable: shift instead.
				goto shift
			}
			for i := range d {
				d[i] = -s.dv.AtVec(i)
			}
			return tau > 0, nil
		}
	shift:
		if tau == 0 {
			tau = math.Max(1e-3*maxDiag, 1e-8)
		} else {
			tau *= 10
		}
	}
	return true, fmt.Errorf("Hessian not made positive definite by a shift up to τ=%v", tau)
}

// System is a system of M nonlinear equations F(x) = 0 in N unknowns with
// its M×N Jacobian. M = 0 means M = N.
type System struct {
	F   func(y, x []float64)
	Jac func(jac *mat.Dense, x []float64)
	M   int
}

// Root solves sys.F(x) = 0 from x0 (not modified). The direction solves the
// linearization J(x) d = −F(x) (least squares when M ≠ N); when J is
// singular it falls back to the Levenberg–Marquardt direction
// (JᵀJ + τI) d = −JᵀF. The step length comes from the line search on the
// merit function m(x) = ½‖F(x)‖², whose slope along d is (JᵀF)ᵀd. In the
// Result and Trace, F is m(x), GradNorm is ‖F(x)‖₂ (the stopping test uses
// it with GradTol), FuncEvals counts calls of F and GradEvals of Jac.
func (nw Newton) Root(sys System, x0 []float64, s *Settings) (*Result, error) {
	if sys.F == nil || sys.Jac == nil {
		return nil, fmt.Errorf("optim: Newton.Root: System.F or System.Jac is nil")
	}
	if err := checkStart("Newton.Root", x0); err != nil {
		return nil, err
	}
	nx := len(x0)
	m := sys.M
	if m == 0 {
		m = nx
	}
	y := make([]float64, m)
	yt := make([]float64, m)
	jac := mat.NewDense(m, nx, nil)
	merit := func(x []float64) float64 {
		sys.F(yt, x)
		return 0.5 * floats.Dot(yt, yt)
	}
	r := &run{op: "Newton.Root", s: s.withDefaults(), c: &counted{p: Problem{Func: merit}}, res: &Result{}}
	ls := nw.LineSearch
	if ls == nil {
		ls = Backtracking{}
	}
	x := append([]float64(nil), x0...)
	prev := make([]float64, nx)
	d := make([]float64, nx)
	jtf := make([]float64, nx)
	dv := mat.NewVecDense(nx, d)
	yv := mat.NewVecDense(m, y)
	jtfv := mat.NewVecDense(nx, jtf)

	eval := func() float64 { // F at x into y, returns the merit
		r.c.fe++
		sys.F(y, x)
		return 0.5 * floats.Dot(y, y)
	}
	f := eval()
	status, err := r.record(x, f, floats.Norm(y, 2), 0, 0)
	for status == NotTerminated {
		r.c.ge++
		sys.Jac(jac, x)
		jtfv.MulVec(jac.T(), yv) // ∇m = JᵀF
		var shifted bool
		if err := dv.SolveVec(jac, yv); err != nil || !finite(d) {
			shifted = true
			if err := levenberg(dv, jac, jtfv); err != nil {
				return r.fail(fmt.Errorf("optim: Newton.Root: iteration %d: %w", r.res.Iterations+1, err))
			}
		} else {
			dv.ScaleVec(-1, dv)
		}
		if shifted {
			r.res.HessShifts++
		}
		slope := floats.Dot(jtf, d)
		copy(prev, x)
		alpha := 1.0
		if !nw.FullStep {
			l := newLine(r.c, x, d)
			if alpha, err = ls.Search(l, f, slope, 1); err != nil {
				return r.fail(fmt.Errorf("optim: Newton.Root: iteration %d: %w", r.res.Iterations+1, err))
			}
		}
		floats.AddScaled(x, alpha, d)
		f = eval()
		status, err = r.record(x, f, floats.Norm(y, 2), alpha, floats.Distance(x, prev, 2))
	}
	return r.res, err
}

// levenberg solves (JᵀJ + τI) d = −JᵀF for the smallest τ in
// {10⁻⁶·max diag, ×10, …} that gives a finite solution.
func levenberg(dv *mat.VecDense, jac *mat.Dense, jtf *mat.VecDense) error {
	_, n := jac.Dims()
	var jtj mat.SymDense
	jtj.SymOuterK(1, jac.T())
	maxDiag := 0.0
	for i := range n {
		maxDiag = math.Max(maxDiag, jtj.At(i, i))
	}
	tau := math.Max(1e-6*maxDiag, 1e-12)
	a := mat.NewSymDense(n, nil)
	var chol mat.Cholesky
	for range 40 {
		a.CopySym(&jtj)
		for i := range n {
			a.SetSym(i, i, jtj.At(i, i)+tau)
		}
		if chol.Factorize(a) {
			if err := chol.SolveVecTo(dv, jtf); err == nil {
				dv.ScaleVec(-1, dv)
				return nil
			}
		}
		tau *= 10
	}
	return fmt.Errorf("Jacobian singular and Levenberg shift failed up to τ=%v", tau)
}

func finite(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
