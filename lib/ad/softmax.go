package ad

import (
	"fmt"

	"github.com/gradbook/gradbook/lib/activation"
)

// Softmax-family operations act on each row of a matrix (a batch of logit
// rows) and on a vector (n×1 or 1×n) as a whole. They subtract the row
// maximum before exponentiating, so they are finite for any finite input:
// log-sum-exp of (1000, 1000) is 1000 + log 2, not +Inf.

// groups returns how many independent rows an op of this family sees, and
// their length: a column vector is one group.
func groups(n *node) (r, c int) {
	if n.cols == 1 {
		return 1, n.rows
	}
	return n.rows, n.cols
}

// softmaxRow writes softmax(x) into s and returns log Σ exp(x), both by
// lib/activation's stable formulas (the one source of truth for them).
func softmaxRow(s, x []float64) float64 {
	activation.Softmax(s, x)
	return activation.LogSumExp(x)
}

// rowSum sums a tangent within the groups of a softmax-family op.
func rowSum(v Var, n *node) Var {
	if n.cols == 1 {
		return v.Sum()
	}
	return v.SumAxis(1)
}

// s = softmax(a) per row:  ā += s ⊙ (s̄ − ⟨s̄, s⟩);  ds = s ⊙ (da − ⟨s, da⟩)
var softmaxDef = opDef{name: "softmax",
	forward: func(t *Tape, n *node) {
		r, c := groups(n)
		x := t.nodes[n.a].val
		for i := range r {
			softmaxRow(n.val[i*c:(i+1)*c], x[i*c:(i+1)*c])
		}
	},
	backward: func(t *Tape, n *node) {
		ga := t.gradOf(n.a)
		if ga == nil {
			return
		}
		r, c := groups(n)
		for i := range r {
			s, g, d := n.val[i*c:(i+1)*c], n.grad[i*c:(i+1)*c], ga[i*c:(i+1)*c]
			var sg float64
			for j, v := range s {
				sg += v * g[j]
			}
			for j, v := range s {
				d[j] += v * (g[j] - sg)
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		s := Var{t, id, t.gen}
		return s.Mul(da.Sub(rowSum(s.Mul(da), n)))
	},
}

// l = log Σ exp(a) per row (aux keeps softmax(a)):  ā += l̄ ⊙ softmax(a);
// dl = ⟨softmax(a), da⟩
var logSumExpDef = opDef{name: "logsumexp",
	forward: func(t *Tape, n *node) {
		a := &t.nodes[n.a]
		r, c := groups(a)
		n.aux = grow(n.aux, r*c)
		for i := range r {
			n.val[i] = softmaxRow(n.aux[i*c:(i+1)*c], a.val[i*c:(i+1)*c])
		}
	},
	backward: func(t *Tape, n *node) {
		ga := t.gradOf(n.a)
		if ga == nil {
			return
		}
		r, c := groups(&t.nodes[n.a])
		for i := range r {
			g := n.grad[i]
			for j, s := range n.aux[i*c : (i+1)*c] {
				ga[i*c+j] += g * s
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		a := &t.nodes[n.a]
		return rowSum(Var{t, n.a, t.gen}.Softmax().Mul(da), a)
	},
}

// y = logsoftmax(a) = a − logsumexp(a) per row (aux keeps softmax(a)):
// ā += ȳ − softmax(a)·Σȳ;  dy = da − ⟨softmax(a), da⟩
var logSoftmaxDef = opDef{name: "logsoftmax",
	forward: func(t *Tape, n *node) {
		r, c := groups(n)
		x := t.nodes[n.a].val
		n.aux = grow(n.aux, r*c)
		for i := range r {
			// Not a − logsumexp(a): that cancels for large a (see
			// activation.LogSoftmax).
			activation.LogSoftmax(n.val[i*c:(i+1)*c], x[i*c:(i+1)*c])
			activation.Softmax(n.aux[i*c:(i+1)*c], x[i*c:(i+1)*c])
		}
	},
	backward: func(t *Tape, n *node) {
		ga := t.gradOf(n.a)
		if ga == nil {
			return
		}
		r, c := groups(n)
		for i := range r {
			g := n.grad[i*c : (i+1)*c]
			var sum float64
			for _, v := range g {
				sum += v
			}
			for j, s := range n.aux[i*c : (i+1)*c] {
				ga[i*c+j] += g[j] - s*sum
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		return da.Sub(rowSum(Var{t, n.a, t.gen}.Softmax().Mul(da), n))
	},
}

// L = −(1/r) Σᵢ logsoftmax(aᵢ)_yᵢ (aux keeps softmax(a)):
// ā = (L̄/r)·(softmax(a) − onehot(y));  dL = (1/r)·⟨softmax(a) − onehot(y), da⟩
var softmaxCEDef = opDef{name: "softmax-CE",
	forward: func(t *Tape, n *node) {
		a := &t.nodes[n.a]
		r, c := groups(a)
		n.aux = grow(n.aux, r*c)
		var loss float64
		for i := range r {
			// −log softmax(aᵢ) at the label, by activation.LogSoftmax
			// (logsumexp(aᵢ) − aᵢ,yᵢ cancels for large logits); aux
			// holds the log-softmax first, then the softmax.
			row, aux := a.val[i*c:(i+1)*c], n.aux[i*c:(i+1)*c]
			loss -= activation.LogSoftmax(aux, row)[n.labels[i]]
			activation.Softmax(aux, row)
		}
		n.val[0] = loss / float64(r)
	},
	backward: func(t *Tape, n *node) {
		ga := t.gradOf(n.a)
		if ga == nil {
			return
		}
		r, c := groups(&t.nodes[n.a])
		g := n.grad[0] / float64(r)
		for i := range r {
			row := ga[i*c : (i+1)*c]
			for j, s := range n.aux[i*c : (i+1)*c] {
				row[j] += g * s
			}
			row[n.labels[i]] -= g
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		n := &t.nodes[id]
		a := &t.nodes[n.a]
		r, c := groups(a)
		onehot := make([]float64, r*c)
		for i, y := range n.labels {
			onehot[i*c+y] = 1
		}
		y := t.ConstantData(a.rows, a.cols, onehot)
		return Var{t, n.a, t.gen}.Softmax().Sub(y).Dot(da).Scale(1 / float64(r))
	},
}

// y = a ⊙ m for a caller's mask m:  ā += ȳ ⊙ m;  dy = da ⊙ m
var maskDef = opDef{name: "mask",
	forward: func(t *Tape, n *node) {
		m := n.ext[:len(n.val)]
		for i, v := range t.nodes[n.a].val[:len(n.val)] {
			n.val[i] = v * m[i]
		}
	},
	backward: func(t *Tape, n *node) {
		if ga := t.gradOf(n.a); ga != nil {
			m := n.ext[:len(ga)]
			for i, g := range n.grad[:len(ga)] {
				ga[i] += g * m[i]
			}
		}
	},
	jvp: func(t *Tape, id int32, da, _ Var) Var {
		if da.t == nil {
			return Var{}
		}
		return da.Mask(t.nodes[id].ext)
	},
}

// Softmax returns eᵃ normalised to sum 1 along each row of a matrix, or
// over all elements of a vector (n×1 or 1×n).
func (a Var) Softmax() Var {
	n := a.node()
	return a.t.record(opSoftmax, n.rows, n.cols, a.id, -1)
}

// LogSoftmax returns a − log Σ eᵃ along each row (or over a vector), the
// logarithm of Softmax computed without overflow or log 0.
func (a Var) LogSoftmax() Var {
	n := a.node()
	return a.t.record(opLogSoftmax, n.rows, n.cols, a.id, -1)
}

// LogSumExp returns log Σ eᵃ: 1×1 for a vector (n×1 or 1×n), r×1 with
// one value per row for an r×c matrix. It is finite for finite input
// (it shifts by the maximum first); its gradient is the softmax.
func (a Var) LogSumExp() Var {
	n := a.node()
	r, _ := groups(n)
	return a.t.record(opLogSumExp, r, 1, a.id, -1)
}

// SoftmaxCrossEntropy returns the mean over rows of −log softmax(a)ᵢ,yᵢ,
// the cross-entropy of the logits a (one row per sample, one column per
// class; a column vector is one sample) against integer labels y in
// [0, classes). The labels are read in place. It panics if len(labels)
// does not match the number of samples or a label is out of range.
func (a Var) SoftmaxCrossEntropy(labels []int) Var {
	n := a.node()
	r, c := groups(n)
	if len(labels) != r {
		panic(fmt.Sprintf("ad: SoftmaxCrossEntropy: %d labels for %d×%d logits (%d samples)", len(labels), n.rows, n.cols, r))
	}
	for i, y := range labels {
		if y < 0 || y >= c {
			panic(fmt.Sprintf("ad: SoftmaxCrossEntropy: label %d at %d not in [0, %d)", y, i, c))
		}
	}
	id := a.t.push(opSoftmaxCE, 1, 1, a.id, -1)
	m := &a.t.nodes[id]
	m.labels = labels
	ops[opSoftmaxCE].forward(a.t, m)
	return Var{a.t, id, a.t.gen}
}

// Mask returns a ⊙ mask, where mask holds a's size of row-major
// multipliers, read in place (not differentiated). Dropout uses it with a
// mask of 0 and 1/(1−p); it is equally a multiply by any fixed weights.
// It panics if len(mask) differs from a's size.
func (a Var) Mask(mask []float64) Var {
	n := a.node()
	if len(mask) != n.rows*n.cols {
		panic(fmt.Sprintf("ad: Mask: mask of length %d for %d×%d", len(mask), n.rows, n.cols))
	}
	id := a.t.push(opMask, n.rows, n.cols, a.id, -1)
	m := &a.t.nodes[id]
	m.ext = mask
	ops[opMask].forward(a.t, m)
	return Var{a.t, id, a.t.gen}
}
