// Package nn builds neural networks as chains of function layers on top of
// reverse-mode automatic differentiation (package ad).
//
// A network maps its input through layers,
//
//	X₁ → f₁(·; θ₁) → X₂ → f₂(·; θ₂) → X₃ → f₃(·; θ₃) → X₄,
//
// and a cost L compares X₄ with a target. The same picture holds two
// optimization problems. Classical optimization locks the parameters θ and
// moves the input X₁ until X₄ matches the target (OptimizeInput). Network
// training locks X₁ — the data — and moves the parameters (Train). Both
// need ∂L/∂(what moves), computed by one backward sweep over the tape: the
// chain rule applied layer by layer from X₄ back,
//
//	∂L/∂θ_k = ∂L/∂X_{k+1} · ∂f_k/∂θ_k,   ∂L/∂X_k = ∂L/∂X_{k+1} · ∂f_k/∂X_k.
//
// A parameter only influences the layers after it, and only the layers a
// trained parameter influences need tuning: freezing a layer (Freeze)
// records its parameters as constants, so the sweep neither computes their
// gradient nor, below the lowest trainable layer, propagates ∂L/∂X_k at
// all — measurably cheaper (BenchmarkGradientFrozen) — and training leaves
// them bit for bit unchanged.
//
// Dense is the layer act(X·W + b) with any activation of package
// activation and Xavier or He initialization; Dropout is inverted dropout
// (package dropout) with a fresh mask per training pass and the identity in
// evaluation. Sequential composes layers into a Network, which is itself a
// Layer. The losses are SquaredError, CrossEntropy (softmax) and Hinge.
// Train runs mini-batch descent with any optim.Stepper, records per-epoch
// loss and accuracy on training and validation data in a History, calls
// OnEpoch for a live curve, and stops early when the validation loss stops
// improving. LayerGradNorms shows vanishing gradients: in a deep sigmoid
// stack every layer multiplies the backward signal by σ′ ≤ 1/4.
//
// In a notebook, OnEpoch feeds a live curve from package plots:
//
//	pr := plots.NewProgress("digits", "epoch", "cross-entropy")
//	s := &nn.TrainSettings{OnEpoch: func(e nn.Epoch) {
//		pr.Add("train", float64(e.Epoch), e.Loss)
//		pr.Add("test", float64(e.Epoch), e.ValidLoss)
//	}}
//	h, err := net.Train(train, test, s, rng)
//	err = pr.Done()
//
// Every random choice — initial weights, batch order, dropout masks —
// comes from an explicit *rand.Rand, so a fixed seed gives the same run.
// Data errors (empty sets, NaN, wrong sizes, labels out of range) are
// returned as errors by Train; misuse such as an unknown activation, or
// calling Loss, Predict or Forward with inputs of the wrong width, panics
// with an "nn: ..." message that names the layer and both widths.
package nn
