package check

import (
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/gradbook/gradbook/lib/check/observe"
)

// out is where the PASS and FAIL lines go when set; tests point it
// elsewhere. Nil means the current os.Stdout (looked up at each call, so
// Example functions, which swap os.Stdout, see the lines).
var out io.Writer

func writer() io.Writer {
	if out != nil {
		return out
	}
	return os.Stdout
}

// exit ends the program for Must; tests replace it.
var exit = os.Exit

// pass prints a PASS line and reports true.
func pass(name, format string, args ...any) bool {
	fmt.Fprintf(writer(), "PASS %s: %s\n", name, fmt.Sprintf(format, args...))
	return true
}

// fail prints a FAIL line and reports false.
func fail(name, format string, args ...any) bool {
	fmt.Fprintf(writer(), "FAIL %s: %s\n", name, fmt.Sprintf(format, args...))
	return false
}

// agree reports whether got is within tol of want in the mixed sense
// |got − want| ≤ tol·max(1, |want|), and returns the error |got − want|.
// NaN never agrees; equal infinities do.
func agree(got, want, tol float64) (bool, float64) {
	if math.IsNaN(got) || math.IsNaN(want) {
		return false, math.NaN()
	}
	if math.IsInf(got, 0) || math.IsInf(want, 0) {
		if got == want {
			return true, 0
		}
		return false, math.Inf(1)
	}
	e := math.Abs(got - want)
	return e <= tol*math.Max(1, math.Abs(want)), e
}

// badTol returns a reason when tol cannot be used, or "".
func badTol(tol float64) string {
	if math.IsNaN(tol) || tol < 0 {
		return fmt.Sprintf("tolerance %g is not a non-negative number", tol)
	}
	return ""
}

// Value checks that got is within tol of want, printing one PASS or FAIL line
// named name. It fails when got is NaN.
func Value(name string, got, want, tol float64) bool {
	record(observe.Floats(name, observe.Rel, tol, got))
	if r := badTol(tol); r != "" {
		return fail(name, "%s", r)
	}
	if math.IsNaN(want) {
		return fail(name, "the reference value is NaN")
	}
	ok, e := agree(got, want, tol)
	if !ok {
		if math.IsNaN(got) {
			return fail(name, "got NaN, want %.10g", want)
		}
		if math.IsInf(want, 0) {
			return fail(name, "got %.10g, want %v", got, want)
		}
		return fail(name, "got %.10g, want %.10g, error %.3g > tolerance %.3g", got, want, e, tol*math.Max(1, math.Abs(want)))
	}
	return pass(name, "%.10g (want %.10g, error %.3g)", got, want, e)
}

// Slice checks got against want element by element with tolerance tol,
// printing one line that names the first mismatch and how many elements
// disagree. Different lengths fail.
func Slice(name string, got, want []float64, tol float64) bool {
	record(observe.Floats(name, observe.Rel, tol, got...))
	if r := badTol(tol); r != "" {
		return fail(name, "%s", r)
	}
	if len(got) != len(want) {
		return fail(name, "got %s, want %d", count(len(got), "element"), len(want))
	}
	if len(want) == 0 {
		return fail(name, "nothing to compare: the reference is empty")
	}
	first, bad, worst := -1, 0, 0.0
	for i := range want {
		ok, e := agree(got[i], want[i], tol)
		if !ok {
			if first < 0 {
				first = i
			}
			bad++
			continue
		}
		worst = math.Max(worst, e)
	}
	if first >= 0 {
		_, e := agree(got[first], want[first], tol)
		return fail(name, "%d of %d elements differ; first at index %d: got %.10g, want %.10g, error %.3g",
			bad, len(want), first, got[first], want[first], e)
	}
	return pass(name, "%s agree (largest error %.3g)", count(len(want), "element"), worst)
}

// Must exits the cell with an error output when ok is false, after the
// failing check has printed its line. Use it to stop a cell at the first
// failure: check.Must(check.Value("mean", m, 2.5, 1e-12)).
func Must(ok bool) {
	if !ok {
		fmt.Fprintln(os.Stderr, "check: a check failed (see the FAIL line above)")
		exit(1)
	}
}

// call runs fn, turning a panic into an error that names it.
func call(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprint(r)
			if e, ok := r.(error); ok {
				msg = e.Error()
			}
			err = fmt.Errorf("panic: %s", strings.TrimSpace(msg))
		}
	}()
	fn()
	return nil
}

// True checks a condition that is not a closeness, such as an accuracy
// threshold, printing PASS or FAIL with the detail formatted from format and
// args: check.True("held-out accuracy ≥ 0.95", acc >= 0.95, "accuracy %.3f", acc).
func True(name string, ok bool, format string, args ...any) bool {
	record(observe.Truth(name, ok))
	if !ok {
		return fail(name, format, args...)
	}
	return pass(name, format, args...)
}

// count writes n things, with the plural when n ≠ 1.
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// Within checks that got is within the absolute distance tol of want,
// printing one PASS or FAIL line named name. Use it where a relative
// tolerance would be meaningless, such as an exponent: Value's
// tol·max(1, |want|) with want = −7.5 would allow 7.5 decades.
func Within(name string, got, want, tol float64) bool {
	record(observe.Floats(name, observe.Abs, tol, got))
	if r := badTol(tol); r != "" {
		return fail(name, "%s", r)
	}
	if math.IsNaN(want) {
		return fail(name, "the reference value is NaN")
	}
	if math.IsNaN(got) {
		return fail(name, "got NaN, want %.10g ± %.3g", want, tol)
	}
	e := math.Abs(got - want)
	if !(e <= tol) {
		return fail(name, "got %.10g, want %.10g ± %.3g (off by %.3g)", got, want, tol, e)
	}
	return pass(name, "%.10g (want %.10g ± %.3g)", got, want, tol)
}

// NoError stops the cell with an error output when err is not nil, printing
// the error to standard error. Notebooks use it for calls that must succeed,
// such as drawing a plot: var must = check.NoError.
func NoError(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		exit(1)
	}
}
