package ad

import (
	"math"

	"github.com/gradbook/gradbook/lib/activation"
)

// Pointwise functions y = f(x) applied to every element. Each is defined by
// f and its derivative df(x, y) (given the input and the output, so that
// exp and tanh reuse y); the shared backward rule is  x̄ += ȳ · f′(x).
// The activations take their formulas from lib/activation, the one source
// of truth for them.

// pointwiseDef is the entry of the pointwise function name: f gives the
// value, df(x, y) the derivative from the input and the output, and dfVar
// the derivative as a tape expression of x and y, so that the tangent
// dy = f′(x)·dx can itself be differentiated (for Hessians).
func pointwiseDef(name string, f func(float64) float64, df func(x, y float64) float64,
	dfVar func(t *Tape, x, y Var) Var) opDef {
	return opDef{name: name, forward: pointwiseForward, backward: pointwiseBackward, f: f, df: df,
		jvp: func(t *Tape, id int32, da, _ Var) Var {
			if da.t == nil {
				return Var{}
			}
			n := &t.nodes[id]
			return mulT(da, dfVar(t, Var{t, n.a, t.gen}, Var{t, id, t.gen}))
		}}
}

// The entries, each as (f, f′ from x and y, f′ as a tape expression).
var (
	// −x; the tangent is simply −dx.
	negDef = opDef{name: "neg", forward: pointwiseForward, backward: pointwiseBackward,
		f:   func(x float64) float64 { return -x },
		df:  func(x, y float64) float64 { return -1 },
		jvp: func(t *Tape, id int32, da, _ Var) Var { return negT(da) }}
	squareDef = pointwiseDef("square", func(x float64) float64 { return x * x },
		func(x, y float64) float64 { return 2 * x },
		func(t *Tape, x, y Var) Var { return x.Scale(2) })
	expDef = pointwiseDef("exp", math.Exp,
		func(x, y float64) float64 { return y },
		func(t *Tape, x, y Var) Var { return y })
	// log(0) = −Inf and its derivative 1/0 = +Inf, as IEEE arithmetic says.
	logDef = pointwiseDef("log", math.Log,
		func(x, y float64) float64 { return 1 / x },
		func(t *Tape, x, y Var) Var { return x.RDiv(1) })
	log1pDef = pointwiseDef("log1p", math.Log1p,
		func(x, y float64) float64 { return 1 / (1 + x) },
		func(t *Tape, x, y Var) Var { return x.Shift(1).RDiv(1) })
	// sqrt′(0) = +Inf: the slope of √x really is vertical at 0.
	sqrtDef = pointwiseDef("sqrt", math.Sqrt,
		func(x, y float64) float64 { return 0.5 / y },
		func(t *Tape, x, y Var) Var { return y.RDiv(0.5) })
	// |x|′ at 0 is taken as 0, the subgradient PyTorch and JAX use.
	absDef = pointwiseDef("abs", math.Abs,
		func(x, y float64) float64 { return sign(x) },
		func(t *Tape, x, y Var) Var { return t.signOf(x) })
	sinDef = pointwiseDef("sin", math.Sin,
		func(x, y float64) float64 { return math.Cos(x) },
		func(t *Tape, x, y Var) Var { return x.Cos() })
	cosDef = pointwiseDef("cos", math.Cos,
		func(x, y float64) float64 { return -math.Sin(x) },
		func(t *Tape, x, y Var) Var { return x.Sin().Neg() })
	tanhDef = pointwiseDef("tanh", activation.Tanh,
		func(x, y float64) float64 { return activation.TanhDeriv(x) },
		func(t *Tape, x, y Var) Var { return x.pointwise(opTanhDeriv) })
	sigmoidDef = pointwiseDef("sigmoid", activation.Sigmoid,
		func(x, y float64) float64 { return activation.SigmoidDeriv(x) },
		func(t *Tape, x, y Var) Var { return x.pointwise(opSigmoidDeriv) })
	// ReLU′(0) = 0 (activation.ReLUDeriv's convention).
	reLUDef = pointwiseDef("relu", activation.ReLU,
		func(x, y float64) float64 { return activation.ReLUDeriv(x) },
		func(t *Tape, x, y Var) Var { return x.Heaviside() })
	softplusDef = pointwiseDef("softplus", activation.Softplus,
		func(x, y float64) float64 { return activation.SoftplusDeriv(x) },
		func(t *Tape, x, y Var) Var { return x.Sigmoid() })
	// tanh′ and σ′ as ops of their own, from lib/activation's stable
	// formulas: 1 − tanh² and σ(1 − σ) would cancel every digit where the
	// function saturates. tanh″ = −2 tanh·tanh′, σ″ = σ′(1 − 2σ).
	tanhDerivDef = pointwiseDef("tanh′", activation.TanhDeriv,
		func(x, y float64) float64 { return -2 * activation.Tanh(x) * y },
		func(t *Tape, x, y Var) Var { return x.Tanh().Mul(y).Scale(-2) })
	sigmoidDerivDef = pointwiseDef("σ′", activation.SigmoidDeriv,
		func(x, y float64) float64 { return y * (1 - 2*activation.Sigmoid(x)) },
		func(t *Tape, x, y Var) Var { return y.Mul(x.Sigmoid().Scale(-2).Shift(1)) })
	// The step's derivative is 0 where it exists (a Dirac delta at 0).
	heavisideDef = pointwiseDef("heaviside", activation.Heaviside,
		func(x, y float64) float64 { return activation.HeavisideDeriv(x) },
		func(t *Tape, x, y Var) Var { return Var{} })
)

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0 * x // 0, or NaN for NaN
}

