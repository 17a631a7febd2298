package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Curve is a function to draw, with its legend label.
type Curve struct {
	Label string
	F     func(float64) float64
}

// Samples is the number of points at which Functions evaluates each curve.
const Samples = 801

// jumpFrac: a change between neighbouring samples larger than this fraction
// of the plot's height is examined as a possible jump.
const jumpFrac = 0.02

// Functions plots the curves over [xmin, xmax], sampled at Samples points.
// It draws them honestly where they are not continuous: a line stops at NaN
// or ±Inf values, and at jumps, found by bisecting every interval across
// which the curve changes by more than 2 % of the plot's height. The curve
// is continuous there if the change shrinks as the interval does, and jumps
// if it persists down to neighbouring floats; a jump is drawn as a gap
// (Heaviside is two horizontal rays, not a ramp). Bad input — no curves, a
// nil F, xmin ≥ xmax or non-finite bounds, a curve with no finite value — is
// recorded as the plot's error (see Err) and returned by Display.
func Functions(title string, xmin, xmax float64, curves ...Curve) *plot.Plot {
	p := newPlot(title, "x", "")
	pieces, err := sampleCurves(xmin, xmax, curves)
	if err != nil {
		return fail(p, err)
	}
	for c, cv := range curves {
		for k, xys := range pieces[c] {
			l, err := plotter.NewLine(xys)
			if err != nil {
				return fail(p, fmt.Errorf("Functions: curve %q: %w", cv.Label, err))
			}
			l.LineStyle = lineStyle(p, c, cv.Label)
			p.Add(l)
			recordLine(p, xys)
			recordLabel(p, cv.Label, l)
			if k == 0 && cv.Label != "" {
				p.Legend.Add(cv.Label, l)
			}
		}
	}
	p.X.Min, p.X.Max = xmin, xmax
	markAuto(p, false)
	return p
}

// sampleCurves returns, for each curve, its continuous pieces.
func sampleCurves(xmin, xmax float64, curves []Curve) ([][]plotter.XYs, error) {
	switch {
	case len(curves) == 0:
		return nil, fmt.Errorf("Functions: no curves")
	case !(xmin < xmax) || math.IsInf(xmin, 0) || math.IsInf(xmax, 0):
		return nil, fmt.Errorf("Functions: interval [%v, %v] is not a finite xmin < xmax", xmin, xmax)
	}
	ylo, yhi := math.Inf(1), math.Inf(-1)
	xs := make([]float64, Samples)
	for i := range xs {
		xs[i] = xmin + (xmax-xmin)*float64(i)/float64(Samples-1)
	}
	xs[Samples-1] = xmax
	ys := make([][]float64, len(curves))
	for c, cv := range curves {
		if cv.F == nil {
			return nil, fmt.Errorf("Functions: curve %d (%q) has a nil F", c, cv.Label)
		}
		ys[c] = make([]float64, Samples)
		for i, x := range xs {
			y := cv.F(x)
			ys[c][i] = y
			if finite(y) {
				ylo, yhi = math.Min(ylo, y), math.Max(yhi, y)
			}
		}
	}
	height := yhi - ylo
	if !(height > 0) || math.IsInf(height, 0) {
		height = math.Max(1, math.Abs(yhi))
	}
	out := make([][]plotter.XYs, len(curves))
	for c, cv := range curves {
		out[c] = pieces(cv.F, xs, ys[c], jumpFrac*height)
		if len(out[c]) == 0 {
			return nil, fmt.Errorf("Functions: curve %d (%q) has no finite value on [%v, %v]", c, cv.Label, xmin, xmax)
		}
	}
	return out, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// pieces splits the samples (xs, ys) of f into continuous runs: a run ends
// at a non-finite value and at a jump (see isJump), where it is extended to
// the bisected edge of the jump.
func pieces(f func(float64) float64, xs, ys []float64, tol float64) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	for i := range xs {
		if !finite(ys[i]) {
			flush()
			continue
		}
		if len(cur) > 0 && math.Abs(ys[i]-ys[i-1]) > tol {
			if a, fa, b, fb, jump := findJump(f, xs[i-1], ys[i-1], xs[i], ys[i], tol); jump {
				if a > xs[i-1] && finite(fa) {
					cur = append(cur, plotter.XY{X: a, Y: fa})
				}
				flush()
				if b < xs[i] && finite(fb) {
					cur = append(cur, plotter.XY{X: b, Y: fb})
				}
			}
		}
		cur = append(cur, plotter.XY{X: xs[i], Y: ys[i]})
	}
	flush()
	return out
}

// findJump bisects [a, b], keeping the half across which f changes more,
// until a and b are neighbouring floats (at most 80 halvings). A continuous
// f changes less and less as the interval shrinks; if the change is still
// above tol/2 at the end, or f is not finite inside, [a, b] holds a jump.
func findJump(f func(float64) float64, a, fa, b, fb, tol float64) (float64, float64, float64, float64, bool) {
	for range 80 {
		m := a + (b-a)/2
		if m <= a || m >= b {
			break
		}
		fm := f(m)
		if !finite(fm) {
			return a, fa, b, fb, true
		}
		if math.Abs(fm-fa) >= math.Abs(fb-fm) {
			b, fb = m, fm
		} else {
			a, fa = m, fm
		}
		if math.Abs(fb-fa) <= tol/2 {
			return a, fa, b, fb, false
		}
	}
	return a, fa, b, fb, math.Abs(fb-fa) > tol/2
}
