package ad

import (
	"fmt"

	"github.com/gradbook/gradbook/lib/activation"
)

// Custom derivative rules. The lecture's advice: when the derivative of a
// piece is known, supply it instead of letting the code differentiate the
// steps that compute the value. That is faster (the steps need not be
// recorded), and it can be more accurate: log(1 + eˣ) computed naively
// overflows for x > 709 even though its derivative σ(x) is perfectly tame,
// and the derivative of an iterative method (power iteration, a solver) is
// better taken from the equation its answer satisfies than from its
// iterations.

// Rule is an elementwise function with a derivative supplied by the user,
// like JAX's custom_jvp: F gives the value and DF the derivative, and both
// reverse mode (Var.Apply, backward: x̄ += ȳ·DF(x)) and forward mode
// (Rule.Dual, and tape JVPs: dy = DF(x)·dx) use DF instead of
// differentiating F's code. D2F, if set, is the second derivative and
// makes Hessians through the rule possible; without it HessVec and Hessian
// panic when they reach the rule.
type Rule struct {
	Name string
	F    func(x float64) float64
	DF   func(x float64) float64
	D2F  func(x float64) float64
}

// customOp is a user operation stored in a node.
type customOp interface{ name() string }

func (r *Rule) name() string { return r.Name }

// derivRule is the rule for DF, with D2F as its derivative.
func (r *Rule) derivRule() *Rule {
	if r.D2F == nil {
		return nil
	}
	return &Rule{Name: r.Name + "′", F: r.DF, DF: r.D2F}
}

var ruleDef = opDef{name: "rule",
	forward: func(t *Tape, n *node) {
		f := n.custom.(*Rule).F
		for i, v := range t.nodes[n.a].val[:len(n.val)] {
			n.val[i] = f(v)
		}
	},
	backward: func(t *Tape, n *node) {
		if ga := t.gradOf(n.a); ga != nil {
			df := n.custom.(*Rule).DF
			x := t.nodes[n.a].val[:len(ga)]
			for i, g := range n.grad[:len(ga)] {
				ga[i] += g * df(x[i])
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		r := n.custom.(*Rule)
		d := r.derivRule()
		if d == nil {
			// Without D2F first-order forward mode still works; a
			// second derivative reaching DF panics instead of being
			// silently wrong.
			d = &Rule{Name: r.Name + "′", F: r.DF, DF: func(float64) float64 {
				panic(fmt.Sprintf("ad: rule %s: second derivative needs D2F", r.Name))
			}}
		}
		return da.Mul(Var{t, n.a, t.gen}.Apply(d))
	},
}

// Apply returns r.F applied to every element of a, differentiated with
// r.DF. It panics if r.F or r.DF is nil.
func (a Var) Apply(r *Rule) Var {
	if r == nil || r.F == nil || r.DF == nil {
		panic("ad: Apply: rule without F or DF")
	}
	n := a.node()
	id := a.t.push(opRule, n.rows, n.cols, a.id, -1)
	m := &a.t.nodes[id]
	m.custom = r
	ops[opRule].forward(a.t, m)
	return Var{a.t, id, a.t.gen}
}

// Dual applies the rule to a dual number: (F(x), DF(x)·dx).
func (r *Rule) Dual(x Dual) Dual { return Dual{r.F(x.V), r.DF(x.V) * x.D} }

// Softplus is log(1 + eˣ) as a custom rule: the value is lib/activation's
// stable max(x, 0) + log1p(e^(−|x|)) and the derivative is supplied as
// σ(x) (σ′ for the second), so that neither overflows at x = ±1000 —
// where differentiating the naive formula log(1 + exp(x)) gives Inf/Inf =
// NaN.
var Softplus = &Rule{
	Name: "softplus",
	F:    activation.Softplus,
	DF:   activation.SoftplusDeriv,
	D2F:  activation.SigmoidDeriv,
}

// Custom is a vector operation y = F(x) with user-supplied derivatives,
// like JAX's custom_vjp and custom_jvp together: VJP for reverse mode and
// JVP for forward mode. The tape records one node for it, however many
// steps F takes inside.
type Custom struct {
	Name string
	// Shape gives the output shape for an input of shape r×c.
	Shape func(r, c int) (rows, cols int)
	// F writes y = F(x) into y (row-major).
	F func(y, x []float64)
	// VJP adds gᵀ·∂y/∂x, the adjoint g of y pulled back to x, into dst.
	VJP func(dst, x, y, g []float64)
	// JVP writes ∂y/∂x · dx, the tangent of y for the tangent dx of x,
	// into dst. Optional: without it forward mode panics at the op.
	JVP func(dst, x, y, dx []float64)
}

func (c *Custom) name() string { return c.Name }

var customDef = opDef{name: "custom",
	forward: func(t *Tape, n *node) {
		n.custom.(*Custom).F(n.val, t.nodes[n.a].val)
	},
	backward: func(t *Tape, n *node) {
		if ga := t.gradOf(n.a); ga != nil {
			n.custom.(*Custom).VJP(ga, t.nodes[n.a].val, n.val, n.grad)
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		c := n.custom.(*Custom)
		if c.JVP == nil {
			panic(fmt.Sprintf("ad: JVP: custom operation %s has no JVP", c.Name))
		}
		return t.customTangent(id, da)
	},
}

// The tangent of a custom op is computed by its JVP; it has no
// derivative of its own (a second derivative through a Custom is not
// supported), so its backward panics if a gradient reaches it.
var customJVPDef = opDef{name: "custom′",
	forward: func(t *Tape, n *node) {
		y := &t.nodes[n.p[0]]
		c := y.custom.(*Custom)
		c.JVP(n.val, t.nodes[y.a].val, y.val, t.nodes[n.a].val)
	},
	backward: func(t *Tape, n *node) {
		c := t.nodes[n.p[0]].custom.(*Custom)
		panic(fmt.Sprintf("ad: second derivative through custom operation %s is not supported", c.Name))
	},
}

func (t *Tape) customTangent(y int32, dx Var) Var {
	ny := &t.nodes[y]
	id := t.push(opCustomJVP, ny.rows, ny.cols, dx.id, -1)
	n := &t.nodes[id]
	n.p[0] = int(y)
	n.needs = t.nodes[dx.id].needs || t.nodes[ny.a].needs
	ops[opCustomJVP].forward(t, n)
	return Var{t, id, t.gen}
}

// Custom records c applied to a. It panics if c lacks Shape, F or VJP.
func (a Var) Custom(c *Custom) Var {
	if c == nil || c.Shape == nil || c.F == nil || c.VJP == nil {
		panic("ad: Custom: operation needs Shape, F and VJP")
	}
	n := a.node()
	r, cc := c.Shape(n.rows, n.cols)
	id := a.t.push(opCustom, r, cc, a.id, -1)
	m := &a.t.nodes[id]
	m.custom = c
	ops[opCustom].forward(a.t, m)
	return Var{a.t, id, a.t.gen}
}
