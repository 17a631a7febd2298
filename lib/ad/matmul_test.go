package ad

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gradbook/gradbook/lib/ad/internal/gemm"
	"github.com/gradbook/gradbook/lib/fd"
)

// eachGemmKernel runs f with every matrix-multiply micro-kernel this CPU
// has (AVX-512, AVX2, and Go, for which MatMul uses gonum), so each path
// is checked on the same machine.
func eachGemmKernel(t *testing.T, f func(t *testing.T)) {
	for _, name := range gemm.Kernels() {
		t.Run(name, func(t *testing.T) {
			prev, err := gemm.Use(name)
			if err != nil {
				t.Fatal(err)
			}
			defer gemm.Use(prev)
			if want := map[string]string{"go": "gonum"}[name]; want != "" && MatMulKernel() != want {
				t.Fatalf("MatMulKernel() = %q with gemm's %s kernel, want %q", MatMulKernel(), name, want)
			} else if want == "" && MatMulKernel() != name {
				t.Fatalf("MatMulKernel() = %q, want %q", MatMulKernel(), name)
			}
			f(t)
		})
	}
}

// TestMatMulGemmGradients checks MatMul's gradients, which run on
// internal/gemm once op(A) has thinRows rows or more (the small op cases
// in ops_test stay below that), against lib/fd's finite differences, for
// products with plain and transposed operands and a k past gemm's kc
// block.
func TestMatMulGemmGradients(t *testing.T) {
	cases := []struct {
		name    string
		m, k, n int
		f       func(a, b Var) Var
	}{
		{"A·B", 13, 17, 19, func(a, b Var) Var { return a.MatMul(b) }},
		{"Aᵀ·B", 17, 13, 19, func(a, b Var) Var { return a.T().MatMul(b) }},
		{"A·Bᵀ", 13, 17, 19, func(a, b Var) Var { return a.MatMul(b.T()) }},
		{"long k", 9, 300, 5, func(a, b Var) Var { return a.MatMul(b) }},
	}
	rng := rand.New(rand.NewPCG(3, 5))
	eachGemmKernel(t, func(t *testing.T) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				an := tc.m * tc.k
				x := randomInputs(rng, []shape{{an + tc.k*tc.n, 1}}, false)[0]
				ar, ac, br, bc := tc.m, tc.k, tc.k, tc.n
				if tc.name == "Aᵀ·B" {
					ar, ac = ac, ar
				}
				if tc.name == "A·Bᵀ" {
					br, bc = bc, br
				}
				w := make([]float64, tc.m*tc.n*4)
				for i := range w {
					w[i] = rng.NormFloat64()
				}
				loss := func(tp *Tape, a, b Var) Var { return scalarize(tp, tc.f(a, b).Tanh(), w) }
				value := func(x []float64) float64 {
					tp := NewTape()
					return loss(tp, tp.ConstantData(ar, ac, x[:an]), tp.ConstantData(br, bc, x[an:])).Item()
				}
				tp := NewTape()
				a, b := tp.VariableData(ar, ac, x[:an]), tp.VariableData(br, bc, x[an:])
				tp.Backward(loss(tp, a, b))
				got := append(append([]float64(nil), a.Grad()...), b.Grad()...)
				want := fd.Gradient(nil, value, x, nil)
				// Central differences carry an absolute error (truncation and
				// cancellation in f) that does not shrink with a component
				// where tanh saturates, so errors are measured against the
				// largest component: ~1e-9 here, while a wrong transpose or
				// tile is off by O(1).
				var scale float64
				for _, v := range want {
					scale = max(scale, math.Abs(v))
				}
				for i := range got {
					if e := math.Abs(got[i]-want[i]) / scale; e > 1e-6 {
						t.Fatalf("element %d: ad %.10g, fd %.10g (error %.2g of the largest component %.3g)", i, got[i], want[i], e, scale)
					}
				}
			})
		}
	})
}

// TestMatMulAgreesWithGonum compares MatMul's value on an MLP-sized product
// with gonum's mat.Mul, within the rounding bound of a length-k sum.
func TestMatMulAgreesWithGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	m, k, n := 70, 300, 45
	a := randomInputs(rng, []shape{{m, k}}, false)[0]
	b := randomInputs(rng, []shape{{k, n}}, false)[0]
	var want mat.Dense
	want.Mul(mat.NewDense(m, k, a), mat.NewDense(k, n, b))
	eachGemmKernel(t, func(t *testing.T) {
		tp := NewTape()
		got := tp.ConstantData(m, k, a).MatMul(tp.ConstantData(k, n, b)).Value()
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				// |aᵢₚbₚⱼ| ≤ 4 here, so the sum of magnitudes is at most 4k.
				bound := 2 * float64(k+2) * 0x1p-52 * 4 * float64(k)
				if d := math.Abs(got[i*n+j] - want.At(i, j)); d > bound {
					t.Fatalf("%s: (%d,%d) = %v, gonum %v", fmt.Sprint(gemm.Kernel()), i, j, got[i*n+j], want.At(i, j))
				}
			}
		}
	})
}
