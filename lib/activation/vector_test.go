package activation

import (
	"math"
	"testing"

	"github.com/gradbook/gradbook/lib/fd"
)

func sliceClose(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !close(got[i], want[i], tol) {
			return false
		}
	}
	return true
}

func TestSoftmax(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		x    []float64
		want []float64
	}{
		// e^0 : e^(log 2) = 1 : 2.
		{"analytic", []float64{0, math.Ln2}, []float64{1.0 / 3, 2.0 / 3}},
		{"all equal", []float64{5, 5, 5, 5}, []float64{0.25, 0.25, 0.25, 0.25}},
		{"single", []float64{-3}, []float64{1}},
		{"empty", []float64{}, []float64{}},
		{"±1e308", []float64{big, -big}, []float64{1, 0}},
		{"equal 1e308", []float64{big, big}, []float64{0.5, 0.5}},
		{"equal −1e308", []float64{-big, -big}, []float64{0.5, 0.5}},
		{"MaxFloat64", []float64{-huge, huge, 0}, []float64{0, 1, 0}},
		{"+Inf shares", []float64{inf, 1, inf}, []float64{0.5, 0, 0.5}},
		{"−Inf is zero", []float64{-inf, 0}, []float64{0, 1}},
		{"all −Inf", []float64{-inf, -inf}, []float64{0.5, 0.5}},
		{"NaN", []float64{1, nan}, []float64{nan, nan}},
	} {
		x := append([]float64(nil), tc.x...)
		got := Softmax(nil, x)
		if !sliceClose(got, tc.want, 1e-15) {
			t.Errorf("%s: Softmax(%v) = %v, want %v", tc.name, tc.x, got, tc.want)
		}
		if !sliceClose(x, tc.x, 0) && tc.name != "NaN" {
			t.Errorf("%s: Softmax modified its input to %v", tc.name, x)
		}
		// In place gives the same.
		if inPlace := Softmax(x, x); !sliceClose(inPlace, tc.want, 1e-15) {
			t.Errorf("%s: Softmax(x, x) = %v, want %v", tc.name, inPlace, tc.want)
		}
	}
}

// TestSoftmaxShift checks that adding a constant does not change softmax.
// 1000 + ln 2 is stored with an error of up to ulp(1000)/2 ≈ 5.7e-14, which
// moves the result by about as much, hence the tolerance.
func TestSoftmaxShift(t *testing.T) {
	got := Softmax(nil, []float64{1000, 1000 + math.Ln2})
	if want := []float64{1.0 / 3, 2.0 / 3}; !sliceClose(got, want, 1e-13) {
		t.Errorf("Softmax([1000 1000+ln2]) = %v, want %v", got, want)
	}
}

