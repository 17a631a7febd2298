package optim

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

func allFuncs() []testFunc {
	return []testFunc{rosenbrock, quadratic([]float64{1, 10}, []float64{1, -2}), doubleWell, logSumExp()}
}

// TestDerivatives checks every hand-written gradient and Hessian of the test
// objectives against central finite differences (gonum/diff/fd). Central
// differences have error O(h²) ≈ 1e-10 relative at these scales, so 1e-5
// relative leaves a wide margin.
func TestDerivatives(t *testing.T) {
	for _, tf := range allFuncs() {
		for _, x := range [][]float64{tf.start, []float64{0.3, -0.7, 0.2}[:len(tf.start)]} {
			n := len(x)
			g := make([]float64, n)
			tf.p.Grad(g, x)
			want := fd.Gradient(nil, tf.p.Func, x, &fd.Settings{Formula: fd.Central})
			if !floats.EqualApprox(g, want, 1e-5*(1+floats.Norm(want, math.Inf(1)))) {
				t.Errorf("%s: gradient %v, finite differences %v", tf.name, g, want)
			}
			h := mat.NewSymDense(n, nil)
			tf.p.Hess(h, x)
			var jac mat.Dense
			jac.ReuseAs(n, n)
			fd.Jacobian(&jac, func(y, x []float64) { tf.p.Grad(y, x) }, x, &fd.JacobianSettings{Formula: fd.Central})
			if !mat.EqualApprox(h, &jac, 1e-4*(1+mat.Norm(&jac, math.Inf(1)))) {
				t.Errorf("%s: Hessian %v, finite differences %v", tf.name, mat.Formatted(h), mat.Formatted(&jac))
			}
		}
	}
}

// TestNewtonQuadraticRate checks the defining property of Newton's method:
// close to the minimizer the error is squared, eₖ₊₁ ≤ C eₖ².
func TestNewtonQuadraticRate(t *testing.T) {
	for _, tc := range []struct {
		name string
		tf   testFunc
		nw   Newton
	}{
		{"rosenbrock, backtracking", rosenbrock, Newton{}},
		{"rosenbrock, strong Wolfe", rosenbrock, Newton{LineSearch: StrongWolfe{}}},
		{"double well, full step", testFunc{p: doubleWell.p, min: doubleWell.min, start: []float64{1.5, 0.5}}, Newton{FullStep: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := tc.nw.Minimize(tc.tf.p, tc.tf.start, &Settings{GradTol: 1e-12})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != GradientConverged || !floats.EqualApprox(res.X, tc.tf.min, 1e-10) {
				t.Fatalf("status %v at %v, want %v", res.Status, res.X, tc.tf.min)
			}
			e := res.Trace.Errors(tc.tf.min)
			checked, smallest := 0, 1.0
			for k := 0; k+1 < len(e); k++ {
				// Once in the region of quadratic convergence (error below
				// 1e-2) and above round-off (1e-7, whose square is 1e-14),
				// eₖ₊₁/eₖ² stays bounded. The theoretical constant
				// ‖∇³f‖·‖H⁻¹‖/2 is about 2400·2.5/2 = 3000 for Rosenbrock at
				// (1, 1); we observe under 20. A linear rate ρ would make the
				// ratio ρ/eₖ grow to 10⁷ρ as eₖ falls towards 1e-7.
				if e[k] < 1e-2 && e[k] > 1e-7 {
					if ratio := e[k+1] / (e[k] * e[k]); ratio > 100 {
						t.Errorf("step %d: e=%.3g → %.3g, e_{k+1}/e_k² = %.3g", k, e[k], e[k+1], ratio)
					}
					checked++
					smallest = math.Min(smallest, e[k])
				}
			}
			if checked < 2 || smallest > 1e-4 {
				t.Errorf("only %d steps in the quadratic region; errors %v", checked, e)
			}
		})
	}
}

