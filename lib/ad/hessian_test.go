package ad

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/gradbook/gradbook/lib/fd/testfunc"
)

// quartic is Σxᵢ⁴ + (Σxᵢ)², whose Hessian is diag(12xᵢ²) + 2·11ᵀ.
func quartic(t *Tape, x Var) Var {
	return x.Pow(4).Sum().Add(x.Sum().Square())
}

func TestHessianAnalytic(t *testing.T) {
	x := []float64{0.5, -1, 2, 0.1}
	h := Hessian(nil, quartic, x)
	for i := range x {
		for j := range x {
			want := 2.0
			if i == j {
				want += 12 * x[i] * x[i]
			}
			if got := h.At(i, j); math.Abs(got-want) > 1e-13*math.Abs(want) {
				t.Errorf("H[%d,%d] = %v, want %v", i, j, got, want)
			}
		}
	}
}

// Every op's second derivatives, as HessVec in a random direction, against
// central differences of the reverse-mode gradient.
func TestHessVecAgainstFD(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	w := normals(rng, 64)
	for _, tc := range opCases {
		t.Run(tc.name, func(t *testing.T) {
			f := caseFunc(tc, w)
			x := flatInputs(rng, tc)
			v := normals(rng, len(x))
			hv := HessVec(nil, f, x, v)
			h := Hessian(nil, f, x)
			hvFull := mat.NewVecDense(len(x), nil)
			hvFull.MulVec(h, mat.NewVecDense(len(x), v))
			// d/dε ∇f(x + εv) by central differences, component by component
			xe := make([]float64, len(x))
			for i := range x {
				eps := 0.0
				fd := centralDiff(func() float64 {
					for k := range x {
						xe[k] = x[k] + eps*v[k]
					}
					g, _ := Gradient(nil, f, xe)
					return g[i]
				}, &eps)
				if e := relErr(hv[i], fd); e > 1e-5 {
					t.Errorf("(Hv)[%d]: ad %.10g, fd %.10g", i, hv[i], fd)
				}
				if e := relErr(hv[i], hvFull.AtVec(i)); e > 1e-10 {
					t.Errorf("(Hv)[%d]: HessVec %.12g, Hessian·v %.12g", i, hv[i], hvFull.AtVec(i))
				}
			}
		})
	}
}

// The lecture's point made measurable: a full Hessian needs O(n²) memory,
// a Hessian-vector product O(n).
func TestHessianMemoryQuadratic(t *testing.T) {
	bytes := func(fn func()) float64 {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		fn()
		runtime.ReadMemStats(&b)
		return float64(b.TotalAlloc - a.TotalAlloc)
	}
	full := func(n int) float64 {
		x := rosenbrockInput(n)
		return bytes(func() { Hessian(nil, quartic, x) })
	}
	hvp := func(n int) float64 {
		x := rosenbrockInput(n)
		return bytes(func() { HessVec(nil, quartic, x, x) })
	}
	r := full(400) / full(200)
	if r < 3.2 || r > 4.8 {
		t.Errorf("Hessian memory grew %.2f× from n = 200 to 400, want ≈ 4 (quadratic)", r)
	}
	r = hvp(40000) / hvp(20000)
	if r < 1.6 || r > 2.4 {
		t.Errorf("HessVec memory grew %.2f× from n = 20000 to 40000, want ≈ 2 (linear)", r)
	}
}

// With no variables the Hessian is the empty 0×0 matrix, not a panic
// inside gonum.
func TestHessianNoVariables(t *testing.T) {
	h := Hessian(nil, func(t *Tape, x Var) Var { return x.Sum() }, nil)
	if h == nil || h.SymmetricDim() != 0 {
		t.Errorf("Hessian with n = 0: %v, want an empty matrix", h)
	}
}

// A non-scalar f is an error of CheckGradient, not a panic.
func TestCheckGradientNonScalar(t *testing.T) {
	_, err := CheckGradient(func(t *Tape, x Var) Var { return x.Square() }, []float64{1, 2}, nil)
	if err == nil || !strings.Contains(err.Error(), "2×1") {
		t.Errorf("non-scalar f: %v, want an error naming the 2×1 shape", err)
	}
}

// The tape Rosenbrock of these tests agrees with the corpus's closed forms
// (testfunc.Rosenbrock) in value, gradient and Hessian: reverse mode and
// Hessian-vector products are exact up to rounding, so 1e-12 relative.
func TestRosenbrockCorpus(t *testing.T) {
	rb := testfunc.Rosenbrock
	for _, x := range rb.At {
		g, v := Gradient(nil, rosenbrock, x)
		if relErr(v, rb.F(x)) > 1e-12 {
			t.Errorf("value at %v: tape %v, corpus %v", x, v, rb.F(x))
		}
		want := make([]float64, rb.Dim)
		rb.Grad(want, x)
		for i := range want {
			if relErr(g[i], want[i]) > 1e-12 {
				t.Errorf("∂f/∂x%d at %v: tape %v, corpus %v", i, x, g[i], want[i])
			}
		}
		h := Hessian(nil, rosenbrock, x)
		wantH := mat.NewSymDense(rb.Dim, nil)
		rb.Hess(wantH, x)
		if !mat.EqualApprox(h, wantH, 1e-12*mat.Norm(wantH, math.Inf(1))) {
			t.Errorf("Hessian at %v: tape\n%v\ncorpus\n%v", x, mat.Formatted(h), mat.Formatted(wantH))
		}
	}
}
