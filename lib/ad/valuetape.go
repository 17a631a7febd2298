package ad

import "slices"

// A value tape evaluates a function for its value alone (line searches,
// plots, evaluation of a trained model) without paying for what a
// gradient needs. On an ordinary tape every operation writes its whole
// result to memory so that Backward can read it; for a long vector each
// elementwise op is then one pass over memory, and the function is
// bandwidth-bound (Rosenbrock with n = 10⁶: eight passes of 8 MB). A value
// tape instead defers elementwise operations (pointwise functions, the
// scalar-parameter ops and same-shape Add, Sub, Mul, Div) and, when a
// consumer needs the result, runs the whole deferred chain over chunks of
// valueChunk elements that stay in the L1/L2 cache: the inputs are read
// once and, for a Sum at the end, nothing is written at all.
//
// Results are the same, to the bit, as on an ordinary tape: every op runs
// its own forward rule on each chunk, and a fused Sum adds the elements in
// the same order with one accumulator.

// valueChunk is the number of elements per chunk: a few fused operands of
// 4 KiB each fit in the 48 KiB L1 data cache.
const valueChunk = 512

// fuseMin is the smallest result (in elements) whose op a value tape
// defers. Smaller intermediates stay in cache anyway, and computing them
// at once keeps long chains of scalar ops (a loop of 1×1 updates) from
// building deep deferred chains with a chunk buffer each.
const fuseMin = 4 * valueChunk

// NewValueTape returns a tape for values only: the operations and results
// are those of NewTape, but elementwise chains are fused and Backward
// panics. Reset and reuse it as any tape.
func NewValueTape() *Tape {
	return &Tape{valueState: valueState{values: true, fuseMin: fuseMin}}
}

// defer_ reports whether the node just pushed onto a value tape can be
// deferred (an elementwise op whose operands have its shape); if not, its
// deferred operands are computed first, except a Sum's, which fusedSum
// reduces chunk by chunk.
func (t *Tape) defer_(n *node) bool {
	if n.rows*n.cols >= t.fuseMin && elementwise(n.op) && t.sameShape(n.a, n) && (n.b < 0 || t.sameShape(n.b, n)) {
		n.pending = true
		return true
	}
	if n.op == opSum && n.a >= 0 && t.nodes[n.a].pending {
		return false
	}
	t.materialize(n.a)
	t.materialize(n.b)
	return false
}

// elementwise: ops whose forward rule computes element i of the result
// from element i of the operands alone (and a parameter k).
// Listed by name, not as a range of opcodes, so that reordering the op
// table cannot silently add an op that reads other elements.
func elementwise(op opcode) bool {
	switch op {
	case opAdd, opSub, opMul, opDiv,
		opScale, opShift, opRsub, opRdiv, opPow, opLeakyReLU,
		opNeg, opSquare, opExp, opLog, opLog1p, opSqrt, opAbs, opSin, opCos, opTanh,
		opSigmoid, opReLU, opSoftplus, opHeaviside, opTanhDeriv, opSigmoidDeriv:
		return true
	}
	return false
}

func (t *Tape) sameShape(id int32, n *node) bool {
	p := &t.nodes[id]
	return p.rows == n.rows && p.cols == n.cols
}

// valueNode returns v's node with its value computed.
func (v Var) valueNode() *node {
	n := v.node()
	if n.pending {
		v.t.materialize(v.id)
	}
	return n
}

// fusedSum computes the Sum node n of a deferred operand chunk by chunk,
// and reports whether it did.
func (t *Tape) fusedSum(n *node) bool {
	if n.op != opSum || n.a < 0 || !t.nodes[n.a].pending {
		return false
	}
	var s float64
	t.chunked(n.a, nil, func(c []float64) {
		for _, v := range c {
			s += v
		}
	})
	n.val[0] = s
	return true
}

// materialize computes the deferred node id into its own buffer.
func (t *Tape) materialize(id int32) {
	if id < 0 || !t.nodes[id].pending {
		return
	}
	n := &t.nodes[id]
	n.own = grow(n.own, n.rows*n.cols)
	t.chunked(id, n.own, nil)
	n = &t.nodes[id]
	n.val, n.pending = n.own, false
}

// chunked runs the deferred chain that ends at node target over chunks of
// valueChunk elements. Each chunk of target's value is written into the
// matching part of out when out is not nil, and passed to sink when sink
// is not nil. While it runs, the nodes of the chain and their computed
// operands are narrowed to the chunk (their val and shape point at it);
// all are restored before it returns.
func (t *Tape) chunked(target int32, out []float64, sink func([]float64)) {
	// The deferred nodes target depends on, in tape (topological) order,
	// and the computed nodes they read.
	// A depth-first walk over deferred nodes only, so the cost is the
	// chain's length, not the tape's.
	t.stamp++
	if len(t.seen) < int(t.n) {
		t.seen = make([]uint32, len(t.nodes))
	}
	if t.stamp == 0 { // wrapped: old stamps would match
		clear(t.seen)
		t.stamp = 1
	}
	chain, inputs := t.chain[:0], t.inputs[:0]
	stack := append(t.stack[:0], target)
	t.seen[target] = t.stamp
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := &t.nodes[id]
		if !n.pending {
			inputs = append(inputs, id)
			continue
		}
		chain = append(chain, id)
		for _, p := range [2]int32{n.a, n.b} {
			if p >= 0 && t.seen[p] != t.stamp {
				t.seen[p] = t.stamp
				stack = append(stack, p)
			}
		}
	}
	slices.Sort(chain) // tape order is an order in which operands come first
	t.chain, t.inputs, t.stack = chain, inputs, stack
	keep := t.keep[:0]
	for _, id := range inputs {
		n := &t.nodes[id]
		keep = append(keep, keptVal{n.val, n.rows, n.cols})
	}
	t.keep = keep
	tn := &t.nodes[target]
	total, rows, cols := tn.rows*tn.cols, tn.rows, tn.cols
	for len(t.scratch) < len(chain) {
		t.scratch = append(t.scratch, make([]float64, valueChunk))
	}
	for lo := 0; lo < total; lo += valueChunk {
		hi := min(lo+valueChunk, total)
		for i, id := range inputs {
			n := &t.nodes[id]
			n.val, n.rows, n.cols = keep[i].val[lo:hi], 1, hi-lo
		}
		for i, id := range chain {
			n := &t.nodes[id]
			n.val, n.rows, n.cols = t.scratch[i][:hi-lo], 1, hi-lo
			if id == target && out != nil {
				n.val = out[lo:hi]
			}
			ops[n.op].forward(t, n)
		}
		if sink != nil {
			sink(t.nodes[target].val)
		}
	}
	for i, id := range inputs {
		n := &t.nodes[id]
		n.val, n.rows, n.cols = keep[i].val, keep[i].rows, keep[i].cols
	}
	for _, id := range chain {
		n := &t.nodes[id]
		n.val, n.rows, n.cols = nil, rows, cols
	}
}

// keptVal is a computed operand's value and shape, kept while chunked
// narrows it.
type keptVal struct {
	val        []float64
	rows, cols int
}

// valueState is the value tape's working memory, kept across Reset so
// that evaluating the same function again allocates nothing.
type valueState struct {
	values  bool // a value tape: elementwise chains are fused
	fuseMin int  // smallest result that is deferred

	scratch       [][]float64 // one chunk buffer per node of a chain
	seen          []uint32    // visit stamps, by node id
	stamp         uint32
	chain, inputs []int32
	stack         []int32
	keep          []keptVal
}
