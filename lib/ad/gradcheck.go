package ad

import (
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/fd"
)

// CheckSettings tunes CheckGradient. A nil *CheckSettings means defaults.
type CheckSettings struct {
	// Step is the finite-difference step relative to max(1, |xᵢ|); zero
	// means ε^(1/3) ≈ 6.1e-6, which balances the O(h²) truncation error of
	// central differences against the O(ε/h) rounding error.
	Step float64
	// Floor is the smallest denominator of the relative error, so that a
	// component whose gradient is ~0 is judged by its absolute error; zero
	// means 1e-6.
	Floor float64
}

// GradCheck is the result of comparing an AD gradient with central
// differences.
type GradCheck struct {
	AD, FD    []float64 // the two gradients
	MaxRelErr float64   // worst |ADᵢ − FDᵢ| / max(|ADᵢ|, |FDᵢ|, Floor)
	Index     int       // i where it happens
}

// String reports the worst component.
func (c GradCheck) String() string {
	if len(c.AD) == 0 {
		return "gradient check: empty input"
	}
	return fmt.Sprintf("gradient check: worst relative error %.2e at index %d (AD %.10g, FD %.10g)",
		c.MaxRelErr, c.Index, c.AD[c.Index], c.FD[c.Index])
}

// CheckGradient compares the reverse-mode gradient of f at x with central
// differences,
//
//	∂f/∂xᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h,  h = Step·max(1, |xᵢ|),
//
// and reports the worst relative error and where it occurs. It returns an
// error if x is empty or holds NaN or ±Inf, if f(x) is not 1×1 (a
// gradient needs a scalar function), or if f(x) is not finite. x is
// restored before returning.
func CheckGradient(f Func, x []float64, s *CheckSettings) (GradCheck, error) {
	if len(x) == 0 {
		return GradCheck{}, fmt.Errorf("ad: CheckGradient: empty x")
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return GradCheck{}, fmt.Errorf("ad: CheckGradient: x[%d] = %v", i, v)
		}
	}
	step, floor := math.Cbrt(eps), 1e-6
	if s != nil && s.Step != 0 {
		step = s.Step
	}
	if s != nil && s.Floor != 0 {
		floor = s.Floor
	}
	probe := NewTape() // Gradient would panic on a non-scalar f
	if r, c := f(probe, probe.ConstantVec(x)).Dims(); r != 1 || c != 1 {
		return GradCheck{}, fmt.Errorf("ad: CheckGradient: f(x) is %d×%d, want a scalar (1×1)", r, c)
	}
	ad, fx := Gradient(nil, f, x)
	if math.IsNaN(fx) || math.IsInf(fx, 0) {
		return GradCheck{}, fmt.Errorf("ad: CheckGradient: f(x) = %v", fx)
	}
	c := GradCheck{AD: ad, FD: make([]float64, len(x))}
	t := NewTape()
	eval := func() float64 {
		t.Reset()
		return f(t, t.ConstantVec(x)).Item()
	}
	for i := range x {
		c.FD[i] = partial(eval, &x[i], step)
		e := math.Abs(ad[i]-c.FD[i]) / math.Max(math.Max(math.Abs(ad[i]), math.Abs(c.FD[i])), floor)
		if e > c.MaxRelErr || math.IsNaN(e) {
			c.MaxRelErr, c.Index = e, i
		}
	}
	return c, nil
}

const eps = 0x1p-52

// partial estimates d eval/d *x by lib/fd's central difference with the
// step step·max(1, |*x|), restoring *x.
func partial(eval func() float64, x *float64, step float64) float64 {
	x0 := *x
	defer func() { *x = x0 }()
	f := func(t float64) float64 { *x = t; return eval() }
	return fd.Derivative(f, x0, &fd.Settings{Step: step * math.Max(1, math.Abs(x0))})
}
