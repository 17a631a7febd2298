package symbolic

import (
	"math/big"
)

// poly is a univariate polynomial with rational coefficients, lowest degree
// first, with no trailing zero coefficients (the zero polynomial is empty).
type poly []*big.Rat

func (p poly) trim() poly {
	for len(p) > 0 && p[len(p)-1].Sign() == 0 {
		p = p[:len(p)-1]
	}
	return p
}

func (p poly) deg() int { return len(p) - 1 }

func (p poly) lead() *big.Rat { return p[len(p)-1] }

func constPoly(r *big.Rat) poly { return poly{new(big.Rat).Set(r)}.trim() }

func padd(a, b poly, sign int) poly {
	n := max(len(a), len(b))
	out := make(poly, n)
	for i := range out {
		out[i] = new(big.Rat)
		if i < len(a) {
			out[i].Set(a[i])
		}
		if i < len(b) {
			if sign < 0 {
				out[i].Sub(out[i], b[i])
			} else {
				out[i].Add(out[i], b[i])
			}
		}
	}
	return out.trim()
}

func pmul(a, b poly) poly {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	out := make(poly, len(a)+len(b)-1)
	for i := range out {
		out[i] = new(big.Rat)
	}
	t := new(big.Rat)
	for i, x := range a {
		for j, y := range b {
			out[i+j].Add(out[i+j], t.Mul(x, y))
		}
	}
	return out.trim()
}

func pscale(a poly, c *big.Rat) poly {
	out := make(poly, len(a))
	for i, x := range a {
		out[i] = new(big.Rat).Mul(x, c)
	}
	return out.trim()
}

// pdivmod returns q, r with a = q·b + r and deg r < deg b; b ≠ 0.
func pdivmod(a, b poly) (poly, poly) {
	r := append(poly(nil), a...)
	for i := range r {
		r[i] = new(big.Rat).Set(a[i])
	}
	if len(a) < len(b) {
		return nil, r
	}
	q := make(poly, len(a)-len(b)+1)
	for i := range q {
		q[i] = new(big.Rat)
	}
	inv := new(big.Rat).Inv(b.lead())
	t := new(big.Rat)
	for k := len(a) - len(b); k >= 0; k-- {
		c := new(big.Rat).Mul(r[k+len(b)-1], inv)
		q[k] = c
		for j, y := range b {
			r[k+j].Sub(r[k+j], t.Mul(c, y))
		}
	}
	return q.trim(), r.trim()
}

// pgcd returns the monic greatest common divisor (Euclid's algorithm).
func pgcd(a, b poly) poly {
	for len(b) > 0 {
		_, r := pdivmod(a, b)
		a, b = b, r
	}
	if len(a) == 0 {
		return a
	}
	return pscale(a, new(big.Rat).Inv(a.lead()))
}

func ppow(a poly, n int) poly {
	out := poly{big.NewRat(1, 1)}
	for i := 0; i < n; i++ {
		out = pmul(out, a)
	}
	return out
}

// generators returns the distinct non-polynomial building blocks of e
// (variables, constants, calls, non-integer powers), keyed by their text;
// ok is false if e contains Undefined.
func generators(e *Expr, out map[string]*Expr) bool {
	switch e.kind {
	case NumKind:
		return true
	case UndefinedKind:
		return false
	case AddKind, MulKind:
		for _, a := range e.args {
			if !generators(a, out) {
				return false
			}
		}
		return true
	case PowKind:
		if e.args[1].isInt() {
			return generators(e.args[0], out)
		}
	}
	out[e.String()] = e
	return true
}

