package symbolic

import (
	"math"
	"testing"

	"github.com/gradbook/gradbook/lib/fd/testfunc"
)

// Diff agrees with the closed-form derivatives of order 1 to 4 of the
// shared corpus (lib/fd/testfunc, whose closed forms are checked against
// SymPy there). Both sides are formulas evaluated in float64, so only
// rounding separates them: 1e-12 relative.
func TestCorpusDerivatives(t *testing.T) {
	for _, fn := range testfunc.Scalars {
		e, err := Parse(fn.Expr)
		if err != nil {
			t.Fatalf("%s: Parse(%q): %v", fn.Name, fn.Expr, err)
		}
		for d := 0; d <= 4; d++ {
			de := e
			if d > 0 {
				de = Diff(e, "x", d)
			}
			f, err := Compile(de, "x")
			if err != nil {
				t.Fatalf("%s: d%d: %v", fn.Name, d, err)
			}
			for _, x := range fn.At {
				got, want := f(x), fn.D(d, x)
				if math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
					t.Errorf("%s: d%d at %v: Diff gives %s = %.17g, corpus %.17g", fn.Name, d, x, de, got, want)
				}
			}
		}
	}
}