// On a quadratic the Newton step is exact: one iteration.
func TestNewtonQuadraticOneStep(t *testing.T) {
	q := quadratic([]float64{2, 5, 0.5}, []float64{1, 1, -1})
	res, err := Newton{FullStep: true}.Minimize(q.p, []float64{3, -4, 7}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Iterations != 1 || !floats.EqualApprox(res.X, q.min, 1e-14) {
		t.Errorf("%d iterations to %v, want 1 to %v", res.Iterations, res.X, q.min)
	}
}

// Starting where the Hessian is indefinite, the pure Newton step heads for
// the saddle at the origin; the shifted Hessian turns it downhill.
func TestNewtonIndefiniteFallback(t *testing.T) {
	res, err := Newton{}.Minimize(doubleWell.p, doubleWell.start, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.HessShifts == 0 {
		t.Error("expected the Hessian to be shifted at the start")
	}
	if !floats.EqualApprox(res.X, doubleWell.min, 1e-9) {
		t.Errorf("converged to %v, want %v", res.X, doubleWell.min)
	}
	// Every step decreased the cost.
	for k := 1; k < res.Trace.Len(); k++ {
		if res.Trace.F[k] > res.Trace.F[k-1] {
			t.Errorf("cost rose at step %d: %v → %v", k, res.Trace.F[k-1], res.Trace.F[k])
		}
	}
	// The unshifted step −H⁻¹g from the start lands next to the saddle at
	// x₁ = 0: the reason for the fallback.
	x := doubleWell.start
	g := make([]float64, 2)
	doubleWell.p.Grad(g, x)
	h00 := 3*x[0]*x[0] - 1
	if pure := x[0] - g[0]/h00; math.Abs(pure) > 0.01 {
		t.Errorf("pure Newton step goes to x₁=%v, expected near the saddle", pure)
	}
}

// circle is F(x, y) = (x² + y² − 4, x − y) with root (√2, √2).
var circle = System{
	F: func(y, x []float64) {
		y[0] = x[0]*x[0] + x[1]*x[1] - 4
		y[1] = x[0] - x[1]
	},
	Jac: func(j *mat.Dense, x []float64) {
		j.Set(0, 0, 2*x[0])
		j.Set(0, 1, 2*x[1])
		j.Set(1, 0, 1)
		j.Set(1, 1, -1)
	},
}

func TestNewtonRoot(t *testing.T) {
	want := []float64{math.Sqrt2, math.Sqrt2}
	for _, tc := range []struct {
		name  string
		start []float64
		shift bool
	}{
		{"regular start", []float64{3, 0.5}, false},
		// det J = −2(x+y) vanishes on x = −y.
		{"singular Jacobian at the start", []float64{1, -1}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Newton{}.Root(circle, tc.start, &Settings{GradTol: 1e-13})
			if err != nil {
				t.Fatal(err)
			}
			if !floats.EqualApprox(res.X, want, 1e-12) {
				t.Fatalf("root %v, want %v (%v)", res.X, want, res.Status)
			}
			if (res.HessShifts > 0) != tc.shift {
				t.Errorf("HessShifts = %d", res.HessShifts)
			}
			// Quadratic convergence of the residual norm near the root.
			r := res.Trace.GradNorm
			for k := 0; k+1 < len(r); k++ {
				if r[k] < 1e-2 && r[k] > 1e-7 && r[k+1] > 10*r[k]*r[k] {
					t.Errorf("residual %.3g → %.3g is not quadratic", r[k], r[k+1])
				}
			}
		})
	}
}

// Fold the jacobian of the circle system with the fd package to check the
// hand-written one.
func TestCircleJacobian(t *testing.T) {
	x := []float64{0.7, -1.3}
	var got, want mat.Dense
	got.ReuseAs(2, 2)
	want.ReuseAs(2, 2)
	circle.Jac(&got, x)
	fd.Jacobian(&want, circle.F, x, &fd.JacobianSettings{Formula: fd.Central})
	if !mat.EqualApprox(&got, &want, 1e-6) {
		t.Errorf("Jacobian %v, fd %v", mat.Formatted(&got), mat.Formatted(&want))
	}
}

func TestLineSearchConditions(t *testing.T) {
	const c1, c2 = 1e-4, 0.9
	points := [][]float64{{-1.2, 1}, {0, 0}, {2, 2}, {0.5, -0.3}, {1.1, 1.3}}
	for _, tc := range []struct {
		name  string
		ls    LineSearch
		check func(t *testing.T, l *Line, phi0, slope0, alpha float64)
	}{
		{"backtracking", Backtracking{}, func(t *testing.T, l *Line, phi0, slope0, alpha float64) {
			if phi := l.F(alpha); !Armijo(phi0, slope0, alpha, phi, c1) {
				t.Errorf("α=%v violates Armijo", alpha)
			}
		}},
		{"strong Wolfe", StrongWolfe{}, func(t *testing.T, l *Line, phi0, slope0, alpha float64) {
			phi, slope := l.FD(alpha)
			if !Armijo(phi0, slope0, alpha, phi, c1) || !StrongCurvature(slope0, slope, c2) {
				t.Errorf("α=%v: φ=%v (φ0=%v), φ′=%v (φ′0=%v)", alpha, phi, phi0, slope, slope0)
			}
		}},
		{"strong Wolfe c2=0.1", StrongWolfe{C2: 0.1}, func(t *testing.T, l *Line, phi0, slope0, alpha float64) {
			phi, slope := l.FD(alpha)
			if !Armijo(phi0, slope0, alpha, phi, c1) || !StrongCurvature(slope0, slope, 0.1) {
				t.Errorf("α=%v: φ=%v (φ0=%v), φ′=%v (φ′0=%v)", alpha, phi, phi0, slope, slope0)
			}
		}},
		{"exact", Exact{}, func(t *testing.T, l *Line, phi0, slope0, alpha float64) {
			if _, slope := l.FD(alpha); math.Abs(slope) > 1e-10*math.Abs(slope0) {
				t.Errorf("α=%v: φ′=%v, φ′(0)=%v", alpha, slope, slope0)
			}
		}},
		{"golden section", GoldenSection{Tol: 1e-8}, func(t *testing.T, l *Line, phi0, slope0, alpha float64) {
			// A local minimizer: no lower value a relative 1e-4 either side.
			phi := l.F(alpha)
			if l.F(alpha*(1+1e-4)) < phi || l.F(alpha*(1-1e-4)) < phi || phi >= phi0 {
				t.Errorf("α=%v is not a local minimizer along the line", alpha)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, x := range points {
				g := make([]float64, 2)
				rosenbrock.p.Grad(g, x)
				d := []float64{-g[0], -g[1]}
				l := NewLine(rosenbrock.p, x, d)
				phi0 := rosenbrock.p.Func(x)
				slope0 := floats.Dot(g, d)
				alpha, err := tc.ls.Search(l, phi0, slope0, 1/floats.Norm(g, 2))
				if err != nil {
					t.Fatalf("from %v: %v", x, err)
				}
				tc.check(t, l, phi0, slope0, alpha)
			}
		})
	}
}

// On a quadratic the exact step along d = −g is α* = gᵀg / gᵀAg.
func TestExactStepOnQuadratic(t *testing.T) {
	a := []float64{1, 4, 9}
	q := quadratic(a, []float64{1, 2, 3})
	x := []float64{3, -1, 2}
	g := make([]float64, 3)
	q.p.Grad(g, x)
	d := []float64{-g[0], -g[1], -g[2]}
	gAg := 0.0
	for i := range g {
		gAg += a[i] * g[i] * g[i]
	}
	want := floats.Dot(g, g) / gAg
	for _, ls := range []LineSearch{Exact{}, GoldenSection{Tol: 1e-10}} {
		alpha, err := ls.Search(NewLine(q.p, x, d), q.p.Func(x), floats.Dot(g, d), 1)
		if err != nil {
			t.Fatal(err)
		}
		// Exact solves φ′=0 to 1e-10; golden section locates a minimum only
		// to about √ε relative in α because φ is flat there.
		tol := 1e-9
		if _, ok := ls.(GoldenSection); ok {
			tol = 1e-6
		}
		if math.Abs(alpha-want) > tol*want {
			t.Errorf("%T: α=%v, want %v", ls, alpha, want)
		}
	}
}

func TestLineSearchNotDescent(t *testing.T) {
	x := []float64{0, 0}
	for _, ls := range []LineSearch{Backtracking{}, StrongWolfe{}, GoldenSection{}, Exact{}} {
		_, err := ls.Search(NewLine(rosenbrock.p, x, []float64{-1, 0}), 1, 2, 1)
		if !errors.Is(err, ErrNotDescent) {
			t.Errorf("%T: error %v, want ErrNotDescent", ls, err)
		}
	}
}

// Steepest descent with exact line searches on f = ½xᵀAx, A = diag(1, κ),
// from x₀ = (κ, 1) attains the worst-case bound
// f(xₖ₊₁) = ((κ−1)/(κ+1))² f(xₖ) at every step (Luenberger, Linear and
// Nonlinear Programming, §8.2): linear convergence.
func TestSteepestDescentRate(t *testing.T) {
	const kappa = 10
	q := quadratic([]float64{1, kappa}, []float64{0, 0})
	res, err := GradientDescent{LineSearch: Exact{Tol: 1e-13}}.Minimize(q.p, []float64{kappa, 1}, &Settings{MaxIter: 20})
	if err != nil {
		t.Fatal(err)
	}
	want := math.Pow((kappa-1.0)/(kappa+1.0), 2)
	for k := 1; k < res.Trace.Len(); k++ {
		ratio := res.Trace.F[k] / res.Trace.F[k-1]
		if math.Abs(ratio-want) > 1e-8 {
			t.Errorf("step %d: f ratio %v, want %v", k, ratio, want)
		}
	}
	if res.Status != IterationLimit || res.Iterations != 20 {
		t.Errorf("status %v after %d iterations", res.Status, res.Iterations)
	}
}

// Our minimizers agree with gonum's optimize package on the same Problem.
func TestAgreesWithGonum(t *testing.T) {
	for _, tf := range []testFunc{rosenbrock, logSumExp(), doubleWell} {
		t.Run(tf.name, func(t *testing.T) {
			ref, err := Gonum(tf.p, tf.start, &optimize.BFGS{}, &Settings{GradTol: 1e-10})
			if err != nil {
				t.Fatal(err)
			}
			gn, err := Gonum(tf.p, tf.start, &optimize.Newton{}, &Settings{GradTol: 1e-10})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range []struct {
				name string
				run  func() (*Result, error)
			}{
				{"Newton", func() (*Result, error) { return Newton{}.Minimize(tf.p, tf.start, &Settings{GradTol: 1e-10}) }},
				{"Newton+Wolfe", func() (*Result, error) {
					return Newton{LineSearch: StrongWolfe{}}.Minimize(tf.p, tf.start, &Settings{GradTol: 1e-10})
				}},
				{"GD+Wolfe", func() (*Result, error) {
					return GradientDescent{LineSearch: StrongWolfe{C2: 0.1}}.Minimize(tf.p, tf.start, &Settings{GradTol: 1e-7, MaxIter: 50000})
				}},
			} {
				res, err := m.run()
				if err != nil {
					t.Fatalf("%s: %v", m.name, err)
				}
				// Minimizers agree to what the gradient tolerance allows:
				// ‖x − x*‖ ≲ ‖∇f‖/λ_min, λ_min ≈ 0.4 at Rosenbrock's minimum.
				tol := 1e-8
				if m.name == "GD+Wolfe" {
					tol = 1e-5
				}
				if !floats.EqualApprox(res.X, ref.X, tol) || !floats.EqualApprox(res.X, gn.X, tol) {
					t.Errorf("%s: %v, gonum BFGS %v, gonum Newton %v", m.name, res.X, ref.X, gn.X)
				}
				if math.Abs(res.F-ref.F) > 1e-10*(1+math.Abs(ref.F)) {
					t.Errorf("%s: f=%v, gonum %v", m.name, res.F, ref.F)
				}
			}
			if ref.Trace.Len() < 2 || !floats.Equal(ref.Trace.X[0], tf.start) {
				t.Errorf("gonum trace not recorded: %d points", ref.Trace.Len())
			}
		})
	}
}

func TestSteppersConverge(t *testing.T) {
	q := quadratic([]float64{1, 10}, []float64{1, -2})
	for _, st := range []Stepper{&SGD{Rate: 0.15}, &Momentum{Rate: 0.05, Beta: 0.5}, &Nesterov{Rate: 0.05, Beta: 0.5}, &Adam{Rate: 0.05}} {
		res, err := Descend(q.p, []float64{3, 3}, st, &Settings{MaxIter: 5000, GradTol: 1e-9})
		if err != nil {
			t.Fatalf("%T: %v", st, err)
		}
		if res.Status != GradientConverged || !floats.EqualApprox(res.X, q.min, 1e-8) {
			t.Errorf("%T: %v after %d steps at %v, want %v", st, res.Status, res.Iterations, res.X, q.min)
		}
	}
}

// Nesterov's stored-look-ahead form equals the classical form that
// evaluates the gradient at y = x + βv (Sutskever et al. 2013, eq. 3–4).
func TestNesterovMatchesClassical(t *testing.T) {
	q := quadratic([]float64{1, 10}, []float64{1, -2})
	const eta, beta = 0.05, 0.8
	// Classical: v ← βv − η∇f(x + βv); x ← x + v.
	x := []float64{3, 3}
	v := []float64{0, 0}
	y := make([]float64, 2)
	g := make([]float64, 2)
	// Ours: z = x + βv is stored as the parameter.
	z := []float64{3, 3}
	st := &Nesterov{Rate: eta, Beta: beta}
	for k := range 30 {
		for i := range x {
			y[i] = x[i] + beta*v[i]
		}
		q.p.Grad(g, y)
		for i := range x {
			v[i] = beta*v[i] - eta*g[i]
			x[i] += v[i]
		}
		q.p.Grad(g, z)
		st.Step(z, g)
		for i := range x {
			if want := x[i] + beta*v[i]; math.Abs(z[i]-want) > 1e-12 {
				t.Fatalf("step %d: stored %v, classical look-ahead %v", k, z[i], want)
			}
		}
	}
}

// Adam's first step has length Rate in every coordinate whatever the
// gradient's scale: m̂₁ = g, ŝ₁ = g², so the step is η·g/|g| (Kingma & Ba
// 2015, §2.1, up to ε).
func TestAdamFirstStep(t *testing.T) {
	x := []float64{0, 0, 0}
	(&Adam{Rate: 0.1}).Step(x, []float64{1e3, -2e-3, 5})
	want := []float64{-0.1, 0.1, -0.1}
	if !floats.EqualApprox(x, want, 1e-5) {
		t.Errorf("first step %v, want %v", x, want)
	}
}

func TestSteppersDoNotAllocate(t *testing.T) {
	x := make([]float64, 100)
	g := make([]float64, 100)
	for i := range g {
		g[i] = float64(i%7) - 3
	}
	for _, st := range []Stepper{&SGD{}, &Momentum{}, &Nesterov{}, &Adam{}} {
		st.Step(x, g)
		if a := testing.AllocsPerRun(100, func() { st.Step(x, g) }); a != 0 {
			t.Errorf("%T.Step allocates %v times", st, a)
		}
	}
}

func TestStepperLengthPanics(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "optim: Adam.Step") {
			t.Errorf("panic %v", r)
		}
	}()
	a := &Adam{}
	a.Step(make([]float64, 3), make([]float64, 3))
	a.Step(make([]float64, 4), make([]float64, 4))
}

