package symbolic

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// FuzzLimit feeds the limit code difference quotients
//
//	q(x) = (e(x) − e(a)) / (x − a),
//
// a 0/0 form at x = a whose limit is e′(a): an independent route, the
// symbolic derivative. e is the fuzzed string when it parses as a function
// of x alone, else a random expression drawn from the seed. Limit must not
// panic or hang; when it finds a finite two-sided limit, it must be e′(a)
// (where e′ is finite there); and when the quotient has no limit it must
// say so with ErrNoLimit or a *SidesDifferError.
func FuzzLimit(f *testing.F) {
	for _, s := range []string{"sin(x)", "x^3 - 2*x", "exp(x)*cos(x)", "log(1 + x^2)", "sqrt(x^2 + 1)", "abs(x)", "x*sigmoid(x)", "tanh(x)/(2 + x^2)", "1/x"} {
		f.Add(s, uint64(1), int8(0))
	}
	f.Add("", uint64(7), int8(1))
	f.Add("", uint64(11), int8(-2))
	f.Fuzz(func(t *testing.T, s string, seed uint64, at int8) {
		e, err := Parse(s)
		if err != nil || e.Size() > 60 || len(e.Vars()) != 1 || e.Vars()[0] != "x" {
			e = randomExpr(rand.New(rand.NewPCG(seed, 1)), 1+int(seed%3))
		}
		a := Int(int64(at % 4))
		x := Var("x")
		q := Div(Sub(e, Subs(e, "x", a)), Sub(x, a))
		done := make(chan bool)
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(60 * time.Second): // a limit that hangs is a bug
				panic(fmt.Sprintf("Limit of %s at %s did not finish in 60 s", q, a))
			}
		}()
		got, err := Limit(q, "x", a, Both)
		if err != nil {
			var sd *SidesDifferError
			if !errors.Is(err, ErrNoLimit) && !errors.As(err, &sd) {
				t.Fatalf("limit of %s at %s: error %v wraps neither ErrNoLimit nor SidesDifferError", q, a, err)
			}
			return
		}
		af, _ := a.Eval(nil)
		want, err := Diff(e, "x", 1).Eval(map[string]float64{"x": af})
		if err != nil || math.IsNaN(want) || math.IsInf(want, 0) || got.Inf != 0 {
			return // e is not differentiable there, or the limit is infinite
		}
		if v := got.Float(); math.Abs(v-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Fatalf("limit of %s at %s = %v (%v), derivative of %s there %v", q, a, got, v, e, want)
		}
	})
}
