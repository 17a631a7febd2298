package dropout

import (
	"math"
	"testing"

	"github.com/gradbook/gradbook/lib/ad"
)

// TestRecordGradient differentiates L = Σ w ⊙ dropout(x²) on the tape and
// compares with the closed form ∂L/∂xᵢ = 2xᵢ·wᵢ·mᵢ/p and with central
// differences of L (which is quadratic, so they are exact up to rounding).
func TestRecordGradient(t *testing.T) {
	x := []float64{0.5, -1, 2, 3, -0.25, 1, 4}
	w := []float64{1, 2, 3, 4, 5, 6, 7}
	m := Mask{Keep: 0.6, Key: 77}
	loss := func(x []float64) float64 {
		y := make([]float64, len(x))
		for i, v := range x {
			y[i] = v * v
		}
		m.Apply(y, y)
		var l float64
		for i := range y {
			l += w[i] * y[i]
		}
		return l
	}
	tape := ad.NewTape()
	xv := tape.VariableVec(x)
	l := m.Record(xv.Square()).Mul(tape.ConstantVec(w)).Sum()
	if got, want := l.Item(), loss(x); math.Abs(got-want) > 1e-12*math.Abs(want) {
		t.Errorf("forward: tape %v, direct %v", got, want)
	}
	tape.Backward(l)
	g := xv.Grad()
	const h = 1e-4
	for i := range x {
		want := 0.0
		if m.Kept(i) {
			want = 2 * x[i] * w[i] / m.Keep
		}
		xp, xm := append([]float64(nil), x...), append([]float64(nil), x...)
		xp[i] += h
		xm[i] -= h
		fd := (loss(xp) - loss(xm)) / (2 * h)
		if math.Abs(g[i]-want) > 1e-12*max(1, math.Abs(want)) || math.Abs(fd-want) > 1e-6*max(1, math.Abs(want)) {
			t.Errorf("∂L/∂x[%d]: tape %v, closed form %v, finite differences %v", i, g[i], want, fd)
		}
	}
}
