package ad

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// A training step that records the same graph again must allocate nothing
// once the tape has grown to size.
func TestSteadyStateAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	fill := func(r, c int) *mat.Dense {
		d := make([]float64, r*c)
		for i := range d {
			d[i] = rng.NormFloat64()
		}
		return mat.NewDense(r, c, d)
	}
	X, W1, B1, W2, B2 := fill(16, 8), fill(8, 12), fill(1, 12), fill(12, 3), fill(1, 3)
	labels := make([]int, 16)
	for i := range labels {
		labels[i] = rng.IntN(3)
	}
	mask := make([]float64, 16*12)
	for i := range mask {
		mask[i] = float64(rng.IntN(2)) * 2
	}
	tape := NewTape()
	step := func() {
		tape.Reset()
		x := tape.Constant(X)
		w1, b1 := tape.Variable(W1), tape.Variable(B1)
		w2, b2 := tape.Variable(W2), tape.Variable(B2)
		h := x.MatMul(w1).Add(b1).ReLU().Mask(mask)
		loss := h.MatMul(w2).Add(b2).SoftmaxCrossEntropy(labels)
		tape.Backward(loss)
		g := w1.Grad()
		W1.RawMatrix().Data[0] -= 1e-3 * g[0]
	}
	step()
	if n := testing.AllocsPerRun(20, step); n != 0 {
		t.Errorf("steady-state step allocates %v times, want 0", n)
	}
}
