package symbolic

import (
	"fmt"
	"math/big"
	"slices"
)

// Kind says what an expression node is.
type Kind uint8

const (
	NumKind       Kind = iota // exact rational number
	SymKind                   // variable
	ConstKind                 // named constant (pi)
	AddKind                   // sum of two or more terms
	MulKind                   // product of two or more factors
	PowKind                   // base ^ exponent
	CallKind                  // function of one argument: exp, log, sin, …
	UndefinedKind             // result of 0/0, 1/0 and the like: "nan"
)

// An Expr is an immutable expression tree. Subtraction is stored as adding
// −1·b and division as multiplying by b^(−1), so a − b and a/b need no node
// kinds of their own. Numbers are exact rationals (math/big), so 1/3 + 1/6
// is exactly 1/2; functions of numbers (exp(2), sqrt(2)) stay symbolic until
// evaluated in float64.
//
// The constructors (Add, Mul, Pow, …) do only the trivial bookkeeping a
// reader expects: they flatten nested sums and products, fold numeric
// terms and factors, drop +0 and ·1, and evaluate integer powers of numbers.
// Everything else — like terms, cancellation, identities — is Simplify's.
type Expr struct {
	kind Kind
	num  *big.Rat // NumKind
	name string   // SymKind, ConstKind, CallKind
	args []*Expr  // AddKind, MulKind (≥ 2), PowKind (base, exp), CallKind (1)
}

// Kind returns the node's kind.
func (e *Expr) Kind() Kind { return e.kind }

// Args returns the node's operands (the terms of a sum, the factors of a
// product, base and exponent of a power, the argument of a call).
func (e *Expr) Args() []*Expr { return slices.Clone(e.args) }

// Name returns the variable, constant or function name.
func (e *Expr) Name() string { return e.name }

// Rat returns the value of a number node and true, or nil and false.
func (e *Expr) Rat() (*big.Rat, bool) {
	if e.kind != NumKind {
		return nil, false
	}
	return new(big.Rat).Set(e.num), true
}

// Size returns the number of nodes in the tree, the measure of expression
// swell.
func (e *Expr) Size() int {
	n := 1
	for _, a := range e.args {
		n += a.Size()
	}
	return n
}

var (
	zero      = &Expr{kind: NumKind, num: new(big.Rat)}
	one       = &Expr{kind: NumKind, num: big.NewRat(1, 1)}
	minusOne  = &Expr{kind: NumKind, num: big.NewRat(-1, 1)}
	half      = &Expr{kind: NumKind, num: big.NewRat(1, 2)}
	undefined = &Expr{kind: UndefinedKind}
	// Pi is the constant π.
	Pi = &Expr{kind: ConstKind, name: "pi"}
)

// Undefined returns the undefined value "nan", the result of 0/0.
func Undefined() *Expr { return undefined }

// Int returns the integer n.
func Int(n int64) *Expr { return &Expr{kind: NumKind, num: big.NewRat(n, 1)} }

// Rat returns the rational a/b; it panics if b is 0.
func Rat(a, b int64) *Expr { return &Expr{kind: NumKind, num: big.NewRat(a, b)} }

// Num returns the exact rational r.
func Num(r *big.Rat) *Expr { return &Expr{kind: NumKind, num: new(big.Rat).Set(r)} }

// Float returns the exact binary value of x as a rational; it panics for
// NaN and ±Inf.
func Float(x float64) *Expr {
	r := new(big.Rat)
	if r.SetFloat64(x) == nil {
		panic(fmt.Sprintf("symbolic: Float(%v): not a finite number", x))
	}
	return &Expr{kind: NumKind, num: r}
}

// Var returns the variable called name.
func Var(name string) *Expr { return &Expr{kind: SymKind, name: name} }

func (e *Expr) isNum() bool         { return e.kind == NumKind }
func (e *Expr) isZero() bool        { return e.kind == NumKind && e.num.Sign() == 0 }
func (e *Expr) isOne() bool         { return e.kind == NumKind && e.num.Cmp(one.num) == 0 }
func (e *Expr) isInt() bool         { return e.kind == NumKind && e.num.IsInt() }
func (e *Expr) isNegNum() bool      { return e.kind == NumKind && e.num.Sign() < 0 }
func (e *Expr) isUndefined() bool   { return e.kind == UndefinedKind }
func numOf(r *big.Rat) *Expr        { return &Expr{kind: NumKind, num: r} }
func (e *Expr) is(name string) bool { return e.kind == CallKind && e.name == name }

