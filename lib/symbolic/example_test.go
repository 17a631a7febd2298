package symbolic_test

import (
	"fmt"

	"github.com/gradbook/gradbook/lib/symbolic"
)

func ExampleParse() {
	_, err := symbolic.Parse("(t^2 - 4)/(t - )")
	fmt.Println(err)
	// Output:
	// symbolic: column 16: expected a number, variable, function or "(", found ")"
	//   (t^2 - 4)/(t - )
	//                  ^
}

func ExampleDiff() {
	e := symbolic.MustParse("x^2*sin(x)")
	fmt.Println(symbolic.Diff(e, "x", 1))
	fmt.Println(symbolic.Diff(e, "x", 2))
	fmt.Println(symbolic.Diff(symbolic.MustParse("softplus(w*x + b)"), "w", 1))
	// Output:
	// x^2*cos(x) + 2*x*sin(x)
	// -x^2*sin(x) + 4*x*cos(x) + 2*sin(x)
	// x*sigmoid(w*x + b)
}

func ExampleSimplify() {
	h := symbolic.MustParse("(t^2-4)/(t-2)")
	fmt.Println(h, "=", symbolic.Simplify(h))
	fmt.Println(symbolic.Factor(symbolic.MustParse("6*x^3 - 11*x^2 + 6*x - 1")))
	// Output:
	// (t^2 - 4)/(t - 2) = t + 2
	// (2*x - 1)*(3*x - 1)*(x - 1)
}

func ExampleLimit() {
	for _, s := range []string{"(t^2-4)/(t-2)", "sin(t)/(t-2)^0", "(1-cos(t-2))/(t-2)^2"} {
		v, _ := symbolic.Limit(symbolic.MustParse(s), "t", symbolic.Int(2), symbolic.Both)
		fmt.Println(s, "→", v)
	}
	_, err := symbolic.Limit(symbolic.MustParse("1/(t-2)"), "t", symbolic.Int(2), symbolic.Both)
	fmt.Println(err)
	// Output:
	// (t^2-4)/(t-2) → 4
	// sin(t)/(t-2)^0 → sin(2)
	// (1-cos(t-2))/(t-2)^2 → 1/2
	// one-sided limits differ: -oo from the left, +oo from the right
}

func ExampleAt() {
	h := symbolic.MustParse("(t^2-4)/(t-2)")
	naive, _ := symbolic.Compile(h, "t")
	v, removable, _ := symbolic.At(h, "t", 2)
	fmt.Println("naive:", naive(2), " At:", v, " removable:", removable)
	// Output:
	// naive: NaN  At: 4  removable: true
}

func ExampleExpr_LaTeX() {
	d := symbolic.Diff(symbolic.MustParse("sigmoid(x)"), "x", 1)
	fmt.Println(symbolic.Markdown(`\sigma'(x)`, d))
	// Output:
	// $$\sigma'(x) = -\sigma\left(x\right) \left(\sigma\left(x\right) - 1\right)$$
}

func ExampleSwell() {
	for _, r := range symbolic.Swell(symbolic.MustParse("x^2*sin(x)*exp(x)"), "x", 5) {
		fmt.Printf("order %d: %5d nodes raw, %3d simplified\n", r.Order, r.Raw, r.Simplified)
	}
	// Output:
	// order 1:    24 nodes raw,  24 simplified
	// order 2:    68 nodes raw,  30 simplified
	// order 3:   189 nodes raw,  38 simplified
	// order 4:   507 nodes raw,  30 simplified
	// order 5:  1317 nodes raw,  38 simplified
}

func ExampleCompile() {
	f, _ := symbolic.Compile(symbolic.Diff(symbolic.MustParse("exp(-x^2/2)"), "x", 1), "x")
	fmt.Printf("%.6f\n", f(1))
	// Output:
	// -0.606531
}

func ExampleLimitInf() {
	v, _ := symbolic.LimitInf(symbolic.MustParse("x^3/exp(x)"), "x", 1)
	fmt.Println(v)
	// Output:
	// 0
}

func ExampleGradient() {
	loss := symbolic.MustParse("softplus(-y*(w*x + b))")
	for i, g := range symbolic.Gradient(loss, "w", "b") {
		fmt.Printf("∂/∂%s = %v\n", []string{"w", "b"}[i], g)
	}
	// Output:
	// ∂/∂w = -x*y*sigmoid(-y*(w*x + b))
	// ∂/∂b = -y*sigmoid(-y*(w*x + b))
}

func ExampleFactor() {
	fmt.Println(symbolic.Factor(symbolic.MustParse("x^4 - 1")))
	fmt.Println(symbolic.Cancel(symbolic.MustParse("(2*x^2 + x - 1)/(4*x^2 - 1)")))
	// Output:
	// (x - 1)*(x + 1)*(x^2 + 1)
	// (x + 1)/(2*x + 1)
}
