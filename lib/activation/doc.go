// Package activation holds the activation functions of the course — the
// Heaviside step, the sigmoid, tanh, the rectifier (ReLU), its leaky
// variant and its smooth version softplus — together with their
// derivatives, and the vector-valued softmax, log-softmax, log-sum-exp and
// argmax.
//
// Each scalar function f comes with a function computing f′, and the
// pairs are also collected as Func values in Funcs (and found by ByName) so
// that a network layer can take "any activation":
//
//	H(x)        = 1 if x > 0, else 0          H′(x) = 0 (x ≠ 0)
//	σ(x)        = 1 / (1 + e^(−x))            σ′(x) = σ(x) σ(−x)
//	tanh(x)                                   tanh′(x) = 1 − tanh²(x)
//	ReLU(x)     = max(x, 0)                   ReLU′(x) = H(x)
//	leaky(x; α) = x if x > 0, else αx         leaky′(x; α) = 1 or α
//	softplus(x) = log(1 + e^x)                softplus′(x) = σ(x)
//
// The functions read as a story of smoothing. The Heaviside step makes a
// hard on/off decision, but its derivative is zero wherever it exists, so a
// gradient method learns nothing from it. The sigmoid is a smoothed step
// whose derivative is positive everywhere: it always says which way to move.
// ReLU is positive-homogeneous and cheap, and its derivative says how to turn
// a unit off (move left while x > 0) but not how to turn it on (for x < 0
// the derivative is 0: a "dead" unit). Softplus smooths ReLU and its
// derivative is exactly the sigmoid; leaky ReLU keeps a slope α on the dead
// side. In the same way softmax, s_i = e^(x_i) / Σ_j e^(x_j), is a smoothed
// argmax: softmax(x/T) tends to the one-hot argmax as the temperature T → 0.
//
// A Func bundles an activation with its derivative (and optionally its
// second derivative) for code that takes "any activation", such as
// lib/nn's layers; Funcs lists the ones above, LeakyReLUWith(α) gives a
// leaky ReLU with another slope, and a Func written by hand works the same.
//
// # Kinks
//
// Where a derivative does not exist this package returns a documented
// one-sided value (a subgradient), the same convention that PyTorch and JAX
// use: HeavisideDeriv(0) = 0 (the true derivative there is a Dirac delta, which
// no float can hold), ReLUDeriv(0) = 0, LeakyReLUDeriv(0, α) = α. With
// H(0) = 0, ReLUDeriv is exactly Heaviside, and ReLU(x) = x·H(x).
//
// # Numerical stability
//
// Every function is finite for every finite input, |x| up to
// math.MaxFloat64 ≈ 1.8e308: exponentials are only ever taken of
// non-positive arguments, so they can underflow to 0 (harmlessly) but never
// overflow to +Inf. For instance Softplus(1000) = 1000 and
// Softplus(−1000) = 0 (the true value e^(−1000) is below the smallest
// float64), and Softmax([1e308, −1e308]) = [1, 0]. A NaN input gives a NaN
// output; it is never hidden behind a 0.
//
// Vector functions follow gonum's dst convention: the result goes into dst,
// which is allocated when nil and returned; a dst of the wrong length is a
// programming error and panics with an "activation: Op: ..." message.
package activation
