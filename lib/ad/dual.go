package ad

import (
	"math"

	"github.com/gradbook/gradbook/lib/activation"
)

// Dual is a dual number V + D·ε with ε² = 0: carrying D = dx/dt along with
// the value V through every operation gives the derivative by forward mode,
// since f(V + Dε) = f(V) + f′(V)·D·ε exactly. Start with Dual{x, 1} to
// differentiate with respect to x.
type Dual struct {
	V float64 // value
	D float64 // derivative (tangent)
}

// Derivative returns f(x) and f′(x) by forward mode with dual numbers.
func Derivative(f func(Dual) Dual, x float64) (value, deriv float64) {
	y := f(Dual{x, 1})
	return y.V, y.D
}

// Add returns a + b, with its derivative part by the chain rule.
func (a Dual) Add(b Dual) Dual { return Dual{a.V + b.V, a.D + b.D} }

// Sub returns a − b, with its derivative part by the chain rule.
func (a Dual) Sub(b Dual) Dual { return Dual{a.V - b.V, a.D - b.D} }

// Mul is the product rule: (ab)′ = a′b + ab′.
func (a Dual) Mul(b Dual) Dual { return Dual{a.V * b.V, a.D*b.V + a.V*b.D} }

// Div is the quotient rule: (a/b)′ = (a′ − (a/b)·b′)/b.
func (a Dual) Div(b Dual) Dual {
	q := a.V / b.V
	return Dual{q, (a.D - q*b.D) / b.V}
}

// Neg returns −a, with its derivative part by the chain rule.
func (a Dual) Neg() Dual { return Dual{-a.V, -a.D} }

// Scale returns k·a, with its derivative part by the chain rule.
func (a Dual) Scale(k float64) Dual { return Dual{k * a.V, k * a.D} }

// Shift returns a + k, with its derivative part by the chain rule.
func (a Dual) Shift(k float64) Dual { return Dual{a.V + k, a.D} }

// Square returns a², with its derivative part by the chain rule.
func (a Dual) Square() Dual { return Dual{a.V * a.V, 2 * a.V * a.D} }

// Const returns the constant k as a Dual with zero derivative, whatever a is; generic code uses it to make constants of its number type.
func (a Dual) Const(k float64) Dual { return Dual{k, 0} }

// Pow returns aᵏ, with its derivative part by the chain rule.
func (a Dual) Pow(k float64) Dual { return Dual{math.Pow(a.V, k), a.D * powDeriv(a.V, k)} }

// Exp returns eᵃ, with its derivative part by the chain rule.
func (a Dual) Exp() Dual { e := math.Exp(a.V); return Dual{e, e * a.D} }

// Log returns the natural logarithm of a, with its derivative part by the chain rule.
func (a Dual) Log() Dual { return Dual{math.Log(a.V), a.D / a.V} }

// Sqrt returns √a, with its derivative part by the chain rule.
func (a Dual) Sqrt() Dual { r := math.Sqrt(a.V); return Dual{r, 0.5 * a.D / r} }

// Sin returns sin a, with its derivative part by the chain rule.
func (a Dual) Sin() Dual { return Dual{math.Sin(a.V), math.Cos(a.V) * a.D} }

// Cos returns cos a, with its derivative part by the chain rule.
func (a Dual) Cos() Dual { return Dual{math.Cos(a.V), -math.Sin(a.V) * a.D} }

// Tanh returns tanh a, with its derivative part by the chain rule.
func (a Dual) Tanh() Dual { return Dual{activation.Tanh(a.V), activation.TanhDeriv(a.V) * a.D} }

// Sigmoid returns σ(a) (activation.Sigmoid), with its derivative part by the chain rule.
func (a Dual) Sigmoid() Dual {
	return Dual{activation.Sigmoid(a.V), activation.SigmoidDeriv(a.V) * a.D}
}

// Softplus returns softplus(a) = log(1 + eᵃ) (activation.Softplus), with its derivative part by the chain rule.
func (a Dual) Softplus() Dual {
	return Dual{activation.Softplus(a.V), activation.SoftplusDeriv(a.V) * a.D}
}

// ReLU returns max(a, 0), with derivative 0 at 0, with its derivative part by the chain rule.
func (a Dual) ReLU() Dual { return Dual{activation.ReLU(a.V), activation.ReLUDeriv(a.V) * a.D} }

// Abs returns |a|, with derivative 0 at 0, with its derivative part by the chain rule.
func (a Dual) Abs() Dual { return Dual{math.Abs(a.V), sign(a.V) * a.D} }
