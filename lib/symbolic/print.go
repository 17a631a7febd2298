package symbolic

import (
	"math/big"
	"strings"
)

// Precedence levels for parenthesising.
const (
	precAdd  = 1
	precMul  = 2
	precNeg  = 3 // unary minus: -x^2 is -(x^2)
	precPow  = 4
	precAtom = 5
)

// String returns e in the syntax Parse reads, e.g. "(t^2 - 4)/(t - 2)".
func (e *Expr) String() string { return print(e, false) }

// LaTeX returns e as LaTeX math, e.g. "\frac{t^{2} - 4}{t - 2}".
func (e *Expr) LaTeX() string { return print(e, true) }

// Markdown returns e as a displayed LaTeX formula, "$$…$$", which
// gonbui.DisplayMarkdown renders with MathJax in a notebook. With a
// non-empty lhs the formula reads "lhs = e".
func Markdown(lhs string, e *Expr) string {
	if lhs != "" {
		return "$$" + lhs + " = " + e.LaTeX() + "$$"
	}
	return "$$" + e.LaTeX() + "$$"
}

type printer struct {
	latex bool
	b     strings.Builder
}

func print(e *Expr, latex bool) string {
	p := &printer{latex: latex}
	p.expr(e, 0)
	return p.b.String()
}

// prec returns the binding strength of e as printed.
func prec(e *Expr) int {
	switch e.kind {
	case NumKind:
		if e.num.Sign() < 0 {
			return precNeg
		}
		if !e.num.IsInt() {
			return precMul
		}
		return precAtom
	case AddKind:
		return precAdd
	case MulKind:
		if c, _ := splitCoef(e); c.Sign() < 0 {
			return precNeg
		}
		return precMul
	case PowKind:
		if isRecip(e) {
			return precMul
		}
		if isSqrt(e) {
			return precAtom
		}
		return precPow
	}
	return precAtom
}

func isSqrt(e *Expr) bool {
	return e.kind == PowKind && e.args[1].isNum() && e.args[1].num.Cmp(half.num) == 0
}

// isRecip reports whether e is a power with a negative numeric exponent,
// printed as a fraction.
func isRecip(e *Expr) bool { return e.kind == PowKind && e.args[1].isNegNum() }

// splitCoef returns the numeric coefficient of a product and the rest.
func splitCoef(e *Expr) (*big.Rat, []*Expr) {
	if e.kind == MulKind {
		if e.args[0].isNum() {
			return e.args[0].num, e.args[1:]
		}
		return one.num, e.args
	}
	if e.kind == NumKind {
		return e.num, nil
	}
	return one.num, []*Expr{e}
}

func (p *printer) w(s string) { p.b.WriteString(s) }

// paren prints e, in parentheses if it binds less tightly than min.
func (p *printer) paren(e *Expr, min int) {
	if prec(e) < min {
		if p.latex {
			p.w(`\left(`)
			p.expr(e, 0)
			p.w(`\right)`)
			return
		}
		p.w("(")
		p.expr(e, 0)
		p.w(")")
		return
	}
	p.expr(e, min)
}

func (p *printer) expr(e *Expr, _ int) {
	switch e.kind {
	case NumKind:
		p.number(e.num)
	case SymKind:
		p.w(p.symName(e.name))
	case ConstKind:
		if p.latex && e.name == "pi" {
			p.w(`\pi`)
		} else {
			p.w(e.name)
		}
	case UndefinedKind:
		if p.latex {
			p.w(`\mathrm{NaN}`)
		} else {
			p.w("nan")
		}
	case AddKind:
		terms := e.args
		if last := terms[len(terms)-1]; last.isNum() && last.num.Sign() > 0 {
			if c, _ := splitCoef(terms[0]); c.Sign() < 0 {
				// 1 − σ(x) reads better than −σ(x) + 1.
				terms = append([]*Expr{last}, terms[:len(terms)-1]...)
			}
		}
		for i, t := range terms {
			c, _ := splitCoef(t)
			switch {
			case i == 0:
				p.paren(t, precAdd)
			case c.Sign() < 0:
				p.w(" - ")
				p.paren(Neg(t), precMul)
			default:
				p.w(" + ")
				p.paren(t, precAdd+1)
			}
		}
	case MulKind, PowKind:
		p.product(e)
	case CallKind:
		p.call(e)
	}
}

