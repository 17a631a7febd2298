package activation

import (
	"fmt"
	"strings"
)

// Func is a scalar activation function together with its derivative, so
// that code which needs "any activation" (a network layer, a plot of all of
// them) can take one value.
type Func struct {
	Name  string                // lower-case name, as accepted by ByName
	F     func(float64) float64 // the activation
	Deriv func(float64) float64 // its derivative, with the kink convention of Note
	Note  string                // where the derivative is undefined or zero, and what Deriv returns there
	// Deriv2 is the second derivative, or nil. It is optional: a network
	// layer needs only F and Deriv, and Deriv2 only for Hessians through
	// the layer.
	Deriv2 func(float64) float64
}

// LeakyAlpha is the slope on the negative side of the leaky ReLU in Funcs.
const LeakyAlpha = 0.01

// LeakyReLUWith returns the leaky ReLU with slope alpha on the negative
// side as a Func (Funcs holds the one with LeakyAlpha). Its name is
// "leakyrelu" for LeakyAlpha and "leakyrelu(alpha)" otherwise, so a layer
// prints which one it uses.
func LeakyReLUWith(alpha float64) Func {
	name := "leakyrelu"
	if alpha != LeakyAlpha {
		name = fmt.Sprintf("leakyrelu(%g)", alpha)
	}
	return Func{
		Name:   name,
		F:      func(x float64) float64 { return LeakyReLU(x, alpha) },
		Deriv:  func(x float64) float64 { return LeakyReLUDeriv(x, alpha) },
		Deriv2: zero2,
		Note:   fmt.Sprintf("alpha = %g; kink at 0 (returns alpha there); never a zero derivative", alpha),
	}
}

// zero2 is the second derivative of the piecewise-linear activations away
// from their kinks (and of the identity).
func zero2(x float64) float64 { return 0 * x } // NaN stays NaN

// Funcs lists the scalar activations in the order a lecture introduces
// them. The leaky ReLU uses alpha = LeakyAlpha. Treat it as read-only;
// ByName returns copies.
var Funcs = []Func{
	{
		Name: "heaviside", F: Heaviside, Deriv: HeavisideDeriv, Deriv2: zero2,
		Note: "derivative 0 for x ≠ 0, a Dirac delta at 0 (returns 0): no direction to move",
	},
	{
		Name: "sigmoid", F: Sigmoid, Deriv: SigmoidDeriv,
		// σ″ = σ′·(1 − 2σ)
		Deriv2: func(x float64) float64 { return SigmoidDeriv(x) * (1 - 2*Sigmoid(x)) },
		Note:   "smooth; derivative positive everywhere, at most 1/4 (at 0)",
	},
	{
		Name: "tanh", F: Tanh, Deriv: TanhDeriv,
		// tanh″ = −2·tanh·tanh′
		Deriv2: func(x float64) float64 { return -2 * Tanh(x) * TanhDeriv(x) },
		Note:   "smooth; derivative positive everywhere, at most 1 (at 0)",
	},
	{
		Name: "relu", F: ReLU, Deriv: ReLUDeriv, Deriv2: zero2,
		Note: "kink at 0 (returns derivative 0 there); derivative 0 for x < 0: dead units",
	},
	LeakyReLUWith(LeakyAlpha),
	{
		Name: "softplus", F: Softplus, Deriv: SoftplusDeriv, Deriv2: SigmoidDeriv,
		Note: "smooth ReLU; derivative is the sigmoid, positive everywhere",
	},
	{
		Name: "identity", F: Identity, Deriv: IdentityDeriv, Deriv2: zero2,
		Note: "linear: derivative 1 everywhere",
	},
}

// aliases maps other spellings to the names in Funcs. Keys are normalised
// by normalize.
var aliases = map[string]string{
	"step":      "heaviside",
	"logistic":  "sigmoid",
	"rectifier": "relu",
	"leaky":     "leakyrelu",
	"linear":    "identity",
	"none":      "identity",
}

// normalize lower-cases name and drops '-', '_' and spaces, so that
// "Leaky_ReLU", "leaky-relu" and "leakyrelu" are the same.
func normalize(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	return strings.NewReplacer("-", "", "_", "", " ", "").Replace(name)
}

// ByName returns the activation called name (case and '-', '_' ignored;
// "logistic", "step", "linear" and "leaky" are accepted as aliases). The
// error lists the known names.
func ByName(name string) (Func, error) {
	key := normalize(name)
	if a, ok := aliases[key]; ok {
		key = a
	}
	for _, f := range Funcs {
		if f.Name == key {
			return f, nil
		}
	}
	names := make([]string, len(Funcs))
	for i, f := range Funcs {
		names[i] = f.Name
	}
	return Func{}, fmt.Errorf("activation: unknown activation %q (known: %s)", name, strings.Join(names, ", "))
}
