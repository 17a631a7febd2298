// Package derivatives puts the course's routes to a derivative side by side.
// A function is written once, as an expression in lib/symbolic's syntax
// such as "(t^2 - 4)/(t - 2)", and Compare differentiates it at a point by
//
//   - symbolic differentiation (lib/symbolic: the rules of calculus applied
//     to the formula, then evaluated, with a limit where the formula is 0/0),
//     which gives the exact value the other routes are measured against;
//   - finite differences (lib/fd: the central difference with its default
//     step, from two evaluations of the float64 formula);
//   - forward-mode automatic differentiation (lib/ad's dual numbers, one
//     pass through the program the formula describes);
//   - Taylor mode (lib/ad's truncated series, which cancels common powers in
//     a division: L'Hôpital's rule inside the arithmetic).
//
// Each Route reports its derivative, its error against the exact value, its
// cost (function evaluations or operations) and, where it fails, what went
// wrong: 0/0 in the program, a pole, round-off and truncation. StepErrors
// gives the finite difference's error for a range of steps, the V that the
// finite-difference lecture plots.
package derivatives
