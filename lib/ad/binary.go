package ad

// Elementwise binary operations with broadcasting. Two shapes are
// compatible when, in each dimension, they are equal or one of them is 1;
// the result takes the larger size, and a size-1 operand is repeated along
// it (a 1×1 scalar, a 1×c row added to every row, an r×1 column added to
// every column). The backward rule sums the adjoint over the repeated
// dimension, because a repeated input contributes to every output it meets.

// c = a + b:  ā += c̄,  b̄ += c̄  (each summed over broadcast dimensions);
// dc = da + db
var addDef = opDef{name: "+", method: "Add",
	forward: binaryForward,
	backward: func(t *Tape, n *node) {
		t.accumTo(n.a, n, 1)
		t.accumTo(n.b, n, 1)
	},
	jvp: func(t *Tape, id int32, da, db Var) Var { return addT(da, db) },
}

// c = a − b:  ā += c̄,  b̄ −= c̄;  dc = da − db
var subDef = opDef{name: "−", method: "Sub",
	forward: binaryForward,
	backward: func(t *Tape, n *node) {
		t.accumTo(n.a, n, 1)
		t.accumTo(n.b, n, -1)
	},
	jvp: func(t *Tape, id int32, da, db Var) Var { return addT(da, negT(db)) },
}

// c = a ⊙ b:  ā += c̄ ⊙ b,  b̄ += c̄ ⊙ a;  dc = da⊙b + a⊙db
var mulDef = opDef{name: "×", method: "Mul",
	forward: binaryForward,
	backward: func(t *Tape, n *node) {
		a, b := &t.nodes[n.a], &t.nodes[n.b]
		accumProduct(t.gradOf(n.a), a, n.grad, b, n, false)
		accumProduct(t.gradOf(n.b), b, n.grad, a, n, false)
	},
	jvp: func(t *Tape, id int32, da, db Var) Var {
		n := &t.nodes[id]
		a, b := Var{t, n.a, t.gen}, Var{t, n.b, t.gen}
		return addT(mulT(da, b), mulT(a, db))
	},
}

// c = a ⊘ b:  ā += c̄ ⊘ b,  b̄ += −c̄ ⊙ c ⊘ b;  dc = (da − c⊙db) ⊘ b
var divDef = opDef{name: "÷", method: "Div",
	forward: binaryForward,
	backward: func(t *Tape, n *node) {
		a, b := &t.nodes[n.a], &t.nodes[n.b]
		accumProduct(t.gradOf(n.a), a, n.grad, b, n, true)
		if gb := t.gradOf(n.b); gb != nil {
			n.aux = grow(n.aux, len(n.val))
			for i, g := range n.grad {
				n.aux[i] = -g * n.val[i]
			}
			accumProduct(gb, b, n.aux, b, n, true)
		}
	},
	jvp: func(t *Tape, id int32, da, db Var) Var {
		n := &t.nodes[id]
		c, b := Var{t, id, t.gen}, Var{t, n.b, t.gen}
		return divT(addT(da, negT(mulT(c, db))), b)
	},
}

// bdim is the broadcast size of two sizes, or −1 if they are incompatible.
func bdim(x, y int) int {
	switch {
	case x == y || y == 1:
		return x
	case x == 1:
		return y
	}
	return -1
}

func (a Var) binary(op opcode, b Var) Var {
	a.mustTape(b, ops[op].name)
	t := a.t
	na, nb := &t.nodes[a.id], &t.nodes[b.id]
	r, c := bdim(na.rows, nb.rows), bdim(na.cols, nb.cols)
	if r < 0 || c < 0 {
		shapePanic(ops[op].method, na, nb)
	}
	return t.record(op, r, c, a.id, b.id)
}

// Add returns a + b elementwise, broadcasting size-1 dimensions.
func (a Var) Add(b Var) Var { return a.binary(opAdd, b) }

// Sub returns a − b elementwise, broadcasting size-1 dimensions.
func (a Var) Sub(b Var) Var { return a.binary(opSub, b) }

// Mul returns the elementwise (Hadamard) product a ⊙ b, broadcasting
// size-1 dimensions. For the matrix product use MatMul.
func (a Var) Mul(b Var) Var { return a.binary(opMul, b) }

// Div returns a ⊘ b elementwise, broadcasting size-1 dimensions. Division
// by zero follows IEEE 754 (±Inf or NaN), as float64 division does.
func (a Var) Div(b Var) Var { return a.binary(opDiv, b) }

// rowStride is the step between the rows of operand x inside an output
// with n's shape: 0 when x is broadcast along rows.
func rowStride(x, n *node) int {
	if x.rows == 1 && n.rows > 1 {
		return 0
	}
	return x.cols
}

