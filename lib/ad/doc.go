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
// Heaviside (formulas from lib/activation); MatMul (internal/gemm), T,
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
// For a value alone (a line search, a plot, a trained model's predictions)
// NewValueTape gives a tape that records nothing for Backward: chains of
// elementwise operations are fused and run over cache-sized chunks, so a
// long vector is read once instead of once per operation; Value uses one.
// MatMul runs on the assembly matrix multiply of internal/gemm.
//
// # Kinks and edge cases
//
// Where a derivative does not exist a documented subgradient is used, the
// same as PyTorch and JAX: |x|′(0) = 0, ReLU′(0) = 0, LeakyReLU′(0) = α,
// Heaviside′ = 0, and Max, Min, Maximum and Minimum send the adjoint to the
// first (or left) element at a tie. Values follow IEEE 754: Log(0) = −Inf
// with derivative +Inf, Sqrt(0) = 0 with derivative +Inf; nothing panics on
// such values. Softplus, LogSumExp, LogSoftmax, Softmax and
// SoftmaxCrossEntropy shift by the maximum first and stay finite for any
// finite input; LogSoftmax and SoftmaxCrossEntropy compute (a − max) −
// log Σ e^(a − max), never a − logsumexp(a), which cancels for large
// logits (equal logits 1e16 give −log 2, not 0).
//
// # Errors and panics
//
// Mixing Vars of different tapes, using a Var (or a Scalar) recorded
// before its tape's Reset, incompatible shapes, a label out of range or a
// mask of the wrong length are programming errors and panic with an
// "ad: Op: ..." message naming the shapes, as gonum/mat does; a stale Var
// is caught however long the new record is. Functions taking user data
// return errors instead: CheckGradient for an empty or non-finite x, a
// non-scalar f or a non-finite f(x); Derivatives (Taylor mode) for a pole
// (ErrPole, with a note when the point is probably an inexact removable
// one) or a branch point (ErrSingular). Hessian of a function of no
// variables is the empty 0×0 matrix.
//
// # Plain entry points
//
// A Func, func(t *Tape, x Var) Var, is a function of a vector x (n×1)
// written once with tape operations; every mode accepts it:
//
//	Value(f, x)                   f(x)
//	Gradient(dst, f, x)           ∇f(x) by reverse mode
//	CheckGradient(f, x, nil)      worst relative error against central differences, and where
//	JVPOf(f, x, v), VJPOf(f, x, u) Jacobian-vector and vector-Jacobian products
//	Jacobian(dst, f, x, Auto)     column by column (forward) or row by row (reverse), fewer sweeps
//	HessVec(dst, f, x, v)         ∇²f(x)·v at a few times the cost of f, O(n) memory
//	Hessian(dst, f, x)            n Hessian-vector products, O(n²) memory
//	Problem(f)                    a gonum optimize.Problem (Func, Grad, Hess)
//
// # Forward mode and second derivatives
//
// Tape.JVP records the tangent ẏ = (∂y/∂x)·dx: each operation pushes it
// forward by its own rule, written with tape operations, so that the
// tangent can itself be differentiated. HessVec records s = ∇f·v that way
// and runs one backward sweep through it: ∇s = ∇²f·v (reverse-over-forward,
// the same vector and cost order as forward-over-reverse). Dual numbers
// (Dual, Derivative) are forward mode for scalar code.
//
// # Taylor mode and removable singularities
//
// Series carries a truncated Taylor series through every scalar operation.
// Its division cancels common leading powers of ε, which is L'Hôpital's
// rule: Derivatives(h, 2, 2) for h(t) = (t² − 4)/(t − 2) returns 4, 1, 0,
// and sin(x)/x at 0 gives 1, 0, −1/3, where plain evaluation, reverse mode
// and PyTorch give NaN. A true pole (1/(t − 2) at 2) is an error wrapping
// ErrPole. The Number interface lets one generic scalar function run as
// Float, Dual, Series or Var.
//
// # Custom derivatives
//
// A Rule supplies an elementwise function with its derivative (and
// optionally its second derivative), used by reverse mode, tape JVPs and
// dual numbers; Softplus is the stable log(1 + eˣ) as a Rule. A Custom
// supplies a vector operation with its VJP and JVP; PowerEigenvector is the
// dominant eigenvector by power iteration, differentiated through Sv = λv.
//
// # Scalar graphs and pictures
//
// Scalars is a lean tape for micrograd-style graphs of many scalar
// operations: local derivatives are stored in the forward pass, so the
// backward pass is a single loop. Tape.WriteDot writes the graph behind a
// Var as Graphviz DOT with values and adjoints; the adviz sub-package draws
// the picture in a notebook (and adviz.RenderDot runs Graphviz, so that
// this package starts no programs).
package ad
