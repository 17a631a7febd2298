package ad

import (
	"math"

	"github.com/gradbook/gradbook/lib/activation"
)

// Number is the arithmetic shared by the four kinds of scalar this package
// differentiates with: Float (plain values, for finite differences), Dual
// (forward mode), Series (Taylor mode) and Var (reverse mode on a tape). A
// scalar function written once as a generic function,
//
//	func h[T ad.Number[T]](t T) T {
//		return t.Mul(t).Shift(-4).Div(t.Shift(-2)) // (t² − 4)/(t − 2)
//	}
//
// can be evaluated in every mode: ad.Derivatives(h, 2, 2) (Taylor),
// ad.Derivative(h, 2) (dual numbers), or on a tape with t.VariableScalar.
// Const makes a constant of the receiver's kind (on the receiver's tape,
// for a Var).
type Number[T any] interface {
	Add(T) T
	Sub(T) T
	Mul(T) T
	Div(T) T
	Neg() T
	Scale(k float64) T
	Shift(k float64) T
	Pow(k float64) T
	Square() T
	Exp() T
	Log() T
	Sqrt() T
	Sin() T
	Cos() T
	Tanh() T
	Sigmoid() T
	Softplus() T
	Const(k float64) T
}

var (
	_ Number[Float]  = Float(0)
	_ Number[Dual]   = Dual{}
	_ Number[Series] = Series{}
	_ Number[Var]    = Var{}
)

// Const returns the scalar constant k on v's tape.
func (v Var) Const(k float64) Var { return v.t.ConstantScalar(k) }

// Float is a float64 with the Number methods, for evaluating a generic
// scalar function without derivatives.
type Float float64

// Add returns a + b in plain float64 arithmetic.
func (a Float) Add(b Float) Float { return a + b }

// Sub returns a − b in plain float64 arithmetic.
func (a Float) Sub(b Float) Float { return a - b }

// Mul returns a·b in plain float64 arithmetic.
func (a Float) Mul(b Float) Float { return a * b }

// Div returns a/b in plain float64 arithmetic.
func (a Float) Div(b Float) Float { return a / b }

// Neg returns −a in plain float64 arithmetic.
func (a Float) Neg() Float { return -a }

// Scale returns k·a in plain float64 arithmetic.
func (a Float) Scale(k float64) Float { return Float(k) * a }

// Shift returns a + k in plain float64 arithmetic.
func (a Float) Shift(k float64) Float { return a + Float(k) }

// Pow returns aᵏ in plain float64 arithmetic.
func (a Float) Pow(k float64) Float { return Float(math.Pow(float64(a), k)) }

// Square returns a² in plain float64 arithmetic.
func (a Float) Square() Float { return a * a }

// Exp returns eᵃ in plain float64 arithmetic.
func (a Float) Exp() Float { return Float(math.Exp(float64(a))) }

// Log returns the natural logarithm of a in plain float64 arithmetic.
func (a Float) Log() Float { return Float(math.Log(float64(a))) }

// Sqrt returns √a in plain float64 arithmetic.
func (a Float) Sqrt() Float { return Float(math.Sqrt(float64(a))) }

// Sin returns sin a in plain float64 arithmetic.
func (a Float) Sin() Float { return Float(math.Sin(float64(a))) }

// Cos returns cos a in plain float64 arithmetic.
func (a Float) Cos() Float { return Float(math.Cos(float64(a))) }

// Tanh returns tanh a in plain float64 arithmetic.
func (a Float) Tanh() Float { return Float(activation.Tanh(float64(a))) }

// Sigmoid returns σ(a) (activation.Sigmoid) in plain float64 arithmetic.
func (a Float) Sigmoid() Float { return Float(activation.Sigmoid(float64(a))) }

// Softplus returns softplus(a) = log(1 + eᵃ) (activation.Softplus) in plain float64 arithmetic.
func (a Float) Softplus() Float { return Float(activation.Softplus(float64(a))) }

// Const returns the constant k as a Float, whatever a is; generic code uses it to make constants of its number type.
func (a Float) Const(k float64) Float { return Float(k) }