func binaryForward(t *Tape, n *node) {
	a, b := &t.nodes[n.a], &t.nodes[n.b]
	c := n.cols
	if a.rows == n.rows && b.rows == n.rows && a.cols == c && b.cols == c {
		binSame(n.op, n.val, a.val, b.val)
		return
	}
	ars, brs := rowStride(a, n), rowStride(b, n)
	for i := 0; i < n.rows; i++ {
		o := n.val[i*c : (i+1)*c]
		ar, br := a.val[i*ars:], b.val[i*brs:]
		switch {
		case a.cols == c && b.cols == c:
			binSame(n.op, o, ar[:c], br[:c])
		case a.cols == c:
			binScalarB(n.op, o, ar[:c], br[0])
		default:
			binScalarA(n.op, o, ar[0], br[:c])
		}
	}
}

func binSame(op opcode, o, x, y []float64) {
	x, y = x[:len(o)], y[:len(o)]
	switch op {
	case opAdd:
		for i := range o {
			o[i] = x[i] + y[i]
		}
	case opSub:
		for i := range o {
			o[i] = x[i] - y[i]
		}
	case opMul:
		for i := range o {
			o[i] = x[i] * y[i]
		}
	case opDiv:
		for i := range o {
			o[i] = x[i] / y[i]
		}
	}
}

func binScalarB(op opcode, o, x []float64, y float64) {
	x = x[:len(o)]
	switch op {
	case opAdd:
		for i := range o {
			o[i] = x[i] + y
		}
	case opSub:
		for i := range o {
			o[i] = x[i] - y
		}
	case opMul:
		for i := range o {
			o[i] = x[i] * y
		}
	case opDiv:
		for i := range o {
			o[i] = x[i] / y
		}
	}
}

func binScalarA(op opcode, o []float64, x float64, y []float64) {
	y = y[:len(o)]
	switch op {
	case opAdd:
		for i := range o {
			o[i] = x + y[i]
		}
	case opSub:
		for i := range o {
			o[i] = x - y[i]
		}
	case opMul:
		for i := range o {
			o[i] = x * y[i]
		}
	case opDiv:
		for i := range o {
			o[i] = x / y[i]
		}
	}
}

// accumTo adds s·n.grad into the adjoint of node id, summed down to its
// shape; an operand of n's shape seen for the first time is assigned
// instead of zeroed and added to.
func (t *Tape) accumTo(id int32, n *node, s float64) {
	d := &t.nodes[id]
	if d.rows != n.rows || d.cols != n.cols {
		accum(t.gradOf(id), d, n.grad, n, s)
		return
	}
	dst, fresh := t.gradFor(id)
	if dst == nil {
		return
	}
	g := n.grad[:len(dst)]
	switch {
	case fresh && s == 1:
		copy(dst, g)
	case fresh:
		for i, v := range g {
			dst[i] = s * v
		}
	default:
		accum(dst, d, g, n, s)
	}
}

// accum adds s·g, summed down to the shape of d, into dst (d's adjoint).
// n is the node g belongs to. A nil dst (no gradient wanted) is skipped.
func accum(dst []float64, d *node, g []float64, n *node, s float64) {
	if dst == nil {
		return
	}
	c := n.cols
	if d.rows == n.rows && d.cols == c {
		if s == 1 {
			for i, v := range g[:len(dst)] {
				dst[i] += v
			}
		} else {
			for i, v := range g[:len(dst)] {
				dst[i] += s * v
			}
		}
		return
	}
	drs := rowStride(d, n)
	for i := 0; i < n.rows; i++ {
		gr := g[i*c : (i+1)*c]
		dr := dst[i*drs:]
		if d.cols == c {
			dr = dr[:c]
			for j, v := range gr {
				dr[j] += s * v
			}
		} else {
			var sum float64
			for _, v := range gr {
				sum += v
			}
			dr[0] += s * sum
		}
	}
}

// accumProduct adds g ⊙ o (or g ⊘ o when div), summed down to the shape
// of d, into dst. o is broadcast to n's shape.
func accumProduct(dst []float64, d *node, g []float64, o *node, n *node, div bool) {
	if dst == nil {
		return
	}
	c := n.cols
	if d.rows == n.rows && d.cols == c && o.rows == n.rows && o.cols == c {
		ov := o.val[:len(dst)]
		g = g[:len(dst)]
		if div {
			for i := range dst {
				dst[i] += g[i] / ov[i]
			}
		} else {
			for i := range dst {
				dst[i] += g[i] * ov[i]
			}
		}
		return
	}
	drs, ors := rowStride(d, n), rowStride(o, n)
	for i := 0; i < n.rows; i++ {
		gr := g[i*c : (i+1)*c]
		dr, or := dst[i*drs:], o.val[i*ors:]
		ofull := o.cols == c
		if d.cols == c {
			dr = dr[:c]
			for j, v := range gr {
				ov := or[0]
				if ofull {
					ov = or[j]
				}
				if div {
					dr[j] += v / ov
				} else {
					dr[j] += v * ov
				}
			}
			continue
		}
		var sum float64
		for j, v := range gr {
			ov := or[0]
			if ofull {
				ov = or[j]
			}
			if div {
				sum += v / ov
			} else {
				sum += v * ov
			}
		}
		dr[0] += sum
	}
}
