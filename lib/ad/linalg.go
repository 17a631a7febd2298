package ad

import (
	"fmt"

	"gonum.org/v1/gonum/blas/blas64"
)

func general(rows, cols int, data []float64) blas64.General {
	return blas64.General{Rows: rows, Cols: cols, Stride: cols, Data: data}
}

// C = A·B:  Ā += C̄·Bᵀ,  B̄ += Aᵀ·C̄;  dC = dA·B + A·dB
var matMulDef = opDef{name: "matmul",
	forward: func(t *Tape, n *node) {
		a, b := &t.nodes[n.a], &t.nodes[n.b]
		matmulInto(false, false, a.rows, b.cols, a.cols, a.val, b.val, 0, n.val)
	},
	backward: func(t *Tape, n *node) {
		a, b := &t.nodes[n.a], &t.nodes[n.b]
		if ga := t.gradOf(n.a); ga != nil {
			matmulInto(false, true, n.rows, b.rows, n.cols, n.grad, b.val, 1, ga)
		}
		if gb := t.gradOf(n.b); gb != nil {
			matmulInto(true, false, a.cols, n.cols, a.rows, a.val, n.grad, 1, gb)
		}
	},
	jvp: func(t *Tape, id int32, da, db Var) Var {
		n := &t.nodes[id]
		a, b := Var{t, n.a, t.gen}, Var{t, n.b, t.gen}
		var l, r Var
		if da.t != nil {
			l = da.MatMul(b)
		}
		if db.t != nil {
			r = a.MatMul(db)
		}
		return addT(l, r)
	},
}

