package ad

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// shape is an input shape for an op test.
type shape struct{ r, c int }

// opCase is one operation checked against central finite differences.
type opCase struct {
	name   string
	shapes []shape
	f      func(in []Var) Var
	// positive draws inputs from (0.5, 2) instead of (−2, 2) for ops
	// defined only there (log, sqrt, pow, division).
	positive bool
	tol      float64
}

var labels3 = []int{2, 0, 1} // class labels for the 3×4 cross-entropy case
var mask3x4 = []float64{0, 2, 2, 0, 2, 2, 0, 2, 0, 0, 2, 2}

var opCases = []opCase{
	{name: "add", shapes: []shape{{3, 4}, {3, 4}}, f: func(v []Var) Var { return v[0].Add(v[1]) }},
	{name: "add row broadcast", shapes: []shape{{3, 4}, {1, 4}}, f: func(v []Var) Var { return v[0].Add(v[1]) }},
	{name: "add col broadcast", shapes: []shape{{3, 4}, {3, 1}}, f: func(v []Var) Var { return v[0].Add(v[1]) }},
	{name: "add scalar broadcast left", shapes: []shape{{1, 1}, {3, 4}}, f: func(v []Var) Var { return v[0].Add(v[1]) }},
	{name: "add outer broadcast", shapes: []shape{{3, 1}, {1, 4}}, f: func(v []Var) Var { return v[0].Add(v[1]) }},
	{name: "sub col broadcast", shapes: []shape{{3, 1}, {3, 4}}, f: func(v []Var) Var { return v[0].Sub(v[1]) }},
	{name: "mul", shapes: []shape{{3, 4}, {3, 4}}, f: func(v []Var) Var { return v[0].Mul(v[1]) }},
	{name: "mul row broadcast", shapes: []shape{{1, 4}, {3, 4}}, f: func(v []Var) Var { return v[0].Mul(v[1]) }},
	{name: "mul scalar", shapes: []shape{{3, 4}, {1, 1}}, f: func(v []Var) Var { return v[0].Mul(v[1]) }},
	{name: "mul self", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Mul(v[0]) }},
	{name: "div", shapes: []shape{{3, 4}, {3, 4}}, positive: true, f: func(v []Var) Var { return v[0].Div(v[1]) }},
	{name: "div col broadcast", shapes: []shape{{3, 4}, {3, 1}}, positive: true, f: func(v []Var) Var { return v[0].Div(v[1]) }},
	{name: "div scalar numerator", shapes: []shape{{1, 1}, {3, 4}}, positive: true, f: func(v []Var) Var { return v[0].Div(v[1]) }},
	{name: "scale", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Scale(-2.5) }},
	{name: "shift", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Shift(3) }},
	{name: "rsub", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].RSub(3) }},
	{name: "rdiv", shapes: []shape{{3, 4}}, positive: true, f: func(v []Var) Var { return v[0].RDiv(3) }},
	{name: "pow 3", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Pow(3) }},
	{name: "pow 2.5", shapes: []shape{{3, 4}}, positive: true, f: func(v []Var) Var { return v[0].Pow(2.5) }},
	{name: "pow -1.5", shapes: []shape{{3, 4}}, positive: true, f: func(v []Var) Var { return v[0].Pow(-1.5) }},
	{name: "neg", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Neg() }},
	{name: "square", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Square() }},
	{name: "exp", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Exp() }},
	{name: "log", shapes: []shape{{3, 4}}, positive: true, f: func(v []Var) Var { return v[0].Log() }},
	{name: "log1p", shapes: []shape{{3, 4}}, positive: true, f: func(v []Var) Var { return v[0].Log1p() }},
	{name: "sqrt", shapes: []shape{{3, 4}}, positive: true, f: func(v []Var) Var { return v[0].Sqrt() }},
	{name: "abs", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Abs() }},
	{name: "sin", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Sin() }},
	{name: "cos", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Cos() }},
	{name: "tanh", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Tanh() }},
	{name: "sigmoid", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Sigmoid() }},
	{name: "relu", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].ReLU() }},
	{name: "leaky relu", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].LeakyReLU(0.1) }},
	{name: "softplus", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Softplus() }},
	{name: "heaviside", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Heaviside().Add(v[0]) }},
	{name: "matmul", shapes: []shape{{3, 4}, {4, 2}}, f: func(v []Var) Var { return v[0].MatMul(v[1]) }},
	{name: "matmul vector", shapes: []shape{{3, 4}, {4, 1}}, f: func(v []Var) Var { return v[0].MatMul(v[1]) }},
	{name: "matmul self", shapes: []shape{{3, 3}}, f: func(v []Var) Var { return v[0].MatMul(v[0]) }},
	{name: "transpose", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].T() }},
	{name: "xᵀx", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].T().MatMul(v[0]) }},
	{name: "reshape", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Reshape(2, 6).Square() }},
	{name: "slice block", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Slice(1, 3, 1, 3).Square() }},
	{name: "slice rows", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Rows(1, 3).Square() }},
	{name: "at", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].At(2, 1).Square() }},
	{name: "dot", shapes: []shape{{3, 4}, {3, 4}}, f: func(v []Var) Var { return v[0].Dot(v[1]) }},
	{name: "sum", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Square().Sum() }},
	{name: "mean", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Square().Mean() }},
	{name: "sum axis 0", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Square().SumAxis(0) }},
	{name: "sum axis 1", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Square().SumAxis(1) }},
	{name: "mean axis 0", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Square().MeanAxis(0) }},
	{name: "mean axis 1", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Square().MeanAxis(1) }},
	{name: "max", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Max() }},
	{name: "min", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Min() }},
	{name: "maximum", shapes: []shape{{3, 4}, {3, 4}}, f: func(v []Var) Var { return v[0].Maximum(v[1]) }},
	{name: "minimum broadcast", shapes: []shape{{3, 4}, {1, 4}}, f: func(v []Var) Var { return v[0].Minimum(v[1]) }},
	{name: "softmax rows", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Softmax() }},
	{name: "softmax vector", shapes: []shape{{5, 1}}, f: func(v []Var) Var { return v[0].Softmax() }},
	{name: "log softmax", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].LogSoftmax() }},
	{name: "logsumexp rows", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].LogSumExp() }},
	{name: "logsumexp vector", shapes: []shape{{1, 5}}, f: func(v []Var) Var { return v[0].LogSumExp() }},
	{name: "softmax cross-entropy", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].SoftmaxCrossEntropy(labels3) }},
	{name: "mask", shapes: []shape{{3, 4}}, f: func(v []Var) Var { return v[0].Mask(mask3x4) }},
	{name: "mlp layer", shapes: []shape{{5, 3}, {3, 4}, {1, 4}}, f: func(v []Var) Var {
		return v[0].MatMul(v[1]).Add(v[2]).Tanh().SoftmaxCrossEntropy([]int{0, 3, 1, 2, 2})
	}},
}

