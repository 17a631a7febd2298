package symbolic

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// compile turns e into a closure over a slice of variable values; index
// maps variable names to slice positions.
func compile(e *Expr, index map[string]int) (func([]float64) float64, error) {
	switch e.kind {
	case NumKind:
		v, _ := e.num.Float64()
		return func([]float64) float64 { return v }, nil
	case ConstKind:
		return func([]float64) float64 { return math.Pi }, nil
	case UndefinedKind:
		return func([]float64) float64 { return math.NaN() }, nil
	case SymKind:
		i, ok := index[e.name]
		if !ok {
			return nil, fmt.Errorf("symbolic: no value for variable %q in %s", e.name, e)
		}
		return func(x []float64) float64 { return x[i] }, nil
	}
	args := make([]func([]float64) float64, len(e.args))
	for i, a := range e.args {
		f, err := compile(a, index)
		if err != nil {
			return nil, err
		}
		args[i] = f
	}
	switch e.kind {
	case AddKind:
		return func(x []float64) float64 {
			s := 0.0
			for _, f := range args {
				s += f(x)
			}
			return s
		}, nil
	case MulKind:
		return func(x []float64) float64 {
			p := 1.0
			for _, f := range args {
				p *= f(x)
			}
			return p
		}, nil
	case PowKind:
		b, p := args[0], args[1]
		if e.args[1].isInt() {
			// Integer powers keep negative bases: (−2)³ = −8.
			n, _ := e.args[1].num.Float64()
			return func(x []float64) float64 { return math.Pow(b(x), n) }, nil
		}
		if isSqrt(e) {
			return func(x []float64) float64 { return math.Sqrt(b(x)) }, nil
		}
		return func(x []float64) float64 { return math.Pow(b(x), p(x)) }, nil
	case CallKind:
		f, a := mustLookup(e.name).value, args[0]
		return func(x []float64) float64 { return f(a(x)) }, nil
	}
	return nil, fmt.Errorf("symbolic: cannot compile node kind %d", e.kind)
}

// Compile returns e as a Go function of the variable x, for plotting and
// for comparison with lib/ad and lib/fd. It returns an error if e has
// other variables. The function follows float64 arithmetic: at a removable
// singularity it returns NaN, as the naive formula does (use At for the
// limit).
func Compile(e *Expr, x string) (func(float64) float64, error) {
	f, err := compile(e, map[string]int{x: 0})
	if err != nil {
		return nil, err
	}
	return func(v float64) float64 { return f([]float64{v}) }, nil
}

// CompileVec returns e as a function of the vector (vars[0], vars[1], …).
// It returns an error if e has variables not in vars.
func CompileVec(e *Expr, vars ...string) (func([]float64) float64, error) {
	index := make(map[string]int, len(vars))
	for i, v := range vars {
		index[v] = i
	}
	f, err := compile(e, index)
	if err != nil {
		return nil, err
	}
	n := len(vars)
	return func(x []float64) float64 {
		if len(x) != n {
			panic(fmt.Sprintf("symbolic: compiled function of %d variables called with %d values", n, len(x)))
		}
		return f(x)
	}, nil
}

// Eval returns the float64 value of e with the variables set from env.
// It returns an error naming a variable missing from env, or saying that e
// is undefined there (NaN, e.g. 0/0).
func (e *Expr) Eval(env map[string]float64) (float64, error) {
	vars := e.Vars()
	vals := make([]float64, len(vars))
	index := make(map[string]int, len(vars))
	for i, v := range vars {
		val, ok := env[v]
		if !ok {
			return math.NaN(), fmt.Errorf("symbolic: Eval %s: no value for variable %q", e, v)
		}
		vals[i], index[v] = val, i
	}
	f, err := compile(e, index)
	if err != nil {
		return math.NaN(), err
	}
	v := f(vals)
	if math.IsNaN(v) {
		return v, fmt.Errorf("symbolic: %s is undefined at %s", e, formatEnv(env, vars))
	}
	return v, nil
}

func formatEnv(env map[string]float64, vars []string) string {
	parts := make([]string, 0, len(vars))
	for _, v := range slices.Sorted(slices.Values(vars)) {
		parts = append(parts, fmt.Sprintf("%s=%g", v, env[v]))
	}
	return strings.Join(parts, ", ")
}

// At evaluates e, a function of the single variable x, at x = a. Where the
// formula breaks down (0/0, ∞/∞, ∞−∞ in float64) it computes the two-sided
// limit instead: for a removable singularity it returns the limit and
// removable = true, so At((t²−4)/(t−2), "t", 2) is 4, not NaN. At a pole it
// returns ±Inf with an error; where the one-sided limits differ, or no
// limit is found, it returns NaN with an error saying why. At a = ±Inf
// the limit is LimitInf's; a = NaN is an error.
func At(e *Expr, x string, a float64) (v float64, removable bool, err error) {
	if math.IsNaN(a) {
		return math.NaN(), false, fmt.Errorf("symbolic: %s at %s = NaN: the point is not a number", e, x)
	}
	f, err := Compile(e, x)
	if err != nil {
		return math.NaN(), false, err
	}
	if v = f(a); !math.IsNaN(v) && !math.IsInf(v, 0) {
		return v, false, nil
	}
	var lim LimitValue
	if math.IsInf(a, 0) {
		lim, err = LimitInf(e, x, int(math.Copysign(1, a)))
	} else {
		lim, err = Limit(e, x, Float(a), Both)
	}
	if err != nil {
		return math.NaN(), false, fmt.Errorf("symbolic: %s at %s=%g: %w", e, x, a, err)
	}
	if lim.Inf != 0 {
		return lim.Float(), false, fmt.Errorf("symbolic: %s has a pole at %s=%g (limit %v)", e, x, a, lim)
	}
	return lim.Float(), true, nil
}
