package ad

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// node is one value on the tape. Its buffers are kept by Reset, so a tape
// that records the same computation again allocates nothing.
type node struct {
	op         opcode
	needs      bool // depends on a variable, so gradients flow through it
	gradSet    bool // grad holds this sweep's adjoint (zeroed on first touch)
	rows, cols int
	a, b       int32   // parents, -1 if none
	k          float64 // scalar parameter: exponent, slope, scale
	p          [4]int  // integer parameters: slice bounds, axis
	val        []float64
	own        []float64 // storage behind val when val is not the caller's
	grad       []float64 // the adjoint: gradOwn, or a region of a parent's (gradAlias)
	gradOwn    []float64
	gradAlias  bool      // a contiguous view (rows slice, reshape) sharing its parent's adjoint
	aux        []float64 // scratch an op keeps from forward to backward
	ext        []float64 // caller's data an op reads (a mask)
	labels     []int     // caller's class labels
	custom     customOp
	name       string // label for Dot output
	pending    bool   // value tape: forward deferred and fused (valuetape.go)
}

// Tape records operations on float64 matrices so that gradients can be
// computed by running the record backwards. A Tape is reused across
// iterations: Reset forgets the record but keeps every buffer, so a loop
// that records the same computation each time allocates nothing after the
// first pass. A Tape is not safe for concurrent use.
type Tape struct {
	nodes []node
	n     int32  // nodes in use
	gen   uint32 // incremented by Reset: Vars of an older generation are stale

	valueState // NewValueTape's fusion of elementwise chains (valuetape.go)
}

// NewTape returns an empty tape.
func NewTape() *Tape { return &Tape{} }

// Reset forgets all recorded operations, keeping the memory for reuse.
// Vars from before the Reset must not be used afterwards: every use of one
// panics, however long the new record is (each Var carries the tape's
// generation, which Reset advances).
func (t *Tape) Reset() { t.n = 0; t.gen++ }

// Len returns the number of nodes recorded since the last Reset.
func (t *Tape) Len() int { return int(t.n) }

// Var is a handle to a matrix recorded on a Tape: an input (variable or
// constant) or the result of an operation. A scalar is a 1×1 matrix, a
// vector an n×1 (or 1×n) matrix. The zero Var is invalid.
type Var struct {
	t   *Tape
	id  int32
	gen uint32 // the tape's generation when v was recorded
}

// grow returns buf resized to n, reallocating only when its capacity is
// too small.
func grow(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n, n+n/8)
	}
	return buf[:n]
}

// push appends a node of the given shape whose value lives in the node's
// own buffer, and returns its id. Pointers into t.nodes are invalid after
// push, so callers fetch the node again.
func (t *Tape) push(op opcode, rows, cols int, a, b int32) int32 {
	if int(t.n) == len(t.nodes) {
		t.nodes = append(t.nodes, node{})
	}
	id := t.n
	t.n++
	n := &t.nodes[id]
	n.op, n.rows, n.cols, n.a, n.b = op, rows, cols, a, b
	n.needs = (a >= 0 && t.nodes[a].needs) || (b >= 0 && t.nodes[b].needs)
	n.gradSet = false
	n.gradAlias = false
	n.grad = n.gradOwn
	n.k = 0
	n.p = [4]int{}
	n.ext, n.labels, n.custom, n.name = nil, nil, nil, ""
	n.pending = false
	if t.values && t.defer_(n) {
		n.val = nil // computed in chunks when a consumer needs it
	} else if ops[op].aliases {
		n.val = nil // forward points val into a parent's storage
	} else {
		n.own = grow(n.own, rows*cols)
		n.val = n.own
	}
	return id
}

// record pushes an op node and runs its forward rule.
func (t *Tape) record(op opcode, rows, cols int, a, b int32) Var {
	id := t.push(op, rows, cols, a, b)
	if n := &t.nodes[id]; !n.pending && !t.fusedSum(n) {
		ops[op].forward(t, n)
	}
	return Var{t, id, t.gen}
}

// leaf records an input whose value is data (used in place, not copied).
func (t *Tape) leaf(rows, cols int, data []float64, needs bool) Var {
	if rows <= 0 || cols <= 0 || len(data) != rows*cols {
		panic(fmt.Sprintf("ad: input: %d×%d shape with %d values", rows, cols, len(data)))
	}
	id := t.push(opLeaf, 0, 0, -1, -1)
	n := &t.nodes[id]
	n.rows, n.cols = rows, cols
	n.val = data
	n.needs = needs
	return Var{t, id, t.gen}
}

// Variable records x as an input to differentiate with respect to. The
// tape reads x's data in place, without copying: x must not change until
// the gradients have been read. A matrix whose rows are not contiguous
// (a view with stride > columns) is copied.
func (t *Tape) Variable(x *mat.Dense) Var { return t.dense(x, true) }

