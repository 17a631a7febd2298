package symbolic

import (
	"errors"
	"fmt"
	"math"
	"math/big"
)

// Side selects a one- or two-sided limit.
type Side int

const (
	Both  Side = iota // two-sided: x → a from either side
	Left              // x → a⁻
	Right             // x → a⁺
)

func (s Side) String() string {
	return [...]string{"both sides", "the left", "the right"}[s]
}

// A LimitValue is a finite limit (Value) or an infinite one (Inf = ±1,
// Value nil).
type LimitValue struct {
	Value *Expr
	Inf   int
}

func (v LimitValue) String() string {
	if v.Inf == 0 && v.Value == nil {
		return "undefined"
	}
	switch v.Inf {
	case 1:
		return "+oo"
	case -1:
		return "-oo"
	}
	return v.Value.String()
}

// Float returns the limit as a float64 (±Inf for infinite limits).
func (v LimitValue) Float() float64 {
	if v.Inf != 0 {
		return math.Inf(v.Inf)
	}
	f, err := v.Value.Eval(nil)
	if err != nil {
		return math.NaN()
	}
	return f
}

func (v LimitValue) equal(w LimitValue) bool {
	if v.Inf != 0 || w.Inf != 0 {
		return v.Inf == w.Inf
	}
	return Equal(v.Value, w.Value) || v.Float() == w.Float()
}

// A SidesDifferError reports a two-sided limit whose one-sided limits
// differ, such as 1/x at 0 (−∞ from the left, +∞ from the right).
type SidesDifferError struct {
	Left, Right LimitValue
}

func (e *SidesDifferError) Error() string {
	return fmt.Sprintf("one-sided limits differ: %v from the left, %v from the right", e.Left, e.Right)
}

// ErrNoLimit is wrapped by the errors of limits that do not exist or that
// Limit cannot find.
var ErrNoLimit = errors.New("symbolic: no limit found")

// maxLHopital bounds the number of L'Hôpital steps in one limit.
const maxLHopital = 12

// Limit returns the limit of e as the variable x tends to the number a
// (an exact rational; use Float for a float64) from the given side.
//
// Where substitution gives 0/0 or ∞/∞ — the forms float64 arithmetic turns
// into NaN — it first cancels common polynomial factors
// ((t²−4)/(t−2) → t+2 → 4), then applies L'Hôpital's rule
// lim f/g = lim f′/g′ repeatedly (sin x/x → cos x/1 → 1), keeping f′/g′
// one quotient. Products 0·∞ are rewritten as quotients and sums ∞−∞ put
// over their least common denominator (cos x/x − sin x/x² becomes
// (x cos x − sin x)/x², whose limit at 0 is 0). A
// nonzero number over 0 gives ±∞ with the sign of the denominator on the
// chosen side, which is read from its values at x = a ± δ for small δ.
// For Both, the one-sided limits are computed and a *SidesDifferError
// returned if they differ.
func Limit(e *Expr, x string, a *Expr, side Side) (LimitValue, error) {
	if !a.isNum() {
		return LimitValue{}, fmt.Errorf("symbolic: Limit: the point %s is not a number", a)
	}
	if side != Both {
		s := 1
		if side == Left {
			s = -1
		}
		l := &limiter{x: x, a: a, side: s}
		return l.lim(canon(e))
	}
	left, errL := Limit(e, x, a, Left)
	right, errR := Limit(e, x, a, Right)
	switch {
	case errL != nil:
		return LimitValue{}, errL
	case errR != nil:
		return LimitValue{}, errR
	case !left.equal(right):
		return LimitValue{}, &SidesDifferError{left, right}
	}
	return right, nil
}

// LimitInf returns the limit of e as x → +∞ (sign > 0) or −∞ (sign < 0),
// by the same rules as Limit (L'Hôpital's rule holds at infinity too).
func LimitInf(e *Expr, x string, sign int) (LimitValue, error) {
	s := 1
	if sign < 0 {
		s = -1
	}
	l := &limiter{x: x, a: zero, inf: s, side: -s}
	return l.lim(canon(e))
}

type limiter struct {
	x     string
	a     *Expr // exact point, when inf == 0
	inf   int   // ±1: the point is ±∞
	side  int   // −1 left, +1 right
	steps int   // L'Hôpital steps taken
}

func (l *limiter) point() string {
	switch l.inf {
	case 1:
		return "+oo"
	case -1:
		return "-oo"
	}
	return l.a.String()
}