func (p *printer) symName(s string) string {
	if !p.latex || len(s) == 1 {
		return s
	}
	greek := map[string]bool{"alpha": true, "beta": true, "gamma": true, "delta": true, "epsilon": true, "theta": true, "lambda": true, "mu": true, "sigma": true, "tau": true, "phi": true, "omega": true}
	if greek[s] {
		return `\` + s
	}
	if i := strings.IndexByte(s, '_'); i > 0 {
		return s[:i] + "_{" + s[i+1:] + "}"
	}
	return `\mathit{` + s + `}`
}

func (p *printer) number(r *big.Rat) {
	if r.IsInt() {
		p.w(r.Num().String())
		return
	}
	if p.latex {
		if r.Sign() < 0 {
			p.w("-")
		}
		p.w(`\frac{` + new(big.Int).Abs(r.Num()).String() + "}{" + r.Denom().String() + "}")
		return
	}
	p.w(r.Num().String() + "/" + r.Denom().String())
}

// product prints a product (or a lone power) as ±num/den, where den
// collects the factors with negative numeric exponents.
func (p *printer) product(e *Expr) {
	if e.kind == PowKind && !isRecip(e) {
		p.power(e)
		return
	}
	coef, rest := splitCoef(e)
	if e.kind == PowKind {
		coef, rest = one.num, []*Expr{e}
	}
	var num, den []*Expr
	if a := new(big.Int).Abs(coef.Num()); a.Cmp(big.NewInt(1)) != 0 {
		num = append(num, numOf(new(big.Rat).SetInt(a)))
	}
	if !coef.IsInt() {
		den = append(den, numOf(new(big.Rat).SetInt(coef.Denom())))
	}
	for _, f := range rest {
		if isRecip(f) {
			den = append(den, Pow(f.args[0], numOf(new(big.Rat).Neg(f.args[1].num))))
		} else {
			num = append(num, f)
		}
	}
	if coef.Sign() < 0 {
		p.w("-")
	}
	if len(num) == 0 {
		num = []*Expr{one}
	}
	if p.latex && len(den) > 0 {
		p.w(`\frac{`)
		p.factors(num, false)
		p.w("}{")
		p.factors(den, false)
		p.w("}")
		return
	}
	p.factors(num, len(den) > 0)
	if len(den) > 0 {
		p.w("/")
		if len(den) > 1 {
			p.w("(")
			p.factors(den, false)
			p.w(")")
		} else {
			p.paren(den[0], precPow)
		}
	}
}

// factors prints f₁*f₂*…; if beforeDiv, a lone factor that is itself a
// fraction keeps its parentheses.
func (p *printer) factors(fs []*Expr, beforeDiv bool) {
	for i, f := range fs {
		if i > 0 {
			if p.latex {
				if fs[i-1].isNum() && f.isNum() {
					p.w(` \cdot `)
				} else {
					p.w(" ")
				}
			} else {
				p.w("*")
			}
		}
		min := precMul
		if i > 0 || (p.latex && len(fs) > 1) || beforeDiv {
			min = precMul + 1
		}
		if p.latex && len(fs) == 1 {
			min = precAdd
		}
		p.paren(f, min)
	}
}

func (p *printer) power(e *Expr) {
	base, exp := e.args[0], e.args[1]
	if isSqrt(e) {
		if p.latex {
			p.w(`\sqrt{`)
			p.expr(base, 0)
			p.w("}")
		} else {
			p.w("sqrt(")
			p.expr(base, 0)
			p.w(")")
		}
		return
	}
	if p.latex && base.is("exp") {
		// (e^u)^v: keep the parentheses around e^u.
		p.w(`\left(`)
		p.call(base)
		p.w(`\right)`)
	} else {
		p.paren(base, precPow+1)
	}
	if p.latex {
		p.w("^{")
		p.expr(exp, 0)
		p.w("}")
		return
	}
	p.w("^")
	if exp.kind == SymKind || exp.kind == ConstKind || (exp.isInt() && exp.num.Sign() >= 0) {
		p.expr(exp, 0)
	} else {
		p.w("(")
		p.expr(exp, 0)
		p.w(")")
	}
}

func (p *printer) call(e *Expr) {
	arg := e.args[0]
	if !p.latex {
		p.w(e.name + "(")
		p.expr(arg, 0)
		p.w(")")
		return
	}
	p.w(mustLookup(e.name).tex(print(arg, true)))
}
