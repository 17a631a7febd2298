package ad

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// The entry points that take a Func and a point: the value, the gradient
// by reverse mode, Jacobian-vector and vector-Jacobian products, and the
// whole Jacobian. Hessians are in hessian.go, the gradient check in
// gradcheck.go.

// Func is a scalar function of a vector, written with tape operations: it
// receives the tape and x as an n×1 Var and returns a 1×1 Var. One Func
// serves every mode: reverse (Gradient), forward (JVP), second order
// (HessVec, Hessian) and the finite-difference check.
type Func func(t *Tape, x Var) Var

// Value returns f(x) without computing derivatives, on a value tape
// (NewValueTape): elementwise chains are fused instead of recorded.
func Value(f Func, x []float64) float64 {
	t := NewValueTape()
	return f(t, t.ConstantVec(x)).Item()
}

// Gradient returns ∇f(x) by reverse mode, into dst (allocated when nil) and
// the value f(x). It panics if len(dst) ≠ len(x) or f returns a non-scalar.
func Gradient(dst []float64, f Func, x []float64) (grad []float64, value float64) {
	if dst == nil {
		dst = make([]float64, len(x))
	}
	if len(dst) != len(x) {
		panic(fmt.Sprintf("ad: Gradient: dst of length %d for x of length %d", len(dst), len(x)))
	}
	t := NewTape()
	v := t.VariableVec(x)
	y := f(t, v)
	t.Backward(y)
	copy(dst, v.Grad())
	return dst, y.Item()
}

// JVPOf returns f(x) and the Jacobian-vector product (∂f/∂x)·v for a
// function f of the n×1 vector x with any output shape (flattened
// row-major). It panics if len(v) ≠ len(x).
func JVPOf(f Func, x, v []float64) (y, jv []float64) {
	if len(v) != len(x) {
		panic(fmt.Sprintf("ad: JVPOf: direction of length %d for x of length %d", len(v), len(x)))
	}
	t := NewTape()
	xv := t.VariableVec(x)
	out := f(t, xv)
	d := t.JVP(out, xv, t.ConstantVec(v))
	return append([]float64(nil), out.Value()...), append([]float64(nil), d.Value()...)
}

// VJPOf returns f(x) and the vector-Jacobian product uᵀ·(∂f/∂x), by one
// reverse sweep. len(u) must equal f's output size.
func VJPOf(f Func, x, u []float64) (y, vj []float64) {
	t := NewTape()
	xv := t.VariableVec(x)
	out := f(t, xv)
	t.BackwardSeed(out, u)
	return append([]float64(nil), out.Value()...), append([]float64(nil), xv.Grad()...)
}

// Mode selects how Jacobian builds the matrix.
type Mode int

const (
	// Auto picks forward mode when the function has at least as many
	// outputs as inputs (n sweeps of one tangent each) and reverse mode
	// otherwise (m sweeps of one adjoint each).
	Auto Mode = iota
	Forward
	Reverse
)

// String returns the mode's name: "auto", "forward" or "reverse".
func (m Mode) String() string {
	switch m {
	case Forward:
		return "forward"
	case Reverse:
		return "reverse"
	}
	return "auto"
}

// Jacobian returns the m×n Jacobian ∂f/∂x of f at x (f's output flattened
// row-major to m values) into dst, allocated when nil, and the mode used.
// Forward mode fills it a column at a time, reverse mode a row at a time;
// Auto chooses the one needing fewer sweeps, min(m, n). It panics if dst
// is not m×n.
func Jacobian(dst *mat.Dense, f Func, x []float64, mode Mode) (*mat.Dense, Mode) {
	t := NewTape()
	xv := t.VariableVec(x)
	y := f(t, xv)
	m, n := y.Len(), len(x)
	if dst == nil {
		dst = mat.NewDense(m, n, nil)
	}
	if r, c := dst.Dims(); r != m || c != n {
		panic(fmt.Sprintf("ad: Jacobian: dst is %d×%d, want %d×%d", r, c, m, n))
	}
	if mode == Auto {
		mode = Reverse
		if m >= n {
			mode = Forward
		}
	}
	if mode == Forward {
		e := make([]float64, n)
		mark := t.n
		for j := range n {
			e[j] = 1
			col := t.JVP(y, xv, t.ConstantVec(e)).Value()
			for i, v := range col {
				dst.Set(i, j, v)
			}
			e[j] = 0
			t.n = mark // drop the tangent nodes, keep their buffers
		}
		return dst, mode
	}
	e := make([]float64, m)
	for i := range m {
		e[i] = 1
		t.BackwardSeed(y, e)
		dst.SetRow(i, xv.Grad())
		e[i] = 0
	}
	return dst, mode
}