func finite(e *Expr) LimitValue { return LimitValue{Value: e} }

func (v LimitValue) isZero() bool { return v.Inf == 0 && v.Value.isZero() }

// sign returns the sign of a finite or infinite limit value, 0 if unknown
// (symbolic) or zero.
func (v LimitValue) sign() int {
	if v.Inf != 0 {
		return v.Inf
	}
	f := v.Float()
	switch {
	case f > 0:
		return 1
	case f < 0:
		return -1
	}
	return 0
}

func (l *limiter) errorf(e *Expr, format string, args ...any) error {
	return fmt.Errorf("%w: limit of %s as %s → %s from %s: %s", ErrNoLimit, e, l.x, l.point(), Side(map[int]int{-1: 1, 1: 2}[l.side]), fmt.Sprintf(format, args...))
}

// nearSign returns the sign of g at x = a ± δ on the limiter's side, for
// g whose limit is 0 (or to orient ±∞): the values at δ = 1e-6 and 1e-9
// (relative to max(|a|, 1)) must agree.
func (l *limiter) nearSign(g *Expr) (int, error) {
	f, err := Compile(g, l.x)
	if err != nil {
		return 0, err
	}
	a, _ := l.a.num.Float64()
	s := 0
	for _, d := range []float64{1e-6, 1e-9} {
		at := a + float64(l.side)*d*math.Max(math.Abs(a), 1)
		if l.inf != 0 {
			at = float64(l.inf) / d
		}
		v := f(at)
		vs := 0
		switch {
		case v > 0:
			vs = 1
		case v < 0:
			vs = -1
		default:
			return 0, l.errorf(g, "cannot tell the sign of %s near the point", g)
		}
		if s != 0 && vs != s {
			return 0, l.errorf(g, "%s changes sign arbitrarily close to the point", g)
		}
		s = vs
	}
	return s, nil
}

func (l *limiter) lim(e *Expr) (LimitValue, error) {
	if e.isUndefined() {
		return LimitValue{}, l.errorf(e, "expression is undefined")
	}
	if !e.Has(l.x) {
		return finite(e), nil
	}
	switch e.kind {
	case SymKind:
		if l.inf != 0 {
			return LimitValue{Inf: l.inf}, nil
		}
		return finite(l.a), nil
	case AddKind:
		return l.sum(e)
	case MulKind:
		return l.product(e)
	case PowKind:
		if isRecip(e) {
			return l.product(e)
		}
		return l.power(e)
	case CallKind:
		return l.call(e)
	}
	return LimitValue{}, l.errorf(e, "unexpected expression")
}

func (l *limiter) sum(e *Expr) (LimitValue, error) {
	var fin []*Expr
	inf := 0
	mixed := false
	for _, t := range e.args {
		v, err := l.lim(t)
		if err != nil {
			return LimitValue{}, err
		}
		switch {
		case v.Inf == 0:
			fin = append(fin, v.Value)
		case inf == 0:
			inf = v.Inf
		case inf != v.Inf:
			mixed = true
		}
	}
	if mixed {
		// ∞ − ∞: put everything over a common denominator.
		num, den := together(e)
		if den.isOne() {
			return LimitValue{}, l.errorf(e, "∞ − ∞ not resolved")
		}
		return l.quotient(e, num, den)
	}
	if inf != 0 {
		return LimitValue{Inf: inf}, nil
	}
	return finite(Simplify(Add(fin...))), nil
}

// numDen splits a product into numerator and denominator factors.
func numDen(e *Expr) (num, den *Expr) {
	fs := []*Expr{e}
	if e.kind == MulKind {
		fs = e.args
	}
	var ns, ds []*Expr
	for _, f := range fs {
		if isRecip(f) {
			ds = append(ds, Pow(f.args[0], numOf(new(big.Rat).Neg(f.args[1].num))))
		} else {
			ns = append(ns, f)
		}
	}
	return Mul(ns...), Mul(ds...)
}

// fraction writes e as one quotient num/den: a sum over a common
// denominator (together), anything else split into its factors.
func fraction(e *Expr) (num, den *Expr) {
	if e.kind == AddKind {
		return together(e)
	}
	return numDen(e)
}