// Add returns the sum of the terms.
func Add(terms ...*Expr) *Expr {
	var flat []*Expr
	sum := new(big.Rat)
	for _, t := range terms {
		switch t.kind {
		case UndefinedKind:
			return undefined
		case NumKind:
			sum.Add(sum, t.num)
		case AddKind:
			for _, a := range t.args {
				if a.kind == NumKind {
					sum.Add(sum, a.num)
				} else {
					flat = append(flat, a)
				}
			}
		default:
			flat = append(flat, t)
		}
	}
	if sum.Sign() != 0 || len(flat) == 0 {
		flat = append(flat, numOf(sum))
	}
	if len(flat) == 1 {
		return flat[0]
	}
	return &Expr{kind: AddKind, args: flat}
}

// Sub returns a − b.
func Sub(a, b *Expr) *Expr { return Add(a, Neg(b)) }

// Neg returns −a.
func Neg(a *Expr) *Expr { return Mul(minusOne, a) }

// Mul returns the product of the factors.
func Mul(factors ...*Expr) *Expr {
	var flat []*Expr
	coef := big.NewRat(1, 1)
	isZero := false
	for _, f := range factors {
		switch f.kind {
		case UndefinedKind:
			return undefined
		case NumKind:
			coef.Mul(coef, f.num)
		case MulKind:
			for _, a := range f.args {
				if a.kind == NumKind {
					coef.Mul(coef, a.num)
				} else {
					flat = append(flat, a)
				}
			}
		default:
			flat = append(flat, f)
		}
	}
	if coef.Sign() == 0 {
		isZero = true
	}
	if isZero {
		return zero
	}
	if coef.Cmp(one.num) != 0 || len(flat) == 0 {
		flat = append([]*Expr{numOf(coef)}, flat...)
	}
	if len(flat) == 1 {
		return flat[0]
	}
	return &Expr{kind: MulKind, args: flat}
}

// Div returns a/b.
func Div(a, b *Expr) *Expr { return Mul(a, Pow(b, minusOne)) }

// maxIntPow bounds the integer powers of numbers evaluated exactly, and
// maxBits the size of their results.
const (
	maxIntPow = 256
	maxBits   = 4096
)

// Pow returns base^exp. Integer powers of numbers are evaluated exactly,
// exact square roots of rationals are taken, (b^a)^n becomes b^(a·n) and
// (x·y)^n becomes xⁿ·yⁿ for integer n; 0 to a negative power is Undefined.
func Pow(base, exp *Expr) *Expr {
	switch {
	case base.isUndefined() || exp.isUndefined():
		return undefined
	case exp.isZero():
		return one
	case exp.isOne():
		return base
	}
	if base.isNum() && exp.isNum() {
		if v, ok := ratPow(base.num, exp.num); ok {
			return v
		}
	}
	if base.is("exp") {
		// (e^u)^v = e^(u·v) for real u, v.
		return Exp(Mul(base.args[0], exp))
	}
	if exp.isInt() {
		switch base.kind {
		case PowKind:
			if base.args[1].isNum() {
				return Pow(base.args[0], numOf(new(big.Rat).Mul(base.args[1].num, exp.num)))
			}
		case MulKind:
			fs := make([]*Expr, len(base.args))
			for i, f := range base.args {
				fs[i] = Pow(f, exp)
			}
			return Mul(fs...)
		}
	}
	return &Expr{kind: PowKind, args: []*Expr{base, exp}}
}

// ratPow returns b^e exactly when it is rational (or undefined).
func ratPow(b, e *big.Rat) (*Expr, bool) {
	if b.Sign() == 0 {
		if e.Sign() < 0 {
			return undefined, true
		}
		return zero, true
	}
	if e.IsInt() {
		n := e.Num()
		if n.CmpAbs(big.NewInt(maxIntPow)) > 0 {
			return nil, false
		}
		k := n.Int64()
		// Keep huge powers symbolic: exact numbers beyond maxBits bits
		// help nobody and cost time.
		if int64(max(b.Num().BitLen(), b.Denom().BitLen()))*absInt(k) > maxBits {
			return nil, false
		}
		num := new(big.Int).Exp(b.Num(), big.NewInt(absInt(k)), nil)
		den := new(big.Int).Exp(b.Denom(), big.NewInt(absInt(k)), nil)
		if k < 0 {
			num, den = den, num
		}
		return numOf(new(big.Rat).SetFrac(num, den)), true
	}
	// Square roots of perfect squares: (p/q)^(k/2) for k odd.
	if e.Denom().Cmp(big.NewInt(2)) == 0 && b.Sign() > 0 {
		p, q := new(big.Int).Sqrt(b.Num()), new(big.Int).Sqrt(b.Denom())
		if new(big.Int).Mul(p, p).Cmp(b.Num()) == 0 && new(big.Int).Mul(q, q).Cmp(b.Denom()) == 0 {
			root := new(big.Rat).SetFrac(p, q)
			return ratPow(root, new(big.Rat).SetInt(e.Num()))
		}
	}
	return nil, false
}

