package ad

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// sameBits reports whether two slices hold the same float64 values bit
// for bit (NaNs with equal payloads count as equal).
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// TestValueTapeMatchesTape runs every op case of ops_test on a value tape
// and an ordinary one: the fused evaluation must give the same bits, both
// for the op's result read directly and for the scalarized output.
func TestValueTapeMatchesTape(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	w := make([]float64, 64)
	for i := range w {
		w[i] = rng.NormFloat64()
	}
	for _, tc := range opCases {
		in := randomInputs(rng, tc.shapes, tc.positive)
		run := func(tp *Tape) (out, item []float64) {
			vars := make([]Var, len(in))
			for k, s := range tc.shapes {
				vars[k] = tp.ConstantData(s.r, s.c, in[k])
			}
			y := tc.f(vars)
			s := scalarize(tp, y, w)
			return append([]float64(nil), y.Value()...), []float64{s.Item()}
		}
		wantOut, wantItem := run(NewTape())
		vt := NewValueTape()
		vt.fuseMin = 1 // defer even these small results
		gotOut, gotItem := run(vt)
		if !sameBits(gotOut, wantOut) || !sameBits(gotItem, wantItem) {
			t.Errorf("%s: value tape %v / %v, tape %v / %v", tc.name, gotOut, gotItem, wantOut, wantItem)
		}
	}
}

// TestValueTapeChains crosses chunk boundaries (n above fuseMin and not a
// multiple of valueChunk), reads intermediate results after their consumers ran,
// mixes fused chains with matrix products and broadcasting, and reuses the
// tape after Reset.
func TestValueTapeChains(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 7))
	x := make([]float64, fuseMin+3*valueChunk+17)
	for i := range x {
		x[i] = rng.Float64()*2 - 1
	}
	type result struct{ rosen, mid, mlp []float64 }
	run := func(tp *Tape) result {
		tp.Reset()
		v := tp.ConstantVec(x)
		n := v.Len()
		head, tail := v.Rows(0, n-1), v.Rows(1, n)
		mid := tail.Sub(head.Square())
		r := mid.Square().Scale(100).Add(head.RSub(1).Square()).Sum()
		// a product of fused operands, then a broadcast bias and a fused tail
		a := tp.ConstantData(80, 40, x[:3200]).Tanh().Shift(0.5)
		b := tp.ConstantData(40, 60, x[1000:3400]).Square()
		bias := tp.ConstantData(1, 60, x[3400:3460])
		m := a.MatMul(b).Add(bias).Sigmoid().Mul(a.MatMul(b)).Sum()
		return result{[]float64{r.Item()}, append([]float64(nil), mid.Value()...), []float64{m.Item()}}
	}
	want := run(NewTape())
	vt := NewValueTape()
	for pass := range 2 { // the second pass reuses every buffer
		got := run(vt)
		if !sameBits(got.rosen, want.rosen) || !sameBits(got.mid, want.mid) || !sameBits(got.mlp, want.mlp) {
			t.Fatalf("pass %d: value tape %v %v, tape %v %v", pass, got.rosen, got.mlp, want.rosen, want.mlp)
		}
	}
}

func TestValueTapeBackwardPanics(t *testing.T) {
	tp := NewValueTape()
	y := tp.VariableVec([]float64{1, 2}).Square().Sum()
	defer func() {
		if s, _ := recover().(string); !strings.Contains(s, "value tape") {
			t.Fatalf("panic %q, want one naming the value tape", s)
		}
	}()
	tp.Backward(y)
}

// TestValueAgreesWithGradient: ad.Value (a value tape) and the value that
// Gradient returns (an ordinary tape) are the same number.
func TestValueAgreesWithGradient(t *testing.T) {
	x := rosenbrockInput(2000)
	_, want := Gradient(nil, rosenbrock, x)
	if got := Value(rosenbrock, x); math.Float64bits(got) != math.Float64bits(want) {
		t.Fatalf("Value %v, Gradient's value %v", got, want)
	}
}

// A value tape evaluates the same expressions as any tape, for their value
// only; the elementwise chain below runs as one fused pass.
func ExampleNewValueTape() {
	t := NewValueTape()
	x := t.ConstantVec([]float64{1, 2, 3})
	f := x.Shift(-1).Square().Sum() // Σ (xᵢ − 1)²
	fmt.Println(f.Item())
	// Output: 5
}

// TestValueTapeDefers checks what is deferred: elementwise results of
// fuseMin elements or more until a consumer needs them, smaller ones not
// at all; and that evaluating again after Reset allocates nothing.
func TestValueTapeDefers(t *testing.T) {
	x := rosenbrockInput(fuseMin)
	vt := NewValueTape()
	y := vt.ConstantVec(x).Square().Shift(1)
	if !y.node().pending {
		t.Fatal("Square().Shift(1) of a long vector was computed at once")
	}
	s := y.Sum()
	if !y.node().pending {
		t.Fatal("Sum computed its deferred operand into memory")
	}
	want := 0.0
	for _, v := range x {
		want += v*v + 1
	}
	if math.Abs(s.Item()-want) > 1e-12*want {
		t.Fatalf("Sum %v, want %v", s.Item(), want)
	}
	if v := y.Value(); y.node().pending || v[7] != x[7]*x[7]+1 {
		t.Fatal("Value did not compute the deferred node")
	}
	if z := vt.ConstantVec(x[:fuseMin-1]).Square(); z.node().pending {
		t.Fatal("a result below fuseMin was deferred")
	}
	allocs := testing.AllocsPerRun(5, func() {
		vt.Reset()
		rosenbrock(vt, vt.ConstantVec(x))
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per evaluation after the first", allocs)
	}
}

// TestValueTapeGraph: Graph of a value tape shows deferred nodes with
// their values (here by shape), not as empty.
func TestValueTapeGraph(t *testing.T) {
	vt := NewValueTape()
	vt.fuseMin = 1
	y := vt.ConstantVec([]float64{1, 2, 3}).Square()
	g := vt.Graph(y)
	if last := g[len(g)-1]; last.Value != "[1 4 9]" {
		t.Fatalf("Graph shows the deferred Square as %q, want [1 4 9]", last.Value)
	}
}
