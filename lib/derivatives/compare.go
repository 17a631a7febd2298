package derivatives

import (
	"errors"
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/ad"
	"github.com/gradbook/gradbook/lib/fd"
	"github.com/gradbook/gradbook/lib/symbolic"
)

// A Route is one way to the derivative and how it fared.
type Route struct {
	Name    string  // "symbolic", "finite differences", "forward mode (dual numbers)", "Taylor mode"
	Value   float64 // the derivative it computed (NaN when it has none)
	Err     float64 // |Value − exact|; NaN when Value is
	Cost    string  // function evaluations or operations, in words
	Problem string  // what went wrong, or "" when nothing did
}

// A Comparison is the outcome of Compare.
type Comparison struct {
	Expr   *symbolic.Expr
	Var    string
	X      float64
	Exact  float64 // the symbolic derivative, with a limit where the formula is 0/0
	Routes []Route // symbolic, finite differences, forward mode, Taylor mode

	f func(float64) float64 // the float64 formula, for StepErrors
}

// Compare differentiates expr, a function of one variable in lib/symbolic's
// syntax, at x by the four routes of the course and measures each against
// the symbolic derivative. It returns an error when expr does not parse,
// has other than one variable, x is not finite, or the symbolic derivative
// itself has no finite value at x (a pole, for example).
func Compare(expr string, x float64) (*Comparison, error) {
	e, err := symbolic.Parse(expr)
	if err != nil {
		return nil, fmt.Errorf("derivatives: %w", err)
	}
	vars := e.Vars()
	if len(vars) != 1 {
		return nil, fmt.Errorf("derivatives: %q has variables %v; want exactly one", expr, vars)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil, fmt.Errorf("derivatives: the point %v is not a finite number", x)
	}
	v := vars[0]
	d := symbolic.Diff(e, v, 1)
	exact, removable, err := symbolic.At(d, v, x)
	if err != nil {
		// Try again over one common denominator (see together).
		var lim symbolic.LimitValue
		if lim, err = symbolic.Limit(together(d), v, symbolic.Float(x), symbolic.Both); err == nil {
			exact, removable = lim.Float(), true
		}
	}
	if err != nil || math.IsNaN(exact) || math.IsInf(exact, 0) {
		return nil, fmt.Errorf("derivatives: the derivative of %q has no finite value at %s = %v (%v)", expr, v, x, err)
	}
	f, err := symbolic.Compile(e, v)
	if err != nil {
		return nil, fmt.Errorf("derivatives: %w", err)
	}
	c := &Comparison{Expr: e, Var: v, X: x, Exact: exact, f: f}
	sym := Route{Name: "symbolic", Value: exact, Err: 0,
		Cost: nodes(d.Size())}
	if removable {
		sym.Problem = fmt.Sprintf("the formula of the derivative is 0/0 at %s = %v; its limit was taken", v, x)
	}
	c.Routes = append(c.Routes, sym, c.finite(), c.dual(), c.taylor())
	return c, nil
}

// route fills in the error of a computed value, and a problem for NaN.
func (c *Comparison) route(name string, value float64, cost, problem string) Route {
	r := Route{Name: name, Value: value, Err: math.Abs(value - c.Exact), Cost: cost, Problem: problem}
	if math.IsNaN(value) && problem == "" {
		r.Problem = "the result is NaN"
	}
	return r
}

// finite is the central difference with fd's default step.
func (c *Comparison) finite() Route {
	h := fd.Central1.Step(c.X)
	v := fd.Derivative(c.f, c.X, nil)
	problem := ""
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		problem = fmt.Sprintf("the formula is not finite at %s = %v ± %.1e", c.Var, c.X, h)
	case math.Abs(v-c.Exact) > 1e-13*math.Max(1, math.Abs(c.Exact)):
		problem = fmt.Sprintf("an approximation with step h = %.1e: truncation and round-off errors", h)
	}
	return c.route("finite differences", v, "2 evaluations of f", problem)
}

// dual is forward mode with dual numbers.
func (c *Comparison) dual() Route {
	ops := 0
	y, err := eval(c.Expr, c.Var, ad.Dual{V: c.X, D: 1}, &ops)
	if err != nil {
		return c.route("forward mode (dual numbers)", math.NaN(), "", err.Error())
	}
	problem := ""
	if math.IsNaN(y.D) || math.IsInf(y.D, 0) {
		problem = fmt.Sprintf("the program computes 0/0 or ∞ at %s = %v: forward mode differentiates the program, not the function", c.Var, c.X)
	}
	return c.route("forward mode (dual numbers)", y.D, fmt.Sprintf("%d operations on dual numbers", ops), problem)
}

// taylor is Taylor mode, which cancels common powers in divisions.
func (c *Comparison) taylor() Route {
	ops, err := 0, error(nil)
	d, derr := ad.Derivatives(func(s ad.Series) ad.Series {
		ops = 0
		var y ad.Series
		y, err = eval(c.Expr, c.Var, s, &ops)
		return y
	}, c.X, 1)
	if err != nil {
		return c.route("Taylor mode", math.NaN(), "", err.Error())
	}
	if derr != nil {
		problem := derr.Error()
		if errors.Is(derr, ad.ErrPole) {
			problem = "a pole: " + problem
		}
		return c.route("Taylor mode", math.NaN(), "", problem)
	}
	return c.route("Taylor mode", d[1], fmt.Sprintf("%d operations on truncated series", ops), "")
}

// StepErrors returns, for every step h, the error |D(h) − f′(x)| of the
// central difference D(h) = (f(x+h) − f(x−h))/2h: truncation on the right,
// round-off on the left.
func (c *Comparison) StepErrors(steps []float64) []float64 {
	errs := make([]float64, len(steps))
	for i, h := range steps {
		errs[i] = math.Abs((c.f(c.X+h)-c.f(c.X-h))/(2*h) - c.Exact)
	}
	return errs
}

// String formats the comparison as a table.
func (c *Comparison) String() string {
	s := fmt.Sprintf("d/d%s %v at %s = %v: exact %.16g\n", c.Var, c.Expr, c.Var, c.X, c.Exact)
	for _, r := range c.Routes {
		s += fmt.Sprintf("  %-28s %-22.16g error %-9.2g %s", r.Name, r.Value, r.Err, r.Cost)
		if r.Problem != "" {
			s += " — " + r.Problem
		}
		s += "\n"
	}
	return s
}

// nodes says how large the symbolic derivative is.
func nodes(n int) string {
	if n == 1 {
		return "derivative formula of 1 node"
	}
	return fmt.Sprintf("derivative formula of %d nodes", n)
}