func pointwiseForward(t *Tape, n *node) {
	f := ops[n.op].f
	x := t.nodes[n.a].val[:len(n.val)]
	switch n.op { // the hottest ones without an indirect call
	case opSquare:
		for i, v := range x {
			n.val[i] = v * v
		}
	case opNeg:
		for i, v := range x {
			n.val[i] = -v
		}
	case opReLU: // a direct (inlined) call instead of one through f
		for i, v := range x {
			n.val[i] = activation.ReLU(v)
		}
	default:
		for i, v := range x {
			n.val[i] = f(v)
		}
	}
}

func pointwiseBackward(t *Tape, n *node) {
	ga, fresh := t.gradFor(n.a)
	if ga == nil {
		return
	}
	x := t.nodes[n.a].val[:len(n.val)]
	g := n.grad[:len(n.val)]
	ga = ga[:len(n.val)]
	switch {
	case n.op == opSquare && fresh:
		for i, v := range x {
			ga[i] = 2 * v * g[i]
		}
	case n.op == opSquare:
		for i, v := range x {
			ga[i] += 2 * v * g[i]
		}
	case n.op == opNeg && fresh:
		for i, v := range g {
			ga[i] = -v
		}
	case n.op == opNeg:
		for i, v := range g {
			ga[i] -= v
		}
	case n.op == opReLU && fresh:
		for i, v := range x {
			ga[i] = g[i] * activation.ReLUDeriv(v)
		}
	case n.op == opReLU:
		for i, v := range x {
			ga[i] += g[i] * activation.ReLUDeriv(v)
		}
	case n.op == opExp && fresh:
		for i, y := range n.val {
			ga[i] = g[i] * y
		}
	case n.op == opExp:
		for i, y := range n.val {
			ga[i] += g[i] * y
		}
	default:
		df := ops[n.op].df
		if fresh {
			for i, v := range x {
				ga[i] = g[i] * df(v, n.val[i])
			}
			return
		}
		for i, v := range x {
			ga[i] += g[i] * df(v, n.val[i])
		}
	}
}

func (a Var) pointwise(op opcode) Var {
	n := a.node()
	return a.t.record(op, n.rows, n.cols, a.id, -1)
}

// Neg returns −a.
func (a Var) Neg() Var { return a.pointwise(opNeg) }

// Square returns a ⊙ a.
func (a Var) Square() Var { return a.pointwise(opSquare) }

// Exp returns eᵃ elementwise.
func (a Var) Exp() Var { return a.pointwise(opExp) }

// Log returns the natural logarithm elementwise; log 0 = −Inf (with
// derivative +Inf), log of a negative number is NaN.
func (a Var) Log() Var { return a.pointwise(opLog) }

// Log1p returns log(1 + a) elementwise, accurate for small a.
func (a Var) Log1p() Var { return a.pointwise(opLog1p) }

// Sqrt returns √a elementwise. At 0 the value is 0 and the derivative +Inf.
func (a Var) Sqrt() Var { return a.pointwise(opSqrt) }

// Abs returns |a| elementwise, with derivative sign(a) and 0 at a = 0
// (the subgradient PyTorch and JAX use).
func (a Var) Abs() Var { return a.pointwise(opAbs) }

// Sin returns sin a elementwise.
func (a Var) Sin() Var { return a.pointwise(opSin) }

// Cos returns cos a elementwise.
func (a Var) Cos() Var { return a.pointwise(opCos) }

// Tanh returns tanh a elementwise.
func (a Var) Tanh() Var { return a.pointwise(opTanh) }

// Sigmoid returns the logistic function 1/(1+e^(−a)) elementwise
// (activation.Sigmoid).
func (a Var) Sigmoid() Var { return a.pointwise(opSigmoid) }

// ReLU returns max(a, 0) elementwise, with derivative 0 at a = 0
// (activation.ReLU, activation.ReLUDeriv).
func (a Var) ReLU() Var { return a.pointwise(opReLU) }

// Softplus returns log(1 + eᵃ) elementwise, computed without overflow
// (activation.Softplus); its derivative is the sigmoid.
func (a Var) Softplus() Var { return a.pointwise(opSoftplus) }

// Heaviside returns the unit step (1 for a > 0, else 0) elementwise. Its
// derivative is 0: no gradient flows through a step.
func (a Var) Heaviside() Var { return a.pointwise(opHeaviside) }

// signOf records sign(x) as a constant-derivative node: the Heaviside
// difference H(x) − H(−x) has derivative 0 and value sign(x).
func (t *Tape) signOf(x Var) Var {
	return x.Heaviside().Sub(x.Neg().Heaviside())
}
