package dropout

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// TestMeanPreserved checks E[y] = x: for x = 1 each output is 0 or 1/p, with
// mean 1 and variance (1−p)/p, so the sample mean of n outputs lies within
// 5 standard errors sqrt((1−p)/(p·n)) of 1 except with probability < 1e-6.
// The kept fraction is checked against Binomial(n, p) the same way.
func TestMeanPreserved(t *testing.T) {
	const n = 1 << 20
	ones := make([]float32, n)
	for i := range ones {
		ones[i] = 1
	}
	for _, keep := range []float64{0.05, 0.3, 0.5, 0.8, 0.99} {
		rng := rand.New(rand.NewPCG(1, uint64(keep*1000)))
		y := New(keep, rng).Apply32(nil, ones)
		var sum float64
		kept := 0
		for _, v := range y {
			sum += float64(v)
			if v != 0 {
				kept++
			}
		}
		mean := sum / n
		se := math.Sqrt((1 - keep) / (keep * n))
		if math.Abs(mean-1) > 5*se {
			t.Errorf("keep %v: mean %v, want 1 ± %v", keep, mean, 5*se)
		}
		frac := float64(kept) / n
		if sd := math.Sqrt(keep * (1 - keep) / n); math.Abs(frac-keep) > 5*sd {
			t.Errorf("keep %v: kept fraction %v, want %v ± %v", keep, frac, keep, 5*sd)
		}
	}
}

// TestPairsIndependent checks that neighbours, which share one 64-bit draw,
// and elements a stride apart are kept independently: both kept with
// probability p², within 5 binomial standard deviations.
func TestPairsIndependent(t *testing.T) {
	const n = 1 << 20
	m := Mask{Keep: 0.5, Key: 12345}
	for _, lag := range []int{1, 2, 3, 64} {
		both := 0
		for i := 0; i+lag < n; i++ {
			if m.Kept(i) && m.Kept(i+lag) {
				both++
			}
		}
		p2 := m.Keep * m.Keep
		trials := float64(n - lag)
		if got, sd := float64(both)/trials, math.Sqrt(p2*(1-p2)/trials); math.Abs(got-p2) > 5*sd {
			t.Errorf("lag %d: both kept with frequency %v, want %v ± %v", lag, got, p2, 5*sd)
		}
	}
}

// TestMatchesDefinition compares Apply32 and Apply, serial and parallel,
// with the element-wise definition via Kept, for lengths that are odd,
// smaller than a chunk and several chunks long.
func TestMatchesDefinition(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000, 3*minChunk + 5} {
		for _, keep := range []float64{0.25, 0.9} {
			m := Mask{Keep: keep, Key: uint64(n)*31 + 7}
			x := make([]float64, n)
			x32 := make([]float32, n)
			for i := range x {
				x[i] = float64(i%13) - 6.5
				x32[i] = float32(x[i])
			}
			y := m.Apply(nil, x)
			y32 := m.Apply32(nil, x32)
			for i := range x {
				want := 0.0
				if m.Kept(i) {
					want = x[i] * (1 / keep) // Apply multiplies by the reciprocal
				}
				if y[i] != want {
					t.Fatalf("n %d keep %v: Apply[%d] = %v, want %v", n, keep, i, y[i], want)
				}
				if y32[i] != float32(x32[i])*float32(1/keep) && (y32[i] != 0 || m.Kept(i)) {
					t.Fatalf("n %d keep %v: Apply32[%d] = %v, want %v", n, keep, i, y32[i], want)
				}
			}
		}
	}
}

// TestGoroutineIndependent checks that the mask does not depend on
// GOMAXPROCS, i.e. on how the slice is split between goroutines.
func TestGoroutineIndependent(t *testing.T) {
	n := 5*minChunk + 3
	x := make([]float32, n)
	for i := range x {
		x[i] = 1
	}
	m := Mask{Keep: 0.5, Key: 99}
	var results [][]float32
	for _, procs := range []int{1, 2, 3, 8} {
		old := runtime.GOMAXPROCS(procs)
		results = append(results, m.Apply32(nil, x))
		runtime.GOMAXPROCS(old)
	}
	for i, r := range results[1:] {
		if !slices.Equal(r, results[0]) {
			t.Errorf("result %d differs from the single-goroutine result", i+1)
		}
	}
}