// together writes a sum as one fraction over the least common multiple of
// its terms' denominators: Σ nᵢ/dᵢ = (Σ nᵢ·(L/dᵢ))/L. The least multiple,
// not the product Π dᵢ, keeps the order of the zero of L at the point as
// low as it can be, and with it the number of L'Hôpital steps needed
// (cos x/x − sin x/x² has L = x², not x³).
func together(e *Expr) (num, den *Expr) {
	type power struct {
		base *Expr
		exp  *big.Rat
	}
	var lcm []power // in order of first appearance, for stable output
	find := func(b *Expr) int {
		for i, p := range lcm {
			if Equal(p.base, b) {
				return i
			}
		}
		return -1
	}
	ns := make([]*Expr, len(e.args))
	ds := make([][]power, len(e.args))
	for i, t := range e.args {
		var d *Expr
		ns[i], d = numDen(t)
		fs := []*Expr{d}
		if d.kind == MulKind {
			fs = d.args
		}
		for _, f := range fs {
			p := power{f, big.NewRat(1, 1)}
			if f.kind == PowKind && f.args[1].isNum() {
				p = power{f.args[0], f.args[1].num}
			}
			if p.base.isNum() {
				continue // numeric factors were left in the numerator
			}
			ds[i] = append(ds[i], p)
			switch j := find(p.base); {
			case j < 0:
				lcm = append(lcm, power{p.base, new(big.Rat).Set(p.exp)})
			case p.exp.Cmp(lcm[j].exp) > 0:
				lcm[j].exp.Set(p.exp)
			}
		}
	}
	terms := make([]*Expr, len(ns))
	for i := range ns {
		fs := []*Expr{ns[i]}
		for _, p := range lcm {
			k := new(big.Rat).Set(p.exp)
			for _, q := range ds[i] {
				if Equal(q.base, p.base) {
					k.Sub(k, q.exp)
				}
			}
			fs = append(fs, Pow(p.base, numOf(k)))
		}
		terms[i] = Mul(fs...)
	}
	dens := make([]*Expr, len(lcm))
	for i, p := range lcm {
		dens[i] = Pow(p.base, numOf(p.exp))
	}
	return canon(Add(terms...)), canon(Mul(dens...))
}

func (l *limiter) product(e *Expr) (LimitValue, error) {
	num, den := numDen(e)
	if !den.isOne() {
		return l.quotient(e, num, den)
	}
	// A product without denominator: 0·∞ needs rewriting.
	var zeros, infs, rest []*Expr
	coef := finite(one)
	for _, f := range e.args {
		v, err := l.lim(f)
		if err != nil {
			return LimitValue{}, err
		}
		switch {
		case v.isZero():
			zeros = append(zeros, f)
		case v.Inf != 0:
			infs = append(infs, f)
		default:
			rest = append(rest, f)
			coef = finite(Mul(coef.Value, v.Value))
		}
	}
	switch {
	case len(zeros) > 0 && len(infs) > 0:
		// f·g with f → 0, g → ∞: try g/(1/f), then f/(1/g).
		z, i := Mul(zeros...), Mul(infs...)
		steps := l.steps
		v, err := l.quotient(e, i, Pow(z, minusOne))
		if err != nil {
			l.steps = steps // the other arrangement gets a fresh budget
			v, err = l.quotient(e, z, Pow(i, minusOne))
		}
		if err != nil {
			return LimitValue{}, err
		}
		return l.times(v, rest)
	case len(zeros) > 0:
		return finite(zero), nil
	case len(infs) > 0:
		s := 1
		for _, f := range infs {
			v, _ := l.lim(f)
			s *= v.Inf
		}
		cs := coef.sign()
		if cs == 0 {
			return LimitValue{}, l.errorf(e, "cannot tell the sign of %s", coef.Value)
		}
		return LimitValue{Inf: s * cs}, nil
	}
	return finite(Simplify(coef.Value)), nil
}

// times multiplies a limit value by the limits of the factors rest, all
// finite and nonzero.
func (l *limiter) times(v LimitValue, rest []*Expr) (LimitValue, error) {
	for _, f := range rest {
		w, err := l.lim(f)
		if err != nil {
			return LimitValue{}, err
		}
		if v.Inf != 0 {
			v.Inf *= w.sign()
		} else {
			v = finite(Simplify(Mul(v.Value, w.Value)))
		}
	}
	return v, nil
}