func TestBadInput(t *testing.T) {
	q := quadratic([]float64{1, 1}, []float64{0, 0})
	noGrad := Problem{Func: q.p.Func}
	noHess := Problem{Func: q.p.Func, Grad: q.p.Grad}
	for _, tc := range []struct {
		name string
		run  func() (*Result, error)
		msg  string
	}{
		{"empty start", func() (*Result, error) { return Newton{}.Minimize(q.p, nil, nil) }, "empty starting point"},
		{"NaN start", func() (*Result, error) { return GradientDescent{}.Minimize(q.p, []float64{0, math.NaN()}, nil) }, "x0[1] is NaN"},
		{"no gradient", func() (*Result, error) { return Descend(noGrad, []float64{1, 1}, &SGD{}, nil) }, "Grad is nil"},
		{"no Hessian", func() (*Result, error) { return Newton{}.Minimize(noHess, []float64{1, 1}, nil) }, "Hess is nil"},
		{"no Jacobian", func() (*Result, error) { return Newton{}.Root(System{F: circle.F}, []float64{1, 1}, nil) }, "Jac is nil"},
		{"diverges", func() (*Result, error) { return Descend(q.p, []float64{1, 1}, &SGD{Rate: 3}, nil) }, "diverged"},
		{"NaN at start", func() (*Result, error) {
			return Descend(Problem{Func: func([]float64) float64 { return math.NaN() }, Grad: q.p.Grad}, []float64{1, 1}, &SGD{}, nil)
		}, "at the starting point"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.run()
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v, want one containing %q", err, tc.msg)
			}
		})
	}
}

