package symbolic

import (
	"math"
	"strings"
	"testing"

	"github.com/gradbook/gradbook/lib/fd"
)

// Every entry of the function table agrees with itself: its derivative
// with finite differences of its value, its identities and limits with its
// value, and what it prints with what Parse reads. A new entry is tested
// by being added.
func TestFunctionTableConsistent(t *testing.T) {
	// Sample points away from the kinks of abs, sign, relu and heaviside
	// at 0 and the poles of tan at ±π/2; log is checked where defined.
	points := []float64{-1.3, -0.4, 0.3, 0.9, 1.4}
	for _, f := range functions {
		t.Run(f.name, func(t *testing.T) {
			x := Var("x")
			call := Call(f.name, x)

			// Derivative against central differences of the value.
			// Central1 with its default step is accurate to about 1e-10
			// relative for these smooth functions of moderate size; 1e-7
			// leaves room for the rounding of tan near its poles.
			d, err := Compile(Diff(call, "x", 1), "x")
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range points {
				if math.IsNaN(f.value(a)) {
					continue // outside the domain (log of a negative)
				}
				want := fd.Derivative(f.value, a, nil)
				if got := d(a); math.Abs(got-want) > 1e-7*math.Max(1, math.Abs(want)) {
					t.Errorf("%s′(%g) = %g, finite differences %g", f.name, a, got, want)
				}
			}

			// Compile evaluates through the table's value.
			g, err := Compile(call, "x")
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range points {
				if got, want := g(a), f.value(a); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
					t.Errorf("compiled %s(%g) = %g, want %g", f.name, a, got, want)
				}
			}

			// Identities: f at exact numbers simplifies to its value.
			for _, c := range []*Expr{Int(0), Int(1), Int(-1), Rat(1, 2), Rat(-3, 2), Pi} {
				want := f.value(must(c.Eval(nil)))
				s := Simplify(Call(f.name, c))
				got, err := s.Eval(nil)
				if math.IsNaN(want) || math.IsInf(want, 0) {
					// log(0): −Inf in float64, undefined as a number.
					if err == nil {
						t.Errorf("Simplify(%s(%s)) = %s = %g, want undefined", f.name, c, s, got)
					}
					continue
				}
				if err != nil || math.Abs(got-want) > 1e-15*math.Max(1, math.Abs(want)) {
					t.Errorf("Simplify(%s(%s)) = %s = %g (%v), want %g", f.name, c, s, got, err, want)
				}
			}

			// Limits at ±∞ against the value far out.
			for _, s := range []int{1, -1} {
				lim, err := LimitInf(call, "x", s)
				far := f.value(float64(s) * 1e300)
				if f.atInf == nil {
					if err == nil {
						t.Errorf("%s at %d·∞: limit %v, want none", f.name, s, lim)
					}
					continue
				}
				if _, ok := f.atInf(s); !ok {
					if err == nil {
						t.Errorf("%s at %d·∞: limit %v, want none", f.name, s, lim)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s at %d·∞: %v", f.name, s, err)
					continue
				}
				checkLimit(t, f.name+" at ±∞", lim, far)
			}

			// One-sided limits at 0 against the value just beside it.
			for s, side := range map[int]Side{1: Right, -1: Left} {
				lim, err := Limit(call, "x", Int(0), side)
				near := f.value(float64(s) * 1e-300)
				if math.IsNaN(near) {
					if err == nil {
						t.Errorf("%s at 0 side %d: limit %v, want an error", f.name, s, lim)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s at 0 side %d: %v", f.name, s, err)
					continue
				}
				checkLimit(t, f.name+" at 0", lim, near)
			}

			// Printing: String reads back as the same expression, and the
			// LaTeX form holds the argument.
			arg := Add(Var("y"), Int(1))
			e := Call(f.name, arg)
			back, err := Parse(e.String())
			if err != nil || !Equal(back, e) {
				t.Errorf("Parse(%q) = %v, %v; want %s", e.String(), back, err, e)
			}
			if tex := e.LaTeX(); !strings.Contains(tex, "y + 1") {
				t.Errorf("LaTeX of %s = %q lacks the argument", e, tex)
			}
		})
	}
}

func must(v float64, _ error) float64 { return v }

// checkLimit compares a limit with a float64 value of the function where
// the limit is approached. The values at 1e±300 are within 1e-12 of the
// limit for every function of the table; a value of at least 100 in size
// stands for an infinite limit (log(1e300) ≈ 691 is the slowest).
func checkLimit(t *testing.T, what string, lim LimitValue, v float64) {
	t.Helper()
	if lim.Inf != 0 {
		if math.Abs(v) < 100 || math.Signbit(v) != (lim.Inf < 0) {
			t.Errorf("%s: limit %v, value %g", what, lim, v)
		}
		return
	}
	if got := lim.Float(); math.Abs(got-v) > 1e-12 {
		t.Errorf("%s: limit %v, value %g", what, lim, v)
	}
}

// Call names the known functions when given an unknown one.
func TestCallUnknownFunction(t *testing.T) {
	defer func() {
		msg, _ := recover().(string)
		for _, f := range functions {
			if !strings.Contains(msg, f.name) {
				t.Errorf("panic %q does not list %s", msg, f.name)
			}
		}
	}()
	Call("erf", Var("x"))
	t.Error("Call(erf) did not panic")
}