// TestReproducible checks that the same seed gives the same masks and a
// different seed gives different ones.
func TestReproducible(t *testing.T) {
	x := make([]float64, 1000)
	for i := range x {
		x[i] = 1
	}
	run := func(seed uint64) [][]float64 {
		rng := rand.New(rand.NewPCG(seed, 0))
		var out [][]float64
		for range 3 {
			out = append(out, New(0.5, rng).Apply(nil, x))
		}
		return out
	}
	a, b, c := run(1), run(1), run(2)
	for i := range a {
		if !slices.Equal(a[i], b[i]) {
			t.Errorf("call %d: same seed gave different masks", i)
		}
		if slices.Equal(a[i], c[i]) {
			t.Errorf("call %d: different seeds gave the same mask", i)
		}
	}
	if slices.Equal(a[0], a[1]) {
		t.Error("consecutive masks from one rng are equal")
	}
}

func TestEdgeProbabilities(t *testing.T) {
	x := []float64{1, -2, math.Inf(1), 4}
	if y := (Mask{Keep: 1, Key: 5}).Apply(nil, x); !slices.Equal(y, x) {
		t.Errorf("keep 1: got %v, want the input %v", y, x)
	}
	if y := (Mask{Keep: 0, Key: 5}).Apply(nil, x); !slices.Equal(y, []float64{0, 0, 0, 0}) {
		t.Errorf("keep 0: got %v, want zeros", y)
	}
	// In place with dst == x.
	y := []float64{1, 1, 1, 1}
	m := Mask{Keep: 0.5, Key: 3}
	want := m.Apply(nil, y)
	if m.Apply(y, y); !slices.Equal(y, want) {
		t.Errorf("in place: got %v, want %v", y, want)
	}
}

func TestPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"keep > 1":   func() { Mask{Keep: 1.5}.Apply(nil, []float64{1}) },
		"keep < 0":   func() { Mask{Keep: -0.1}.Apply(nil, []float64{1}) },
		"keep NaN":   func() { Mask{Keep: math.NaN()}.Apply(nil, []float64{1}) },
		"length":     func() { Mask{Keep: 0.5}.Apply(make([]float64, 2), []float64{1}) },
		"length f32": func() { Mask{Keep: 0.5}.Apply32(make([]float32, 2), []float32{1}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func TestScaled(t *testing.T) {
	m := Mask{Keep: 0.25, Key: 8}
	s := m.Scaled(nil, 100)
	for i, v := range s {
		want := 0.0
		if m.Kept(i) {
			want = 4
		}
		if v != want {
			t.Fatalf("Scaled[%d] = %v, want %v", i, v, want)
		}
	}
}

// TestUniformChiSquare bins the top 8 bits of 2²⁰ consecutive draws into
// 256 cells. For uniform draws the χ² statistic has 255 degrees of
// freedom, mean 255 and sd sqrt(510) ≈ 22.6; 400 is about 6.4 sd above the
// mean (p < 1e-8 under the normal approximation).
func TestUniformChiSquare(t *testing.T) {
	const n = 1 << 20
	for _, key := range []uint64{0, 1, 0xdeadbeef} {
		var cells [256]int
		for i := range n {
			cells[Uniform(key, i)>>24]++
		}
		var chi2 float64
		const want = n / 256.0
		for _, c := range cells {
			chi2 += (float64(c) - want) * (float64(c) - want) / want
		}
		if chi2 > 400 {
			t.Errorf("key %#x: χ² = %.1f over 255 degrees of freedom, want < 400", key, chi2)
		}
	}
}
