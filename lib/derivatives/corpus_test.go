package derivatives

import (
	"math"
	"testing"

	"github.com/gradbook/gradbook/lib/ad"
	"github.com/gradbook/gradbook/lib/fd/testfunc"
	"github.com/gradbook/gradbook/lib/symbolic"
)

// lib/ad's three number types, run through each formula of the shared
// corpus (lib/fd/testfunc, checked against SymPy there), agree with its
// closed-form derivatives: dual numbers and the reverse-mode tape for f′,
// Taylor mode for f′ … f⁗. Dual and tape are exact up to rounding (1e-13
// relative); the Taylor recurrences for division and powers accumulate a
// few more roundings per order (1e-10 relative through order 4).
func TestCorpusThroughAD(t *testing.T) {
	for _, fn := range testfunc.Scalars {
		e, err := symbolic.Parse(fn.Expr)
		if err != nil {
			t.Fatalf("%s: %v", fn.Name, err)
		}
		for _, x := range fn.At {
			var ops int
			rel := func(got, want float64) float64 {
				return math.Abs(got-want) / math.Max(1, math.Abs(want))
			}

			d, err := eval(e, "x", ad.Dual{V: x, D: 1}, &ops)
			if err != nil {
				t.Fatalf("%s: %v", fn.Name, err)
			}
			if r := rel(d.D, fn.D(1, x)); r > 1e-13 {
				t.Errorf("%s at %v: dual number f′ = %.17g, corpus %.17g", fn.Name, x, d.D, fn.D(1, x))
			}

			tape := ad.NewTape()
			xv := tape.VariableScalar(x)
			y, err := eval(e, "x", xv, &ops)
			if err != nil {
				t.Fatalf("%s: %v", fn.Name, err)
			}
			tape.Backward(y)
			if g := xv.Grad()[0]; rel(g, fn.D(1, x)) > 1e-13 {
				t.Errorf("%s at %v: reverse mode f′ = %.17g, corpus %.17g", fn.Name, x, g, fn.D(1, x))
			}

			ds, err := ad.Derivatives(func(s ad.Series) ad.Series {
				v, _ := eval(e, "x", s, &ops)
				return v
			}, x, 4)
			if err != nil {
				t.Fatalf("%s at %v: Taylor mode: %v", fn.Name, x, err)
			}
			for k, got := range ds {
				if want := fn.D(k, x); rel(got, want) > 1e-10 {
					t.Errorf("%s at %v: Taylor mode f^(%d) = %.17g, corpus %.17g", fn.Name, x, k, got, want)
				}
			}
		}
	}
}
