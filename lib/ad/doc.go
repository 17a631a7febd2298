// Package ad computes derivatives of programs exactly, by automatic
// differentiation: reverse mode (backpropagation) on float64 matrices,
// forward mode, second derivatives, and Taylor series that know
// L'Hôpital's rule.
//
// # The idea
//
// A program is a chain of elementary operations whose derivatives are known.
// Recording them on a Tape while the value is computed (the forward pass)
// and then walking the record backwards with the chain rule (the backward
// pass) gives the gradient of a scalar output y with respect to every input
// at a small constant multiple of the cost of y itself. Each node v carries
// its value and an adjoint v̄ = ∂y/∂v; an operation c = op(a, b) passes its
// adjoint to its parents by
//
//	ā += c̄ · ∂c/∂a,   b̄ += c̄ · ∂c/∂b,
//
// with += because a value used twice receives both contributions. Unlike
// finite differences there is no step size and no truncation error; unlike
// symbolic differentiation there is no expression swell.
//
// # Reverse mode on a Tape
//
// Inputs are recorded by Variable (differentiated) or Constant (data,
// labels), from a *mat.Dense or a []float64 that the tape reads in place.
// Operations are methods on Var: elementwise Add, Sub, Mul, Div with
// NumPy-style broadcasting of size-1 dimensions (scalar, row, column),
// Scale, Shift, RSub, RDiv, Pow, Neg, Square, Exp, Log, Log1p, Sqrt, Abs,
// Sin, Cos, Tanh; the activations Sigmoid, ReLU, LeakyReLU, Softplus,
// Heaviside (formulas from lib/activation); MatMul (gonum blas64), T,
// Reshape, Slice, Rows, At, Dot; Sum, Mean, SumAxis, MeanAxis, Max, Min,
// Maximum, Minimum; Softmax, LogSoftmax, LogSumExp, SoftmaxCrossEntropy;
// Mask (multiply by a caller's fixed mask, for dropout).
//
//	t := ad.NewTape()
//	for step := range steps {
//		t.Reset()                      // keeps every buffer
//		w := t.Variable(W)             // W *mat.Dense, read in place
//		b := t.Variable(B)             // 1×k bias row
//		x := t.Constant(X)             // batch × features
//		loss := x.MatMul(w).Add(b).SoftmaxCrossEntropy(labels)
//		t.Backward(loss)
//		floats.AddScaled(W.RawMatrix().Data, -lr, w.Grad()) // SGD step
//		floats.AddScaled(B.RawMatrix().Data, -lr, b.Grad())
//	}
//
// Backward(y) needs a 1×1 y; BackwardSeed(y, seed) gives the
// vector-Jacobian product for any y. Grad, GradMat and GradTo read the
// gradient of a Var. Reset forgets the record but keeps each node's value
// and adjoint buffers, so a loop that records the same computation every
// step allocates nothing after the first step.
//
// Gradients are accumulated from zero on every Backward; a Var's values
// and gradients belong to the tape and stay valid until Reset.
//
// # Kinks and edge cases
//
// Where a derivative does not exist a documented subgradient is used, the
// same as PyTorch and JAX: |x|′(0) = 0, ReLU′(0) = 0, LeakyReLU′(0) = α,
// Heaviside′ = 0, and Max, Min, Maximum and Minimum send the adjoint to the
// first (or left) element at a tie. Values follow IEEE 754: Log(0) = −Inf
// with derivative +Inf, Sqrt(0) = 0 with derivative +Inf; nothing panics on
// such values. Softplus, LogSumExp, LogSoftmax, Softmax and
// SoftmaxCrossEntropy shift by the maximum first and stay finite at ±1000.
//
// # Errors and panics
//
// Mixing Vars of different tapes, incompatible shapes, a label out of
// range or a mask of the wrong length are programming errors and panic
// with an "ad: Op: ..." message naming the shapes, as gonum/mat does.
// Functions taking user data (CheckGradient) return errors instead.
//
// # Plain entry points
//
// A Func, func(t *Tape, x Var) Var, is a scalar function of a vector
// written once with tape operations. Gradient(dst, f, x) differentiates it
// by reverse mode and CheckGradient compares that with central finite
// differences, reporting the worst relative error and where.
package ad
