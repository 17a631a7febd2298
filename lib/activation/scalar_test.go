package activation

import (
	"math"
	"testing"

	"github.com/gradbook/gradbook/lib/fd"
)

// close reports whether got is within tol of want, relative to max(1, |want|).
func close(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// relClose reports whether got is within tol of want relative to |want|;
// for values far below 1, such as e^(−700).
func relClose(got, want, tol float64) bool {
	if want == 0 {
		return got == 0
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}

var (
	inf  = math.Inf(1)
	big  = 1e308
	huge = math.MaxFloat64
)

func TestScalarValues(t *testing.T) {
	e := math.E
	for _, tc := range []struct {
		name string
		f    func(float64) float64
		x    float64
		want float64
	}{
		// Closed forms evaluated by hand.
		{"Heaviside", Heaviside, -2, 0},
		{"Heaviside", Heaviside, 0, 0}, // convention: on only for x > 0
		{"Heaviside", Heaviside, math.Copysign(0, -1), 0},
		{"Heaviside", Heaviside, 1e-300, 1},
		{"HeavisideDeriv", HeavisideDeriv, 0, 0}, // Dirac delta at 0; returns 0
		{"HeavisideDeriv", HeavisideDeriv, 3, 0},
		{"Sigmoid", Sigmoid, 0, 0.5},
		{"Sigmoid", Sigmoid, 1, 1 / (1 + 1/e)},
		{"Sigmoid", Sigmoid, -1, 1 / (1 + e)},
		{"Sigmoid", Sigmoid, math.Log(3), 0.75}, // 1/(1+1/3)
		{"SigmoidDeriv", SigmoidDeriv, 0, 0.25},
		{"SigmoidDeriv", SigmoidDeriv, math.Log(3), 0.1875}, // σ(1−σ) = 3/4·1/4
		{"Tanh", Tanh, math.Log(2), 0.6},                    // (4−1)/(4+1)
		{"TanhDeriv", TanhDeriv, 0, 1},
		{"TanhDeriv", TanhDeriv, math.Log(2), 0.64}, // 1 − 0.36
		{"ReLU", ReLU, -3, 0},
		{"ReLU", ReLU, 2.5, 2.5},
		{"ReLU", ReLU, 0, 0},
		{"ReLUDeriv", ReLUDeriv, 0, 0}, // subgradient convention at the kink
		{"ReLUDeriv", ReLUDeriv, -1, 0},
		{"ReLUDeriv", ReLUDeriv, 1, 1},
		{"Softplus", Softplus, 0, math.Ln2},
		{"Softplus", Softplus, math.Log(3), 2 * math.Ln2}, // log(1+3)
		{"Softplus", Softplus, -math.Log(3), math.Log(4.0 / 3)},
		{"SoftplusDeriv", SoftplusDeriv, 0, 0.5},
		{"Identity", Identity, -7, -7},
		{"IdentityDeriv", IdentityDeriv, -7, 1},
		{"LeakyReLU", func(x float64) float64 { return LeakyReLU(x, 0.1) }, -3, -0.3},
		{"LeakyReLU", func(x float64) float64 { return LeakyReLU(x, 0.1) }, 3, 3},
		{"LeakyReLUDeriv", func(x float64) float64 { return LeakyReLUDeriv(x, 0.1) }, 0, 0.1},
		{"LeakyReLUDeriv", func(x float64) float64 { return LeakyReLUDeriv(x, 0.1) }, 2, 1},
	} {
		if got := tc.f(tc.x); !close(got, tc.want, 1e-15) {
			t.Errorf("%s(%v) = %v, want %v", tc.name, tc.x, got, tc.want)
		}
	}
}

// TestScalarExtreme checks finiteness and the limits at ±1e308, ±MaxFloat64
// and ±Inf, and full relative accuracy in the far tails where naive formulas
// cancel or overflow.
func TestScalarExtreme(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(float64) float64
		x    float64
		want float64
	}{
		{"Sigmoid", Sigmoid, big, 1},
		{"Sigmoid", Sigmoid, -big, 0},
		{"Sigmoid", Sigmoid, huge, 1},
		{"Sigmoid", Sigmoid, -huge, 0},
		{"Sigmoid", Sigmoid, inf, 1},
		{"Sigmoid", Sigmoid, -inf, 0},
		{"Sigmoid", Sigmoid, -1000, 0}, // e^(−1000) underflows: 0, not NaN
		{"SigmoidDeriv", SigmoidDeriv, big, 0},
		{"SigmoidDeriv", SigmoidDeriv, -huge, 0},
		{"SigmoidDeriv", SigmoidDeriv, inf, 0},
		{"Softplus", Softplus, 1000, 1000},
		{"Softplus", Softplus, -1000, 0},
		{"Softplus", Softplus, big, big},
		{"Softplus", Softplus, -big, 0},
		{"Softplus", Softplus, huge, huge},
		{"Softplus", Softplus, inf, inf},
		{"Softplus", Softplus, -inf, 0},
		{"SoftplusDeriv", SoftplusDeriv, -big, 0},
		{"Tanh", Tanh, big, 1},
		{"Tanh", Tanh, -big, -1},
		{"TanhDeriv", TanhDeriv, big, 0},
		{"TanhDeriv", TanhDeriv, -huge, 0},
		{"ReLU", ReLU, huge, huge},
		{"ReLU", ReLU, -huge, 0},
		{"LeakyReLU", func(x float64) float64 { return LeakyReLU(x, 0.01) }, -big, -1e306},
	} {
		if got := tc.f(tc.x); got != tc.want && !relClose(got, tc.want, 1e-15) {
			t.Errorf("%s(%v) = %v, want %v", tc.name, tc.x, got, tc.want)
		}
	}

	// Far tails, where σ(x) ≈ e^x, σ′(x) ≈ e^(−|x|), softplus(x) ≈ e^x and
	// tanh′(x) ≈ 4e^(−2|x|); the next terms are relatively e^(−|x|) smaller,
	// below ε for |x| ≥ 37. The naive 1 − σ or 1 − tanh² would give 0 here.
	for _, x := range []float64{40, 100, 700} {
		if got, want := Sigmoid(-x), math.Exp(-x); !relClose(got, want, 1e-14) {
			t.Errorf("Sigmoid(%v) = %v, want %v", -x, got, want)
		}
		if got, want := SigmoidDeriv(x), math.Exp(-x); !relClose(got, want, 1e-14) {
			t.Errorf("SigmoidDeriv(%v) = %v, want %v", x, got, want)
		}
		if got, want := Softplus(-x), math.Exp(-x); !relClose(got, want, 1e-14) {
			t.Errorf("Softplus(%v) = %v, want %v", -x, got, want)
		}
	}
	for _, x := range []float64{20, 100, 350} {
		if got, want := TanhDeriv(x), 4*math.Exp(-2*x); !relClose(got, want, 1e-14) {
			t.Errorf("TanhDeriv(%v) = %v, want %v", x, got, want)
		}
	}

	// NaN is never hidden.
	for _, f := range Funcs {
		if v := f.F(math.NaN()); !math.IsNaN(v) {
			t.Errorf("%s(NaN) = %v, want NaN", f.Name, v)
		}
		if v := f.Deriv(math.NaN()); !math.IsNaN(v) {
			t.Errorf("%s'(NaN) = %v, want NaN", f.Name, v)
		}
	}
}

// TestIdentities checks relations between the functions that follow from
// their definitions, over a range of x including large ones.
func TestIdentities(t *testing.T) {
	for _, x := range []float64{-700, -50, -3, -0.5, 0, 1e-8, 0.5, 3, 50, 700} {
		if got := Sigmoid(x) + Sigmoid(-x); !close(got, 1, 4e-16) { // two roundings
			t.Errorf("σ(%v) + σ(−%v) = %v, want 1", x, x, got)
		}
		if got := Softplus(x) - Softplus(-x); !close(got, x, 4e-16) {
			t.Errorf("softplus(%v) − softplus(−%v) = %v, want %v", x, x, got, x)
		}
		if got, want := Tanh(x), 2*Sigmoid(2*x)-1; !close(got, want, 4e-16) {
			t.Errorf("tanh(%v) = %v, 2σ(2x)−1 = %v", x, got, want)
		}
		if got, want := ReLU(x), x*Heaviside(x); got != want {
			t.Errorf("ReLU(%v) = %v, x·H(x) = %v", x, got, want)
		}
		if got, want := SigmoidDeriv(x), Sigmoid(x)*Sigmoid(-x); !relClose(got, want, 4e-16) {
			t.Errorf("σ′(%v) = %v, σ(x)σ(−x) = %v", x, got, want)
		}
		if got, want := LeakyReLU(x, 0), ReLU(x); got != want {
			t.Errorf("LeakyReLU(%v, 0) = %v, ReLU = %v", x, got, want)
		}
	}
}

// TestDerivFiniteDiff checks every Deriv in Funcs against a central
// difference, at points at least 1e-3 away from the kink at 0 (the step is
// 6e-6·max(1,|x|), so it never straddles it).
func TestDerivFiniteDiff(t *testing.T) {
	xs := []float64{-30, -7.5, -2, -1, -0.3, -1e-3, 1e-3, 0.3, 1, 2, 7.5, 30}
	// Rounding error ε·|f|/h ≈ 1e-10·max(1,|f|), truncation |f‴|h²/6 < 1e-11.
	const tol = 1e-8
	for _, f := range Funcs {
		for _, x := range xs {
			got, want := f.Deriv(x), fd.Derivative(f.F, x, nil)
			if !close(got, want, tol) {
				t.Errorf("%s'(%v) = %v, finite difference %v", f.Name, x, got, want)
			}
		}
	}
	// Deriv2, where given, against differences of Deriv.
	for _, f := range Funcs {
		if f.Deriv2 == nil {
			continue
		}
		for _, x := range xs {
			got, want := f.Deriv2(x), fd.Derivative(f.Deriv, x, nil)
			if !close(got, want, tol) {
				t.Errorf("%s''(%v) = %v, finite difference %v", f.Name, x, got, want)
			}
		}
	}
	for _, alpha := range []float64{0, 0.2, 1, -0.5} {
		g := LeakyReLUWith(alpha)
		for _, x := range xs {
			if got, want := g.Deriv(x), fd.Derivative(g.F, x, nil); !close(got, want, tol) {
				t.Errorf("LeakyReLUWith(%v).Deriv(%v) = %v, finite difference %v", alpha, x, got, want)
			}
			if got, want := g.F(x), LeakyReLU(x, alpha); got != want {
				t.Errorf("LeakyReLUWith(%v).F(%v) = %v, LeakyReLU = %v", alpha, x, got, want)
			}
			got := LeakyReLUDeriv(x, alpha)
			want := fd.Derivative(func(x float64) float64 { return LeakyReLU(x, alpha) }, x, nil)
			if !close(got, want, tol) {
				t.Errorf("LeakyReLUDeriv(%v, %v) = %v, finite difference %v", x, alpha, got, want)
			}
		}
	}
}

func TestByName(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"sigmoid", "sigmoid"},
		{"Sigmoid", "sigmoid"},
		{"logistic", "sigmoid"},
		{"ReLU", "relu"},
		{"Leaky_ReLU", "leakyrelu"},
		{"leaky-relu", "leakyrelu"},
		{"step", "heaviside"},
		{"linear", "identity"},
		{" tanh ", "tanh"},
		{"softplus", "softplus"},
	} {
		f, err := ByName(tc.in)
		if err != nil {
			t.Errorf("ByName(%q): %v", tc.in, err)
			continue
		}
		if f.Name != tc.want || f.F == nil || f.Deriv == nil || f.Note == "" {
			t.Errorf("ByName(%q) = %+v, want %q with F, Deriv and Note set", tc.in, f, tc.want)
		}
	}
	if _, err := ByName("swish"); err == nil {
		t.Error("ByName(\"swish\") succeeded, want an error")
	}
	if f, _ := ByName("leakyrelu"); f.F(-1) != -LeakyAlpha {
		t.Errorf("leakyrelu(−1) = %v, want %v", f.F(-1), -LeakyAlpha)
	}
}
