package symbolic

import (
	"fmt"
	"maps"
	"math"
	"math/big"
	"slices"
	"strings"

	"github.com/gradbook/gradbook/lib/activation"
)

// A function is everything the package knows about one named function of
// one argument. The table below is the only place that names a function:
// the parser, Call, evaluation, differentiation, simplification, limits and
// printing all read it, so adding a function is adding one entry.
type function struct {
	name string
	// tex returns the LaTeX for f applied to an argument already printed
	// in LaTeX.
	tex func(arg string) string
	// value is f in float64; the activations come from lib/activation, the
	// single source of their formulas.
	value func(float64) float64
	// deriv returns f′(u), for the chain rule f(u)′ = f′(u)·u′.
	deriv func(u *Expr) *Expr
	// simplify returns the value of f(a) by an identity for the canonical
	// argument a, or nil when none applies; neg says that a is −u for
	// some u, for the symmetries of odd and even functions.
	simplify func(a *Expr, neg bool) *Expr
	// nonNeg says that f(u) ≥ 0 for every u, so |f(u)| = f(u).
	nonNeg bool
	// atInf is the limit of f(u) as u → s·∞ (s = ±1); ok is false when f
	// has none there.
	atInf func(s int) (v LimitValue, ok bool)
	// atZero, when not nil, is the limit of f(u) as u → 0 from the side
	// s = ±1, for the functions where it differs from f(0); a non-empty
	// undef says why there is none.
	atZero func(s int) (v LimitValue, undef string)
}

// Helpers for the entries.
func texCall(op string) func(string) string {
	return func(a string) string { return op + `\left(` + a + `\right)` }
}

func tends(v *Expr) (LimitValue, bool) { return finite(v), true }
func blowsUp(s int) (LimitValue, bool) { return LimitValue{Inf: s}, true }

// rampAtInf: f(u) → 0 as u → −∞ and f(u) → +∞ as u → +∞.
func rampAtInf(s int) (LimitValue, bool) {
	if s > 0 {
		return blowsUp(1)
	}
	return tends(zero)
}

func step(s int) *Expr { return Int(int64(max(s, 0))) }

// odd returns the identities of an odd function f with f(0) = 0.
func odd(name string, zeroAtPi bool) func(*Expr, bool) *Expr {
	return func(a *Expr, neg bool) *Expr {
		switch {
		case a.isZero(), zeroAtPi && a == Pi:
			return zero
		case neg:
			return Neg(Call(name, canon(Neg(a))))
		}
		return nil
	}
}

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return x // ±0 and NaN
}

