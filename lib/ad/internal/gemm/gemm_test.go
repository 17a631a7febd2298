package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// operands holds one random problem with padded strides, so that a kernel
// reading or writing past a row shows up as a wrong result.
type operands struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float64
	a, b, c        []float64
	lda, ldb, ldc  int
}

func newOperands(rng *rand.Rand, transA, transB bool, m, n, k, pad int, alpha, beta float64) operands {
	o := operands{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta}
	ar, ac := stored(transA, m, k)
	br, bc := stored(transB, k, n)
	fill := func(r, c int) ([]float64, int) {
		ld := max(c, 1) + pad
		x := make([]float64, max(r*ld, 1))
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		return x, ld
	}
	o.a, o.lda = fill(ar, ac)
	o.b, o.ldb = fill(br, bc)
	o.c, o.ldc = fill(m, n)
	return o
}

func tr(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

// check runs Gemm with the kernel in use and gonum's Dgemm on copies of the
// same C and compares them elementwise within the rounding bound of a
// length-k dot product: |Δ| ≤ 2(k+2)·ε·(|α|·Σₚ|aᵢₚ||bₚⱼ| + |β||cᵢⱼ|). The
// two routes sum in different orders (blocked and with FMAs here), so
// exact equality is not expected; a wrong element, a missed edge or a
// stray write is off by O(1).
func (o operands) check(t *testing.T) {
	t.Helper()
	got := append([]float64(nil), o.c...)
	want := append([]float64(nil), o.c...)
	Gemm(o.transA, o.transB, o.m, o.n, o.k, o.alpha, o.a, o.lda, o.b, o.ldb, o.beta, got, o.ldc)
	if o.m > 0 && o.n > 0 {
		gonum.Implementation{}.Dgemm(tr(o.transA), tr(o.transB), o.m, o.n, o.k, o.alpha, o.a, o.lda, o.b, o.ldb, o.beta, want, o.ldc)
	}
	at := func(i, p int) float64 {
		if o.transA {
			return o.a[p*o.lda+i]
		}
		return o.a[i*o.lda+p]
	}
	bt := func(p, j int) float64 {
		if o.transB {
			return o.b[j*o.ldb+p]
		}
		return o.b[p*o.ldb+j]
	}
	eps := math.Nextafter(1, 2) - 1
	for i := 0; i < o.m; i++ {
		for j := 0; j < o.ldc; j++ {
			idx := i*o.ldc + j
			if idx >= len(got) {
				break
			}
			if j >= o.n { // padding between rows must be untouched
				if got[idx] != o.c[idx] {
					t.Fatalf("%v: wrote C padding at (%d,%d)", o, i, j)
				}
				continue
			}
			var mag float64
			for p := 0; p < o.k; p++ {
				mag += math.Abs(at(i, p) * bt(p, j))
			}
			bound := 2 * float64(o.k+2) * eps * (math.Abs(o.alpha)*mag + math.Abs(o.beta*o.c[idx]))
			if d := math.Abs(got[idx] - want[idx]); !(d <= bound) {
				t.Fatalf("%v: C[%d,%d] = %v, gonum %v (|Δ| %.3g > bound %.3g)", o, i, j, got[idx], want[idx], d, bound)
			}
		}
	}
}

func (o operands) String() string {
	return fmt.Sprintf("kernel %s transA=%v transB=%v m=%d n=%d k=%d α=%v β=%v lda=%d ldb=%d ldc=%d",
		current.name, o.transA, o.transB, o.m, o.n, o.k, o.alpha, o.beta, o.lda, o.ldb, o.ldc)
}

// eachKernel runs f once with every micro-kernel this CPU has.
func eachKernel(t *testing.T, f func(t *testing.T)) {
	for _, name := range Kernels() {
		t.Run(name, func(t *testing.T) {
			prev, err := Use(name)
			if err != nil {
				t.Fatal(err)
			}
			defer Use(prev)
			f(t)
		})
	}
}

func TestKernelsIncludeGo(t *testing.T) {
	names := Kernels()
	if names[len(names)-1] != "go" || Kernel() != names[0] {
		t.Fatalf("Kernels() = %v, in use %q: want the portable kernel last and the first in use", names, Kernel())
	}
	if _, err := Use("vax"); err == nil || !strings.Contains(err.Error(), "vax") {
		t.Fatalf("Use(vax) error %v, want one naming it", err)
	}
}

// TestShapes covers every shape class against gonum: empty products, single
// rows and columns, sizes one below, at and above each register tile (4, 6,
// 8, 12, 16) and each cache block (kc = 256, mc = 192), the four transpose
// combinations, padded strides and the α, β special cases.
func TestShapes(t *testing.T) {
	sizes := [][3]int{ // m, n, k
		{0, 0, 0}, {0, 5, 3}, {5, 0, 3}, {4, 5, 0}, {1, 1, 1}, {1, 17, 9}, {17, 1, 9}, {1, 1, 300},
		{3, 3, 3}, {4, 4, 4}, {5, 7, 3}, {6, 8, 1}, {11, 15, 7}, {12, 16, 16}, {13, 17, 5},
		{24, 32, 33}, {25, 31, 64}, {37, 45, 255}, {36, 48, 256}, {35, 47, 257}, {30, 10, 513},
		{191, 20, 9}, {192, 16, 12}, {193, 33, 20}, {385, 18, 3}, {64, 100, 600},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	eachKernel(t, func(t *testing.T) {
		for _, s := range sizes {
			for _, ta := range []bool{false, true} {
				for _, tb := range []bool{false, true} {
					for _, ab := range [][2]float64{{1, 0}, {1, 1}, {-0.5, 2}, {0, 0.5}} {
						pad := (s[0] + s[1] + s[2]) % 3
						newOperands(rng, ta, tb, s[0], s[1], s[2], pad, ab[0], ab[1]).check(t)
					}
				}
			}
		}
	})
}

// TestLargeBlocks crosses the n block (nc = 4080) once per kernel.
func TestLargeBlocks(t *testing.T) {
	if testing.Short() {
		t.Skip("large product")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	eachKernel(t, func(t *testing.T) {
		newOperands(rng, false, true, 13, nc+21, 7, 1, 1, 1).check(t)
	})
}

// TestBetaZeroIgnoresC: with β = 0 a NaN already in C must not survive, as
// in BLAS (outputs are often fresh, uninitialised buffers).
func TestBetaZeroIgnoresC(t *testing.T) {
	eachKernel(t, func(t *testing.T) {
		a := []float64{1, 2, 3, 4}
		c := []float64{math.NaN(), math.Inf(1), math.NaN(), 7}
		Gemm(false, false, 2, 2, 2, 1, a, 2, a, 2, 0, c, 2)
		want := []float64{7, 10, 15, 22}
		for i := range c {
			if c[i] != want[i] {
				t.Fatalf("C = %v, want %v", c, want)
			}
		}
	})
}

func TestBadArguments(t *testing.T) {
	a := make([]float64, 6)
	for _, tc := range []struct {
		name string
		f    func()
		msg  string
	}{
		{"negative", func() { Gemm(false, false, -1, 2, 3, 1, a, 3, a, 2, 0, a, 2) }, "negative size"},
		{"short A", func() { Gemm(false, false, 3, 2, 3, 1, a, 3, a, 2, 0, a, 2) }, "A has 6 elements"},
		{"stride B", func() { Gemm(false, false, 2, 2, 3, 1, a, 3, a, 1, 0, a, 2) }, "stride of B"},
		{"short C", func() { Gemm(false, false, 2, 4, 1, 1, a, 1, a, 4, 0, a, 4) }, "C has 6 elements"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, tc.msg) {
					t.Fatalf("panic %v, want one containing %q", r, tc.msg)
				}
			}()
			tc.f()
		})
	}
}