func TestLogSumExpAndLogSoftmax(t *testing.T) {
	for _, tc := range []struct {
		x    []float64
		want float64
	}{
		{[]float64{0, 0}, math.Ln2},
		{[]float64{1000, 1000}, 1000 + math.Ln2}, // naive e^1000 overflows
		{[]float64{-1000, -1000}, -1000 + math.Ln2},
		{[]float64{big, big}, big},    // + ln 2 is lost below the ulp of 1e308
		{[]float64{big, -big}, big},   // e^(−2e308) = 0
		{[]float64{huge, huge}, huge}, // no overflow to +Inf
		{[]float64{0, math.Log(3)}, 2 * math.Ln2},
		{[]float64{}, math.Inf(-1)},
		{[]float64{inf, 0}, inf},
		{[]float64{1, math.NaN()}, math.NaN()},
	} {
		if got := LogSumExp(tc.x); !close(got, tc.want, 1e-15) {
			t.Errorf("LogSumExp(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}

	// LogSoftmax stays finite where Softmax underflows.
	if got, want := LogSoftmax(nil, []float64{0, -1000}), []float64{0, -1000}; !sliceClose(got, want, 1e-15) {
		t.Errorf("LogSoftmax([0 −1000]) = %v, want %v", got, want)
	}
	if got, want := LogSoftmax(nil, []float64{big, -big}), []float64{0, math.Inf(-1)}; !sliceClose(got, want, 0) {
		t.Errorf("LogSoftmax([1e308 −1e308]) = %v, want %v", got, want)
	}
	if got, want := LogSoftmax(nil, []float64{inf, 0, inf}), []float64{-math.Ln2, math.Inf(-1), -math.Ln2}; !sliceClose(got, want, 1e-15) {
		t.Errorf("LogSoftmax([Inf 0 Inf]) = %v, want %v", got, want)
	}
	// Large equal logits: x − LogSumExp(x) would cancel (1e16 + log 2
	// rounds to 1e16, leaving 0); the answer is −log n whatever the shift.
	for _, c := range []float64{1000, 1e15, 1e16, big} {
		for i, got := range LogSoftmax(nil, []float64{c, c}) {
			if got != -math.Ln2 {
				t.Errorf("LogSoftmax([%g %g])[%d] = %v, want −log 2 = %v", c, c, i, got, -math.Ln2)
			}
		}
	}
	// Unequal large logits 2 apart (exactly representable at 1e16):
	// log softmax = −log(1 + e^(∓2)), in closed form.
	if got, want := LogSoftmax(nil, []float64{1e16, 1e16 + 2}), []float64{-math.Log1p(math.Exp(2)), -math.Log1p(math.Exp(-2))}; !sliceClose(got, want, 1e-15) {
		t.Errorf("LogSoftmax([1e16 1e16+2]) = %v, want %v", got, want)
	}
	// And agrees with log(Softmax) where both are well within range.
	x := []float64{0.3, -1.2, 2.5, 0, 7}
	s := Softmax(nil, x)
	ls := LogSoftmax(nil, x)
	for i := range x {
		if !close(ls[i], math.Log(s[i]), 1e-14) {
			t.Errorf("LogSoftmax(x)[%d] = %v, log Softmax = %v", i, ls[i], math.Log(s[i]))
		}
	}
}

// TestGradientsFiniteDiff checks by central differences that
// ∇LogSumExp = Softmax, and that SoftmaxVJP(s, v) is the gradient of
// x ↦ v · softmax(x), and of x ↦ v · logsoftmax(x) through the chain rule
// ∂ log s_i/∂x_j = δ_ij − s_j, i.e. (v − s Σv).
func TestGradientsFiniteDiff(t *testing.T) {
	x := []float64{0.3, -1.2, 2.5, 0, 1.7}
	v := []float64{1, -2, 0.5, 3, -0.25}
	n := len(x)
	partial := func(f func([]float64) float64, j int) float64 {
		return fd.Derivative(func(t float64) float64 {
			y := append([]float64(nil), x...)
			y[j] = t
			return f(y)
		}, x[j], nil)
	}
	dot := func(a, b []float64) float64 {
		var s float64
		for i := range a {
			s += a[i] * b[i]
		}
		return s
	}
	s := Softmax(nil, x)
	vjp := SoftmaxVJP(nil, s, v)
	var sumV float64
	for _, vi := range v {
		sumV += vi
	}
	// |f| ≤ 10 and smooth: central differences good to ~1e-9.
	const tol = 1e-8
	for j := 0; j < n; j++ {
		if got, want := s[j], partial(LogSumExp, j); !close(got, want, tol) {
			t.Errorf("∂LogSumExp/∂x_%d: softmax %v, finite difference %v", j, got, want)
		}
		fs := func(y []float64) float64 { return dot(v, Softmax(nil, y)) }
		if got, want := vjp[j], partial(fs, j); !close(got, want, tol) {
			t.Errorf("SoftmaxVJP[%d] = %v, finite difference %v", j, got, want)
		}
		fl := func(y []float64) float64 { return dot(v, LogSoftmax(nil, y)) }
		if got, want := v[j]-s[j]*sumV, partial(fl, j); !close(got, want, tol) {
			t.Errorf("∂(v·logsoftmax)/∂x_%d = %v, finite difference %v", j, got, want)
		}
	}

	// And against the explicit Jacobian diag(s) − s sᵀ.
	for i := 0; i < n; i++ {
		var want float64
		for j := 0; j < n; j++ {
			jij := -s[i] * s[j]
			if i == j {
				jij += s[i]
			}
			want += jij * v[j]
		}
		if !close(vjp[i], want, 1e-15) {
			t.Errorf("SoftmaxVJP[%d] = %v, explicit Jacobian gives %v", i, vjp[i], want)
		}
	}
}

func TestSoftmaxTemp(t *testing.T) {
	x := []float64{1, 3, 2, 3}
	if got, want := SoftmaxTemp(nil, x, 1), Softmax(nil, x); !sliceClose(got, want, 0) {
		t.Errorf("SoftmaxTemp(T=1) = %v, Softmax = %v", got, want)
	}
	// The two maxima tie; everything else vanishes as T → 0.
	tie := []float64{0, 0.5, 0, 0.5}
	for _, temp := range []float64{1e-3, 1e-300, 0} {
		if got := SoftmaxTemp(nil, x, temp); !sliceClose(got, tie, 1e-15) {
			t.Errorf("SoftmaxTemp(T=%v) = %v, want %v", temp, got, tie)
		}
	}
	// Small T with huge entries: (x − m)/T, not x/T, so no Inf − Inf.
	if got := SoftmaxTemp(nil, []float64{big, big / 2}, 1e-3); !sliceClose(got, []float64{1, 0}, 0) {
		t.Errorf("SoftmaxTemp([1e308 5e307], 1e-3) = %v, want [1 0]", got)
	}
	uniform := []float64{0.25, 0.25, 0.25, 0.25}
	for _, temp := range []float64{1e300, inf} {
		if got := SoftmaxTemp(nil, x, temp); !sliceClose(got, uniform, 1e-15) {
			t.Errorf("SoftmaxTemp(T=%v) = %v, want uniform", temp, got)
		}
	}
	// Monotone sharpening: the weight on the maximum grows as T falls.
	prev := 0.0
	for _, temp := range []float64{10, 3, 1, 0.3, 0.1} {
		w := SoftmaxTemp(nil, []float64{1, 2, 0}, temp)[1]
		if w <= prev {
			t.Errorf("SoftmaxTemp(T=%v)[argmax] = %v, not above %v at the higher T", temp, w, prev)
		}
		prev = w
	}
}

func TestArgmax(t *testing.T) {
	for _, tc := range []struct {
		x    []float64
		want int
	}{
		{[]float64{1, 3, 2}, 1},
		{[]float64{3, 3, 2}, 0}, // first of ties
		{[]float64{-inf, -inf}, 0},
		{[]float64{-big, big}, 1},
		{[]float64{1, math.NaN(), 5}, 1}, // NaN reported, as NumPy does
		{[]float64{}, -1},
	} {
		if got := Argmax(tc.x); got != tc.want {
			t.Errorf("Argmax(%v) = %d, want %d", tc.x, got, tc.want)
		}
	}
}

func TestPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"Softmax dst", func() { Softmax(make([]float64, 2), []float64{1, 2, 3}) }},
		{"LogSoftmax dst", func() { LogSoftmax(make([]float64, 1), []float64{1, 2}) }},
		{"SoftmaxVJP lengths", func() { SoftmaxVJP(nil, []float64{0.5, 0.5}, []float64{1}) }},
		{"SoftmaxTemp negative", func() { SoftmaxTemp(nil, []float64{1}, -1) }},
		{"SoftmaxTemp NaN", func() { SoftmaxTemp(nil, []float64{1}, math.NaN()) }},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", tc.name)
				}
			}()
			tc.f()
		}()
	}
}
