package activation_test

import (
	"fmt"

	"github.com/gradbook/gradbook/lib/activation"
)

func ExampleSigmoid() {
	for _, x := range []float64{-1000, -1, 0, 1, 1000} {
		fmt.Printf("σ(%g) = %.4g  σ′ = %.4g\n", x, activation.Sigmoid(x), activation.SigmoidDeriv(x))
	}
	// Output:
	// σ(-1000) = 0  σ′ = 0
	// σ(-1) = 0.2689  σ′ = 0.1966
	// σ(0) = 0.5  σ′ = 0.25
	// σ(1) = 0.7311  σ′ = 0.1966
	// σ(1000) = 1  σ′ = 0
}

func ExampleSoftplus() {
	for _, x := range []float64{-1000, -40, 0, 40, 1000} {
		fmt.Printf("softplus(%g) = %.4g\n", x, activation.Softplus(x))
	}
	// Output:
	// softplus(-1000) = 0
	// softplus(-40) = 4.248e-18
	// softplus(0) = 0.6931
	// softplus(40) = 40
	// softplus(1000) = 1000
}

func ExampleReLUDeriv() {
	// The derivative says how to turn a unit off (x > 0: slope 1, move
	// left), but for x < 0 it is 0 and gives no way back on.
	for _, x := range []float64{-2, 0, 2} {
		fmt.Println(x, activation.ReLU(x), activation.ReLUDeriv(x), activation.LeakyReLUDeriv(x, 0.01))
	}
	// Output:
	// -2 0 0 0.01
	// 0 0 0 0.01
	// 2 2 1 1
}

func ExampleByName() {
	f, err := activation.ByName("Leaky_ReLU")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Name, f.F(-2), f.Deriv(-2))
	_, err = activation.ByName("swish")
	fmt.Println(err)
	// Output:
	// leakyrelu -0.02 0.01
	// activation: unknown activation "swish" (known: heaviside, sigmoid, tanh, relu, leakyrelu, softplus, identity)
}

func ExampleSoftmax() {
	fmt.Printf("%.4f\n", activation.Softmax(nil, []float64{1, 2, 3}))
	fmt.Printf("%.4f\n", activation.Softmax(nil, []float64{1e308, -1e308, 1e308}))
	// Output:
	// [0.0900 0.2447 0.6652]
	// [0.5000 0.0000 0.5000]
}

func ExampleSoftmaxTemp() {
	x := []float64{1, 2, 0.5}
	for _, temp := range []float64{10, 1, 0.1, 0} {
		fmt.Printf("T=%-4g %.3f\n", temp, activation.SoftmaxTemp(nil, x, temp))
	}
	fmt.Println("argmax", activation.Argmax(x))
	// Output:
	// T=10   [0.327 0.362 0.311]
	// T=1    [0.231 0.629 0.140]
	// T=0.1  [0.000 1.000 0.000]
	// T=0    [0.000 1.000 0.000]
	// argmax 1
}

func ExampleLogSoftmax() {
	x := []float64{0, -1000}
	fmt.Println(activation.Softmax(nil, x), activation.LogSoftmax(nil, x), activation.LogSumExp(x))
	// Output:
	// [1 0] [0 -1000] 0
}

func ExampleSoftmaxVJP() {
	// Gradient of the cross-entropy −log s_k with respect to the logits x:
	// upstream v = −1/s_k at k, and J^T v = s − e_k.
	x := []float64{1, 2, 3}
	s := activation.Softmax(nil, x)
	v := []float64{0, -1 / s[1], 0}
	fmt.Printf("%.4f\n", activation.SoftmaxVJP(nil, s, v))
	// Output:
	// [0.0900 -0.7553 0.6652]
}
