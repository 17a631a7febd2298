// Package symbolic differentiates expressions the way the lecture does by
// hand, the first of its three routes to a derivative (symbolic, finite
// differences, automatic).
//
// An Expr is a tree of exact rational numbers, variables, sums, products,
// powers and the functions exp, log, sin, cos, tan, tanh, sqrt, abs, sign
// and the course's activations sigmoid, relu, softplus and heaviside
// (their float64 values come from lib/activation). Everything known about
// a function — name, LaTeX, value, derivative, identities, limits — is one
// entry of the table in funcs.go; adding a function is adding an entry,
// and TestFunctionTableConsistent then checks it. Parse reads the usual
// syntax, "(t^2-4)/(t-2)", and reports errors with the column. Diff
// applies the rules of calculus — linearity, product, power and chain
// rules — for any order and any variable (partial derivatives, Gradient,
// Hessian). Simplify collects like terms, expands, and cancels common
// polynomial factors of rational functions; Factor and Cancel do the
// latter on request.
//
// The lecture's example is h(t) = f(t)/g(t) = (t²−4)/(t−2). Evaluated as
// written, h(2) = 0/0: float64 gives NaN and a library that adds ε to the
// denominator gives 0. Knowing the symbols we can cancel,
// (t−2)(t+2)/(t−2) = t+2, and h(2) = 4. Limit resolves 0/0 and ∞/∞ by
// exactly that cancellation or by L'Hôpital's rule, lim f/g = lim f′/g′,
// repeated as needed, and reports one-sided limits that differ; At
// evaluates a formula and falls back to the limit at a removable
// singularity. Compile turns an expression into a Go func(float64) float64
// for plotting and for comparison with lib/fd and lib/ad; String and LaTeX
// print it (Markdown wraps the LaTeX in $$…$$ for gonbui.DisplayMarkdown).
//
// "This is hard for computers": DiffRaw applies the rules without
// simplifying, and Swell measures how the product rule makes the tree grow
// geometrically with the order of the derivative, while simplification
// keeps it small.
//
// Expressions are trees whose subtrees may be shared; Diff and Simplify
// keep shared subtrees shared, so the derivative of sin nested a thousand
// deep is a product of cosines of the same inner sines, not a thousand
// copies of them.
//
// Errors: Parse, Eval, Compile, Limit and At return errors for bad input
// or undefined values — Parse for nesting deeper than MaxParseDepth
// (instead of exhausting the stack), Limit wrapping ErrNoLimit or as a
// *SidesDifferError, At for a NaN point (at ±Inf it takes the limit at
// infinity); constructing an expression with an unknown function name, or
// asking for a derivative of order < 1, is a programming error and
// panics.
package symbolic
