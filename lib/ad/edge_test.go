package ad

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// Edge cases with defined answers (from the lib/ad issue). Expected values
// are analytic; the subgradients at kinks are the documented conventions.
func TestEdgeCases(t *testing.T) {
	cases := []struct {
		name      string
		x         float64
		f         func(Var) Var
		val, grad float64
	}{
		{"sqrt at 0: value 0, slope +Inf", 0, Var.Sqrt, 0, math.Inf(1)},
		{"sqrt near 0: 1/(2√x)", 1e-300, Var.Sqrt, 1e-150, 0.5e150},
		{"log at 0: −Inf, slope +Inf, no panic", 0, Var.Log, math.Inf(-1), math.Inf(1)},
		{"log1p at −1", -1, Var.Log1p, math.Inf(-1), math.Inf(1)},
		{"abs at 0: subgradient 0", 0, Var.Abs, 0, 0},
		{"relu at 0: subgradient 0", 0, Var.ReLU, 0, 0},
		{"leaky relu at 0: subgradient α", 0, func(v Var) Var { return v.LeakyReLU(0.1) }, 0, 0.1},
		{"heaviside: no gradient", 0.5, Var.Heaviside, 1, 0},
		{"softplus at 1000", 1000, Var.Softplus, 1000, 1},
		{"softplus at −1000", -1000, Var.Softplus, 0, 0},
		{"sigmoid at −1000", -1000, Var.Sigmoid, 0, 0},
		{"tanh at 1000", 1000, Var.Tanh, 1, 0},
		{"exp at 1000 overflows to +Inf", 1000, Var.Exp, math.Inf(1), math.Inf(1)},
	}
	for _, tc := range cases {
		tape := NewTape()
		x := tape.VariableScalar(tc.x)
		y := tc.f(x)
		tape.Backward(y)
		if got := y.Item(); got != tc.val && relErr(got, tc.val) > 1e-15 {
			t.Errorf("%s: value %v, want %v", tc.name, got, tc.val)
		}
		if got := x.Grad()[0]; got != tc.grad && relErr(got, tc.grad) > 1e-15 {
			t.Errorf("%s: gradient %v, want %v", tc.name, got, tc.grad)
		}
	}
}

func TestLogSumExpAndCrossEntropyAtThousand(t *testing.T) {
	tape := NewTape()
	x := tape.VariableVec([]float64{1000, 1000, -1000})
	l := x.LogSumExp()
	tape.Backward(l)
	// log(e¹⁰⁰⁰ + e¹⁰⁰⁰ + e⁻¹⁰⁰⁰) = 1000 + log 2; gradient softmax = (½, ½, 0)
	if got, want := l.Item(), 1000+math.Ln2; got != want {
		t.Errorf("logsumexp = %v, want %v", got, want)
	}
	for i, want := range []float64{0.5, 0.5, 0} {
		if g := x.Grad()[i]; g != want {
			t.Errorf("∂logsumexp/∂x[%d] = %v, want %v", i, g, want)
		}
	}
	tape.Reset()
	z := tape.VariableData(1, 3, []float64{-1000, 1000, 0})
	ce := z.SoftmaxCrossEntropy([]int{0})
	tape.Backward(ce)
	// −log softmax₀ = logsumexp − z₀ = 1000 − (−1000) = 2000; gradient softmax − e₀ = (−1, 1, 0)
	if got := ce.Item(); got != 2000 {
		t.Errorf("cross-entropy = %v, want 2000", got)
	}
	for i, want := range []float64{-1, 1, 0} {
		if g := z.Grad()[i]; g != want {
			t.Errorf("∂CE/∂z[%d] = %v, want %v", i, g, want)
		}
	}
}

// Large equal logits: a − logsumexp(a) cancels (1e16 + log 2 rounds to
// 1e16); log softmax is −log 2 and the cross-entropy log 2 for any shift.
func TestLogSoftmaxAndCrossEntropyLargeLogits(t *testing.T) {
	for _, c := range []float64{1000, 1e15, 1e16, 1e308} {
		tape := NewTape()
		z := tape.VariableData(1, 2, []float64{c, c})
		for i, got := range z.LogSoftmax().Value() {
			if got != -math.Ln2 {
				t.Errorf("LogSoftmax([%g %g])[%d] = %v, want −log 2 = %v", c, c, i, got, -math.Ln2)
			}
		}
		ce := z.SoftmaxCrossEntropy([]int{1})
		tape.Backward(ce)
		if got := ce.Item(); got != math.Ln2 {
			t.Errorf("cross-entropy at [%g %g] = %v, want log 2 = %v", c, c, got, math.Ln2)
		}
		for i, want := range []float64{0.5, -0.5} {
			if g := z.Grad()[i]; g != want {
				t.Errorf("∂CE/∂z[%d] at [%g %g] = %v, want %v", i, c, c, g, want)
			}
		}
	}
}

// A Var of a tape that has been Reset must never read the new record,
// whether the new tape is shorter, as long, or longer.
func TestStaleVarAfterReset(t *testing.T) {
	for _, extra := range []int{0, 1, 5} {
		tape := NewTape()
		x := tape.VariableScalar(3)
		y := x.Square() // 9
		tape.Reset()
		z := tape.VariableScalar(10)
		for range extra + 1 {
			z = z.Exp()
		}
		for name, use := range map[string]func(){
			"Item":  func() { _ = y.Item() },
			"Value": func() { _ = y.Value() },
			"Add":   func() { _ = z.Add(y) },
		} {
			func() {
				defer func() {
					r := recover()
					if r == nil || !strings.Contains(fmt.Sprint(r), "Reset") {
						t.Errorf("new tape %d nodes longer: stale %s: recovered %v, want a panic naming Reset", extra, name, r)
					}
				}()
				use()
			}()
		}
	}
}

func TestStaleScalarAfterReset(t *testing.T) {
	tape := NewScalars()
	y := tape.Var(3).Mul(tape.Var(3))
	tape.Reset()
	tape.Var(10).Exp().Exp().Exp()
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "Reset") {
			t.Errorf("stale Scalar: recovered %v, want a panic naming Reset", r)
		}
	}()
	_ = y.Value()
}
