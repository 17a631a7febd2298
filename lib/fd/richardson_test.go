package fd

import (
	"math"
	"testing"

	"github.com/gradbook/gradbook/lib/fd/testfunc"
)

// The target: Richardson extrapolation reaches ≲1e-12 relative
// error on exp, sin and log at ordinary points. numdifftools (the usual
// reference) is not installable here; the reference is the closed form.
func TestRichardsonSmooth(t *testing.T) {
	for _, fn := range testfunc.Scalars {
		for _, x := range fn.At {
			est := Richardson(fn.F, x, nil)
			want := fn.D(1, x)
			e := relErr(est.Value, want)
			if e > 1e-12 {
				t.Errorf("%s at %v: rel err %.2g > 1e-12 (est %.2g, %d evals)", fn.Name, x, e, est.Err, est.Evals)
			}
			// The error estimate must not be wildly optimistic.
			if abs := math.Abs(est.Value - want); abs > 100*est.Err+1e-15*math.Max(1, math.Abs(want)) {
				t.Errorf("%s at %v: actual error %.2g, estimate %.2g", fn.Name, x, abs, est.Err)
			}
		}
	}
}

func TestRichardsonHigherDerivatives(t *testing.T) {
	for d := 2; d <= 4; d++ {
		form := MustFormula(Central, d, 2)
		est := Richardson(math.Exp, 0.5, &SearchSettings{Formula: form})
		// Round-off grows like ε/hᵈ, so higher derivatives lose digits:
		// allow ε^(2/(2+d))·100.
		tol := 100 * math.Pow(eps, 2/float64(2+d))
		if e := relErr(est.Value, math.Exp(0.5)); e > tol {
			t.Errorf("d%d: rel err %.2g > %.2g", d, e, tol)
		}
	}
}

func TestAdaptive(t *testing.T) {
	for _, fn := range testfunc.Scalars {
		for _, x := range fn.At {
			for _, form := range []Formula{Central1, Forward1} {
				est := Adaptive(fn.F, x, &SearchSettings{Formula: form})
				want := fn.D(1, x)
				// The best step of a formula of accuracy p reaches about
				// ε^(p/(p+1)); the search should land within 100× of it.
				tol := 100 * math.Pow(eps, float64(form.Accuracy)/float64(form.Accuracy+1))
				if e := relErr(est.Value, want); e > tol {
					t.Errorf("%s at %v, %v: rel err %.2g > %.2g (h=%.2g)", fn.Name, x, form, e, tol, est.Step)
				}
				if est.Evals != 30*len(form.Stencil) {
					t.Errorf("adaptive: %d evals, want %d", est.Evals, 30*len(form.Stencil))
				}
			}
		}
	}
}
