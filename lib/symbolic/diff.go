package symbolic

import "fmt"

// Diff returns the n-th derivative of e with respect to the variable x
// (n ≥ 1), simplified after each differentiation. Other variables are held
// fixed, so Diff gives partial derivatives. It panics if n < 1.
//
// The rules, applied recursively, are those taught by hand: linearity,
// the product rule, the power rule (u^v)′ = u^v·(v′·log u + v·u′/u) with
// its special cases for constant v or constant u, and the chain rule
// f(u)′ = f′(u)·u′ with
//
//	exp′ = exp, log′(u) = 1/u, sin′ = cos, cos′ = −sin, tan′ = 1 + tan²,
//	tanh′ = 1 − tanh², abs′ = sign, sign′ = 0, σ′ = σ(1 − σ),
//	relu′ = heaviside, softplus′ = σ, heaviside′ = 0.
//
// The last, like activation.HeavisideDeriv, is the derivative away from
// the jump; the Dirac delta at 0 is not represented.
func Diff(e *Expr, x string, n int) *Expr {
	if n < 1 {
		panic(fmt.Sprintf("symbolic: Diff: order %d < 1", n))
	}
	for i := 0; i < n; i++ {
		e = Simplify(DiffRaw(e, x))
	}
	return e
}

// Gradient returns the partial derivatives of e with respect to vars, in
// order.
func Gradient(e *Expr, vars ...string) []*Expr {
	out := make([]*Expr, len(vars))
	for i, v := range vars {
		out[i] = Diff(e, v, 1)
	}
	return out
}

// Hessian returns the matrix of second partial derivatives ∂²e/∂vᵢ∂vⱼ.
func Hessian(e *Expr, vars ...string) [][]*Expr {
	g := Gradient(e, vars...)
	out := make([][]*Expr, len(vars))
	for i := range vars {
		out[i] = make([]*Expr, len(vars))
		for j := range vars {
			if j < i {
				out[i][j] = out[j][i]
				continue
			}
			out[i][j] = Diff(g[i], vars[j], 1)
		}
	}
	return out
}

// DiffRaw returns the derivative of e with respect to x by the rules
// alone, without simplification — what a naive program produces, and the
// measure of expression swell. Only the constructors' bookkeeping
// (dropping +0 and ·1, ·0 terms) is done.
func DiffRaw(e *Expr, x string) *Expr {
	if !e.Has(x) {
		if e.isUndefined() {
			return undefined
		}
		return zero
	}
	switch e.kind {
	case SymKind:
		return one
	case AddKind:
		terms := make([]*Expr, len(e.args))
		for i, t := range e.args {
			terms[i] = DiffRaw(t, x)
		}
		return Add(terms...)
	case MulKind:
		// Product rule: Σᵢ f₁ ⋯ fᵢ′ ⋯ fₙ.
		terms := make([]*Expr, 0, len(e.args))
		for i := range e.args {
			fs := make([]*Expr, len(e.args))
			copy(fs, e.args)
			fs[i] = DiffRaw(e.args[i], x)
			terms = append(terms, Mul(fs...))
		}
		return Add(terms...)
	case PowKind:
		u, v := e.args[0], e.args[1]
		switch {
		case !v.Has(x): // (uᵛ)′ = v·u^(v−1)·u′
			return Mul(v, Pow(u, Add(v, minusOne)), DiffRaw(u, x))
		case !u.Has(x): // (uᵛ)′ = uᵛ·log u·v′
			return Mul(e, Log(u), DiffRaw(v, x))
		}
		return Mul(e, Add(Mul(DiffRaw(v, x), Log(u)), Mul(v, DiffRaw(u, x), Pow(u, minusOne))))
	case CallKind:
		return Mul(mustLookup(e.name).deriv(e.args[0]), DiffRaw(e.args[0], x))
	}
	panic(fmt.Sprintf("symbolic: DiffRaw: unexpected node kind %d", e.kind))
}
