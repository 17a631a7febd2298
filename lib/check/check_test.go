package check

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/gradbook/gradbook/lib/check/observe"
	"github.com/gradbook/gradbook/lib/fd/testfunc"
)

// capture runs fn with the check output redirected and returns what it printed.
func capture(t *testing.T, fn func() bool) (bool, string) {
	t.Helper()
	var b bytes.Buffer
	old := out
	out = &b
	defer func() { out = old }()
	ok := fn()
	return ok, b.String()
}

// expect asserts the outcome and that the single printed line starts with
// the right verdict and contains every fragment.
func expect(t *testing.T, name string, ok bool, line string, wantOK bool, fragments ...string) {
	t.Helper()
	if ok != wantOK {
		t.Errorf("%s: ok = %v, want %v; line %q", name, ok, wantOK, line)
	}
	if strings.Count(line, "\n") != 1 {
		t.Errorf("%s: printed %q, want exactly one line", name, line)
	}
	prefix := "FAIL "
	if wantOK {
		prefix = "PASS "
	}
	if !strings.HasPrefix(line, prefix) {
		t.Errorf("%s: line %q does not start with %q", name, line, prefix)
	}
	for _, f := range fragments {
		if !strings.Contains(line, f) {
			t.Errorf("%s: line %q lacks %q", name, line, f)
		}
	}
}

func TestValue(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		name           string
		got, want, tol float64
		ok             bool
		fragments      []string
	}{
		{"exact", 2, 2, 0, true, nil},
		{"within absolute", 1e-9, 0, 1e-8, true, nil},
		{"outside absolute", 1e-7, 0, 1e-8, false, []string{"got 1e-07", "want 0"}},
		// Relative for large values: 1e6·(1+1e-9) is within 1e-8 relative.
		{"within relative", 1e6 * (1 + 1e-9), 1e6, 1e-8, true, nil},
		{"outside relative", 1e6 * (1 + 1e-7), 1e6, 1e-8, false, nil},
		{"NaN got", nan, 1, 1, false, []string{"got NaN"}},
		{"NaN want", 1, nan, 1, false, []string{"reference value is NaN"}},
		{"equal infinities", inf, inf, 0, true, nil},
		{"opposite infinities", -inf, inf, 1, false, nil},
		{"finite for infinity", 1, inf, 0, false, []string{"got 1, want +Inf"}},
		{"negative tolerance", 1, 1, -1, false, []string{"tolerance"}},
	} {
		ok, line := capture(t, func() bool { return Value("v", c.got, c.want, c.tol) })
		expect(t, c.name, ok, line, c.ok, c.fragments...)
	}
}

func TestSlice(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want []float64
		ok        bool
		fragments []string
	}{
		{"equal", []float64{1, 2, 3}, []float64{1, 2, 3}, true, []string{"3 elements"}},
		{"first mismatch", []float64{1, 5, 7}, []float64{1, 2, 3}, false, []string{"2 of 3", "index 1", "got 5", "want 2"}},
		{"NaN", []float64{1, math.NaN()}, []float64{1, 2}, false, []string{"index 1"}},
		{"lengths", []float64{1}, []float64{1, 2}, false, []string{"got 1 element, want 2"}},
		{"empty", nil, nil, false, []string{"empty"}},
	} {
		ok, line := capture(t, func() bool { return Slice("s", c.got, c.want, 1e-12) })
		expect(t, c.name, ok, line, c.ok, c.fragments...)
	}
}