// A diverging run keeps the last finite iterate and the trace up to it.
func TestDivergedResult(t *testing.T) {
	q := quadratic([]float64{1}, []float64{0})
	res, err := Descend(q.p, []float64{1}, &SGD{Rate: 3}, &Settings{MaxIter: 5000})
	if !errors.Is(err, ErrDiverged) || res.Status != Failed {
		t.Fatalf("err %v status %v", err, res.Status)
	}
	if math.IsInf(res.F, 0) || res.Trace.Len() != res.Iterations+1 {
		t.Errorf("result F=%v, %d trace entries for %d iterations", res.F, res.Trace.Len(), res.Iterations)
	}
}

func TestStoppingRules(t *testing.T) {
	q := quadratic([]float64{1, 10}, []float64{1, -2})
	for _, tc := range []struct {
		s    Settings
		want Status
	}{
		{Settings{MaxIter: 3}, IterationLimit},
		{Settings{FuncTol: 1e-6, GradTol: -1}, FunctionConverged},
		{Settings{StepTol: 1e-6, GradTol: -1}, StepConverged},
		{Settings{GradTol: 1e-6}, GradientConverged},
	} {
		res, err := Descend(q.p, []float64{3, 3}, &SGD{Rate: 0.1}, &tc.s)
		if err != nil || res.Status != tc.want {
			t.Errorf("%+v: status %v (%v), want %v", tc.s, res.Status, err, tc.want)
		}
	}
}

