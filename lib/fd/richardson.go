package fd

import (
	"math"
)

// An Estimate is a derivative value together with an estimate of its
// absolute error, the step that produced it and the number of function
// calls spent.
type Estimate struct {
	Value float64
	Err   float64
	Step  float64
	Evals int
}

// SearchSettings adjust Adaptive and Richardson. A nil *SearchSettings, and
// every zero field, means the default.
type SearchSettings struct {
	// Formula is the base formula; zero means Central1.
	Formula Formula
	// Step is the largest step tried; zero means 0.1·max(|x|,1). The
	// function must be defined on [x − S·Step, x + S·Step], S the largest
	// |Loc| of the stencil.
	Step float64
	// Ratio is the factor between successive steps; zero means 2.
	Ratio float64
	// Steps is the number of steps tried; zero means 30 for Adaptive and 8
	// for Richardson.
	Steps int
}

func (s *SearchSettings) get(defSteps int, x float64) (Formula, float64, float64, int) {
	form, h0, r, k := Central1, 0.1*math.Max(math.Abs(x), 1), 2.0, defSteps
	if s != nil {
		if !s.Formula.IsZero() {
			checkFormula(s.Formula, 0)
			form = s.Formula
		}
		if s.Step != 0 {
			h0 = s.Step
		}
		if s.Ratio != 0 {
			r = s.Ratio
		}
		if s.Steps != 0 {
			k = s.Steps
		}
	}
	if !(h0 > 0) || !(r > 1) || k < 2 {
		panic("fd: SearchSettings need Step > 0, Ratio > 1 and Steps ≥ 2")
	}
	return form, h0, r, k
}

// Adaptive evaluates the formula at the steps h₀, h₀/r, h₀/r², … and
// returns the value at the step with the smallest error estimate
//
//	|D(hₖ) − D(hₖ₋₁)| + ε·Σᵢ|cᵢ f(x+Locᵢhₖ)|/hₖᵈ,
//
// the change from the previous step (which tracks the truncation error,
// C·hᵖ) plus a bound on the round-off of the formula (which grows like
// ε/hᵈ). The minimum sits at the bottom of the V between the two; the
// round-off term keeps the search from trusting two tiny steps whose noisy
// values agree by chance.
func Adaptive(f func(float64) float64, x float64, s *SearchSettings) Estimate {
	form, h, r, k := s.get(30, x)
	var c Counter
	g := c.Scalar(f)
	prev := apply(g, x, form, h)
	best := Estimate{Value: prev, Err: math.Inf(1), Step: h}
	for i := 1; i < k; i++ {
		h /= r
		v, round := applyRound(g, x, form, h)
		if e := math.Abs(v-prev) + round; e < best.Err {
			best = Estimate{Value: v, Err: e, Step: h}
		}
		prev = v
	}
	best.Evals = c.Calls()
	return best
}

// Richardson extrapolates the formula's values at the steps h₀, h₀/r, … to
// h = 0. If D(h) = f⁽ᵈ⁾(x) + c₁h^q₁ + c₂h^q₂ + …, with q = p, p+1, … (p, p+2,
// … for symmetric stencils), then
//
//	D_{i,j} = D_{i,j−1} + (D_{i,j−1} − D_{i−1,j−1}) / (r^{q_j} − 1)
//
// removes one more term per column. The entry with the smallest error
// estimate max(|D_{i,j} − D_{i,j−1}|, |D_{i,j} − D_{i−1,j−1}|) is returned;
// the search stops when the estimate grows tenfold, i.e. when round-off
// takes over. For exp, sin and log at ordinary points the default settings
// reach a relative error near 1e-13. The error model assumes the steps
// resolve f: for a function that oscillates on the scale of Step (sin(eˣ⁴)
// at x = 2.4) the estimate can be far too small; start from a smaller Step,
// or compare two starting steps.
func Richardson(f func(float64) float64, x float64, s *SearchSettings) Estimate {
	form, h, r, k := s.get(8, x)
	var c Counter
	g := c.Scalar(f)
	inc := 1
	if form.symmetric() {
		inc = 2
	}
	prev := make([]float64, 0, k)
	best := Estimate{Err: math.Inf(1)}
	for i := 0; i < k; i++ {
		row := []float64{apply(g, x, form, h)}
		for j := 1; j <= i; j++ {
			q := float64(form.Accuracy + (j-1)*inc)
			row = append(row, row[j-1]+(row[j-1]-prev[j-1])/(math.Pow(r, q)-1))
			e := math.Max(math.Abs(row[j]-row[j-1]), math.Abs(row[j]-prev[j-1]))
			if e < best.Err {
				best = Estimate{Value: row[j], Err: e, Step: h}
			}
		}
		if i > 1 && math.Abs(row[i]-prev[i-1]) > 10*best.Err {
			break
		}
		prev = row
		h /= r
	}
	best.Evals = c.Calls()
	return best
}