// quotient finds the limit of num/den (e is the original expression, for
// messages).
func (l *limiter) quotient(e, num, den *Expr) (LimitValue, error) {
	ln, err := l.lim(num)
	if err != nil {
		return LimitValue{}, err
	}
	ld, err := l.lim(den)
	if err != nil {
		return LimitValue{}, err
	}
	switch {
	case ld.Inf == 0 && !ld.isZero():
		if ln.Inf != 0 {
			s := ld.sign()
			if s == 0 {
				return LimitValue{}, l.errorf(e, "cannot tell the sign of %s", ld.Value)
			}
			return LimitValue{Inf: ln.Inf * s}, nil
		}
		return finite(Simplify(Div(ln.Value, ld.Value))), nil
	case ld.isZero() && !ln.isZero():
		// c/0 or ∞/0: infinite, with the sign of num and of den near a.
		ns := ln.sign()
		if ns == 0 {
			return LimitValue{}, l.errorf(e, "cannot tell the sign of %v", ln)
		}
		ds, err := l.nearSign(den)
		if err != nil {
			return LimitValue{}, err
		}
		return LimitValue{Inf: ns * ds}, nil
	case ld.Inf != 0 && ln.Inf == 0:
		return finite(zero), nil
	}
	// 0/0 or ∞/∞: cancel if that removes the problem, else L'Hôpital.
	q := canon(Div(num, den))
	if c, ok := cancel(q); ok {
		if n2, d2 := numDen(c); !Equal(d2, den) || !Equal(n2, num) {
			if cd := l.mustLim(d2); cd != nil && !cd.isZero() {
				return l.lim(c)
			}
		}
	}
	if l.steps >= maxLHopital {
		return LimitValue{}, l.errorf(e, "still indeterminate after %d applications of L'Hôpital's rule", maxLHopital)
	}
	l.steps++
	dn, dd := Simplify(DiffRaw(num, l.x)), Simplify(DiffRaw(den, l.x))
	if dd.isZero() {
		return LimitValue{}, l.errorf(e, "L'Hôpital: the derivative of the denominator vanishes")
	}
	// Keep f′/g′ one quotient: Simplify may expand it into a sum of terms
	// that each blow up, and splitting it there would start the ∞ − ∞
	// problem afresh with a larger denominator every step.
	n2, d2 := fraction(Simplify(Div(dn, dd)))
	if d2.isOne() {
		return l.lim(n2)
	}
	return l.quotient(e, n2, d2)
}

// mustLim returns the limit of e or nil.
func (l *limiter) mustLim(e *Expr) *LimitValue {
	v, err := l.lim(e)
	if err != nil {
		return nil
	}
	return &v
}

func (l *limiter) power(e *Expr) (LimitValue, error) {
	b, p := e.args[0], e.args[1]
	if p.isNum() {
		v, err := l.lim(b)
		if err != nil {
			return LimitValue{}, err
		}
		if v.Inf == 0 {
			return finite(Simplify(Pow(v.Value, p))), nil
		}
		if v.Inf < 0 && !p.isInt() {
			return LimitValue{}, l.errorf(e, "non-integer power of a negative number")
		}
		s := 1
		if v.Inf < 0 && p.num.Num().Bit(0) == 1 {
			s = -1
		}
		return LimitValue{Inf: s}, nil
	}
	// b^p = exp(p·log b).
	return l.lim(canon(Exp(Mul(p, Log(b)))))
}

func (l *limiter) call(e *Expr) (LimitValue, error) {
	v, err := l.lim(e.args[0])
	if err != nil {
		return LimitValue{}, err
	}
	if v.Inf != 0 {
		return l.callAtInf(e, v.Inf)
	}
	u := v.Value
	if f := mustLookup(e.name); u.isZero() && f.atZero != nil {
		s, err := l.nearSign(e.args[0])
		if err != nil {
			return LimitValue{}, err
		}
		v, undef := f.atZero(s)
		if undef != "" {
			return LimitValue{}, l.errorf(e, "%s", undef)
		}
		return v, nil
	}
	r := evalCall(e.name, u)
	if r.isUndefined() {
		return LimitValue{}, l.errorf(e, "%s(%s) is undefined", e.name, u)
	}
	return finite(r), nil
}

func (l *limiter) callAtInf(e *Expr, s int) (LimitValue, error) {
	if f := mustLookup(e.name); f.atInf != nil {
		if v, ok := f.atInf(s); ok {
			return v, nil
		}
	}
	return LimitValue{}, l.errorf(e, "%s has no limit at %s∞", e.name, map[int]string{1: "+", -1: "−"}[s])
}
