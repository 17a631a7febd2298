package ad

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestSoftplusRuleStableAtExtremes(t *testing.T) {
	for _, x := range []float64{-1000, -30, -1, 0, 1, 30, 1000} {
		tape := NewTape()
		v := tape.VariableScalar(x)
		y := v.Apply(Softplus)
		tape.Backward(y)
		// analytic: softplus(x) = log(1+eˣ), its derivative σ(x)
		want := math.Log1p(math.Exp(x))
		if x > 30 {
			want = x + math.Log1p(math.Exp(-x))
		}
		if relErr(y.Item(), want) > 1e-15 {
			t.Errorf("softplus(%v) = %v, want %v", x, y.Item(), want)
		}
		sig := 1 / (1 + math.Exp(-x))
		if g := v.Grad()[0]; relErr(g, sig) > 1e-15 || math.IsNaN(g) {
			t.Errorf("softplus′(%v) = %v, want %v", x, g, sig)
		}
		// forward mode with the same rule
		if d := Softplus.Dual(Dual{x, 1}); relErr(d.D, sig) > 1e-15 {
			t.Errorf("dual softplus′(%v) = %v, want %v", x, d.D, sig)
		}
		// second derivative through the rule (D2F): σ(x)σ(−x)
		h := HessVec(nil, func(t *Tape, x Var) Var { return x.Apply(Softplus).Sum() }, []float64{x}, []float64{1})[0]
		e := math.Exp(-math.Abs(x)) // σ(x)σ(−x) = e^(−|x|)/(1 + e^(−|x|))², without 1 − σ cancelling
		if want := e / ((1 + e) * (1 + e)); relErr(h, want) > 1e-12 {
			t.Errorf("softplus″(%v) = %v, want %v", x, h, want)
		}
	}
	// The naive formula differentiated step by step breaks at 1000:
	// exp(1000) = +Inf and the gradient is Inf/Inf = NaN.
	tape := NewTape()
	v := tape.VariableScalar(1000)
	naive := v.Exp().Shift(1).Log()
	tape.Backward(naive)
	if !math.IsInf(naive.Item(), 1) || !math.IsNaN(v.Grad()[0]) {
		t.Errorf("naive log(1+eˣ) at 1000: value %v gradient %v; expected +Inf and NaN (the failure the rule avoids)", naive.Item(), v.Grad()[0])
	}
}

func TestRuleWithoutSecondDerivativePanicsInHessian(t *testing.T) {
	r := &Rule{Name: "cube", F: func(x float64) float64 { return x * x * x }, DF: func(x float64) float64 { return 3 * x * x }}
	g, _ := Gradient(nil, func(t *Tape, x Var) Var { return x.Apply(r).Sum() }, []float64{2})
	if g[0] != 12 {
		t.Errorf("gradient of x³ at 2 = %v, want 12", g[0])
	}
	defer func() {
		if recover() == nil {
			t.Error("HessVec through a rule without D2F did not panic")
		}
	}()
	HessVec(nil, func(t *Tape, x Var) Var { return x.Apply(r).Sum() }, []float64{2}, []float64{1})
}

// symmetricWithGap returns a random symmetric n×n matrix whose dominant
// eigenvalue is well separated (a large rank-one part plus noise).
func symmetricWithGap(rng *rand.Rand, n int) []float64 {
	u := make([]float64, n)
	for i := range u {
		u[i] = rng.NormFloat64()
	}
	a := make([]float64, n*n)
	for i := range n {
		for j := 0; j <= i; j++ {
			v := u[i]*u[j] + 0.1*rng.NormFloat64()
			a[i*n+j], a[j*n+i] = v, v
		}
	}
	return a
}

func TestPowerEigenvector(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	n := 5
	a := symmetricWithGap(rng, n)
	w := make([]float64, n)
	for i := range w {
		w[i] = rng.NormFloat64()
	}
	// f(A) = wᵀ v(A): a scalar that depends on the whole eigenvector
	f := func(t *Tape, x Var) Var {
		return x.Reshape(n, n).Custom(PowerEigenvector).Dot(t.ConstantVec(w))
	}
	// the value against gonum's symmetric eigensolver
	var es mat.EigenSym
	if !es.Factorize(mat.NewSymDense(n, a), true) {
		t.Fatal("EigenSym failed")
	}
	var vecs mat.Dense
	es.VectorsTo(&vecs)
	vals := es.Values(nil)
	k := 0
	for i := range vals {
		if math.Abs(vals[i]) > math.Abs(vals[k]) {
			k = i
		}
	}
	tape := NewTape()
	v := tape.ConstantData(n, n, a).Custom(PowerEigenvector).Value()
	dot := 0.0
	for i := range n {
		dot += v[i] * vecs.At(i, k)
	}
	if math.Abs(math.Abs(dot)-1) > 1e-12 {
		t.Errorf("eigenvector differs from gonum's: |⟨v, v_gonum⟩| = %v", math.Abs(dot))
	}
	// gradient against central differences (through the symmetric part)
	c, err := CheckGradient(f, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxRelErr > 1e-6 {
		t.Errorf("PowerEigenvector VJP: %v", c)
	}
	// forward mode (its JVP) against reverse mode
	dir := make([]float64, n*n)
	for i := range dir {
		dir[i] = rng.NormFloat64()
	}
	_, jv := JVPOf(f, a, dir)
	var rev float64
	for i := range dir {
		rev += c.AD[i] * dir[i]
	}
	if relErr(jv[0], rev) > 1e-10 {
		t.Errorf("JVP %v, reverse %v", jv[0], rev)
	}
	// and against differentiating 300 unrolled power steps on the tape
	unrolled := func(t *Tape, x Var) Var {
		s := x.Reshape(n, n)
		s = s.Add(s.T()).Scale(0.5)
		init := make([]float64, n)
		for i := range init {
			init[i] = 1 + float64(i)/float64(n)
		}
		q := t.ConstantVec(init)
		for range 300 {
			q = s.MatMul(q)
			q = q.Div(q.Dot(q).Sqrt())
		}
		if q.Value()[argmaxAbs(q.Value())] < 0 {
			q = q.Neg()
		}
		return q.Dot(t.ConstantVec(w))
	}
	g, _ := Gradient(nil, unrolled, a)
	for i := range g {
		if relErr(g[i], c.AD[i]) > 1e-8 {
			t.Errorf("unrolled power iteration gradient[%d] = %v, custom rule %v", i, g[i], c.AD[i])
		}
	}
}

func argmaxAbs(v []float64) int {
	k := 0
	for i := range v {
		if math.Abs(v[i]) > math.Abs(v[k]) {
			k = i
		}
	}
	return k
}

func ExampleRule() {
	// log(1 + eˣ) with its derivative supplied: finite at x = 1000, where
	// differentiating the naive formula gives NaN.
	t := NewTape()
	x := t.VariableVec([]float64{-1000, 0, 1000})
	y := x.Apply(Softplus).Sum()
	t.Backward(y)
	fmt.Println(x.Grad())
	// Output:
	// [0 0.5 1]
}
