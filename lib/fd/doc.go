// Package fd computes derivatives by finite differences, the second of the
// lecture's three routes to a derivative (symbolic, finite differences,
// automatic).
//
// Taylor's theorem, f(x+kh) = Σₘ f⁽ᵐ⁾(x)(kh)ᵐ/m!, turns samples of f at
// x + Locᵢ·h into derivatives: choose weights cᵢ so that Σᵢ cᵢ Locᵢᵐ/m! is
// 1 for m = d and 0 for the other m < n, and
//
//	f⁽ᵈ⁾(x) = (1/hᵈ) Σᵢ cᵢ f(x + Locᵢ·h) + O(hᵖ).
//
// NewFormula and FormulaAt solve for the weights with Fornberg's algorithm
// in exact rational arithmetic, for derivative orders 1–4, any accuracy p,
// forward, backward, central or arbitrary points; a Formula is plain data.
// The error has two parts: truncation, C·hᵖ, which wants h small, and
// round-off, ε|f|/hᵈ, which wants h large. Their sum is the V-shaped curve
// that ErrorStudy computes; Formula.Step puts h at its bottom,
// h = ε^(1/(p+d))·max(|x|,1). Adaptive searches the step and returns an
// error estimate; Richardson extrapolates a sequence of steps to h → 0
// (relative error near 1e-13 for smooth functions); ComplexStep,
// f′(x) = Im f(x+ih)/h, has no cancellation at all. Gradient, Jacobian,
// Hessian and Directional work on functions of a vector, optionally
// concurrently; Formula.Evals and Counter report the cost — n+1 calls for a
// forward-difference gradient, 2n for a central one, against one forward
// and one backward pass for reverse-mode automatic differentiation.
//
// Compared with gonum.org/v1/gonum/diff/fd, whose call shapes this package
// follows (nil *Settings means defaults, dst arguments) and against which it
// is tested where the formulas coincide: gonum ships six hand-written
// formulas with fixed steps; gradbook generates any formula, scales the
// default step with |x| and the formula's order, and adds adaptive steps
// with error estimates, Richardson extrapolation, the complex step,
// directional derivatives, call counting and the error study. gonum's
// Hessian uses forward differences of order 1 (error near 1e-4 relative);
// Hessian here uses central differences (near 1e-8).
//
// # Errors and panics
//
// Misuse panics with an "fd: ..." message, as in gonum: a dst of the wrong
// size (a nil or empty dst is allocated by Gradient and Hessian; Jacobian
// needs one, since only the caller knows how many outputs f has), a
// formula for the wrong derivative order or with an empty stencil, or a
// Settings.Step that is not a positive normal number or is too small to
// change x (x + h == x, so that every difference is 0: d/dx x² at 3 with
// h = 1e-320 would be 0). ErrorStudy deliberately goes below that limit to
// show where round-off takes over. Errors are returned where the input is
// data: NewFormula and FormulaAt return one for impossible orders or
// stencils (NewFormula's wrap ErrBadOrder; every message starts "fd: ").
// Adaptive and Richardson return an Estimate whose error bound says how
// far to trust it. A NaN from f is passed through, never replaced.
//
// The subpackage testfunc is a corpus of functions with closed-form
// derivatives for testing any differentiation route.
package fd
