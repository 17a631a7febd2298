package optim

import (
	"errors"
	"fmt"
	"math"
)

// Stepper updates a parameter vector in place from its gradient. See the
// package documentation for the contract.
type Stepper interface {
	Step(x, grad []float64)
	Reset()
}

var (
	_ Stepper = (*SGD)(nil)
	_ Stepper = (*Momentum)(nil)
	_ Stepper = (*Nesterov)(nil)
	_ Stepper = (*Adam)(nil)
)

// checkLen panics when a stepper is called with slices of a different
// length than its state or than each other.
func checkLen(op string, state, x, grad int) {
	if x != grad || (state != 0 && state != x) {
		panic(fmt.Sprintf("optim: %s.Step: len(x)=%d, len(grad)=%d, state sized for %d", op, x, grad, state))
	}
}

// SGD is plain gradient descent with a fixed learning rate:
//
//	x ← x − Rate·g
//
// A zero Rate means 0.01.
type SGD struct {
	Rate float64
}

func rateOr(r, def float64) float64 {
	if r == 0 {
		return def
	}
	return r
}

// checkRate returns an error naming op and field unless r is zero (the
// default) or a finite positive number.
func checkRate(op, field string, r float64) error {
	if r != 0 && (!(r > 0) || math.IsInf(r, 0)) {
		return fmt.Errorf("optim: %s: %s = %v, want a finite number > 0 (or 0 for the default)", op, field, r)
	}
	return nil
}

// checkFraction returns an error naming op and field unless v is zero (the
// default) or in the open interval (0, 1).
func checkFraction(op, field string, v float64) error {
	if v != 0 && !(v > 0 && v < 1) {
		return fmt.Errorf("optim: %s: %s = %v, want 0 < %s < 1 (or 0 for the default)", op, field, v, field)
	}
	return nil
}

// checkCount returns an error naming op and field when n is negative.
func checkCount(op, field string, n int) error {
	if n < 0 {
		return fmt.Errorf("optim: %s: %s = %d, want ≥ 1 (or 0 for the default)", op, field, n)
	}
	return nil
}

// mustValid panics with err: Step has no error to return, and a step with
// a negative or NaN rate would climb or poison x silently.
func mustValid(err error) {
	if err != nil {
		panic(err.Error())
	}
}

// Validate reports a Rate that is negative, NaN or infinite.
func (s *SGD) Validate() error { return checkRate("SGD", "Rate", s.Rate) }

// Validate reports a Rate that is negative, NaN or infinite, or a Beta
// outside (0, 1).
func (m *Momentum) Validate() error {
	return errors.Join(checkRate("Momentum", "Rate", m.Rate), checkFraction("Momentum", "Beta", m.Beta))
}

// Validate reports a Rate that is negative, NaN or infinite, or a Beta
// outside (0, 1).
func (n *Nesterov) Validate() error {
	return errors.Join(checkRate("Nesterov", "Rate", n.Rate), checkFraction("Nesterov", "Beta", n.Beta))
}

// Validate reports a Rate or Eps that is negative, NaN or infinite, or a
// Beta1 or Beta2 outside (0, 1).
func (a *Adam) Validate() error {
	return errors.Join(checkRate("Adam", "Rate", a.Rate), checkFraction("Adam", "Beta1", a.Beta1),
		checkFraction("Adam", "Beta2", a.Beta2), checkRate("Adam", "Eps", a.Eps))
}

// Step implements Stepper.
func (s *SGD) Step(x, grad []float64) {
	checkLen("SGD", 0, len(x), len(grad))
	mustValid(s.Validate())
	eta := rateOr(s.Rate, 0.01)
	for i, g := range grad {
		x[i] -= eta * g
	}
}

// Reset implements Stepper; SGD has no state.
func (s *SGD) Reset() {}

// Momentum is gradient descent with heavy-ball momentum (Polyak 1964):
//
//	v ← Beta·v − Rate·g
//	x ← x + v
//
// The velocity v remembers past gradients, so steps grow along directions
// where the gradient keeps its sign and cancel where it oscillates. Zero
// Rate means 0.01, zero Beta means 0.9.
type Momentum struct {
	Rate, Beta float64
	v          []float64
}

// Step implements Stepper.
func (m *Momentum) Step(x, grad []float64) {
	checkLen("Momentum", len(m.v), len(x), len(grad))
	mustValid(m.Validate())
	if m.v == nil {
		m.v = make([]float64, len(x))
	}
	eta, beta := rateOr(m.Rate, 0.01), rateOr(m.Beta, 0.9)
	for i, g := range grad {
		m.v[i] = beta*m.v[i] - eta*g
		x[i] += m.v[i]
	}
}

// Reset implements Stepper: the velocity returns to zero.
func (m *Momentum) Reset() { m.v = nil }

// Nesterov is Nesterov's accelerated gradient in the form of Sutskever et
// al. (2013) that needs the gradient only at the current parameters:
//
//	v ← Beta·v − Rate·g
//	x ← x + Beta·v − Rate·g
//
// It equals evaluating the gradient at the look-ahead point x + Beta·v of
// classical Nesterov momentum, after the change of variables that stores
// the look-ahead point as x. Zero Rate means 0.01, zero Beta means 0.9.
type Nesterov struct {
	Rate, Beta float64
	v          []float64
}

// Step implements Stepper.
func (n *Nesterov) Step(x, grad []float64) {
	checkLen("Nesterov", len(n.v), len(x), len(grad))
	mustValid(n.Validate())
	if n.v == nil {
		n.v = make([]float64, len(x))
	}
	eta, beta := rateOr(n.Rate, 0.01), rateOr(n.Beta, 0.9)
	for i, g := range grad {
		n.v[i] = beta*n.v[i] - eta*g
		x[i] += beta*n.v[i] - eta*g
	}
}

// Reset implements Stepper: the velocity returns to zero.
func (n *Nesterov) Reset() { n.v = nil }

// Adam is the method of Kingma and Ba (2015): per-coordinate steps scaled
// by running estimates of the gradient's first and second moments,
//
//	m ← β₁m + (1−β₁)g,   s ← β₂s + (1−β₂)g²,   t ← t+1
//	x ← x − Rate · (m/(1−β₁ᵗ)) / (√(s/(1−β₂ᵗ)) + Eps)
//
// Zero fields mean the paper's defaults: Rate 0.001, Beta1 0.9, Beta2 0.999,
// Eps 1e-8.
type Adam struct {
	Rate, Beta1, Beta2, Eps float64
	m, s                    []float64
	t                       int
}

// Step implements Stepper.
func (a *Adam) Step(x, grad []float64) {
	checkLen("Adam", len(a.m), len(x), len(grad))
	mustValid(a.Validate())
	if a.m == nil {
		a.m = make([]float64, len(x))
		a.s = make([]float64, len(x))
	}
	eta := rateOr(a.Rate, 0.001)
	b1, b2, eps := rateOr(a.Beta1, 0.9), rateOr(a.Beta2, 0.999), rateOr(a.Eps, 1e-8)
	a.t++
	c1 := 1 - math.Pow(b1, float64(a.t))
	c2 := 1 - math.Pow(b2, float64(a.t))
	for i, g := range grad {
		a.m[i] = b1*a.m[i] + (1-b1)*g
		a.s[i] = b2*a.s[i] + (1-b2)*g*g
		x[i] -= eta * (a.m[i] / c1) / (math.Sqrt(a.s[i]/c2) + eps)
	}
}

// Reset implements Stepper: moments and the step count return to zero.
func (a *Adam) Reset() { a.m, a.s, a.t = nil, nil, 0 }
