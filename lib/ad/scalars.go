package ad

import (
	"math"

	"github.com/gradbook/gradbook/lib/activation"
)

// Scalars is a tape of scalar operations for micrograd-style graphs, where
// every value is one number and a model is built from millions of them. It
// is the Tape idea at its leanest: each operation appends one 40-byte
// record holding its value and its local derivatives ∂c/∂a and ∂c/∂b,
// computed in the forward pass, so the backward pass is one loop of
//
//	ā += c̄·∂c/∂a,   b̄ += c̄·∂c/∂b
//
// with no dispatch on the operation. Reset keeps the memory. A Scalars is
// not safe for concurrent use.
type Scalars struct {
	nodes []snode
	gen   uint32 // incremented by Reset: Scalars of an older generation are stale
}

type snode struct {
	val, grad float64
	da, db    float64 // local derivatives ∂c/∂a, ∂c/∂b
	a, b      int32   // operands; a leaf or a unary op points b (and a) at something harmless with zero derivative
}

// Scalar is a value recorded on a Scalars tape.
type Scalar struct {
	t   *Scalars
	i   int32
	gen uint32
}

// NewScalars returns an empty scalar tape.
func NewScalars() *Scalars { return &Scalars{} }

// Reset forgets the recorded operations, keeping memory for reuse. A
// Scalar from before the Reset panics when used.
func (t *Scalars) Reset() { t.nodes = t.nodes[:0]; t.gen++ }

// Len returns the number of recorded values.
func (t *Scalars) Len() int { return len(t.nodes) }

func (t *Scalars) push(val float64, a int32, da float64, b int32, db float64) Scalar {
	i := int32(len(t.nodes))
	t.nodes = append(t.nodes, snode{val: val, da: da, db: db, a: a, b: b})
	return Scalar{t, i, t.gen}
}

// Var records an input value.
func (t *Scalars) Var(x float64) Scalar {
	i := int32(len(t.nodes))
	return t.push(x, i, 0, i, 0)
}

// Value returns s's value.
func (s Scalar) Value() float64 { return s.node().val }

// Grad returns ∂y/∂s from the last Backward(y).
func (s Scalar) Grad() float64 { return s.node().grad }

func (s Scalar) v() float64 { return s.node().val }

// node returns s's record, and panics for a Scalar from before a Reset.
func (s Scalar) node() *snode {
	if s.gen != s.t.gen {
		panic("ad: Scalar used after its Scalars tape was Reset")
	}
	return &s.t.nodes[s.i]
}

// Add returns a + b.
func (a Scalar) Add(b Scalar) Scalar { return a.t.push(a.v()+b.v(), a.i, 1, b.i, 1) }

// Sub returns a − b.
func (a Scalar) Sub(b Scalar) Scalar { return a.t.push(a.v()-b.v(), a.i, 1, b.i, -1) }

// Mul returns a·b.
func (a Scalar) Mul(b Scalar) Scalar {
	x, y := a.v(), b.v()
	return a.t.push(x*y, a.i, y, b.i, x)
}

// Div returns a/b (IEEE division: ±Inf or NaN for b = 0).
func (a Scalar) Div(b Scalar) Scalar {
	x, y := a.v(), b.v()
	q := x / y
	return a.t.push(q, a.i, 1/y, b.i, -q/y)
}
func (a Scalar) unary(val, d float64) Scalar { return a.t.push(val, a.i, d, a.i, 0) }

// Shift returns a + k, as Var.Shift.
func (a Scalar) Shift(k float64) Scalar { return a.unary(a.v()+k, 1) }

// Scale returns k·a, as Var.Scale.
func (a Scalar) Scale(k float64) Scalar { return a.unary(k*a.v(), k) }

// AddConst returns a + k.
//
// Deprecated: use Shift, the name Var, Dual and Series use.
func (a Scalar) AddConst(k float64) Scalar { return a.Shift(k) }

// MulConst returns k·a.
//
// Deprecated: use Scale, the name Var, Dual and Series use.
func (a Scalar) MulConst(k float64) Scalar { return a.Scale(k) }

// Neg returns −a.
func (a Scalar) Neg() Scalar { return a.unary(-a.v(), -1) }

// Pow returns aᵏ, with derivative k·aᵏ⁻¹ (0 at a = 0 for k ≥ 1).
func (a Scalar) Pow(k float64) Scalar { x := a.v(); return a.unary(math.Pow(x, k), powDeriv(x, k)) }

// Exp returns eᵃ.
func (a Scalar) Exp() Scalar { e := math.Exp(a.v()); return a.unary(e, e) }

// Log returns the natural logarithm of a.
func (a Scalar) Log() Scalar { x := a.v(); return a.unary(math.Log(x), 1/x) }

// Tanh returns tanh a (activation.Tanh, activation.TanhDeriv).
func (a Scalar) Tanh() Scalar {
	x := a.v()
	return a.unary(activation.Tanh(x), activation.TanhDeriv(x))
}

// Sigmoid returns σ(a) (activation.Sigmoid, activation.SigmoidDeriv).
func (a Scalar) Sigmoid() Scalar {
	x := a.v()
	return a.unary(activation.Sigmoid(x), activation.SigmoidDeriv(x))
}

// ReLU returns max(a, 0), with derivative 0 at 0 (activation.ReLU,
// activation.ReLUDeriv).
func (a Scalar) ReLU() Scalar {
	x := a.v()
	return a.unary(activation.ReLU(x), activation.ReLUDeriv(x))
}

// Backward computes ∂y/∂s for every s recorded before y.
func (t *Scalars) Backward(y Scalar) {
	y.node()
	nodes := t.nodes[:y.i+1]
	for i := range nodes {
		nodes[i].grad = 0
	}
	nodes[y.i].grad = 1
	for i := len(nodes) - 1; i >= 0; i-- {
		n := &nodes[i]
		g := n.grad
		nodes[n.a].grad += g * n.da
		nodes[n.b].grad += g * n.db
	}
}