func TestFunc(t *testing.T) {
	sq := func(x float64) float64 { return x * x }
	pts := []float64{-1, 0, 0.5, 2}
	for _, c := range []struct {
		name      string
		got       func(float64) float64
		points    []float64
		ok        bool
		fragments []string
	}{
		{"same", func(x float64) float64 { return x * x }, pts, true, []string{"4 points"}},
		{"wrong at one point", func(x float64) float64 {
			if x == 0.5 {
				return 0
			}
			return x * x
		}, pts, false, []string{"x[2] = 0.5", "got 0", "want 0.25"}},
		{"panics", func(float64) float64 { panic("not implemented") }, pts, false, []string{"panic: not implemented", "x[0] = -1"}},
		{"panics with error", func(x float64) float64 { var s []float64; return s[3] }, pts, false, []string{"panic: runtime error: index out of range"}},
		{"NaN", func(x float64) float64 { return math.Sqrt(x) }, pts, false, []string{"x[0] = -1", "got NaN"}},
		{"nil", nil, pts, false, []string{"nil"}},
		{"no points", sq, nil, false, []string{"no sample points"}},
	} {
		ok, line := capture(t, func() bool { return Func("f", c.got, sq, c.points, 1e-12) })
		expect(t, c.name, ok, line, c.ok, c.fragments...)
	}
}

func TestDerivative(t *testing.T) {
	pts := []float64{-2, -0.5, 0, 1, 3e3}
	for _, c := range []struct {
		name      string
		f, df     func(float64) float64
		ok        bool
		fragments []string
	}{
		{"sin", math.Sin, math.Cos, true, nil},
		{"exp", math.Exp, math.Exp, true, nil},
		{"wrong sign", math.Sin, func(x float64) float64 { return -math.Cos(x) }, false, []string{"x[0] = -2", "central difference"}},
		{"panicking derivative", math.Sin, func(float64) float64 { panic("not implemented") }, false, []string{"panic: not implemented"}},
		{"panicking function", func(float64) float64 { panic("boom") }, math.Cos, false, []string{"the function near", "boom"}},
		{"function NaN near the point", func(float64) float64 { return math.NaN() }, math.Cos, false, []string{"the function near x[0] = -2", "gives NaN"}},
	} {
		// The relative tolerance 1e-6 is ~1e4 times the central-difference
		// error ε^(2/3) ≈ 4e-11 for these smooth functions (see doc.go).
		ok, line := capture(t, func() bool { return Derivative("d", c.f, c.df, pts[:4], 1e-6) })
		expect(t, c.name, ok, line, c.ok, c.fragments...)
	}
	// A large argument uses a step scaled by |x|, so x² at 3000 still agrees.
	ok, line := capture(t, func() bool {
		return Derivative("big", func(x float64) float64 { return x * x }, func(x float64) float64 { return 2 * x }, pts[4:], 1e-8)
	})
	expect(t, "scaled step", ok, line, true)
}

// rosen and rosenGrad are the corpus's Rosenbrock function and its
// gradient worked by hand.
var rosen, rosenGrad = testfunc.Rosenbrock.F, testfunc.Rosenbrock.Grad

func TestGradient(t *testing.T) {
	x := []float64{-1.2, 1}
	orig := append([]float64(nil), x...)
	for _, c := range []struct {
		name      string
		f         func([]float64) float64
		grad      func(dst, x []float64)
		x         []float64
		ok        bool
		fragments []string
	}{
		{"rosenbrock", rosen, rosenGrad, x, true, []string{"2 components"}},
		{"wrong component", rosen, func(dst, x []float64) { rosenGrad(dst, x); dst[1] = 0 }, x, false, []string{"component 1 of 2", "got 0"}},
		{"panics", rosen, func(dst, x []float64) { panic("not implemented") }, x, false, []string{"panic: not implemented"}},
		{"NaN", rosen, func(dst, x []float64) { dst[0] = math.NaN() }, x, false, []string{"component 0"}},
		{"writes x", rosen, func(dst, x []float64) { x[0] = 99; rosenGrad(dst, []float64{-1.2, 1}) }, x, true, nil},
		{"empty x", rosen, rosenGrad, nil, false, []string{"empty"}},
		{"nil grad", rosen, nil, x, false, []string{"nil"}},
	} {
		ok, line := capture(t, func() bool { return Gradient("g", c.f, c.grad, c.x, 1e-6) })
		expect(t, c.name, ok, line, c.ok, c.fragments...)
		for i := range orig {
			if x[i] != orig[i] {
				t.Fatalf("%s: x changed to %v", c.name, x)
			}
		}
	}
}