// ratFunc writes e as num/den, polynomials in gen.
func ratFunc(e, gen *Expr) (num, den poly, ok bool) {
	unit := poly{big.NewRat(1, 1)}
	switch e.kind {
	case NumKind:
		return constPoly(e.num), unit, true
	case AddKind:
		num, den = nil, unit
		for _, t := range e.args {
			n, d, ok := ratFunc(t, gen)
			if !ok {
				return nil, nil, false
			}
			num = padd(pmul(num, d), pmul(n, den), 1)
			den = pmul(den, d)
		}
		return num, den, true
	case MulKind:
		num, den = unit, unit
		for _, f := range e.args {
			n, d, ok := ratFunc(f, gen)
			if !ok {
				return nil, nil, false
			}
			num, den = pmul(num, n), pmul(den, d)
		}
		return num, den, true
	case PowKind:
		if e.args[1].isInt() {
			k := e.args[1].num.Num().Int64()
			if k > 64 || k < -64 {
				return nil, nil, false
			}
			n, d, ok := ratFunc(e.args[0], gen)
			if !ok {
				return nil, nil, false
			}
			if k < 0 {
				n, d, k = d, n, -k
			}
			return ppow(n, int(k)), ppow(d, int(k)), true
		}
	}
	if e.String() == gen.String() {
		return poly{new(big.Rat), big.NewRat(1, 1)}, unit, true
	}
	return nil, nil, false
}

// polyExpr returns Σ pₖ genᵏ, highest power first.
func polyExpr(p poly, gen *Expr) *Expr {
	terms := make([]*Expr, 0, len(p))
	for k := len(p) - 1; k >= 0; k-- {
		if p[k].Sign() != 0 {
			terms = append(terms, Mul(numOf(p[k]), Pow(gen, Int(int64(k)))))
		}
	}
	return canon(Add(terms...))
}

// univariate returns e's single generator and e as num/den in it.
func univariate(e *Expr) (gen *Expr, num, den poly, ok bool) {
	gens := map[string]*Expr{}
	if !generators(e, gens) || len(gens) != 1 {
		return nil, nil, nil, false
	}
	for _, g := range gens {
		gen = g
	}
	num, den, ok = ratFunc(e, gen)
	if !ok || len(den) == 0 {
		return nil, nil, nil, false
	}
	return gen, num, den, true
}

// cancel divides numerator and denominator of a univariate rational
// function by their greatest common divisor and makes the denominator
// monic.
func cancel(e *Expr) (*Expr, bool) {
	gen, num, den, ok := univariate(e)
	if !ok {
		return e, false
	}
	g := pgcd(num, den)
	num, _ = pdivmod(num, g)
	den, _ = pdivmod(den, g)
	if den.deg() == 0 {
		return polyExpr(pscale(num, new(big.Rat).Inv(den[0])), gen), true
	}
	if len(num) == 0 {
		return zero, true
	}
	// c·p/q with p, q integer polynomials with coprime coefficients, as
	// SymPy writes it: (2x²+x−1)/(4x²−1) = (x+1)/(2x+1).
	cn, pn := primitive(num)
	cd, pd := primitive(den)
	c := new(big.Rat).Quo(cn, cd)
	return collectFactors(Mul(numOf(c), polyExpr(pn, gen), Pow(polyExpr(pd, gen), minusOne))), true
}

// Cancel returns e as p/q with the common polynomial factors of p and q
// removed, when e is a rational function of a single generator (a variable
// or a subexpression such as sin(x)); otherwise it returns e in canonical
// form. Cancel((t²−4)/(t−2)) is t + 2.
func Cancel(e *Expr) *Expr {
	c := canon(e)
	if x, ok := cancel(c); ok {
		return x
	}
	return c
}

// Factor writes e, a polynomial or rational function of a single
// generator, as a product: the content, one linear factor (qx − p) for
// each rational root p/q with its multiplicity, and what is left
// irreducible over the rationals as far as rational roots tell (a
// quadratic without rational roots, for instance). Other expressions come
// back in canonical form. Factor(x³ − x) is x·(x − 1)·(x + 1).
func Factor(e *Expr) *Expr {
	c := canon(e)
	gen, num, den, ok := univariate(c)
	if !ok {
		return c
	}
	g := pgcd(num, den)
	num, _ = pdivmod(num, g)
	den, _ = pdivmod(den, g)
	fn, fd := factorPoly(num, gen), factorPoly(den, gen)
	return collectFactors(Mul(fn, Pow(fd, minusOne)))
}