// Constant records x as an input that is not differentiated (data,
// targets). Like Variable it reads x in place.
func (t *Tape) Constant(x *mat.Dense) Var { return t.dense(x, false) }

func (t *Tape) dense(x *mat.Dense, needs bool) Var {
	raw := x.RawMatrix()
	if raw.Stride == raw.Cols {
		return t.leaf(raw.Rows, raw.Cols, raw.Data[:raw.Rows*raw.Cols], needs)
	}
	v := t.leaf(raw.Rows, raw.Cols, make([]float64, raw.Rows*raw.Cols), needs)
	mat.NewDense(raw.Rows, raw.Cols, v.Value()).Copy(x)
	return v
}

// VariableData records a rows×cols variable whose row-major values are
// data, used in place. VariableVec(x) is VariableData(len(x), 1, x).
func (t *Tape) VariableData(rows, cols int, data []float64) Var {
	return t.leaf(rows, cols, data, true)
}

// ConstantData records a rows×cols constant whose row-major values are
// data, used in place.
func (t *Tape) ConstantData(rows, cols int, data []float64) Var {
	return t.leaf(rows, cols, data, false)
}

// VariableVec records the column vector x as a variable, used in place.
func (t *Tape) VariableVec(x []float64) Var { return t.leaf(len(x), 1, x, true) }

// ConstantVec records the column vector x as a constant, used in place.
func (t *Tape) ConstantVec(x []float64) Var { return t.leaf(len(x), 1, x, false) }

// VariableScalar records a 1×1 variable holding x.
func (t *Tape) VariableScalar(x float64) Var { return t.scalarLeaf(x, true) }

// ConstantScalar records a 1×1 constant holding x.
func (t *Tape) ConstantScalar(x float64) Var { return t.scalarLeaf(x, false) }

func (t *Tape) scalarLeaf(x float64, needs bool) Var {
	id := t.push(opLeaf, 1, 1, -1, -1)
	n := &t.nodes[id]
	n.val[0] = x
	n.needs = needs
	return Var{t, id, t.gen}
}

func (v Var) node() *node {
	if v.t == nil {
		panic("ad: use of the zero Var")
	}
	if v.gen != v.t.gen || v.id >= v.t.n {
		panic("ad: Var used after its tape was Reset")
	}
	return &v.t.nodes[v.id]
}

// Tape returns the tape v is recorded on.
func (v Var) Tape() *Tape { return v.t }

// Dims returns the shape of v.
func (v Var) Dims() (rows, cols int) {
	n := v.node()
	return n.rows, n.cols
}

// Len returns the number of elements of v.
func (v Var) Len() int {
	n := v.node()
	return n.rows * n.cols
}

// Value returns v's values in row-major order. The slice belongs to the
// tape (or to the caller, for an input) and is valid until Reset.
func (v Var) Value() []float64 { return v.valueNode().val }

// Item returns the value of a 1×1 v. It panics for any other shape.
func (v Var) Item() float64 {
	n := v.valueNode()
	if n.rows*n.cols != 1 {
		panic(fmt.Sprintf("ad: Item: %d×%d is not a scalar", n.rows, n.cols))
	}
	return n.val[0]
}

// Mat returns v's value as a *mat.Dense sharing the tape's storage.
func (v Var) Mat() *mat.Dense {
	n := v.valueNode()
	return mat.NewDense(n.rows, n.cols, n.val)
}

// Name labels v in the graph drawn by Dot and returns v.
func (v Var) Name(s string) Var {
	v.node().name = s
	return v
}

// Backward computes the gradient of the scalar y with respect to every
// variable y depends on; read them with Grad. It panics if y is not 1×1.
// Gradients of an earlier Backward on the same record are overwritten.
func (t *Tape) Backward(y Var) {
	n := y.node()
	if n.rows*n.cols != 1 {
		panic(fmt.Sprintf("ad: Backward: output is %d×%d, not a scalar (use BackwardSeed)", n.rows, n.cols))
	}
	t.sweep(y.id, nil)
}

// BackwardSeed computes the vector-Jacobian product seedᵀ·∂y/∂x for every
// variable x: the adjoint of y starts as seed (row-major, y's shape)
// instead of 1. It panics if len(seed) differs from y's size.
func (t *Tape) BackwardSeed(y Var, seed []float64) {
	n := y.node()
	if len(seed) != n.rows*n.cols {
		panic(fmt.Sprintf("ad: BackwardSeed: seed of length %d for %d×%d output", len(seed), n.rows, n.cols))
	}
	t.sweep(y.id, seed)
}

