package derivatives

import (
	"fmt"
	"math"
	"math/big"

	"github.com/gradbook/gradbook/lib/ad"
	"github.com/gradbook/gradbook/lib/symbolic"
)

// eval evaluates e at x in the arithmetic of T (plain floats, dual numbers,
// Taylor series), one operation of the expression tree at a time, as a
// program written from the formula would. A product with factors of
// negative integer power is evaluated as one division, numerator over
// denominator, the way the formula is written, so that Taylor mode can
// cancel a common factor. It counts the operations in *ops.
func eval[T ad.Number[T]](e *symbolic.Expr, v string, x T, ops *int) (T, error) {
	*ops++
	switch e.Kind() {
	case symbolic.NumKind:
		*ops-- // a constant is not an operation
		r, _ := e.Rat()
		f, _ := r.Float64()
		return x.Const(f), nil
	case symbolic.ConstKind: // pi, the only named constant
		*ops--
		return x.Const(math.Pi), nil
	case symbolic.SymKind:
		if e.Name() != v {
			return x, fmt.Errorf("derivatives: the expression has a second variable %q besides %q", e.Name(), v)
		}
		*ops-- // reading the variable is not an operation
		return x, nil
	case symbolic.AddKind:
		return fold(e.Args(), v, x, ops, func(a, b T) T { return a.Add(b) })
	case symbolic.MulKind:
		var num, den []*symbolic.Expr
		for _, f := range e.Args() {
			if k, ok := negativeIntPower(f); ok {
				den = append(den, symbolic.Pow(f.Args()[0], symbolic.Int(k)))
			} else {
				num = append(num, f)
			}
		}
		n, err := fold(num, v, x, ops, func(a, b T) T { return a.Mul(b) })
		if err != nil || len(den) == 0 {
			return n, err
		}
		d, err := fold(den, v, x, ops, func(a, b T) T { return a.Mul(b) })
		if err != nil {
			return d, err
		}
		if len(num) == 0 {
			n = x.Const(1)
		}
		return n.Div(d), nil
	case symbolic.PowKind:
		base, exp := e.Args()[0], e.Args()[1]
		b, err := eval(base, v, x, ops)
		if err != nil {
			return b, err
		}
		if r, ok := exp.Rat(); ok {
			if r.Cmp(big.NewRat(2, 1)) == 0 {
				return b.Square(), nil
			}
			if r.Cmp(big.NewRat(1, 2)) == 0 {
				return b.Sqrt(), nil
			}
			k, _ := r.Float64()
			return b.Pow(k), nil
		}
		p, err := eval(exp, v, x, ops)
		if err != nil {
			return p, err
		}
		return p.Mul(b.Log()).Exp(), nil // bᵖ = e^(p log b)
	case symbolic.CallKind:
		a, err := eval(e.Args()[0], v, x, ops)
		if err != nil {
			return a, err
		}
		switch e.Name() {
		case "exp":
			return a.Exp(), nil
		case "log":
			return a.Log(), nil
		case "sin":
			return a.Sin(), nil
		case "cos":
			return a.Cos(), nil
		case "tanh":
			return a.Tanh(), nil
		case "sigmoid":
			return a.Sigmoid(), nil
		case "softplus":
			return a.Softplus(), nil
		}
		return a, fmt.Errorf("derivatives: %s is not differentiable everywhere; automatic differentiation here supports exp, log, sin, cos, tanh, sigmoid and softplus", e.Name())
	}
	return x, fmt.Errorf("derivatives: cannot evaluate %v", e)
}

// fold evaluates the expressions and combines them left to right.
func fold[T ad.Number[T]](es []*symbolic.Expr, v string, x T, ops *int, op func(a, b T) T) (T, error) {
	var acc T
	for i, a := range es {
		y, err := eval(a, v, x, ops)
		if err != nil {
			return y, err
		}
		if i == 0 {
			acc = y
			continue
		}
		acc = op(acc, y)
	}
	return acc, nil
}

// negativeIntPower reports whether f is bᵏ with a negative integer k, and
// returns −k.
func negativeIntPower(f *symbolic.Expr) (int64, bool) {
	if f.Kind() != symbolic.PowKind {
		return 0, false
	}
	r, ok := f.Args()[1].Rat()
	if !ok || !r.IsInt() || r.Sign() >= 0 {
		return 0, false
	}
	return -r.Num().Int64(), true
}

// together writes a sum over its least common denominator,
// Σ nᵢ/dᵢ = (Σ nᵢ·(D/dᵢ)) / D, where D holds each base of a denominator to
// its highest power. lib/symbolic's Limit resolves 0/0 by L'Hôpital's rule
// but fails on the ∞ − ∞ of a sum of fractions, such as the derivative
// cos x/x − sin x/x² of sin x/x at 0; over one denominator, (x cos x − sin x)/x²,
// the limit is 0/0 and L'Hôpital applies.
func together(e *symbolic.Expr) *symbolic.Expr {
	if e.Kind() != symbolic.AddKind {
		return e
	}
	type power struct {
		base *symbolic.Expr
		k    int64
	}
	var lcd []power // the least common denominator, base by base
	terms := e.Args()
	nums := make([]*symbolic.Expr, len(terms))
	dens := make([][]power, len(terms))
	for i, t := range terms {
		factors := []*symbolic.Expr{t}
		if t.Kind() == symbolic.MulKind {
			factors = t.Args()
		}
		var n []*symbolic.Expr
		for _, f := range factors {
			k, ok := negativeIntPower(f)
			if !ok {
				n = append(n, f)
				continue
			}
			b := f.Args()[0]
			dens[i] = append(dens[i], power{b, k})
			found := false
			for j := range lcd {
				if symbolic.Equal(lcd[j].base, b) {
					lcd[j].k, found = max(lcd[j].k, k), true
				}
			}
			if !found {
				lcd = append(lcd, power{b, k})
			}
		}
		nums[i] = symbolic.Mul(n...)
	}
	var sum, den []*symbolic.Expr
	for i := range terms {
		f := []*symbolic.Expr{nums[i]}
		for _, p := range lcd {
			k := p.k
			for _, q := range dens[i] {
				if symbolic.Equal(q.base, p.base) {
					k -= q.k
				}
			}
			if k > 0 {
				f = append(f, symbolic.Pow(p.base, symbolic.Int(k)))
			}
		}
		sum = append(sum, symbolic.Mul(f...))
	}
	for _, p := range lcd {
		den = append(den, symbolic.Pow(p.base, symbolic.Int(p.k)))
	}
	return symbolic.Div(symbolic.Add(sum...), symbolic.Mul(den...))
}
