package check

import (
	"errors"
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/check/observe"

	"github.com/gradbook/gradbook/lib/fd"
)

// eval calls f(x), reporting a panic as an error.
func eval(f func(float64) float64, x float64) (y float64, err error) {
	err = call(func() { y = f(x) })
	return y, err
}

// Func checks the function got against the reference want at every point of
// points with tolerance tol, printing one line that names the first point
// where they disagree. A panic in either function is a failure, and so is a
// NaN from got.
func Func(name string, got, want func(float64) float64, points []float64, tol float64) bool {
	recordFunc(name, got, points, tol)
	switch {
	case got == nil:
		return fail(name, "the function to check is nil")
	case want == nil:
		return fail(name, "the reference function is nil")
	}
	ref := reference{
		value: func(x float64) (float64, error) { return eval(want, x) },
		what:  "want", failed: "the reference at",
	}
	if worst, ok := agreeAt(name, got, ref, points, tol); ok {
		return pass(name, "agrees at %s (largest error %.3g)", count(len(points), "point"), worst)
	}
	return false
}

// centralDiff is lib/fd's central difference (f(x+h) − f(x−h))/2h with
// its default step h = ε^(1/3)·max(1, |x|), with a panic in f, or a NaN,
// reported as an error.
func centralDiff(f func(float64) float64, x float64) (d float64, err error) {
	err = call(func() { d = fd.Derivative(f, x, nil) })
	if err == nil && math.IsNaN(d) {
		err = errors.New("gives NaN")
	}
	return d, err
}

// Derivative checks the derivative df of f against central differences of f
// at every point of points, printing one line that names the first point
// where they disagree.
func Derivative(name string, f, df func(float64) float64, points []float64, tol float64) bool {
	recordFunc(name, df, points, tol)
	switch {
	case f == nil:
		return fail(name, "the function is nil")
	case df == nil:
		return fail(name, "the derivative to check is nil")
	}
	ref := reference{
		value: func(x float64) (float64, error) { return centralDiff(f, x) },
		what:  "central difference", failed: "the function near",
	}
	if worst, ok := agreeAt(name, df, ref, points, tol); ok {
		return pass(name, "agrees with central differences at %s (largest error %.3g)", count(len(points), "point"), worst)
	}
	return false
}

// A reference is what Func and Derivative compare a function with: its
// value at a point, the word for it in a failure ("want"), and how a failure
// of the reference itself is introduced ("the reference at").
type reference struct {
	value        func(x float64) (float64, error)
	what, failed string
}

// agreeAt is the loop Func and Derivative share: got against ref at every
// point, printing the failure for the first point where they disagree (or
// where either fails). It returns the largest error and whether all agreed.
func agreeAt(name string, got func(float64) float64, ref reference, points []float64, tol float64) (worst float64, ok bool) {
	if len(points) == 0 {
		return 0, fail(name, "no sample points")
	}
	if r := badTol(tol); r != "" {
		return 0, fail(name, "%s", r)
	}
	for i, x := range points {
		w, err := ref.value(x)
		if err != nil {
			return 0, fail(name, "%s x[%d] = %g: %v", ref.failed, i, x, err)
		}
		g, err := eval(got, x)
		if err != nil {
			return 0, fail(name, "at x[%d] = %g: %v", i, x, err)
		}
		ok, e := agree(g, w, tol)
		if !ok {
			return 0, fail(name, "at x[%d] = %g: got %.10g, %s %.10g, error %.3g", i, x, g, ref.what, w, e)
		}
		worst = math.Max(worst, e)
	}
	return worst, true
}

// Gradient checks grad, which writes the gradient of f at x into dst, against
// central differences of f in every coordinate, printing one line that names
// the first component where they disagree. x is not modified.
func Gradient(name string, f func(x []float64) float64, grad func(dst, x []float64), x []float64, tol float64) bool {
	switch {
	case f == nil:
		return fail(name, "the function is nil")
	case grad == nil:
		return fail(name, "the gradient to check is nil")
	case len(x) == 0:
		return fail(name, "the point x is empty")
	}
	if r := badTol(tol); r != "" {
		return fail(name, "%s", r)
	}
	for i, v := range x {
		if math.IsNaN(v) {
			return fail(name, "x[%d] is NaN", i)
		}
	}
	// Work on copies so neither function can change the caller's x.
	g := make([]float64, len(x))
	xc := append([]float64(nil), x...)
	if err := call(func() { grad(g, xc) }); err != nil {
		record(observe.Failed(name, observe.Rel, tol, err))
		return fail(name, "the gradient at x = %s: %v", short(x), err)
	}
	record(observe.Floats(name, observe.Rel, tol, g...))
	want := make([]float64, len(x))
	for i := range x {
		copy(xc, x)
		fi := func(t float64) float64 { xc[i] = t; return f(xc) }
		d, err := centralDiff(fi, x[i])
		if err != nil {
			return fail(name, "the function near x = %s: %v", short(x), err)
		}
		if math.IsNaN(d) {
			return fail(name, "the function gives NaN near x = %s", short(x))
		}
		want[i] = d
	}
	worst := 0.0
	for i := range want {
		ok, e := agree(g[i], want[i], tol)
		if !ok {
			return fail(name, "component %d of %d: got %.10g, central difference %.10g, error %.3g", i, len(x), g[i], want[i], e)
		}
		worst = math.Max(worst, e)
	}
	if len(x) == 1 {
		return pass(name, "agrees with the central difference (error %.3g)", worst)
	}
	return pass(name, "%d components agree with central differences (largest error %.3g)", len(x), worst)
}

// short formats a point for a message, eliding long vectors.
func short(x []float64) string {
	if len(x) <= 4 {
		return fmt.Sprintf("%.4g", x)
	}
	return fmt.Sprintf("%.4g…(%d values)", x[:4], len(x))
}
