package fd

import (
	"math"
	"testing"
)

// slope fits log10(err) against log10(h) by least squares over steps in
// [lo, hi].
func slope(c Curve, lo, hi float64) float64 {
	var n, sx, sy, sxx, sxy float64
	for i, h := range c.X {
		if h < lo || h > hi {
			continue
		}
		x, y := math.Log10(h), math.Log10(c.Y[i])
		n++
		sx += x
		sy += y
		sxx += x * x
		sxy += x * y
	}
	return (n*sxy - sx*sy) / (n*sxx - sx*sx)
}

// The V: slope p where truncation dominates (large h), about −d where
// round-off dominates (small h), minimum near the default step.
func TestErrorStudyV(t *testing.T) {
	steps := Steps(1e-1, 1e-16, 4)
	if len(steps) != 61 || steps[0] != 0.1 || math.Abs(steps[60]-1e-16) > 1e-30 {
		t.Fatalf("Steps: %d steps from %v to %v", len(steps), steps[0], steps[len(steps)-1])
	}
	x := 1.0
	exact := func(int) float64 { return math.Exp(x) }
	forms := []Formula{Forward1, Central1, MustFormula(Central, 1, 4), Central2}
	curves := ErrorStudy(math.Exp, x, exact, forms, steps)
	for i, c := range curves {
		f := forms[i]
		if got := slope(c, 1e-3, 1e-1); math.Abs(got-float64(f.Accuracy)) > 0.3 {
			t.Errorf("%v: truncation slope %.2f, want %d", f, got, f.Accuracy)
		}
		// Round-off is noise; fit over the part where it dominates by far.
		hi := math.Pow(eps, 1/float64(f.Accuracy+f.Derivative)) / 100
		if got := slope(c, 1e-14, hi); math.Abs(got+float64(f.Derivative)) > 0.5 {
			t.Errorf("%v: round-off slope %.2f, want −%d", f, got, f.Derivative)
		}
		best := 0
		for j := range c.Y {
			if c.Y[j] < c.Y[best] {
				best = j
			}
		}
		// The minimum lies within a factor 100 of the default step.
		if r := c.X[best] / f.Step(x); r < 0.01 || r > 100 {
			t.Errorf("%v: best step %.2g, default %.2g", f, c.X[best], f.Step(x))
		}
	}
	cs := ComplexStepCurve(func(z complex128) complex128 { return cmplxExp(z) }, x, math.Exp(x), steps)
	for i, e := range cs.Y {
		if cs.X[i] < 1e-7 && e > 4*eps*math.E {
			t.Errorf("complex step at h=%.1g: error %.2g, want round-off", cs.X[i], e)
		}
	}
}

func cmplxExp(z complex128) complex128 {
	return complex(math.Exp(real(z))*math.Cos(imag(z)), math.Exp(real(z))*math.Sin(imag(z)))
}
