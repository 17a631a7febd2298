package fd

import (
	"math"
)

// A Curve is a labelled sequence of points, laid out like plots.Series so
// that plots.Series(c) converts it.
type Curve struct {
	Label string
	X, Y  []float64
}

// Steps returns steps from `from` down to `to` (both > 0), perDecade per
// factor of ten, logarithmically spaced: Steps(1e-1, 1e-16, 4) gives 61
// steps.
func Steps(from, to float64, perDecade int) []float64 {
	if !(from > 0) || !(to > 0) || perDecade < 1 {
		panic("fd: Steps needs from, to > 0 and perDecade ≥ 1")
	}
	a, b := math.Log10(from), math.Log10(to)
	n := int(math.Round(math.Abs(a-b)*float64(perDecade))) + 1
	if n == 1 {
		return []float64{from}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = math.Pow(10, a+(b-a)*float64(i)/float64(n-1))
	}
	out[0], out[n-1] = from, to
	return out
}

// ErrorStudy returns, for each formula, the absolute error
// |D_h − f⁽ᵈ⁾(x)| at every step h, where exact(d) is the true d-th
// derivative at x. Plotted on log–log axes each curve is the classic V:
// slope p on the right (truncation, C·hᵖ) and slope −d on the left
// (round-off, ε|f|/hᵈ). An error of exactly zero, which a log axis cannot
// show, is drawn at ε·max(|f⁽ᵈ⁾(x)|, 1)/4, below anything the formula can
// resolve.
func ErrorStudy(f func(float64) float64, x float64, exact func(d int) float64, formulas []Formula, steps []float64) []Curve {
	out := make([]Curve, len(formulas))
	for k, form := range formulas {
		checkFormula(form, 0)
		want := exact(form.Derivative)
		c := Curve{Label: form.String(), X: append([]float64(nil), steps...), Y: make([]float64, len(steps))}
		for i, h := range steps {
			c.Y[i] = absErr(apply(f, x, form, h), want)
		}
		out[k] = c
	}
	return out
}

// ComplexStepCurve is ErrorStudy for the complex-step derivative of f.
func ComplexStepCurve(f func(complex128) complex128, x, exact float64, steps []float64) Curve {
	c := Curve{Label: "complex step", X: append([]float64(nil), steps...), Y: make([]float64, len(steps))}
	for i, h := range steps {
		c.Y[i] = absErr(ComplexStep(f, x, h), exact)
	}
	return c
}

func absErr(got, want float64) float64 {
	e := math.Abs(got - want)
	if e == 0 {
		return eps * math.Max(math.Abs(want), 1) / 4
	}
	return e
}

// Guide returns the line e = e0·(h/h0)^slope over steps, to mark the
// truncation (slope p) and round-off (slope −d) asymptotes on an error plot.
func Guide(label string, steps []float64, slope, h0, e0 float64) Curve {
	c := Curve{Label: label, X: append([]float64(nil), steps...), Y: make([]float64, len(steps))}
	for i, h := range steps {
		c.Y[i] = e0 * math.Pow(h/h0, slope)
	}
	return c
}
