package symbolic

import (
	"math"
	"testing"
)

func BenchmarkDiffSigmoid4(b *testing.B) {
	e := MustParse("sigmoid(w*x + b)")
	for b.Loop() {
		Diff(e, "x", 4)
	}
}

func BenchmarkLimitLHopital(b *testing.B) {
	e := MustParse("(exp(x) - 1 - x)/x^2")
	for b.Loop() {
		if _, err := Limit(e, "x", Int(0), Both); err != nil {
			b.Fatal(err)
		}
	}
}

// Compiled closures against the same formula written in Go, measured in
// the same run: the ratio is the price of interpretation.
func BenchmarkCompiled(b *testing.B) {
	f, err := Compile(MustParse("x^2*sin(x)*exp(-x/2)"), "x")
	if err != nil {
		b.Fatal(err)
	}
	s := 0.0
	for b.Loop() {
		s += f(1.3)
	}
	_ = s
}

func BenchmarkNativeGo(b *testing.B) {
	g := func(x float64) float64 { return math.Pow(x, 2) * math.Sin(x) * math.Exp(-x/2) }
	s := 0.0
	for b.Loop() {
		s += g(1.3)
	}
	_ = s
}

// BenchmarkDiffNestedSin differentiates sin nested 1000 deep.
func BenchmarkDiffNestedSin(b *testing.B) {
	e := Var("x")
	for range 1000 {
		e = Sin(e)
	}
	for b.Loop() {
		Diff(e, "x", 1)
	}
}
