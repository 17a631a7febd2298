package ad

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func rosenbrockInput(n int) []float64 {
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.Float64()*2 - 1
	}
	return x
}

func BenchmarkRosenbrockValue(b *testing.B) {
	x := rosenbrockInput(1_000_000)
	t := NewTape()
	for b.Loop() {
		t.Reset()
		rosenbrock(t, t.ConstantVec(x))
	}
}

// BenchmarkRosenbrockValueTape is BenchmarkRosenbrockValue on a value
// tape: the elementwise chain fused into one cache-resident pass.
func BenchmarkRosenbrockValueTape(b *testing.B) {
	x := rosenbrockInput(1_000_000)
	t := NewValueTape()
	for b.Loop() {
		t.Reset()
		rosenbrock(t, t.ConstantVec(x))
	}
}

func BenchmarkRosenbrockGradient(b *testing.B) {
	x := rosenbrockInput(1_000_000)
	t := NewTape()
	for b.Loop() {
		t.Reset()
		v := t.VariableVec(x)
		t.Backward(rosenbrock(t, v))
	}
}

func BenchmarkMLPStep(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	fill := func(r, c int, s float64) *mat.Dense {
		d := make([]float64, r*c)
		for i := range d {
			d[i] = rng.NormFloat64() * s
		}
		return mat.NewDense(r, c, d)
	}
	X := fill(256, 784, 1)
	W1, B1 := fill(784, 256, 0.05), fill(1, 256, 0)
	W2, B2 := fill(256, 256, 0.06), fill(1, 256, 0)
	W3, B3 := fill(256, 10, 0.06), fill(1, 10, 0)
	labels := make([]int, 256)
	for i := range labels {
		labels[i] = rng.IntN(10)
	}
	params := []*mat.Dense{W1, B1, W2, B2, W3, B3}
	t := NewTape()
	vars := make([]Var, len(params))
	for b.Loop() {
		t.Reset()
		for i, p := range params {
			vars[i] = t.Variable(p)
		}
		h := t.Constant(X).MatMul(vars[0]).Add(vars[1]).ReLU()
		h = h.MatMul(vars[2]).Add(vars[3]).ReLU()
		loss := h.MatMul(vars[4]).Add(vars[5]).SoftmaxCrossEntropy(labels)
		t.Backward(loss)
		for i, p := range params {
			d := p.RawMatrix().Data
			for j, g := range vars[i].Grad() {
				d[j] -= 0.01 * g
			}
		}
	}
}

// scalarGraph records the micrograd-style benchmark graph of ops scalar
// operations on 10 inputs, the same sequence as bench/ad's PyTorch side.
func scalarGraph(t *Scalars, xs []Scalar, ops int) Scalar {
	v := xs[0]
	for i := 1; v.t.Len() < ops+len(xs); i++ {
		b := xs[i%len(xs)]
		switch i % 4 {
		case 0:
			v = v.Mul(b)
		case 1:
			v = v.Add(b)
		case 2:
			v = v.Tanh()
		default:
			v = v.Sub(b).ReLU()
		}
	}
	return v
}

// BenchmarkScalarGraph reports the cost per operation of forward and
// backward through a 10⁵-operation scalar graph.
func BenchmarkScalarGraph(b *testing.B) {
	t := NewScalars()
	const ops = 100_000
	xs := make([]Scalar, 10)
	for b.Loop() {
		t.Reset()
		for i := range xs {
			xs[i] = t.Var(0.1 * float64(i+1))
		}
		t.Backward(scalarGraph(t, xs, ops))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/ops, "ns/scalar-op")
}

// BenchmarkHessian is the full Hessian of Σxᵢ⁴ + (Σxᵢ)² for n = 500.
func BenchmarkHessian(b *testing.B) {
	x := rosenbrockInput(500)
	h := mat.NewSymDense(500, nil)
	for b.Loop() {
		Hessian(h, quartic, x)
	}
}