func TestInputNotModified(t *testing.T) {
	x0 := []float64{-1.2, 1}
	Newton{}.Minimize(rosenbrock.p, x0, nil)
	GradientDescent{}.Minimize(rosenbrock.p, x0, &Settings{MaxIter: 10})
	Descend(rosenbrock.p, x0, &Adam{}, &Settings{MaxIter: 10})
	if !floats.Equal(x0, []float64{-1.2, 1}) {
		t.Errorf("x0 modified to %v", x0)
	}
}

// The evaluation counts in the trace are the true numbers of calls.
func TestEvaluationCounts(t *testing.T) {
	var fe, ge, he int
	p := Problem{
		Func: func(x []float64) float64 { fe++; return rosenbrock.p.Func(x) },
		Grad: func(g, x []float64) { ge++; rosenbrock.p.Grad(g, x) },
		Hess: func(h *mat.SymDense, x []float64) { he++; rosenbrock.p.Hess(h, x) },
	}
	res, err := Newton{LineSearch: StrongWolfe{}}.Minimize(p, rosenbrock.start, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.FuncEvals != fe || res.GradEvals != ge || res.HessEvals != he {
		t.Errorf("counted %d/%d/%d, actual %d/%d/%d", res.FuncEvals, res.GradEvals, res.HessEvals, fe, ge, he)
	}
}

// Newton's full step on f(x) = √(1 + x²) from x0 = 2 overshoots further
// every iteration (x ← −x³); the run must end Failed with an error.
func TestNewtonFullStepDivergenceIsAnError(t *testing.T) {
	p := Problem{
		Func: func(x []float64) float64 { return math.Sqrt(1 + x[0]*x[0]) },
		Grad: func(g, x []float64) { g[0] = x[0] / math.Sqrt(1+x[0]*x[0]) },
		Hess: func(h *mat.SymDense, x []float64) { h.SetSym(0, 0, math.Pow(1+x[0]*x[0], -1.5)) },
	}
	res, err := Newton{FullStep: true}.Minimize(p, []float64{2}, nil)
	if err == nil || res.Status != Failed {
		t.Errorf("status %v, err %v at x = %v; want Failed with an error", res.Status, err, res.X)
	}
}

// Settings that cannot work are errors naming the field, before any step.
func TestBadMethodSettings(t *testing.T) {
	q := quadratic([]float64{1, 10}, []float64{1, -2})
	for _, tc := range []struct {
		name  string
		run   func() (*Result, error)
		field string
	}{
		{"SGD Rate −0.1", func() (*Result, error) { return Descend(q.p, []float64{3, 3}, &SGD{Rate: -0.1}, nil) }, "Rate"},
		{"SGD Rate NaN", func() (*Result, error) { return Descend(q.p, []float64{3, 3}, &SGD{Rate: math.NaN()}, nil) }, "Rate"},
		{"Momentum Beta 1", func() (*Result, error) { return Descend(q.p, []float64{3, 3}, &Momentum{Beta: 1}, nil) }, "Beta"},
		{"Nesterov Rate −1", func() (*Result, error) { return Descend(q.p, []float64{3, 3}, &Nesterov{Rate: -1}, nil) }, "Rate"},
		{"Adam Beta2 2", func() (*Result, error) { return Descend(q.p, []float64{3, 3}, &Adam{Beta2: 2}, nil) }, "Beta2"},
		{"GradientDescent Rate −1", func() (*Result, error) { return GradientDescent{Rate: -1}.Minimize(q.p, []float64{3, 3}, nil) }, "Rate"},
		{"Backtracking C1 2", func() (*Result, error) {
			return GradientDescent{LineSearch: Backtracking{C1: 2}}.Minimize(q.p, []float64{3, 3}, nil)
		}, "C1"},
		{"Backtracking MaxIter −1", func() (*Result, error) {
			return GradientDescent{LineSearch: Backtracking{MaxIter: -1}}.Minimize(q.p, []float64{3, 3}, nil)
		}, "MaxIter"},
		{"Backtracking Shrink 1", func() (*Result, error) {
			return GradientDescent{LineSearch: Backtracking{Shrink: 1}}.Minimize(q.p, []float64{3, 3}, nil)
		}, "Shrink"},
		{"StrongWolfe C2 1.5", func() (*Result, error) {
			return GradientDescent{LineSearch: StrongWolfe{C2: 1.5}}.Minimize(q.p, []float64{3, 3}, nil)
		}, "C2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.run()
			if err == nil || !strings.Contains(err.Error(), tc.field) {
				t.Errorf("error %v, want one naming %s", err, tc.field)
			}
		})
	}
}