func (t *Tape) sweep(y int32, seed []float64) {
	if t.values {
		panic("ad: Backward on a value tape (NewValueTape records values only; use NewTape for gradients)")
	}
	for i := int32(0); i <= y; i++ {
		t.nodes[i].gradSet = false
	}
	n := &t.nodes[y]
	n.gradAlias = false // the seed lives in y's own buffer; its backward passes it on
	ownGrad(n)
	if seed == nil {
		n.grad[0] = 1
	} else {
		copy(n.grad, seed)
	}
	n.gradSet = true
	for i := y; i >= 0; i-- {
		n := &t.nodes[i]
		if !n.needs || !n.gradSet {
			continue
		}
		if bw := ops[n.op].backward; bw != nil {
			bw(t, n)
		}
	}
}

// gradOf returns the adjoint buffer of node id for a backward rule to add
// into, zeroing it on first touch, or nil when no gradient flows there.
func (t *Tape) gradOf(id int32) []float64 {
	if id < 0 {
		return nil
	}
	n := &t.nodes[id]
	if !n.needs {
		return nil
	}
	if n.gradAlias {
		return t.aliasGrad(n)
	}
	if !n.gradSet {
		ownGrad(n)
		clear(n.grad)
		n.gradSet = true
	}
	return n.grad
}

// gradFor is gradOf for a rule that writes every element of the adjoint:
// on first touch (fresh) the buffer is not zeroed and the rule must assign
// (=) instead of adding, which saves a pass over memory per node.
func (t *Tape) gradFor(id int32) (g []float64, fresh bool) {
	if id < 0 {
		return nil, false
	}
	n := &t.nodes[id]
	if !n.needs {
		return nil, false
	}
	if n.gradAlias {
		return t.aliasGrad(n), false
	}
	if !n.gradSet {
		ownGrad(n)
		n.gradSet = true
		return n.grad, true
	}
	return n.grad, false
}

// ownGrad points n's adjoint at its own buffer, sized to n.
func ownGrad(n *node) []float64 {
	n.gradOwn = grow(n.gradOwn, n.rows*n.cols)
	n.grad = n.gradOwn
	return n.grad
}

// aliasGrad returns the adjoint of a view node as the region of its
// parent's adjoint that it covers (zeroing the parent's on first touch),
// so that gradients land in the parent directly, with no copy back. Rules
// must add into it, never assign: other views may share the parent.
func (t *Tape) aliasGrad(n *node) []float64 {
	pg := t.gradOf(n.a)
	off := n.p[0] * t.nodes[n.a].cols // row offset of a rows slice; 0 for a reshape
	n.grad = pg[off : off+n.rows*n.cols]
	n.gradSet = true
	return n.grad
}

// Grad returns the adjoint of v from the last Backward: ∂y/∂v in v's
// shape, row-major. It is zero when y does not depend on v. The slice
// belongs to the tape and is valid until the next Backward or Reset.
//
// A view that shares its parent's storage — Rows, a Slice of whole rows,
// Reshape — also shares its parent's adjoint (gradients land in the parent
// with no copy), so its Grad is the region of the parent's gradient it
// covers, which includes contributions that reach the parent by other
// paths. Take gradients of inputs, not of views.
func (v Var) Grad() []float64 {
	n := v.node()
	if !n.gradSet {
		ownGrad(n)
		clear(n.grad)
	}
	return n.grad
}

// GradMat returns v's gradient as a *mat.Dense sharing the tape's storage.
func (v Var) GradMat() *mat.Dense {
	r, c := v.Dims()
	return mat.NewDense(r, c, v.Grad())
}

// GradTo copies v's gradient into dst, which must be nil or of v's shape,
// and returns it (allocated when dst is nil).
func (v Var) GradTo(dst *mat.Dense) *mat.Dense {
	r, c := v.Dims()
	if dst == nil {
		dst = mat.NewDense(r, c, nil)
	}
	dr, dc := dst.Dims()
	if dr != r || dc != c {
		panic(fmt.Sprintf("ad: GradTo: dst is %d×%d, gradient is %d×%d", dr, dc, r, c))
	}
	dst.Copy(mat.NewDense(r, c, v.Grad()))
	return dst
}

func (v Var) mustTape(w Var, op string) {
	if v.t == nil || w.t == nil {
		panic("ad: " + op + ": zero Var")
	}
	if v.t != w.t {
		panic("ad: " + op + ": operands on different tapes")
	}
	v.node()
	w.node() // both current: panics for a Var from before a Reset
}

func shapePanic(op string, a, b *node) {
	panic(fmt.Sprintf("ad: %s: shapes %d×%d and %d×%d", op, a.rows, a.cols, b.rows, b.cols))
}
