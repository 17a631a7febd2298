package ad

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// JVP records the forward-mode derivative of y in the direction dx of the
// input x, the Jacobian-vector product  ẏ = (∂y/∂x)·dx, and returns it as a
// Var of y's shape. dx must have x's shape.
//
// Each recorded operation pushes its tangent forward by its own rule
// (d(a⊙b) = da⊙b + a⊙db, d eᵃ = eᵃ⊙da, ...). The tangent is itself
// recorded with tape operations, so it can be differentiated again:
// Backward on a JVP gives second derivatives (see HessVec).
func (t *Tape) JVP(y, x, dx Var) Var {
	y.mustTape(x, "JVP")
	x.mustTape(dx, "JVP")
	nx, ndx := x.node(), dx.node()
	if nx.rows != ndx.rows || nx.cols != ndx.cols {
		panic(fmt.Sprintf("ad: JVP: direction is %d×%d, input is %d×%d", ndx.rows, ndx.cols, nx.rows, nx.cols))
	}
	tan := make([]Var, y.id+1)
	if x.id <= y.id {
		tan[x.id] = dx
	}
	for i := x.id + 1; i <= y.id; i++ {
		n := &t.nodes[i]
		if n.op == opLeaf {
			continue
		}
		var da, db Var
		if n.a >= 0 {
			da = tan[n.a]
		}
		if n.b >= 0 {
			db = tan[n.b]
		}
		if da.t == nil && db.t == nil {
			continue
		}
		rule := ops[n.op].jvp
		if rule == nil {
			panic(fmt.Sprintf("ad: JVP: operation %s has no tangent rule", opName(t, i)))
		}
		r, c := n.rows, n.cols
		d := rule(t, i, da, db)
		if d.t != nil {
			d = d.BroadcastTo(r, c)
		}
		tan[i] = d
	}
	if d := tan[y.id]; d.t != nil {
		return d
	}
	r, c := y.Dims()
	return t.ConstantData(r, c, make([]float64, r*c)) // y does not depend on x
}

func opName(t *Tape, id int32) string {
	n := &t.nodes[id]
	if n.custom != nil {
		return n.custom.name()
	}
	return ops[n.op].name
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
