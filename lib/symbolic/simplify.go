package symbolic

import (
	"cmp"
	"math/big"
	"slices"
	"strings"
)

// Simplify returns a simpler expression equal to e wherever e is defined.
// It brings e to a canonical form (like terms collected: 2x + 3x = 5x,
// x·x² = x³, exp(a)·exp(b) = exp(a+b); numbers folded; identities such as
// sin²u + cos²u = 1, log(exp u) = u, exp(log u) = u, |−u| = |u| applied;
// terms and factors sorted) and then keeps the smallest of that form, its
// expansion, and — when e is a rational function of one generator — the
// cancelled quotient and its factored form. Cancelling can remove a removable singularity:
// Simplify((t²−4)/(t−2)) is t + 2, which is also defined at t = 2.
func Simplify(e *Expr) *Expr {
	s := newSimp()
	best := s.canon(e)
	if x := s.canon(s.expand(best)); x.Size() < best.Size() {
		best = x
	}
	if x, ok := cancel(best); ok && x.Size() < best.Size() {
		best = x
	}
	if x := Factor(best); x.Size() < best.Size() {
		best = x
	}
	return best
}

// simp holds what one simplification has already computed, keyed by node:
// expressions share subtrees (the derivative of sin(sin(…(x)…)) repeats
// every inner sine in a product of cosines), and without the memos each
// shared subtree is rewritten, expanded and printed once per occurrence,
// which made Diff of sin nested 300 deep take seconds.
type simp struct {
	canons, expands map[*Expr]*Expr
	keys            map[*Expr]string
}

func newSimp() *simp {
	return &simp{canons: map[*Expr]*Expr{}, expands: map[*Expr]*Expr{}, keys: map[*Expr]string{}}
}

// canon rewrites e bottom-up into canonical form.
func canon(e *Expr) *Expr { return newSimp().canon(e) }

func (s *simp) canon(e *Expr) *Expr {
	switch e.kind {
	case NumKind, SymKind, ConstKind, UndefinedKind:
		return e
	}
	if c, ok := s.canons[e]; ok {
		return c
	}
	args := make([]*Expr, len(e.args))
	for i, a := range e.args {
		args[i] = s.canon(a)
	}
	var c *Expr
	switch e.kind {
	case AddKind:
		c = s.collectTerms(Add(args...))
	case MulKind:
		c = s.collectFactors(Mul(args...))
	case PowKind:
		b, x := args[0], args[1]
		if b.is("abs") && x.isInt() && x.num.Num().Bit(0) == 0 {
			b = b.args[0] // |u|^(2k) = u^(2k)
		}
		c = s.canonPow(Pow(b, x))
	case CallKind:
		c = evalCall(e.name, args[0])
	default:
		c = e
	}
	s.canons[e] = c
	return c
}

// canonPow re-canonicalises what the Pow constructor may have produced.
func (s *simp) canonPow(e *Expr) *Expr {
	switch e.kind {
	case MulKind:
		return s.collectFactors(e)
	case CallKind:
		return evalCall(e.name, s.canon(e.args[0]))
	}
	return e
}

// str is e.String(), computed once per node.
func (s *simp) str(e *Expr) string {
	k, ok := s.keys[e]
	if !ok {
		k = e.String()
		s.keys[e] = k
	}
	return k
}

// splitTerm returns the numeric coefficient of a term and the rest.
func splitTerm(t *Expr) (*big.Rat, *Expr) {
	c, rest := splitCoef(t)
	switch len(rest) {
	case 0:
		return c, one
	case 1:
		return c, rest[0]
	}
	return c, &Expr{kind: MulKind, args: rest}
}

type group struct {
	coef *big.Rat
	rest *Expr
	key  string
}

// collectTerms adds like terms of a (constructor-built) sum.
func collectTerms(e *Expr) *Expr { return newSimp().collectTerms(e) }

