package ad

import "fmt"

// s = Σᵢⱼ aᵢⱼ:  āᵢⱼ += s̄;  ds = Σ da
var sumDef = opDef{name: "sum",
	forward: func(t *Tape, n *node) {
		var s float64
		for _, v := range t.nodes[n.a].val {
			s += v
		}
		n.val[0] = s
	},
	backward: func(t *Tape, n *node) {
		ga, fresh := t.gradFor(n.a)
		g := n.grad[0]
		if fresh {
			for i := range ga {
				ga[i] = g
			}
			return
		}
		for i := range ga {
			ga[i] += g
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		return da.Sum()
	},
}

// sⱼ = Σᵢ aᵢⱼ (1×c):  āᵢⱼ += s̄ⱼ
var sumRowsDef = opDef{name: "sum(axis 0)",
	forward: func(t *Tape, n *node) {
		a := &t.nodes[n.a]
		clear(n.val)
		for i := 0; i < a.rows; i++ {
			for j, v := range a.val[i*a.cols : (i+1)*a.cols] {
				n.val[j] += v
			}
		}
	},
	backward: func(t *Tape, n *node) {
		if ga := t.gradOf(n.a); ga != nil {
			c := n.cols
			for i := 0; i < len(ga)/c; i++ {
				for j, g := range n.grad {
					ga[i*c+j] += g
				}
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		return da.SumAxis(0)
	},
}

// sᵢ = Σⱼ aᵢⱼ (r×1):  āᵢⱼ += s̄ᵢ
var sumColsDef = opDef{name: "sum(axis 1)",
	forward: func(t *Tape, n *node) {
		a := &t.nodes[n.a]
		for i := range n.val {
			var s float64
			for _, v := range a.val[i*a.cols : (i+1)*a.cols] {
				s += v
			}
			n.val[i] = s
		}
	},
	backward: func(t *Tape, n *node) {
		if ga := t.gradOf(n.a); ga != nil {
			c := len(ga) / n.rows
			for i, g := range n.grad {
				for j := range c {
					ga[i*c+j] += g
				}
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		return da.SumAxis(1)
	},
}

// extremumDef is Max's or Min's entry (name "max" or "min"). s = max a (or
// min): the adjoint goes to the first element attaining it (a
// subgradient); ds = da at that element. The forward pass tells the two
// apart by n.op.
func extremumDef(name string) opDef {
	return opDef{name: name,
		forward: func(t *Tape, n *node) {
			a := t.nodes[n.a].val
			best := 0
			for i, v := range a {
				if v != v { // NaN wins, so it is never hidden
					best = i
					break
				}
				if (n.op == opMax && v > a[best]) || (n.op == opMin && v < a[best]) {
					best = i
				}
			}
			n.p[0] = best
			n.val[0] = a[best]
		},
		backward: func(t *Tape, n *node) {
			if ga := t.gradOf(n.a); ga != nil {
				ga[n.p[0]] += n.grad[0]
			}
		},
		jvp: func(t *Tape, id int32, da, _ Var) Var {
			if da.t == nil {
				return Var{}
			}
			k := t.nodes[id].p[0]
			return da.Reshape(da.Len(), 1).At(k, 0)
		},
	}
}

// elementwiseExtremumDef is Maximum's or Minimum's entry. c = max(a, b)
// elementwise (broadcasting): the adjoint goes to a where a ≥ b, else to b
// (ties go to a). The passes tell the two apart by n.op.
func elementwiseExtremumDef(name, method string) opDef {
	return opDef{name: name, method: method,
		forward: func(t *Tape, n *node) {
			a, b := &t.nodes[n.a], &t.nodes[n.b]
			eachBroadcast(n, a, b, func(k, ia, ib int) {
				x, y := a.val[ia], b.val[ib]
				if pickA(n.op, x, y) {
					n.val[k] = x
				} else {
					n.val[k] = y
				}
			})
		},
		backward: func(t *Tape, n *node) {
			a, b := &t.nodes[n.a], &t.nodes[n.b]
			ga, gb := t.gradOf(n.a), t.gradOf(n.b)
			eachBroadcast(n, a, b, func(k, ia, ib int) {
				if pickA(n.op, a.val[ia], b.val[ib]) {
					if ga != nil {
						ga[ia] += n.grad[k]
					}
				} else if gb != nil {
					gb[ib] += n.grad[k]
				}
			})
		},
		jvp: func(t *Tape, id int32, da, db Var) Var {
			// dc = H·da + (1−H)·db with H = 1 where a was picked.
			n := &t.nodes[id]
			a, b := Var{t, n.a, t.gen}, Var{t, n.b, t.gen}
			var h Var
			if n.op == opMaximum {
				h = b.Sub(a).Heaviside().RSub(1) // 1 where a ≥ b
			} else {
				h = a.Sub(b).Heaviside().RSub(1) // 1 where a ≤ b
			}
			return addT(mulT(da, h), mulT(db, h.RSub(1)))
		},
	}
}

func pickA(op opcode, x, y float64) bool {
	if x != x {
		return true // NaN propagates
	}
	if op == opMaximum {
		return x >= y
	}
	return x <= y
}

// eachBroadcast calls fn for every element k of n with the indices of the
// operands a and b that broadcast onto it.
func eachBroadcast(n, a, b *node, fn func(k, ia, ib int)) {
	ars, brs := rowStride(a, n), rowStride(b, n)
	acs, bcs := 1, 1
	if a.cols == 1 {
		acs = 0
	}
	if b.cols == 1 {
		bcs = 0
	}
	for i := 0; i < n.rows; i++ {
		for j := 0; j < n.cols; j++ {
			fn(i*n.cols+j, i*ars+j*acs, i*brs+j*bcs)
		}
	}
}

// Sum returns the 1×1 sum of all elements of a.
func (a Var) Sum() Var {
	a.node()
	return a.t.record(opSum, 1, 1, a.id, -1)
}

// Mean returns the 1×1 mean of all elements of a.
func (a Var) Mean() Var { return a.Sum().Scale(1 / float64(a.Len())) }

// SumAxis sums along an axis, as NumPy's sum(axis=...): axis 0 sums down
// the columns (r×c → 1×c), axis 1 along the rows (r×c → r×1). It panics
// for any other axis.
func (a Var) SumAxis(axis int) Var {
	n := a.node()
	switch axis {
	case 0:
		return a.t.record(opSumRows, 1, n.cols, a.id, -1)
	case 1:
		return a.t.record(opSumCols, n.rows, 1, a.id, -1)
	}
	panic(fmt.Sprintf("ad: SumAxis: axis %d (want 0 or 1)", axis))
}

// MeanAxis averages along an axis (see SumAxis).
func (a Var) MeanAxis(axis int) Var {
	r, c := a.Dims()
	if axis == 0 {
		return a.SumAxis(0).Scale(1 / float64(r))
	}
	return a.SumAxis(axis).Scale(1 / float64(c))
}

// Max returns the 1×1 largest element of a. Its gradient goes to the first
// element attaining the maximum (a subgradient at ties). A NaN element is
// returned as the maximum.
func (a Var) Max() Var {
	a.node()
	return a.t.record(opMax, 1, 1, a.id, -1)
}

// Min returns the 1×1 smallest element of a; see Max for ties and NaN.
func (a Var) Min() Var {
	a.node()
	return a.t.record(opMin, 1, 1, a.id, -1)
}

// Maximum returns max(a, b) elementwise with broadcasting; at ties the
// gradient goes to a.
func (a Var) Maximum(b Var) Var { return a.binary(opMaximum, b) }

// Minimum returns min(a, b) elementwise with broadcasting; at ties the
// gradient goes to a.
func (a Var) Minimum(b Var) Var { return a.binary(opMinimum, b) }
