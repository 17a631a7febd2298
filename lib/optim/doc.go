// Package optim implements the unconstrained optimization methods of the
// lecture's recap, each returning a Trace of its iterates so a notebook can
// draw the path over a contour plot and the convergence curve.
//
// To minimize a smooth cost f we look for a point where the gradient
// vanishes, ∇f(x) = 0. That is a system of nonlinear equations; Newton's
// method linearizes it about the current iterate,
//
//	∇f(x + d) ≈ ∇f(x) + ∇²f(x) d = 0   ⇒   ∇²f(x) d = −∇f(x),
//
// and the solution d is a search direction. A one-dimensional line search
// along d then chooses the step α in x ← x + α d. Near a minimizer with a
// positive definite Hessian the full step α = 1 is accepted and the error
// squares every iteration (quadratic convergence); far away, or where the
// Hessian is not positive definite, [Newton] damps the step with a line
// search and shifts the Hessian by τI until it is positive definite, so d
// is always a descent direction. [Newton.Root] applies the same idea to a
// general system F(x) = 0 with its Jacobian.
//
// Line searches ([LineSearch]) work on φ(α) = f(x + α d):
//
//	Backtracking   Armijo (sufficient decrease) φ(α) ≤ φ(0) + c₁ α φ′(0)
//	StrongWolfe    Armijo and |φ′(α)| ≤ c₂ |φ′(0)|
//	GoldenSection  bracket, then shrink by the golden ratio (values only)
//	Exact          solve φ′(α) = 0 to tight tolerance (uses slopes)
//
// First-order methods use only the gradient g = ∇f(x):
//
//	gradient descent  x ← x − η g                          (SGD)
//	momentum          v ← β v − η g;  x ← x + v            (Momentum)
//	Nesterov          v ← β v − η g;  x ← x + β v − η g    (Nesterov)
//	Adam              m ← β₁m + (1−β₁)g;  s ← β₂s + (1−β₂)g²;
//	                  x ← x − η m̂/(√ŝ + ε), m̂, ŝ bias-corrected  (Adam)
//
// # Steppers: the contract lib/nn uses
//
// SGD, Momentum, Nesterov and Adam implement [Stepper]:
//
//	type Stepper interface {
//		Step(x, grad []float64) // x ← update(x, grad), in place
//		Reset()                 // forget the state (velocity, moments, t)
//	}
//
// Step updates the parameter slice x in place from its gradient and does
// not allocate after its first call, which sizes the internal state to
// len(x). One Stepper owns the state of one parameter vector: a network
// either flattens its parameters into one slice or keeps one Stepper per
// parameter slice. Calling Step with a different length panics. The
// learning rate is the exported field Rate and may be changed between steps
// (a schedule). [Descend] runs any Stepper on a Problem with the stopping
// rules below and returns a Result, as the other methods do.
//
// # Problems, results and stopping rules
//
// A [Problem] is gonum's optimize.Problem (Func, Grad, Hess), so the same
// value can be given to gonum's optimize.Minimize; [Gonum] does that and
// records gonum's iterates into a Trace for side-by-side comparison.
//
// Every method stops when the first of these holds (a nil *Settings means
// the defaults, as does every zero field): ‖∇f(x)‖₂ ≤ GradTol (converged);
// |f(xₖ) − f(xₖ₋₁)| ≤ FuncTol·(1 + |f(xₖ)|) (converged, off by default);
// ‖xₖ − xₖ₋₁‖ ≤ StepTol·(1 + ‖xₖ‖) (stalled, off by default); MaxIter
// iterations (limit). A NaN or infinite cost or gradient stops with an error
// naming the iteration: the method diverged; a line search that cannot
// find an acceptable step also returns an error. The Result always holds
// the last finite iterate and the Trace up to the stop.
//
// Bad input — an empty or non-finite starting point, a Problem without the
// derivatives a method needs, settings that cannot work (a negative, NaN or
// infinite Rate or Tol; Beta, C1, C2 or Shrink outside (0, 1); a
// negative MaxIter) — returns an error naming the field; zero fields
// always mean the defaults. Each Stepper has a Validate method, which
// Descend calls before the first step; Step itself, which has no error to
// return, panics on such settings rather than climb. A gradient or
// Jacobian of the wrong length is a programming error and panics with an
// "optim: ..." message.
package optim