// randomInputs draws data for the shapes; positive keeps them in (0.5, 2).
func randomInputs(rng *rand.Rand, shapes []shape, positive bool) [][]float64 {
	in := make([][]float64, len(shapes))
	for k, s := range shapes {
		in[k] = make([]float64, s.r*s.c)
		for i := range in[k] {
			if positive {
				in[k][i] = 0.5 + 1.5*rng.Float64()
			} else {
				// stay 0.05 away from 0 so that kinks (abs, relu) are not
				// straddled by the finite-difference step
				v := 0.05 + 1.95*rng.Float64()
				if rng.IntN(2) == 0 {
					v = -v
				}
				in[k][i] = v
			}
		}
	}
	return in
}

// scalarize reduces any output to a scalar with fixed random weights, so
// that one gradient checks the whole Jacobian in a random direction.
func scalarize(t *Tape, out Var, w []float64) Var {
	r, c := out.Dims()
	return out.Dot(t.ConstantData(r, c, w[:r*c]))
}

func TestOpsAgainstFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	w := normals(rng, 64)
	tape := NewTape()
	for _, tc := range opCases {
		t.Run(tc.name, func(t *testing.T) {
			for trial := range 3 {
				in := randomInputs(rng, tc.shapes, tc.positive)
				eval := func() float64 {
					tp := NewTape()
					vars := make([]Var, len(in))
					for k, s := range tc.shapes {
						vars[k] = tp.ConstantData(s.r, s.c, in[k])
					}
					return scalarize(tp, tc.f(vars), w).Item()
				}
				tape.Reset()
				vars := make([]Var, len(in))
				for k, s := range tc.shapes {
					vars[k] = tape.VariableData(s.r, s.c, in[k])
				}
				y := scalarize(tape, tc.f(vars), w)
				if got, want := y.Item(), eval(); math.Abs(got-want) > 1e-12*(1+math.Abs(want)) {
					t.Fatalf("value %v with variables, %v with constants", got, want)
				}
				tape.Backward(y)
				tol := tc.tol
				if tol == 0 {
					tol = 1e-6 // central differences with h ≈ 6e-6 are good to ~1e-9 here
				}
				for k := range in {
					g := vars[k].Grad()
					for i := range in[k] {
						fd := centralDiff(eval, &in[k][i])
						if e := relErr(g[i], fd); e > tol {
							t.Errorf("trial %d input %d element %d: ad %.10g, fd %.10g (rel err %.2g)", trial, k, i, g[i], fd, e)
						}
					}
				}
			}
		})
	}
}

func TestBroadcastShapes(t *testing.T) {
	tape := NewTape()
	a := tape.ConstantData(3, 1, []float64{1, 2, 3})
	b := tape.ConstantData(1, 2, []float64{10, 20})
	c := a.Add(b)
	r, cc := c.Dims()
	if r != 3 || cc != 2 {
		t.Fatalf("3×1 + 1×2 is %d×%d, want 3×2", r, cc)
	}
	want := []float64{11, 21, 12, 22, 13, 23}
	for i, v := range c.Value() {
		if v != want[i] {
			t.Fatalf("3×1 + 1×2 = %v, want %v", c.Value(), want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("2×3 + 3×2 did not panic")
		}
	}()
	tape.ConstantData(2, 3, make([]float64, 6)).Add(tape.ConstantData(3, 2, make([]float64, 6)))
}

func ExampleTape() {
	// f(x, y) = x·y + sin(x) at (x, y) = (2, 3): ∂f/∂x = y + cos x, ∂f/∂y = x.
	t := NewTape()
	x := t.VariableScalar(2)
	y := t.VariableScalar(3)
	f := x.Mul(y).Add(x.Sin())
	t.Backward(f)
	fmt.Printf("f = %.4f\n∂f/∂x = %.4f\n∂f/∂y = %.4f\n", f.Item(), x.Grad()[0], y.Grad()[0])
	// Output:
	// f = 6.9093
	// ∂f/∂x = 2.5839
	// ∂f/∂y = 2.0000
}