// factorPoly returns p as content × linear factors × rest.
func factorPoly(p poly, gen *Expr) *Expr {
	if len(p) == 0 {
		return zero
	}
	content, prim := primitive(p)
	factors := []*Expr{numOf(content)}
	// Roots at 0 first.
	for len(prim) > 1 && prim[0].Sign() == 0 {
		prim = prim[1:]
		factors = append(factors, gen)
	}
	for _, r := range rationalRoots(prim) {
		lin := poly{new(big.Rat).Neg(new(big.Rat).SetInt(r.Num())), new(big.Rat).SetInt(r.Denom())}
		for prim.deg() >= 1 {
			q, rem := pdivmod(prim, lin)
			if len(rem) != 0 {
				break
			}
			prim = q
			factors = append(factors, polyExpr(lin, gen))
		}
	}
	factors = append(factors, polyExpr(prim, gen))
	return Mul(factors...)
}

// primitive splits p into a rational content and an integer polynomial
// with coprime coefficients and positive leading coefficient.
func primitive(p poly) (*big.Rat, poly) {
	lcm := big.NewInt(1)
	for _, c := range p {
		d := c.Denom()
		g := new(big.Int).GCD(nil, nil, lcm, d)
		lcm.Mul(lcm, new(big.Int).Quo(d, g))
	}
	ints := make([]*big.Int, len(p))
	g := new(big.Int)
	for i, c := range p {
		ints[i] = new(big.Int).Mul(c.Num(), new(big.Int).Quo(lcm, c.Denom()))
		g.GCD(nil, nil, g, new(big.Int).Abs(ints[i]))
	}
	if p.lead().Sign() < 0 {
		g.Neg(g)
	}
	out := make(poly, len(p))
	for i, n := range ints {
		out[i] = new(big.Rat).SetInt(new(big.Int).Quo(n, g))
	}
	return new(big.Rat).SetFrac(g, lcm), out
}

// rationalRoots lists the distinct rational roots of an integer polynomial
// with nonzero constant term: by the rational root theorem each is ±a/b
// with a | p₀ and b | pₙ. Coefficients beyond 10¹² are not searched.
func rationalRoots(p poly) []*big.Rat {
	if p.deg() < 1 || p[0].Sign() == 0 {
		return nil
	}
	as, bs := divisors(p[0].Num()), divisors(p.lead().Num())
	if as == nil || bs == nil {
		return nil
	}
	var roots []*big.Rat
	seen := map[string]bool{}
	for _, a := range as {
		for _, b := range bs {
			for _, s := range []int64{1, -1} {
				r := new(big.Rat).SetFrac(new(big.Int).Mul(a, big.NewInt(s)), b)
				if seen[r.String()] {
					continue
				}
				seen[r.String()] = true
				if peval(p, r).Sign() == 0 {
					roots = append(roots, r)
				}
			}
		}
	}
	return roots
}

func divisors(n *big.Int) []*big.Int {
	m := new(big.Int).Abs(n)
	if !m.IsInt64() || m.Int64() > 1e12 {
		return nil
	}
	v := m.Int64()
	var out []*big.Int
	for d := int64(1); d*d <= v; d++ {
		if v%d == 0 {
			out = append(out, big.NewInt(d))
			if d*d != v {
				out = append(out, big.NewInt(v/d))
			}
		}
	}
	return out
}

func peval(p poly, x *big.Rat) *big.Rat {
	s := new(big.Rat)
	for k := len(p) - 1; k >= 0; k-- {
		s.Mul(s, x)
		s.Add(s, p[k])
	}
	return s
}
