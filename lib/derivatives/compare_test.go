package derivatives

import (
	"math"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		expr  string
		x     float64
		exact float64 // worked by hand
		// NaN marks a route expected to fail, with a fragment of its Problem.
		dual, taylor       float64
		dualWhy, taylorWhy string
		fdTol              float64 // central difference with the default step: ≈ ε^(2/3)·scale
	}{
		// h(t) = t + 2 away from 2, so h′ = 1; the program is 0/0 at 2.
		{"(t^2 - 4)/(t - 2)", 2, 1, math.NaN(), 1, "0/0", "", 1e-5},
		// sin x/x = 1 − x²/6 + …: derivative 0 at 0.
		{"sin(x)/x", 0, 0, math.NaN(), 0, "0/0", "", 1e-9},
		// (x² sin x)′ = 2x sin x + x² cos x.
		{"x^2*sin(x)", 1.3, 2*1.3*math.Sin(1.3) + 1.69*math.Cos(1.3), 2*1.3*math.Sin(1.3) + 1.69*math.Cos(1.3),
			2*1.3*math.Sin(1.3) + 1.69*math.Cos(1.3), "", "", 1e-8},
		// (eˣ/(1 + x²))′ = eˣ(1 − x)²/(1 + x²)².
		{"exp(x)/(1 + x^2)", 0.7, math.Exp(0.7) * 0.09 / (1.49 * 1.49), math.Exp(0.7) * 0.09 / (1.49 * 1.49),
			math.Exp(0.7) * 0.09 / (1.49 * 1.49), "", "", 1e-8},
		// relu has a kink: the AD routes here refuse it.
		{"relu(x)", 1, 1, math.NaN(), math.NaN(), "relu", "relu", 1e-9},
	} {
		r, err := Compare(c.expr, c.x)
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		if math.Abs(r.Exact-c.exact) > 1e-14 {
			t.Errorf("%s: exact %v, by hand %v", c.expr, r.Exact, c.exact)
		}
		if len(r.Routes) != 4 {
			t.Fatalf("%s: %d routes", c.expr, len(r.Routes))
		}
		sym, fd, dual, taylor := r.Routes[0], r.Routes[1], r.Routes[2], r.Routes[3]
		if sym.Value != r.Exact || sym.Err != 0 {
			t.Errorf("%s: symbolic route %+v", c.expr, sym)
		}
		if !(fd.Err <= c.fdTol) {
			t.Errorf("%s: finite differences off by %v > %v", c.expr, fd.Err, c.fdTol)
		}
		for _, x := range []struct {
			route Route
			want  float64
			why   string
		}{{dual, c.dual, c.dualWhy}, {taylor, c.taylor, c.taylorWhy}} {
			if math.IsNaN(x.want) {
				if !math.IsNaN(x.route.Value) || !strings.Contains(x.route.Problem, x.why) {
					t.Errorf("%s: %s = %v with problem %q; want NaN and a problem naming %q", c.expr, x.route.Name, x.route.Value, x.route.Problem, x.why)
				}
				continue
			}
			if math.Abs(x.route.Value-x.want) > 1e-14 || x.route.Problem != "" {
				t.Errorf("%s: %s = %v (%q), want %v", c.expr, x.route.Name, x.route.Value, x.route.Problem, x.want)
			}
		}
	}
}

func TestCompareErrors(t *testing.T) {
	for _, c := range []struct {
		expr, fragment string
		x              float64
	}{
		{"(t^2 - 4)/(t - )", "column", 2},
		{"x*y", "want exactly one", 1},
		{"x^2", "not a finite number", math.NaN()},
		{"1/(x - 2)", "no finite value", 2},
	} {
		_, err := Compare(c.expr, c.x)
		if err == nil || !strings.Contains(err.Error(), c.fragment) {
			t.Errorf("Compare(%q, %v) error %v; want one containing %q", c.expr, c.x, err, c.fragment)
		}
	}
}

// The finite difference's error against the step is a V: large for a large
// step (truncation), small in the middle, large again for a tiny step
// (round-off).
func TestStepErrorsV(t *testing.T) {
	r, err := Compare("x^2*sin(x)", 1.3)
	if err != nil {
		t.Fatal(err)
	}
	e := r.StepErrors([]float64{1e-1, 1e-5, 1e-13})
	if !(e[1] < e[0]/100 && e[1] < e[2]/100) {
		t.Errorf("errors %v for h = 1e-1, 1e-5, 1e-13: not a V", e)
	}
}