func (s *simp) collectTerms(e *Expr) *Expr {
	if e.kind != AddKind {
		return e
	}
	var groups []*group
	byKey := map[string]*group{}
	constant := new(big.Rat)
	for _, t := range e.args {
		c, rest := splitTerm(t)
		if rest.isOne() {
			constant.Add(constant, c)
			continue
		}
		k := s.str(rest)
		if g, ok := byKey[k]; ok {
			g.coef.Add(g.coef, c)
			continue
		}
		g := &group{new(big.Rat).Set(c), rest, k}
		byKey[k] = g
		groups = append(groups, g)
	}
	pythagoras(groups, byKey, constant)
	terms := make([]*Expr, 0, len(groups)+1)
	slices.SortStableFunc(groups, func(a, b *group) int {
		if c := cmp.Compare(degree(b.rest), degree(a.rest)); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	})
	for _, g := range groups {
		if g.coef.Sign() != 0 {
			terms = append(terms, Mul(numOf(g.coef), g.rest))
		}
	}
	if constant.Sign() != 0 || len(terms) == 0 {
		terms = append(terms, numOf(constant))
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return &Expr{kind: AddKind, args: terms}
}

// pythagoras rewrites a·sin²u + b·cos²u as b + (a−b)·sin²u.
func pythagoras(groups []*group, byKey map[string]*group, constant *big.Rat) {
	for _, g := range groups {
		r := g.rest
		if r.kind != PowKind || !r.args[0].is("sin") || !r.args[1].isInt() || r.args[1].num.Cmp(big.NewRat(2, 1)) != 0 {
			continue
		}
		cosKey := Pow(Cos(r.args[0].args[0]), Int(2)).String()
		c, ok := byKey[cosKey]
		if !ok || c.coef.Sign() == 0 {
			continue
		}
		constant.Add(constant, c.coef)
		g.coef.Sub(g.coef, c.coef)
		c.coef.SetInt64(0)
	}
}

// degree orders terms for printing: higher powers of variables first,
// other functions next, numbers last.
func degree(e *Expr) float64 {
	switch e.kind {
	case NumKind:
		return -1
	case SymKind:
		return 1
	case PowKind:
		if e.args[0].kind == SymKind && e.args[1].isNum() {
			f, _ := e.args[1].num.Float64()
			return f
		}
		return 0.5
	case MulKind:
		d := 0.0
		for _, f := range e.args {
			if !f.isNum() {
				d += max(degree(f), 0)
			}
		}
		return d
	}
	return 0.5
}

// collectFactors combines factors with the same base of a
// (constructor-built) product: x·x² = x³, exp(a)·exp(b) = exp(a+b).
func collectFactors(e *Expr) *Expr { return newSimp().collectFactors(e) }

func (s *simp) collectFactors(e *Expr) *Expr {
	if e.kind != MulKind {
		return e
	}
	type power struct {
		base *Expr
		exps []*Expr
		key  string
	}
	var powers []*power
	byKey := map[string]*power{}
	coef := big.NewRat(1, 1)
	var expArgs []*Expr
	for _, f := range e.args {
		if f.isNum() {
			coef.Mul(coef, f.num)
			continue
		}
		if f.is("exp") {
			expArgs = append(expArgs, f.args[0])
			continue
		}
		b, x := f, one
		if f.kind == PowKind {
			b, x = f.args[0], f.args[1]
		}
		k := s.str(b)
		if p, ok := byKey[k]; ok {
			p.exps = append(p.exps, x)
			continue
		}
		p := &power{b, []*Expr{x}, k}
		byKey[k] = p
		powers = append(powers, p)
	}
	factors := []*Expr{numOf(coef)}
	changed := false
	for _, p := range powers {
		x := p.exps[0]
		if len(p.exps) > 1 {
			x = s.canon(Add(p.exps...))
			changed = true
		}
		factors = append(factors, Pow(p.base, x))
	}
	if len(expArgs) > 0 {
		arg := expArgs[0]
		if len(expArgs) > 1 {
			arg = s.canon(Add(expArgs...))
		}
		factors = append(factors, evalCall("exp", arg))
	}
	out := Mul(factors...)
	if changed && out.kind == MulKind {
		// Powers may have produced numbers or products; settle once more.
		return s.collectFactors(out)
	}
	if out.kind != MulKind {
		return out
	}
	rest := slices.Clone(out.args)
	start := 0
	if rest[0].isNum() {
		start = 1
	}
	slices.SortStableFunc(rest[start:], func(a, b *Expr) int {
		if c := cmp.Compare(factorRank(a), factorRank(b)); c != 0 {
			return c
		}
		return cmp.Compare(s.sortKey(a), s.sortKey(b))
	})
	return &Expr{kind: MulKind, args: rest}
}

// sortKey is the text of e with minus sorting before plus, so that
// (x − 1)(x + 1) comes out in that order, as SymPy writes it.
func (s *simp) sortKey(e *Expr) string { return strings.ReplaceAll(s.str(e), "-", "!") }

// factorRank orders factors for printing: variables and their powers
// first, then functions, then sums.
func factorRank(e *Expr) int {
	b := e
	if e.kind == PowKind {
		b = e.args[0]
	}
	switch b.kind {
	case SymKind, ConstKind, NumKind:
		return 0
	case CallKind:
		return 1
	}
	return 2
}

// evalCall applies the identities of the function name to a canonical
// argument.
func evalCall(name string, a *Expr) *Expr {
	if a.isUndefined() {
		return undefined
	}
	neg := false // a is −u for some u
	if c, _ := splitCoef(a); c.Sign() < 0 {
		neg = true
	}
	if v := mustLookup(name).simplify(a, neg); v != nil {
		return v
	}
	return Call(name, a)
}

// Expand multiplies out products of sums and positive integer powers of
// sums (up to the 16th power), so (x+1)² becomes x² + 2x + 1, and returns
// the result in canonical form.
func Expand(e *Expr) *Expr {
	s := newSimp()
	return s.canon(s.expand(e))
}

const maxExpandTerms = 4096

func (s *simp) expand(e *Expr) *Expr {
	switch e.kind {
	case NumKind, SymKind, ConstKind, UndefinedKind:
		return e
	}
	if x, ok := s.expands[e]; ok {
		return x
	}
	x := s.expandNode(e)
	s.expands[e] = x
	return x
}

func (s *simp) expandNode(e *Expr) *Expr {
	args := make([]*Expr, len(e.args))
	for i, a := range e.args {
		args[i] = s.expand(a)
	}
	switch e.kind {
	case AddKind:
		return Add(args...)
	case MulKind:
		return s.distribute(args)
	case PowKind:
		b, x := args[0], args[1]
		if b.kind == AddKind && x.isInt() {
			n := x.num.Num().Int64()
			if n >= 2 && n <= 16 {
				fs := make([]*Expr, n)
				for i := range fs {
					fs[i] = b
				}
				return s.distribute(fs)
			}
			if n < 0 && n >= -16 {
				return Pow(s.expand(Pow(b, Int(-n))), minusOne)
			}
		}
		return Pow(b, x)
	case CallKind:
		return Call(e.name, args[0])
	}
	return e
}

// distribute multiplies factors, expanding sums, unless the result would
// exceed maxExpandTerms terms. Factors that are not sums are multiplied
// into every term at the end: there is nothing to distribute over them,
// and canonicalizing the growing product after each one cost a product of
// n cosines O(n²) sorts.
func (s *simp) distribute(fs []*Expr) *Expr {
	var sums, plain []*Expr
	for _, f := range fs {
		if f.kind == AddKind {
			sums = append(sums, f)
		} else {
			plain = append(plain, f)
		}
	}
	if len(sums) == 0 {
		return Mul(plain...)
	}
	terms := []*Expr{one}
	for _, f := range sums {
		fterms := f.args
		if len(terms)*len(fterms) > maxExpandTerms {
			return Mul(fs...)
		}
		next := make([]*Expr, 0, len(terms)*len(fterms))
		for _, t := range terms {
			for _, u := range fterms {
				next = append(next, Mul(t, u))
			}
		}
		// Collect like terms after every factor, so (x+1)⁶ never holds
		// 2⁶ terms.
		sum := s.canon(Add(next...))
		if sum.kind == AddKind {
			terms = sum.args
		} else {
			terms = []*Expr{sum}
		}
	}
	if len(plain) > 0 {
		p := Mul(plain...)
		for i, t := range terms {
			terms[i] = Mul(p, t)
		}
	}
	return Add(terms...)
}
