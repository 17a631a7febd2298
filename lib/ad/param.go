package ad

import (
	"math"

	"github.com/gradbook/gradbook/lib/activation"
)

// Elementwise operations with a float64 parameter k, kept as ops of their
// own (rather than a broadcast constant) so that they cost one pass.

// y = k·a:  ā += k·ȳ;  dy = k·da
var scaleDef = opDef{name: "scale",
	forward: func(t *Tape, n *node) {
		k := n.k
		for i, v := range t.nodes[n.a].val[:len(n.val)] {
			n.val[i] = k * v
		}
	},
	backward: func(t *Tape, n *node) {
		ga, fresh := t.gradFor(n.a)
		k := n.k
		if fresh {
			for i, g := range n.grad[:len(ga)] {
				ga[i] = k * g
			}
			return
		}
		for i, g := range n.grad[:len(ga)] {
			ga[i] += k * g
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var { return scaleT(da, t.nodes[id].k) },
}

// y = a + k:  ā += ȳ;  dy = da
var shiftDef = opDef{name: "shift",
	forward: func(t *Tape, n *node) {
		k := n.k
		for i, v := range t.nodes[n.a].val[:len(n.val)] {
			n.val[i] = v + k
		}
	},
	backward: func(t *Tape, n *node) {
		ga, fresh := t.gradFor(n.a)
		if fresh {
			copy(ga, n.grad)
			return
		}
		for i, g := range n.grad[:len(ga)] {
			ga[i] += g
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var { return da },
}

// y = k − a:  ā −= ȳ;  dy = −da
var rsubDef = opDef{name: "rsub",
	forward: func(t *Tape, n *node) {
		k := n.k
		for i, v := range t.nodes[n.a].val[:len(n.val)] {
			n.val[i] = k - v
		}
	},
	backward: func(t *Tape, n *node) {
		ga, fresh := t.gradFor(n.a)
		if fresh {
			for i, g := range n.grad[:len(ga)] {
				ga[i] = -g
			}
			return
		}
		for i, g := range n.grad[:len(ga)] {
			ga[i] -= g
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var { return negT(da) },
}

// y = k / a:  ā += −ȳ·y/a;  dy = −y/a · da
var rdivDef = opDef{name: "rdiv",
	forward: func(t *Tape, n *node) {
		k := n.k
		for i, v := range t.nodes[n.a].val[:len(n.val)] {
			n.val[i] = k / v
		}
	},
	backward: func(t *Tape, n *node) {
		if ga := t.gradOf(n.a); ga != nil {
			x := t.nodes[n.a].val[:len(ga)]
			for i, g := range n.grad[:len(ga)] {
				ga[i] -= g * n.val[i] / x[i]
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		return da.Mul(Var{t, id, t.gen}.Div(Var{t, n.a, t.gen})).Neg()
	},
}

// y = aᵏ:  ā += ȳ·k·aᵏ⁻¹;  dy = k·aᵏ⁻¹·da
var powDef = opDef{name: "pow",
	forward: func(t *Tape, n *node) {
		k := n.k
		x := t.nodes[n.a].val[:len(n.val)]
		switch k {
		case 2:
			for i, v := range x {
				n.val[i] = v * v
			}
		case 3:
			for i, v := range x {
				n.val[i] = v * v * v
			}
		case 4:
			for i, v := range x {
				v2 := v * v
				n.val[i] = v2 * v2
			}
		case 0.5:
			for i, v := range x {
				n.val[i] = math.Sqrt(v)
			}
		default:
			for i, v := range x {
				n.val[i] = math.Pow(v, k)
			}
		}
	},
	backward: func(t *Tape, n *node) {
		if ga := t.gradOf(n.a); ga != nil {
			k := n.k
			x := t.nodes[n.a].val[:len(ga)]
			for i, g := range n.grad[:len(ga)] {
				ga[i] += g * powDeriv(x[i], k)
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		k := n.k
		if k == 1 {
			return da
		}
		return da.Mul(Var{t, n.a, t.gen}.Pow(k - 1).Scale(k))
	},
}

// y = leaky(a; α):  ā += ȳ·leaky′(a; α);  dy = leaky′(a; α)·da, where
// leaky′ = α + (1−α)·H(a) is piecewise constant.
var leakyReLUDef = opDef{name: "leakyrelu",
	forward: func(t *Tape, n *node) {
		k := n.k
		for i, v := range t.nodes[n.a].val[:len(n.val)] {
			n.val[i] = activation.LeakyReLU(v, k)
		}
	},
	backward: func(t *Tape, n *node) {
		if ga := t.gradOf(n.a); ga != nil {
			k := n.k
			x := t.nodes[n.a].val[:len(ga)]
			for i, g := range n.grad[:len(ga)] {
				ga[i] += g * activation.LeakyReLUDeriv(x[i], k)
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		k := n.k
		return da.Mul(Var{t, n.a, t.gen}.Heaviside().Scale(1 - k).Shift(k))
	},
}

// powDeriv is d/dx xᵏ = k·xᵏ⁻¹, with 0ᵏ⁻¹ handled so that x² has
// derivative 0 (not NaN) at 0.
func powDeriv(x, k float64) float64 {
	switch k {
	case 0:
		return 0
	case 1:
		return 1
	case 2:
		return 2 * x
	case 3:
		return 3 * x * x
	case 4:
		return 4 * x * x * x
	}
	return k * math.Pow(x, k-1)
}

func (a Var) withK(op opcode, k float64) Var {
	n := a.node()
	id := a.t.push(op, n.rows, n.cols, a.id, -1)
	m := &a.t.nodes[id]
	m.k = k
	if !m.pending {
		ops[op].forward(a.t, m)
	}
	return Var{a.t, id, a.t.gen}
}

// Scale returns k·a.
func (a Var) Scale(k float64) Var { return a.withK(opScale, k) }

// Shift returns a + k elementwise.
func (a Var) Shift(k float64) Var { return a.withK(opShift, k) }

// RSub returns k − a elementwise.
func (a Var) RSub(k float64) Var { return a.withK(opRsub, k) }

// RDiv returns k / a elementwise.
func (a Var) RDiv(k float64) Var { return a.withK(opRdiv, k) }

// Pow returns aᵏ elementwise (math.Pow's conventions: a negative base with a
// non-integer k gives NaN). The derivative at a = 0 is 0 for k ≥ 1.
func (a Var) Pow(k float64) Var { return a.withK(opPow, k) }

// LeakyReLU returns a where a > 0 and α·a elsewhere (activation.LeakyReLU);
// the derivative at 0 is α (activation.LeakyReLUDeriv's convention).
func (a Var) LeakyReLU(alpha float64) Var { return a.withK(opLeakyReLU, alpha) }