// B = Aᵀ:  Ā += B̄ᵀ;  dB = dAᵀ
var tDef = opDef{name: "T",
	forward: func(t *Tape, n *node) {
		transposeInto(n.val, t.nodes[n.a].val, n.cols, n.rows, false)
	},
	backward: func(t *Tape, n *node) {
		if ga := t.gradOf(n.a); ga != nil {
			transposeInto(ga, n.grad, n.rows, n.cols, true)
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		return da.T()
	},
}

// Reshape shares its parent's storage: Ā += B̄ (same order).
var reshapeDef = opDef{name: "reshape",
	forward: func(t *Tape, n *node) {
		n.val = t.nodes[n.a].val
		n.gradAlias = true
	},
	backward: func(t *Tape, n *node) {
		if n.gradAlias {
			return // the adjoint was written into the parent's directly
		}
		if ga := t.gradOf(n.a); ga != nil {
			for i, g := range n.grad[:len(ga)] {
				ga[i] += g
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		return da.Reshape(n.rows, n.cols)
	},
	aliases: true,
}

// B = A[r0:r1, c0:c1]:  Ā[r0:r1, c0:c1] += B̄. Whole rows share storage.
var sliceDef = opDef{name: "slice",
	forward: func(t *Tape, n *node) {
		a := &t.nodes[n.a]
		r0, c0 := n.p[0], n.p[2]
		if n.cols == a.cols {
			n.val = a.val[r0*a.cols : (r0+n.rows)*a.cols]
			n.gradAlias = true
			return
		}
		n.own = grow(n.own, n.rows*n.cols)
		n.val = n.own
		for i := 0; i < n.rows; i++ {
			copy(n.val[i*n.cols:(i+1)*n.cols], a.val[(r0+i)*a.cols+c0:])
		}
	},
	backward: func(t *Tape, n *node) {
		if n.gradAlias {
			return // the adjoint was written into the parent's directly
		}
		ga := t.gradOf(n.a)
		if ga == nil {
			return
		}
		ac := t.nodes[n.a].cols
		r0, c0 := n.p[0], n.p[2]
		for i := 0; i < n.rows; i++ {
			dst := ga[(r0+i)*ac+c0 : (r0+i)*ac+c0+n.cols]
			for j, g := range n.grad[i*n.cols : (i+1)*n.cols] {
				dst[j] += g
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		return da.Slice(n.p[0], n.p[1], n.p[2], n.p[3])
	},
	aliases: true,
}

// s = Σ aᵢbᵢ:  ā += s̄·b,  b̄ += s̄·a;  ds = da·b + a·db
var dotDef = opDef{name: "dot",
	forward: func(t *Tape, n *node) {
		a, b := t.nodes[n.a].val, t.nodes[n.b].val
		var s float64
		for i, v := range a {
			s += v * b[i]
		}
		n.val[0] = s
	},
	backward: func(t *Tape, n *node) {
		g := n.grad[0]
		a, b := t.nodes[n.a].val, t.nodes[n.b].val
		if ga := t.gradOf(n.a); ga != nil {
			for i, v := range b {
				ga[i] += g * v
			}
		}
		if gb := t.gradOf(n.b); gb != nil {
			for i, v := range a {
				gb[i] += g * v
			}
		}
	},
	jvp: func(t *Tape, id int32, da, db Var) Var {
		n := &t.nodes[id]
		var l, r Var
		if da.t != nil {
			l = da.Dot(Var{t, n.b, t.gen})
		}
		if db.t != nil {
			r = Var{t, n.a, t.gen}.Dot(db)
		}
		return addT(l, r)
	},
}

// transposeInto writes (or adds, when add) the transpose of the r×c
// row-major src into dst (c×r).
func transposeInto(dst, src []float64, r, c int, add bool) {
	for i := 0; i < r; i++ {
		row := src[i*c : (i+1)*c]
		for j, v := range row {
			if add {
				dst[j*r+i] += v
			} else {
				dst[j*r+i] = v
			}
		}
	}
}

// MatMul returns the matrix product a·b. It panics unless a's columns
// equal b's rows. The product runs on assembly micro-kernels (AVX-512 or
// AVX2+FMA, chosen for the CPU at start-up; portable Go elsewhere); a BLAS
// installed with blas64.Use (OpenBLAS through gonum/netlib) is used
// instead.
func (a Var) MatMul(b Var) Var {
	a.mustTape(b, "MatMul")
	na, nb := a.node(), b.node()
	if na.cols != nb.rows {
		shapePanic("MatMul", na, nb)
	}
	return a.t.record(opMatMul, na.rows, nb.cols, a.id, b.id)
}

// T returns the transpose of a.
func (a Var) T() Var {
	n := a.node()
	return a.t.record(opT, n.cols, n.rows, a.id, -1)
}

// Reshape returns a's elements, in row-major order, as a rows×cols
// matrix. It panics if the sizes differ.
func (a Var) Reshape(rows, cols int) Var {
	n := a.node()
	if rows*cols != n.rows*n.cols || rows <= 0 {
		panic(fmt.Sprintf("ad: Reshape: %d×%d to %d×%d", n.rows, n.cols, rows, cols))
	}
	return a.t.record(opReshape, rows, cols, a.id, -1)
}

// Slice returns the block a[r0:r1, c0:c1] (half-open ranges, as Go
// slices). It panics if the ranges are empty or out of bounds.
func (a Var) Slice(r0, r1, c0, c1 int) Var {
	n := a.node()
	if r0 < 0 || r1 > n.rows || r0 >= r1 || c0 < 0 || c1 > n.cols || c0 >= c1 {
		panic(fmt.Sprintf("ad: Slice: [%d:%d, %d:%d] of %d×%d", r0, r1, c0, c1, n.rows, n.cols))
	}
	id := a.t.push(opSlice, r1-r0, c1-c0, a.id, -1)
	m := &a.t.nodes[id]
	m.p = [4]int{r0, r1, c0, c1}
	ops[opSlice].forward(a.t, m)
	return Var{a.t, id, a.t.gen}
}

// At returns element (i, j) of a as a 1×1 Var.
func (a Var) At(i, j int) Var { return a.Slice(i, i+1, j, j+1) }

// Rows returns rows r0..r1−1 of a; for a column vector, its elements
// r0..r1−1. The result shares a's storage.
func (a Var) Rows(r0, r1 int) Var {
	_, c := a.Dims()
	return a.Slice(r0, r1, 0, c)
}

// Dot returns the 1×1 inner product Σ aᵢbᵢ of two Vars with the same
// number of elements (of any shapes).
func (a Var) Dot(b Var) Var {
	a.mustTape(b, "Dot")
	na, nb := a.node(), b.node()
	if na.rows*na.cols != nb.rows*nb.cols {
		shapePanic("Dot", na, nb)
	}
	return a.t.record(opDot, 1, 1, a.id, b.id)
}

// B = a repeated over size-1 dimensions to n's shape:  ā += B̄ summed
// over the repeated dimensions;  dB = broadcast(da)
var broadcastDef = opDef{name: "broadcast",
	forward: func(t *Tape, n *node) {
		a := &t.nodes[n.a]
		rs := rowStride(a, n)
		for i := 0; i < n.rows; i++ {
			o := n.val[i*n.cols : (i+1)*n.cols]
			if a.cols == n.cols {
				copy(o, a.val[i*rs:i*rs+n.cols])
				continue
			}
			v := a.val[i*rs]
			for j := range o {
				o[j] = v
			}
		}
	},
	backward: func(t *Tape, n *node) {
		accum(t.gradOf(n.a), &t.nodes[n.a], n.grad, n, 1)
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		return da.BroadcastTo(n.rows, n.cols)
	},
}

// BroadcastTo returns a repeated along its size-1 dimensions to
// rows×cols (a itself if it already has that shape). It panics if a's
// shape does not broadcast to rows×cols.
func (a Var) BroadcastTo(rows, cols int) Var {
	n := a.node()
	if n.rows == rows && n.cols == cols {
		return a
	}
	if (n.rows != rows && n.rows != 1) || (n.cols != cols && n.cols != 1) {
		panic(fmt.Sprintf("ad: BroadcastTo: %d×%d to %d×%d", n.rows, n.cols, rows, cols))
	}
	return a.t.record(opBroadcast, rows, cols, a.id, -1)
}

// C = [A; B] stacked vertically:  Ā += C̄[top],  B̄ += C̄[bottom];
// dC = [dA; dB]
var vStackDef = opDef{name: "vstack",
	forward: func(t *Tape, n *node) {
		a := t.nodes[n.a].val
		copy(n.val, a)
		copy(n.val[len(a):], t.nodes[n.b].val)
	},
	backward: func(t *Tape, n *node) {
		ga, gb := t.gradOf(n.a), t.gradOf(n.b)
		na := len(t.nodes[n.a].val)
		for i, g := range ga {
			ga[i] = g + n.grad[i]
		}
		for i, g := range gb {
			gb[i] = g + n.grad[na+i]
		}
	},
	jvp: func(t *Tape, id int32, da, db Var) Var {
		n := &t.nodes[id]
		if da.t == nil {
			da = t.zerosLike(n.a)
		}
		if db.t == nil {
			db = t.zerosLike(n.b)
		}
		return da.VStack(db)
	},
}

func (t *Tape) zerosLike(id int32) Var {
	n := &t.nodes[id]
	return t.ConstantData(n.rows, n.cols, make([]float64, n.rows*n.cols))
}

// VStack returns a with b stacked below it. It panics unless they have
// the same number of columns.
func (a Var) VStack(b Var) Var {
	a.mustTape(b, "VStack")
	na, nb := a.node(), b.node()
	if na.cols != nb.cols {
		shapePanic("VStack", na, nb)
	}
	return a.t.record(opVStack, na.rows+nb.rows, na.cols, a.id, b.id)
}

// Concat stacks a and then each of rest vertically (see VStack); for
// scalars and column vectors it concatenates them into one column.
func (a Var) Concat(rest ...Var) Var {
	for _, b := range rest {
		a = a.VStack(b)
	}
	return a
}