// functions is the table, in the order Call's error message lists them.
var functions = []*function{
	{
		name: "exp",
		tex: func(a string) string {
			if a == "1" {
				return "e"
			}
			return "e^{" + a + "}"
		},
		value: math.Exp,
		deriv: Exp,
		simplify: func(a *Expr, _ bool) *Expr {
			switch {
			case a.isZero():
				return one
			case a.is("log"):
				return a.args[0]
			}
			return nil
		},
		nonNeg: true,
		atInf:  rampAtInf,
	},
	{
		name:  "log",
		tex:   texCall(`\log`),
		value: math.Log,
		deriv: func(u *Expr) *Expr { return Pow(u, minusOne) },
		simplify: func(a *Expr, _ bool) *Expr {
			switch {
			case a.isOne():
				return zero
			case a.is("exp"):
				return a.args[0]
			case a.isNum() && a.num.Sign() <= 0:
				return undefined
			}
			return nil
		},
		atInf: func(s int) (LimitValue, bool) {
			if s > 0 {
				return blowsUp(1)
			}
			return LimitValue{}, false
		},
		atZero: func(s int) (LimitValue, string) {
			if s < 0 {
				return LimitValue{}, "log of negative numbers"
			}
			return LimitValue{Inf: -1}, ""
		},
	},
	{
		name:     "sin",
		tex:      texCall(`\sin`),
		value:    math.Sin,
		deriv:    Cos,
		simplify: odd("sin", true),
	},
	{
		name:  "cos",
		tex:   texCall(`\cos`),
		value: math.Cos,
		deriv: func(u *Expr) *Expr { return Neg(Sin(u)) },
		simplify: func(a *Expr, neg bool) *Expr {
			switch {
			case a.isZero():
				return one
			case a == Pi:
				return minusOne
			case neg:
				return Cos(canon(Neg(a)))
			}
			return nil
		},
	},
	{
		name:     "tan",
		tex:      texCall(`\tan`),
		value:    math.Tan,
		deriv:    func(u *Expr) *Expr { return Add(one, Pow(Call("tan", u), Int(2))) },
		simplify: odd("tan", true),
	},
	{
		name:     "tanh",
		tex:      texCall(`\tanh`),
		value:    activation.Tanh,
		deriv:    func(u *Expr) *Expr { return Sub(one, Pow(Tanh(u), Int(2))) },
		simplify: odd("tanh", false),
		atInf:    func(s int) (LimitValue, bool) { return tends(Int(int64(s))) },
	},
	{
		name:  "abs",
		tex:   func(a string) string { return `\left|` + a + `\right|` },
		value: math.Abs,
		deriv: func(u *Expr) *Expr { return Call("sign", u) },
		simplify: func(a *Expr, neg bool) *Expr {
			switch {
			case a.isNum():
				return numOf(new(big.Rat).Abs(a.num))
			case a.kind == CallKind && lookup(a.name).nonNeg:
				return a
			case neg:
				return Abs(canon(Neg(a)))
			}
			return nil
		},
		nonNeg: true,
		atInf:  func(int) (LimitValue, bool) { return blowsUp(1) },
	},
	{
		name:  "sign",
		tex:   texCall(`\operatorname{sign}`),
		value: sign,
		deriv: func(*Expr) *Expr { return zero }, // away from the jump at 0
		simplify: func(a *Expr, _ bool) *Expr {
			if a.isNum() {
				return Int(int64(a.num.Sign()))
			}
			return nil
		},
		atInf:  func(s int) (LimitValue, bool) { return tends(Int(int64(s))) },
		atZero: func(s int) (LimitValue, string) { return finite(Int(int64(s))), "" },
	},
	{
		name:  "sigmoid",
		tex:   texCall(`\sigma`),
		value: activation.Sigmoid,
		deriv: func(u *Expr) *Expr { return Mul(Sigmoid(u), Sub(one, Sigmoid(u))) },
		simplify: func(a *Expr, _ bool) *Expr {
			if a.isZero() {
				return half
			}
			return nil
		},
		nonNeg: true,
		atInf:  func(s int) (LimitValue, bool) { return tends(step(s)) },
	},
	{
		name:  "relu",
		tex:   texCall(`\operatorname{ReLU}`),
		value: activation.ReLU,
		deriv: Heaviside,
		simplify: func(a *Expr, _ bool) *Expr {
			switch {
			case a.isNum() && a.num.Sign() > 0, a.is("relu"):
				return a
			case a.isNum():
				return zero
			}
			return nil
		},
		nonNeg: true,
		atInf:  rampAtInf,
	},
	{
		name:  "softplus",
		tex:   texCall(`\operatorname{softplus}`),
		value: activation.Softplus,
		deriv: Sigmoid,
		simplify: func(a *Expr, _ bool) *Expr {
			if a.isZero() {
				return Log(Int(2))
			}
			return nil
		},
		nonNeg: true,
		atInf:  rampAtInf,
	},
	{
		name:  "heaviside",
		tex:   texCall(`H`),
		value: activation.Heaviside,
		// Like activation.HeavisideDeriv, the derivative away from the
		// jump; the Dirac delta at 0 is not represented.
		deriv: func(*Expr) *Expr { return zero },
		simplify: func(a *Expr, _ bool) *Expr {
			// H(0) = 0, as activation.Heaviside.
			if a.isNum() {
				return step(a.num.Sign())
			}
			return nil
		},
		nonNeg: true,
		atInf:  func(s int) (LimitValue, bool) { return tends(step(s)) },
		atZero: func(s int) (LimitValue, string) { return finite(step(s)), "" },
	},
}

// funcIndex indexes the table by name. It is filled by this file's init
// function, not by the variable's initialiser, because the table's entries
// call Call, which reads the index: Go would reject that as an
// initialisation cycle. init runs after every package variable is set, so
// the result does not depend on the order of files.
var funcIndex = map[string]*function{}

func init() {
	for _, f := range functions {
		if funcIndex[f.name] != nil {
			panic("symbolic: function " + f.name + " twice in the table")
		}
		funcIndex[f.name] = f
	}
}

// lookup returns the table entry for name, or nil.
func lookup(name string) *function { return funcIndex[name] }

func isFunc(name string) bool { return lookup(name) != nil }

// funcNames returns the names in the table, sorted, for error messages.
// It reads the index, not the table, to keep the table's initialiser free
// of references to itself.
func funcNames() string {
	return strings.Join(slices.Sorted(maps.Keys(funcIndex)), ", ")
}

// mustLookup returns the entry for name; a missing one is a bug of this
// package, since Call admits only names in the table.
func mustLookup(name string) *function {
	f := lookup(name)
	if f == nil {
		panic(fmt.Sprintf("symbolic: no function %q in the table (known: %s)", name, funcNames()))
	}
	return f
}
