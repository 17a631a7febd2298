package dropout

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMonteCarloMoments drops a constant input: each output is 0 or 1/p, so
// its mean is 1 and its standard deviation sqrt((1−p)/p) = 1 for p = 1/2.
// With 4000 passes the sample mean has standard error 1/sqrt(4000) ≈ 0.016
// and the sample sd about 1/sqrt(2·4000) ≈ 0.011 (normal approximation), so
// 0.08 is a 5-sigma bound on both.
func TestMonteCarloMoments(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	x := []float64{1, 1, 1}
	s, err := MonteCarlo(4000, func(int) []float64 { return New(0.5, rng).Apply(nil, x) })
	if err != nil {
		t.Fatal(err)
	}
	for i := range x {
		if math.Abs(s.Mean[i]-1) > 0.08 || math.Abs(s.Std[i]-1) > 0.08 {
			t.Errorf("output %d: mean %v sd %v, want 1 and 1", i, s.Mean[i], s.Std[i])
		}
	}
}

func TestMonteCarloDeterministic(t *testing.T) {
	s, err := MonteCarlo(5, func(int) []float64 { return []float64{1e9 + 0.5, -3} })
	if err != nil {
		t.Fatal(err)
	}
	if s.Mean[0] != 1e9+0.5 || s.Mean[1] != -3 || s.Std[0] != 0 || s.Std[1] != 0 {
		t.Errorf("constant passes: got %+v, want exact means and zero spread", s)
	}
}

func TestMonteCarloErrors(t *testing.T) {
	for _, c := range []struct {
		name   string
		passes int
		sample func(int) []float64
		want   string
	}{
		{"one pass", 1, func(int) []float64 { return []float64{1} }, "at least 2 passes"},
		{"length", 3, func(p int) []float64 { return make([]float64, p+1) }, "pass 1 returned 2 outputs"},
		{"NaN", 3, func(int) []float64 { return []float64{1, math.NaN()} }, "pass 0 output 1 is NaN"},
	} {
		_, err := MonteCarlo(c.passes, c.sample)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}
