package nn_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/gradbook/gradbook/lib/activation"
	"github.com/gradbook/gradbook/lib/data"
	"github.com/gradbook/gradbook/lib/nn"
	"github.com/gradbook/gradbook/lib/optim"
)

func ExampleNetwork_Train() {
	digits, err := data.Digits()
	if err != nil {
		fmt.Println(err)
		return
	}
	digits.X.Scale(1.0/16, digits.X)
	rng := rand.New(rand.NewPCG(1, 2))
	train, test := data.Split(digits, 0.75, rng)

	relu, _ := activation.ByName("relu")
	identity, _ := activation.ByName("identity")
	net := nn.Sequential(
		nn.NewDense(64, 32, relu, nn.He, rng),
		&nn.Dropout{Keep: 0.8},
		nn.NewDense(32, 10, identity, nn.Xavier, rng),
	)
	fmt.Println(net)
	h, err := net.Train(train, test, &nn.TrainSettings{
		Epochs:  10,
		Stepper: func() optim.Stepper { return &optim.Adam{Rate: 0.01} },
	}, rng)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range h.Epochs[len(h.Epochs)-2:] {
		fmt.Printf("epoch %d: train accuracy %.3f, test accuracy %.3f\n", e.Epoch, e.Accuracy, e.ValidAccuracy)
	}
	// Output:
	// Dense(64→32, relu) → Dropout(keep 0.8) → Dense(32→10, identity)
	// epoch 9: train accuracy 0.981, test accuracy 0.967
	// epoch 10: train accuracy 0.986, test accuracy 0.971
}

// Classical optimization: lock the parameters and move the input until
// the output hits a target.
func ExampleNetwork_OptimizeInput() {
	rng := rand.New(rand.NewPCG(3, 4))
	tanh, _ := activation.ByName("tanh")
	identity, _ := activation.ByName("identity")
	net := nn.Sequential(nn.NewDense(2, 8, tanh, nn.Xavier, rng), nn.NewDense(8, 2, identity, nn.Xavier, rng))
	target := net.Predict(nil, mat.NewDense(1, 2, []float64{0.5, -0.5}))
	x, losses, err := net.OptimizeInput(mat.NewDense(1, 2, nil), nn.Targets{Values: target}, &nn.InputSettings{Iterations: 300})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.3f, %.3f), loss %.2g → below 1e-12: %v\n", x.At(0, 0), x.At(0, 1), losses[0], losses[len(losses)-1] < 1e-12)
	// Output:
	// x = (0.500, -0.500), loss 0.053 → below 1e-12: true
}

func ExampleNetwork_Freeze() {
	rng := rand.New(rand.NewPCG(5, 6))
	sigmoid, _ := activation.ByName("sigmoid")
	net := nn.Sequential(nn.NewDense(3, 4, sigmoid, nn.Xavier, rng), nn.NewDense(4, 1, sigmoid, nn.Xavier, rng))
	net.Freeze(0) // only the last layer is trained
	x := mat.NewDense(2, 3, []float64{1, 2, 3, -1, 0, 1})
	net.Gradient(x, nn.Targets{Values: mat.NewDense(2, 1, []float64{1, 0})}, nn.SquaredError, nil)
	for _, l := range net.Layers {
		w := l.Params()[0]
		fmt.Printf("%v: frozen %v, gradient computed %v\n", l, w.Frozen, w.Grad != nil)
	}
	// Output:
	// Dense(3→4, sigmoid): frozen true, gradient computed false
	// Dense(4→1, sigmoid): frozen false, gradient computed true
}

func ExampleNetwork_LayerGradNorms() {
	rng := rand.New(rand.NewPCG(7, 8))
	sigmoid, _ := activation.ByName("sigmoid")
	var layers []nn.Layer
	for range 6 {
		layers = append(layers, nn.NewDense(16, 16, sigmoid, nn.Xavier, rng))
	}
	net := nn.Sequential(layers...)
	x := mat.NewDense(8, 16, nil)
	for i := range 8 {
		for j := range 16 {
			x.Set(i, j, rng.NormFloat64())
		}
	}
	norms := net.LayerGradNorms(x, nn.Targets{Values: mat.NewDense(8, 16, nil)}, nn.SquaredError)
	for i, g := range norms {
		fmt.Printf("layer %d: ‖∂L/∂W‖ = %.1e\n", i+1, g)
	}
	// Output:
	// layer 1: ‖∂L/∂W‖ = 2.4e-04
	// layer 2: ‖∂L/∂W‖ = 1.4e-03
	// layer 3: ‖∂L/∂W‖ = 1.0e-02
	// layer 4: ‖∂L/∂W‖ = 4.1e-02
	// layer 5: ‖∂L/∂W‖ = 1.8e-01
	// layer 6: ‖∂L/∂W‖ = 9.9e-01
}

// The lecture's layer picture X₁ → f₁ → X₂ → f₂ → X₃ as numbers.
func ExampleSequential() {
	rng := rand.New(rand.NewPCG(9, 10))
	tanh, _ := activation.ByName("tanh")
	identity, _ := activation.ByName("identity")
	net := nn.Sequential(nn.NewDense(2, 3, tanh, nn.Xavier, rng), nn.NewDense(3, 1, identity, nn.Xavier, rng))
	for k, x := range net.Activations(mat.NewDense(1, 2, []float64{1, -1})) {
		fmt.Printf("X%d = %.3f\n", k+1, mat.Formatted(x, mat.Squeeze()))
	}
	// Output:
	// X1 = [1.000  -1.000]
	// X2 = [0.403  0.153  -0.807]
	// X3 = [-0.712]
}
