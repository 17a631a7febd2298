package ad

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// h is the lecture's (t² − 4)/(t − 2), whose singularity at 2 is removable.
func h[T Number[T]](t T) T { return t.Square().Shift(-4).Div(t.Shift(-2)) }

// sinc is sin(x)/x, removable at 0.
func sinc[T Number[T]](x T) T { return x.Sin().Div(x) }

func TestTaylorRemovableSingularities(t *testing.T) {
	cases := []struct {
		name string
		f    func(Series) Series
		x    float64
		k    int
		want []float64 // analytic: h(t) = t + 2; sin x / x = 1 − x²/6 + x⁴/120 − …
	}{
		{"h at 2", h[Series], 2, 2, []float64{4, 1, 0}},
		{"h at 3", h[Series], 3, 2, []float64{5, 1, 0}},
		{"sinc at 0", sinc[Series], 0, 4, []float64{1, 0, -1.0 / 3, 0, 24.0 / 120}},
		{"x²/x² at 0", func(x Series) Series { return x.Square().Div(x.Square()) }, 0, 3, []float64{1, 0, 0, 0}},
		// (1 − cos x)/x² = 1/2 − x²/24 + …
		{"(1−cos x)/x² at 0", func(x Series) Series { return x.Cos().Neg().Shift(1).Div(x.Square()) }, 0, 2, []float64{0.5, 0, -2.0 / 24}},
	}
	for _, tc := range cases {
		got, err := Derivatives(tc.f, tc.x, tc.k)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		for i := range tc.want {
			if math.Abs(got[i]-tc.want[i]) > 1e-14 {
				t.Errorf("%s: derivatives %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}

func TestTaylorPole(t *testing.T) {
	_, err := Derivatives(func(t Series) Series { return t.Const(1).Div(t.Shift(-2)) }, 2, 1)
	if !errors.Is(err, ErrPole) {
		t.Errorf("1/(t−2) at 2: error %v, want ErrPole", err)
	}
	_, err = Derivatives(func(t Series) Series { return t.Log() }, 0, 1)
	if !errors.Is(err, ErrSingular) {
		t.Errorf("log t at 0: error %v, want ErrSingular", err)
	}
}

// The same generic function through every mode: Taylor against analytic
// derivatives of exp∘sin, and dual numbers against Taylor.
func TestTaylorAgainstAnalytic(t *testing.T) {
	f := func(x Series) Series { return x.Sin().Exp() }
	x := 0.7
	d, err := Derivatives(f, x, 3)
	if err != nil {
		t.Fatal(err)
	}
	s, c := math.Sin(x), math.Cos(x)
	e := math.Exp(s)
	want := []float64{
		e,
		e * c,
		e * (c*c - s),
		e * (c*c*c - 3*s*c - c),
	}
	for i := range want {
		if math.Abs(d[i]-want[i]) > 1e-13*math.Abs(want[i]) {
			t.Errorf("d^%d = %v, want %v", i, d[i], want[i])
		}
	}
}

func TestSeriesFunctionsAgainstFD(t *testing.T) {
	type fn struct {
		name string
		s    func(Series) Series
		f    func(Float) Float
		x    float64
	}
	fns := []fn{
		{"exp", Series.Exp, Float.Exp, 0.3},
		{"log", Series.Log, Float.Log, 1.7},
		{"sqrt", Series.Sqrt, Float.Sqrt, 1.7},
		{"sin", Series.Sin, Float.Sin, 0.3},
		{"cos", Series.Cos, Float.Cos, 0.3},
		{"tanh", Series.Tanh, Float.Tanh, 0.3},
		{"sigmoid", Series.Sigmoid, Float.Sigmoid, -0.8},
		{"softplus", Series.Softplus, Float.Softplus, -0.8},
		{"pow 2.5", func(x Series) Series { return x.Pow(2.5) }, func(x Float) Float { return x.Pow(2.5) }, 1.3},
		{"pow 3", func(x Series) Series { return x.Pow(3) }, func(x Float) Float { return x.Pow(3) }, -1.3},
		{"recip", func(x Series) Series { return x.Const(1).Div(x) }, func(x Float) Float { return 1 / x }, -1.3},
	}
	for _, tc := range fns {
		d, err := Derivatives(tc.s, tc.x, 2)
		if err != nil {
			t.Fatal(err)
		}
		// f′ and f″ by central differences of f and of f′ (via Dual, itself
		// checked against Taylor below)
		x := tc.x
		fd1 := centralDiff(func() float64 { return float64(tc.f(Float(x))) }, &x)
		if relErr(d[1], fd1) > 1e-8 {
			t.Errorf("%s: Taylor f′ = %v, fd %v", tc.name, d[1], fd1)
		}
		h := 1e-4 // second difference: error O(h²) ≈ 1e-8 relative
		fd2 := float64(tc.f(Float(tc.x+h))-2*tc.f(Float(tc.x))+tc.f(Float(tc.x-h))) / (h * h)
		if relErr(d[2], fd2) > 1e-5 {
			t.Errorf("%s: Taylor f″ = %v, fd %v", tc.name, d[2], fd2)
		}
	}
}

func ExampleDerivatives() {
	// The lecture's h(t) = (t² − 4)/(t − 2) at t = 2: plain evaluation
	// gives 0/0 = NaN, Taylor mode cancels (t − 2) like L'Hôpital.
	h := func(t Series) Series { return t.Square().Shift(-4).Div(t.Shift(-2)) }
	d, err := Derivatives(h, 2, 2)
	fmt.Println(d, err)
	sinc := func(x Series) Series { return x.Sin().Div(x) }
	d, _ = Derivatives(sinc, 0, 2)
	fmt.Printf("%.4f\n", d)
	_, err = Derivatives(func(t Series) Series { return t.Const(1).Div(t.Shift(-2)) }, 2, 1)
	fmt.Println(err)
	// Output:
	// [4 1 0] <nil>
	// [1.0000 0.0000 -0.3333]
	// ad: Derivatives at x = 2: ad: pole of order 1: the divisor vanishes to order 1, the dividend to order 0
}

func ExampleDerivative() {
	// Forward mode with dual numbers: d/dx x·sin x = sin x + x cos x.
	v, d := Derivative(func(x Dual) Dual { return x.Mul(x.Sin()) }, 1)
	fmt.Printf("%.6f %.6f\n", v, d)
	// Output:
	// 0.841471 1.381773
}

// A removable point given as an inexact float is, for the float function,
// a pole: (t² − 2)/(t − x) with x = fl(√2) has t² − 2 = 4.4e-16 ≠ 0 at
// t = x. Derivatives reports ErrPole, and the message must say the
// dividend's leading coefficient is at rounding level, so the student
// knows the point is not exactly the zero; a true pole gets no such note.
func TestTaylorInexactRemovablePoint(t *testing.T) {
	for _, tc := range []struct {
		name    string
		f       func(Series) Series
		x       float64
		inexact bool
	}{
		{"(t²−2)/(t−√2) at fl(√2)", func(s Series) Series {
			return s.Square().Shift(-2).Div(s.Shift(-math.Sqrt2))
		}, math.Sqrt2, true},
		{"(t²−0.01)/(t−0.1) at 0.1", func(s Series) Series {
			return s.Square().Shift(-0.01).Div(s.Shift(-0.1))
		}, 0.1, true},
		{"1/t at 0", func(s Series) Series { return s.Scale(0).Shift(1).Div(s) }, 0, false},
		{"(t+1)/(t−2) at 2", func(s Series) Series { return s.Shift(1).Div(s.Shift(-2)) }, 2, false},
	} {
		_, err := Derivatives(tc.f, tc.x, 2)
		if !errors.Is(err, ErrPole) {
			t.Errorf("%s: %v, want ErrPole", tc.name, err)
			continue
		}
		if got := strings.Contains(err.Error(), "rounding"); got != tc.inexact {
			t.Errorf("%s: %v: mentions rounding = %v, want %v", tc.name, err, got, tc.inexact)
		}
	}
}
