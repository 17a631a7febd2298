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
}

// LeakyAlpha is the slope on the negative side of the leaky ReLU in Funcs.
const LeakyAlpha = 0.01

// Funcs lists the scalar activations in the order a lecture introduces
// them. The leaky ReLU uses alpha = LeakyAlpha. Treat it as read-only;
// ByName returns copies.
var Funcs = []Func{
	{
		Name: "heaviside", F: Heaviside, Deriv: HeavisideDeriv,
		Note: "derivative 0 for x ≠ 0, a Dirac delta at 0 (returns 0): no direction to move",
	},
	{
		Name: "sigmoid", F: Sigmoid, Deriv: SigmoidDeriv,
		Note: "smooth; derivative positive everywhere, at most 1/4 (at 0)",
	},
	{
		Name: "tanh", F: Tanh, Deriv: TanhDeriv,
		Note: "smooth; derivative positive everywhere, at most 1 (at 0)",
	},
	{
		Name: "relu", F: ReLU, Deriv: ReLUDeriv,
		Note: "kink at 0 (returns derivative 0 there); derivative 0 for x < 0: dead units",
	},
	{
		Name: "leakyrelu", F: leaky, Deriv: leakyDeriv,
		Note: "alpha = 0.01; kink at 0 (returns alpha there); never a zero derivative",
	},
	{
		Name: "softplus", F: Softplus, Deriv: SoftplusDeriv,
		Note: "smooth ReLU; derivative is the sigmoid, positive everywhere",
	},
	{
		Name: "identity", F: Identity, Deriv: IdentityDeriv,
		Note: "linear: derivative 1 everywhere",
	},
}

func leaky(x float64) float64      { return LeakyReLU(x, LeakyAlpha) }
func leakyDeriv(x float64) float64 { return LeakyReLUDeriv(x, LeakyAlpha) }

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