func absInt(k int64) int64 {
	if k < 0 {
		return -k
	}
	return k
}

// Sqrt returns a^(1/2).
func Sqrt(a *Expr) *Expr { return Pow(a, half) }

// Call returns name(arg) for one of the known functions: exp, log, sin,
// cos, tan, tanh, abs, sign, sigmoid, relu, softplus, heaviside (and sqrt,
// which is stored as a power) — the entries of the table in funcs.go. It
// panics for an unknown name.
func Call(name string, arg *Expr) *Expr {
	if name == "sqrt" {
		return Sqrt(arg)
	}
	if !isFunc(name) {
		panic(fmt.Sprintf("symbolic: Call: unknown function %q (known: %s, sqrt)", name, funcNames()))
	}
	if arg.isUndefined() {
		return undefined
	}
	return &Expr{kind: CallKind, name: name, args: []*Expr{arg}}
}

// Shorthands for Call.
func Exp(a *Expr) *Expr       { return Call("exp", a) }
func Log(a *Expr) *Expr       { return Call("log", a) }
func Sin(a *Expr) *Expr       { return Call("sin", a) }
func Cos(a *Expr) *Expr       { return Call("cos", a) }
func Tanh(a *Expr) *Expr      { return Call("tanh", a) }
func Abs(a *Expr) *Expr       { return Call("abs", a) }
func Sigmoid(a *Expr) *Expr   { return Call("sigmoid", a) }
func ReLU(a *Expr) *Expr      { return Call("relu", a) }
func Softplus(a *Expr) *Expr  { return Call("softplus", a) }
func Heaviside(a *Expr) *Expr { return Call("heaviside", a) }

// Equal reports whether a and b are the same expression up to the order of
// terms in sums and factors in products.
func Equal(a, b *Expr) bool {
	if a.kind != b.kind || a.name != b.name || len(a.args) != len(b.args) {
		return false
	}
	switch a.kind {
	case NumKind:
		return a.num.Cmp(b.num) == 0
	case AddKind, MulKind:
		used := make([]bool, len(b.args))
	next:
		for _, x := range a.args {
			for j, y := range b.args {
				if !used[j] && Equal(x, y) {
					used[j] = true
					continue next
				}
			}
			return false
		}
		return true
	}
	for i := range a.args {
		if !Equal(a.args[i], b.args[i]) {
			return false
		}
	}
	return true
}

// Has reports whether the variable x occurs in e.
func (e *Expr) Has(x string) bool {
	if e.kind == SymKind {
		return e.name == x
	}
	for _, a := range e.args {
		if a.Has(x) {
			return true
		}
	}
	return false
}

// Vars returns the names of the variables in e, sorted.
func (e *Expr) Vars() []string {
	set := map[string]bool{}
	var walk func(*Expr)
	walk = func(e *Expr) {
		if e.kind == SymKind {
			set[e.name] = true
		}
		for _, a := range e.args {
			walk(a)
		}
	}
	walk(e)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Subs returns e with every occurrence of the variable x replaced by v,
// rebuilt with the constructors (so 2 − 2 becomes 0 and 0⁻¹ Undefined).
func Subs(e *Expr, x string, v *Expr) *Expr {
	switch e.kind {
	case SymKind:
		if e.name == x {
			return v
		}
		return e
	case NumKind, ConstKind, UndefinedKind:
		return e
	}
	args := make([]*Expr, len(e.args))
	for i, a := range e.args {
		args[i] = Subs(a, x, v)
	}
	return rebuild(e, args)
}

// rebuild applies e's constructor to new operands.
func rebuild(e *Expr, args []*Expr) *Expr {
	switch e.kind {
	case AddKind:
		return Add(args...)
	case MulKind:
		return Mul(args...)
	case PowKind:
		return Pow(args[0], args[1])
	case CallKind:
		return Call(e.name, args[0])
	}
	return e
}
