package ad_test

import (
	"fmt"

	"github.com/gradbook/gradbook/lib/ad"
	"gonum.org/v1/gonum/mat"
)

func ExampleGradient() {
	// f(x) = Σ xᵢ² + sin x₀, ∇f = 2x + (cos x₀, 0, 0)
	f := func(t *ad.Tape, x ad.Var) ad.Var { return x.Square().Sum().Add(x.At(0, 0).Sin()) }
	g, v := ad.Gradient(nil, f, []float64{0, 1, 2})
	fmt.Println(g, v)
	// Output:
	// [1 2 4] 5
}

func ExampleCheckGradient() {
	f := func(t *ad.Tape, x ad.Var) ad.Var { return x.Exp().Sum().Log() }
	c, err := ad.CheckGradient(f, []float64{0.5, -1, 2}, nil)
	fmt.Println(err, c.MaxRelErr < 1e-8)
	// Output:
	// <nil> true
}

func ExampleJacobian() {
	// f(x) = (x₀x₁, x₀ + x₁): two outputs of two inputs
	f := func(t *ad.Tape, x ad.Var) ad.Var {
		x0, x1 := x.At(0, 0), x.At(1, 0)
		return x0.Mul(x1).Concat(x0.Add(x1))
	}
	J, mode := ad.Jacobian(nil, f, []float64{2, 3}, ad.Auto)
	fmt.Printf("%v\n%v\n", mode, mat.Formatted(J))
	// Output:
	// forward
	// ⎡3  2⎤
	// ⎣1  1⎦
}

func ExampleHessVec() {
	// f(x) = x₀²x₁: H = [[2x₁, 2x₀], [2x₀, 0]]; at (1, 2), H·(1, 0) = (4, 2)
	f := func(t *ad.Tape, x ad.Var) ad.Var { return x.At(0, 0).Square().Mul(x.At(1, 0)) }
	fmt.Println(ad.HessVec(nil, f, []float64{1, 2}, []float64{1, 0}))
	// Output:
	// [4 2]
}

func ExampleHessian() {
	f := func(t *ad.Tape, x ad.Var) ad.Var { return x.Pow(4).Sum().Add(x.Sum().Square()) }
	h := ad.Hessian(nil, f, []float64{1, -1})
	fmt.Printf("%v\n", mat.Formatted(h))
	// Output:
	// ⎡14   2⎤
	// ⎣ 2  14⎦
}

func ExampleScalars() {
	// micrograd's example neuron: tanh(x₁w₁ + x₂w₂ + b)
	t := ad.NewScalars()
	x1, x2 := t.Var(2), t.Var(0)
	w1, w2 := t.Var(-3), t.Var(1)
	b := t.Var(6.8813735870195432)
	o := x1.Mul(w1).Add(x2.Mul(w2)).Add(b).Tanh()
	t.Backward(o)
	fmt.Printf("o = %.4f, ∂o/∂w1 = %.4f, ∂o/∂x1 = %.4f\n", o.Value(), w1.Grad(), x1.Grad())
	// Output:
	// o = 0.7071, ∂o/∂w1 = 1.0000, ∂o/∂x1 = -1.5000
}

func ExampleTape_WriteDot() {
	t := ad.NewTape()
	x := t.VariableScalar(3).Name("x")
	y := x.Square().Name("y")
	t.Backward(y)
	fmt.Print(t.DotString(y))
	// Output:
	// digraph tape {
	// 	rankdir=LR;
	// 	node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];
	// 	n0 [label="x\nvalue 3\nadjoint 6", color="#1f77b4", penwidth=2];
	// 	n1 [label="y\nvalue 9\nadjoint 1", color="#d62728", penwidth=2];
	// 	n0 -> n1;
	// }
}

func ExampleVar_Custom() {
	// The dominant eigenvector of a symmetric matrix by power iteration,
	// differentiated through Sv = λv rather than through the iterations.
	// By hand: dv₁ = v₂v₂ᵀ dA v₁/(λ₁ − λ₂) with v₂ = (1, −1)/√2, λ₁ − λ₂ = 2,
	// so ∂v₁[0]/∂A₀₀ = (1/√2)(1/2)/2 = 0.1768.
	t := ad.NewTape()
	a := t.Variable(mat.NewDense(2, 2, []float64{2, 1, 1, 2}))
	v := a.Custom(ad.PowerEigenvector) // (1, 1)/√2 for eigenvalue 3
	t.Backward(v.At(0, 0))
	fmt.Printf("v = %.4f\n∂v₀/∂A =\n%.4f\n", v.Value(), mat.Formatted(a.GradMat()))
	// Output:
	// v = [0.7071 0.7071]
	// ∂v₀/∂A =
	// ⎡ 0.1768   0.0000⎤
	// ⎣ 0.0000  -0.1768⎦
}