// FuzzGEMM compares every kernel with gonum on fuzzer-chosen shapes,
// transposes, strides and scalars.
func FuzzGEMM(f *testing.F) {
	f.Add(uint8(13), uint8(17), uint8(5), uint8(0), uint8(1), 1.0, 0.0, uint64(1))
	f.Add(uint8(1), uint8(40), uint8(255), uint8(3), uint8(0), -2.0, 1.0, uint64(2))
	f.Fuzz(func(t *testing.T, m, n, k, flags, pad uint8, alpha, beta float64, seed uint64) {
		if math.IsNaN(alpha) || math.IsInf(alpha, 0) || math.Abs(alpha) > 1e100 ||
			math.IsNaN(beta) || math.IsInf(beta, 0) || math.Abs(beta) > 1e100 {
			t.Skip("scalars outside the range where the rounding bound is meaningful")
		}
		rng := rand.New(rand.NewPCG(seed, 9))
		// k up to 2·255 to cross the kc block.
		o := newOperands(rng, flags&1 != 0, flags&2 != 0, int(m)%70, int(n)%70, int(k)*int(flags>>6+1)%520, int(pad%4), alpha, beta)
		for _, name := range Kernels() {
			prev, _ := Use(name)
			o.check(t)
			Use(prev)
		}
	})
}

// TestNonFinite: an Inf or NaN in A or B reaches exactly the elements of C
// it reaches in gonum's Dgemm, with the same class (±Inf or NaN), also at
// the edges where the packed panels are padded with zeros (0·Inf would be
// NaN in a padded lane; such lanes must never reach C).
func TestNonFinite(t *testing.T) {
	class := func(v float64) string {
		switch {
		case math.IsNaN(v):
			return "NaN"
		case math.IsInf(v, 1):
			return "+Inf"
		case math.IsInf(v, -1):
			return "-Inf"
		}
		return "finite"
	}
	rng := rand.New(rand.NewPCG(5, 5))
	eachKernel(t, func(t *testing.T) {
		for _, bad := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
			o := newOperands(rng, false, false, 13, 17, 9, 0, 1, 0)
			o.a[12*9+8] = bad  // the last row of A: an edge sliver
			o.b[8*17+16] = bad // the last column of B: an edge sliver
			got := make([]float64, len(o.c))
			want := make([]float64, len(o.c))
			Gemm(false, false, 13, 17, 9, 1, o.a, 9, o.b, 17, 0, got, 17)
			gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, 13, 17, 9, 1, o.a, 9, o.b, 17, 0, want, 17)
			for i := range got {
				if class(got[i]) != class(want[i]) {
					t.Fatalf("%v in A and B: C[%d,%d] is %v, gonum %v", bad, i/17, i%17, got[i], want[i])
				}
			}
		}
	})
}
