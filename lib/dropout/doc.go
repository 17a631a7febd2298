// Package dropout implements inverted dropout with seeded, reproducible
// masks, Monte-Carlo dropout, and dropout on the search directions of
// gradient descent.
//
// In training, inverted dropout keeps each unit with probability p and
// scales the survivors by 1/p,
//
//	y_i = x_i · m_i / p,   m_i ~ Bernoulli(p),
//
// so E[y_i] = x_i and evaluation needs no rescaling: at test time dropout is
// the identity. Its derivative is the same mask, ∂y_i/∂x_i = m_i/p, so the
// backward pass applies the forward pass's mask to the incoming gradient.
//
// A Mask is the pair (Keep, Key). Element i is kept when a 32-bit uniform
// drawn from a counter-based generator — wyrand's mix, the high and low
// halves of the 128-bit product s·(s ⊕ c) xored, at s = Key + ⌊i/2⌋·γ —
// falls below p·2³² (so p is exact to 2⁻³²). Because element i's draw
// depends only on Key and i, large slices are filled in parallel, the
// result is the same for any number of goroutines, and the mask is never
// stored: a backward pass recomputes it from the 16-byte Mask. New draws the Key from a seeded
// *rand.Rand, so the same seed gives the same run.
//
// Monte-Carlo dropout (MonteCarlo) keeps dropout on at prediction time and
// reports the mean and spread of repeated passes as a cheap uncertainty
// estimate. Descent applies a fresh mask to every gradient step, showing
// the lecture's view of dropout as "adding some stochasticity to the search
// directions".
//
// Mask.Record puts dropout on a reverse-mode tape of package ad (as ad's
// Mask operation with these factors), and nn.Dropout is the network layer;
// both use the masks defined here.
//
// # Errors and panics
//
// Misuse is a programming error and panics with a "dropout: ..." message:
// a keep probability outside [0, 1], or a dst whose length differs from
// x's in Apply and Apply32. What a run can meet is returned as an error
// naming the function and the step: Descent for an empty start, a
// negative Iterations, a Step that is negative, NaN or infinite, a NaN or
// infinite gradient, or an x that leaves the float64 range; MonteCarlo for
// fewer than 2 passes, passes that return different numbers of outputs, or
// a NaN or infinite output.
package dropout