func TestMust(t *testing.T) {
	code := -1
	old := exit
	exit = func(c int) { code = c }
	defer func() { exit = old }()
	Must(true)
	if code != -1 {
		t.Fatalf("Must(true) exited with %d", code)
	}
	Must(false)
	if code != 1 {
		t.Fatalf("Must(false) exit code %d, want 1", code)
	}
}

func TestTrue(t *testing.T) {
	ok, line := capture(t, func() bool { return True("acc ≥ 0.9", 0.95 >= 0.9, "accuracy %.2f", 0.95) })
	expect(t, "holds", ok, line, true, "PASS acc ≥ 0.9: accuracy 0.95")
	ok, line = capture(t, func() bool { return True("acc ≥ 0.9", 0.5 >= 0.9, "accuracy %.2f", 0.5) })
	expect(t, "fails", ok, line, false, "FAIL acc ≥ 0.9: accuracy 0.50")
}

func TestWithin(t *testing.T) {
	for _, c := range []struct {
		name           string
		got, want, tol float64
		ok             bool
		fragments      []string
	}{
		{"inside", -7.2, -7.5, 1, true, nil},
		// Value would accept this: tol·max(1, 7.5) = 7.5 decades.
		{"outside although Value passes", 0, -7.5, 1, false, []string{"want -7.5 ± 1", "off by 7.5"}},
		{"NaN", math.NaN(), 1, 1, false, []string{"got NaN"}},
		{"NaN want", 1, math.NaN(), 1, false, []string{"reference value is NaN"}},
		{"infinite got", math.Inf(1), 1, 1, false, nil},
		{"negative tolerance", 1, 1, -1, false, []string{"tolerance"}},
	} {
		ok, line := capture(t, func() bool { return Within("w", c.got, c.want, c.tol) })
		expect(t, c.name, ok, line, c.ok, c.fragments...)
	}
}

func TestNoError(t *testing.T) {
	code := -1
	old := exit
	exit = func(c int) { code = c }
	defer func() { exit = old }()
	NoError(nil)
	if code != -1 {
		t.Fatalf("NoError(nil) exited with %d", code)
	}
	NoError(errors.New("plot: no data"))
	if code != 1 {
		t.Fatalf("NoError(err) exit code %d, want 1", code)
	}
}

// TestRecords: when observing, every check writes a record of the values the
// code under test produced (not the reference it was given), and a panic is
// recorded as a failure.
func TestRecords(t *testing.T) {
	var b strings.Builder
	stdout, observing = &b, true
	defer func() { stdout, observing = os.NewFile(1, "stdout"), false }()
	out = io.Discard
	defer func() { out = nil }()
	sq := func(x float64) float64 { return x * x }
	Value("v", 2, 3, 1e-9)
	Within("w", -6, -7.5, 1)
	Slice("s", []float64{1, 2}, []float64{1, 3}, 0)
	True("t", false, "")
	Func("f", sq, sq, []float64{1, 3}, 0)
	Derivative("d", sq, func(x float64) float64 { panic("not implemented") }, []float64{1}, 1e-6)
	Gradient("g", func(x []float64) float64 { return x[0] * x[1] },
		func(dst, x []float64) { dst[0], dst[1] = 7, 8 }, []float64{1, 2}, 1e-6)
	got := observe.Parse(b.String())
	want := []string{"v rel 2", "w abs -6", "s rel 1 2", "t bool false", "f rel 1 9", "d rel  panic: not implemented", "g rel 7 8"}
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d:\n%s", len(got), len(want), b.String())
	}
	for i, r := range got {
		if s := strings.TrimSpace(r.Name + " " + r.Kind + " " + strings.Join(r.Values, " ") + " " + r.Err); s != want[i] {
			t.Errorf("record %d: %q, want %q", i, s, want[i])
		}
	}
}
