package ad

import (
	"errors"
	"math"
	"testing"
)

// prog is a random scalar expression, read from fuzz bytes as a stack
// program. Every operation keeps the value in its domain (log and sqrt of
// 1 + a², division by 1 + b²), so any byte string is a smooth function.
type prog []byte

func evalProg[T Number[T]](p prog, x T) T {
	stack := []T{x}
	for i, b := range p {
		top := stack[len(stack)-1]
		switch b % 14 {
		case 0:
			stack = append(stack, x)
		case 1:
			stack = append(stack, x.Const(float64(int(b/14)%7)-3)) // small integer
		case 2:
			stack[len(stack)-1] = top.Sin()
		case 3:
			stack[len(stack)-1] = top.Cos()
		case 4:
			stack[len(stack)-1] = top.Tanh()
		case 5:
			stack[len(stack)-1] = top.Sigmoid()
		case 6:
			stack[len(stack)-1] = top.Softplus()
		case 7:
			stack[len(stack)-1] = top.Tanh().Exp()
		case 8:
			stack[len(stack)-1] = top.Square().Shift(1).Log()
		case 9:
			stack[len(stack)-1] = top.Square().Shift(1).Sqrt()
		case 10, 11, 12, 13:
			if len(stack) < 2 {
				stack = append(stack, top.Scale(0.5).Shift(float64(i%3)))
				continue
			}
			a := stack[len(stack)-2]
			stack = stack[:len(stack)-1]
			var r T
			switch b % 14 {
			case 10:
				r = a.Add(top)
			case 11:
				r = a.Sub(top)
			case 12:
				r = a.Mul(top)
			default:
				r = a.Div(top.Square().Shift(1))
			}
			stack[len(stack)-1] = r
		}
	}
	r := stack[0]
	for _, v := range stack[1:] {
		r = r.Add(v)
	}
	return r
}

// FuzzModesAgree evaluates a random expression by reverse mode (tape),
// forward mode (dual numbers), Taylor mode (series, to second order) and
// HessVec (second derivative on the tape), and checks them against each
// other and against central finite differences.
func FuzzModesAgree(f *testing.F) {
	f.Add([]byte{2, 12, 0, 4}, 0.3)
	f.Add([]byte{0, 12, 7, 13, 9}, -1.2)
	f.Add([]byte{1, 29, 10, 8, 5, 0, 6, 12}, 2.5)
	f.Add([]byte{3, 0, 13, 2, 0, 11, 4}, 0.0)
	f.Add([]byte{0, 0, 12, 12, 9, 8, 7, 6, 5, 4, 3, 2}, 0.9)
	f.Fuzz(func(t *testing.T, code []byte, x float64) {
		if len(code) > 24 || math.IsNaN(x) || math.Abs(x) > 10 {
			t.Skip()
		}
		p := prog(code)
		fx := float64(evalProg(p, Float(x)))
		if math.IsNaN(fx) || math.Abs(fx) > 1e6 {
			t.Skip()
		}
		// reverse mode
		tape := NewTape()
		xv := tape.VariableScalar(x)
		y := evalProg(p, xv)
		tape.Backward(y)
		rev := xv.Grad()[0]
		// value tape, deferring even these 1×1 results: the same bits
		vt := NewValueTape()
		vt.fuseMin = 1
		if v := evalProg(p, vt.ConstantScalar(x)).Item(); math.Float64bits(v) != math.Float64bits(y.Item()) {
			t.Errorf("value tape %v, tape %v", v, y.Item())
		}
		// forward mode
		dv, fwd := Derivative(func(x Dual) Dual { return evalProg(p, x) }, x)
		// Taylor mode
		d, err := Derivatives(func(x Series) Series { return evalProg(p, x) }, x, 2)
		if math.IsNaN(fwd) || math.IsInf(fwd, 0) {
			// an intermediate overflowed: Taylor mode must say so
			if err == nil {
				t.Errorf("derivative %v by dual numbers, Taylor mode returned %v without error", fwd, d)
			}
			return
		}
		if errors.Is(err, ErrPole) || errors.Is(err, ErrSingular) {
			t.Fatalf("Taylor: %v", err) // every program here is analytic
		}
		if err != nil {
			return // a higher derivative overflowed, and Taylor mode said so
		}
		// second derivative on the tape
		second := HessVec(nil, func(t *Tape, x Var) Var { return evalProg(p, x) }, []float64{x}, []float64{1})[0]

		scale := math.Max(1, math.Abs(rev))
		big := maxIntermediate(p, x)
		for _, c := range []struct {
			name string
			a, b float64
		}{
			{"value tape/float", y.Item(), fx},
			{"value dual/float", dv, fx},
			{"value taylor/float", d[0], fx},
			{"f′ dual/tape", fwd, rev},
			{"f′ taylor/tape", d[1], rev},
		} {
			// Rounding in either route grows with the size of the
			// intermediate values: adjoints of ±1e8 that cancel leave
			// ~1e-8 behind in a gradient of size 1.
			if math.Abs(c.a-c.b) > 1e-10*math.Max(math.Max(1, math.Abs(c.b)), big) {
				t.Errorf("%s: %.15g vs %.15g", c.name, c.a, c.b)
			}
		}
		// (beyond 1e100 an intermediate of one route may overflow first)
		if math.Abs(d[2]) < 1e100 && math.Abs(second-d[2]) > 1e-8*math.Max(1, math.Abs(d[2])) {
			t.Errorf("f″ HessVec %.15g, Taylor %.15g", second, d[2])
		}
		// Central differences with a step well inside the radius of
		// convergence of the Taylor series at x, estimated from its
		// coefficients as min |cₖ|^(−1/k): an expression that varies on a
		// tiny scale (tanh of a huge inner value) is skipped, since finite
		// differences cannot resolve it.
		c := evalProg(p, SeriesVar(x, 30)).Coeffs()
		radius := math.Inf(1)
		for k := 2; k < len(c); k++ {
			if c[k] != 0 {
				radius = math.Min(radius, math.Pow(math.Abs(c[k])/scale, -1/float64(k)))
			}
		}
		h := math.Min(1e-3, radius/1000)
		if h < 1e-6 || big > 100 {
			// sin or tanh of an inner value beyond 100 varies faster than a
			// difference quotient can resolve
			return
		}
		g := func(x float64) float64 { return float64(evalProg(p, Float(x))) }
		fd := (g(x+h) - g(x-h)) / (2 * h)
		rounding := 1e-15 * math.Max(1, math.Abs(fx)) / h
		truncation := math.Abs(c[3]) * h * h // leading error term f‴h²/6 = c₃h²
		tol := 1e-5*scale + 2*truncation + 100*rounding
		// The same difference with h/2 must agree, or the function is not
		// smooth at the scale of h in floating point (a saturated tanh of a
		// wildly oscillating argument flips between ±1), and differences
		// cannot judge it.
		if fd2 := (g(x+h/2) - g(x-h/2)) / h; math.Abs(fd2-fd) > tol {
			return
		}
		if math.Abs(fd-rev) > tol {
			t.Errorf("f′ tape %.12g, central difference %.12g (h = %.2g)", rev, fd, h)
		}
	})
}

// maxIntermediate is the largest |value| on top of the stack while p runs.
func maxIntermediate(p prog, x float64) float64 {
	var m float64
	for i := 1; i <= len(p); i++ {
		m = math.Max(m, math.Abs(float64(evalProg(p[:i], Float(x)))))
	}
	return m
}
