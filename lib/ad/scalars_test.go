package ad

import (
	"math"
	"testing"
)

// The scalar tape against the matrix tape on the same expression.
func TestScalarsAgreeWithTape(t *testing.T) {
	st := NewScalars()
	x, y := st.Var(0.7), st.Var(-1.3)
	f := x.Mul(y).Add(x.Tanh()).Sub(y.Exp().Div(x)).ReLU().Add(x.Pow(3).Sigmoid()).Add(y.Scale(2).Neg().Shift(1).Log())
	st.Backward(f)

	tp := NewTape()
	xv, yv := tp.VariableScalar(0.7), tp.VariableScalar(-1.3)
	g := xv.Mul(yv).Add(xv.Tanh()).Sub(yv.Exp().Div(xv)).ReLU().Add(xv.Pow(3).Sigmoid()).Add(yv.Scale(2).Neg().Shift(1).Log())
	tp.Backward(g)
	for _, c := range [][2]float64{{f.Value(), g.Item()}, {x.Grad(), xv.Grad()[0]}, {y.Grad(), yv.Grad()[0]}} {
		if math.Abs(c[0]-c[1]) > 1e-14*math.Max(1, math.Abs(c[1])) {
			t.Errorf("scalar tape %v, matrix tape %v", c[0], c[1])
		}
	}
}

func TestScalarGraphAllocatesNothing(t *testing.T) {
	st := NewScalars()
	xs := make([]Scalar, 10)
	run := func() {
		st.Reset()
		for i := range xs {
			xs[i] = st.Var(0.1 * float64(i+1))
		}
		st.Backward(scalarGraph(st, xs, 1000))
	}
	run()
	if n := testing.AllocsPerRun(10, run); n != 0 {
		t.Errorf("scalar graph allocates %v times per run, want 0", n)
	}
}
