package ad

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// HessVec returns the Hessian-vector product ∇²f(x)·v into dst (allocated
// when nil) without forming the Hessian, at a small constant multiple of
// the cost of f: the tangent s = ∇f(x)·v is recorded by forward mode
// (JVP), and one reverse sweep through it gives ∇s = ∇²f(x)·v
// (reverse-over-forward; by symmetry of mixed partials this is the same
// vector forward-over-reverse computes, at the same order of cost). It
// panics if the lengths of x, v and dst differ or f is not scalar.
func HessVec(dst []float64, f Func, x, v []float64) []float64 {
	if len(v) != len(x) || (dst != nil && len(dst) != len(x)) {
		panic(fmt.Sprintf("ad: HessVec: len(x) = %d, len(v) = %d, len(dst) = %d", len(x), len(v), len(dst)))
	}
	if dst == nil {
		dst = make([]float64, len(x))
	}
	t := NewTape()
	xv := t.VariableVec(x)
	s := t.JVP(f(t, xv), xv, t.ConstantVec(v))
	t.Backward(s)
	copy(dst, xv.Grad())
	return dst
}

// Hessian returns the n×n Hessian ∇²f(x) into dst (allocated when nil),
// one column per Hessian-vector product with the unit vectors. The graph
// of f and of its tangent is recorded once; for each column only the
// tangent part is recomputed (replayed) with the next unit vector before a
// reverse sweep. Memory is O(n²) for the result — the reason to prefer
// HessVec when n is large. With no variables (len(x) = 0) the Hessian
// is the empty 0×0 matrix: dst (which must then be empty) or a new empty
// SymDense, and f is not called. It panics if dst is not n×n.
func Hessian(dst *mat.SymDense, f Func, x []float64) *mat.SymDense {
	n := len(x)
	if n == 0 && dst == nil {
		return &mat.SymDense{} // gonum has no 0×0 NewSymDense
	}
	if dst == nil {
		dst = mat.NewSymDense(n, nil)
	}
	if dst.SymmetricDim() != n {
		panic(fmt.Sprintf("ad: Hessian: dst is %d×%d for x of length %d", dst.SymmetricDim(), dst.SymmetricDim(), n))
	}
	if n == 0 {
		return dst
	}
	t := NewTape()
	xv := t.VariableVec(x)
	y := f(t, xv)
	e := make([]float64, n)
	ev := t.ConstantVec(e)
	s := t.JVP(y, xv, ev)
	dirty := t.dependents(ev.id, s.id)
	for j := range n {
		if j > 0 {
			e[j-1] = 0
		}
		e[j] = 1
		t.replayNodes(dirty)
		t.Backward(s)
		col := xv.Grad()
		// Store the average of the (i, j) and (j, i) entries: exact
		// arithmetic makes them equal, rounding may differ in the last bit.
		for i := 0; i <= j; i++ {
			if i == j {
				dst.SetSym(i, j, col[i])
			} else {
				dst.SetSym(i, j, (dst.At(i, j)+col[i])/2)
			}
		}
		for i := j + 1; i < n; i++ {
			dst.SetSym(i, j, col[i])
		}
	}
	return dst
}

// dependents lists the nodes up to last whose value depends on the leaf,
// in recording order: the ones to recompute when the leaf changes.
func (t *Tape) dependents(leaf, last int32) []int32 {
	dep := make([]bool, last+1)
	dep[leaf] = true
	var list []int32
	for i := leaf + 1; i <= last; i++ {
		n := &t.nodes[i]
		if n.op == opCustomJVP && int(n.p[0]) <= int(last) && dep[n.p[0]] {
			dep[i] = true
		}
		if (n.a >= 0 && dep[n.a]) || (n.b >= 0 && dep[n.b]) {
			dep[i] = true
		}
		if dep[i] {
			list = append(list, i)
		}
	}
	return list
}

// replayNodes recomputes the values of the listed nodes, in order, after a
// leaf they depend on has changed in place.
func (t *Tape) replayNodes(list []int32) {
	for _, i := range list {
		n := &t.nodes[i]
		ops[n.op].forward(t, n)
	}
}
