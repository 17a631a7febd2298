// Package svm fits linear support vector machines four ways, so that a
// lecture can show why the textbook formulation needs smoothing and what the
// production algorithm does instead.
//
// A linear classifier predicts sign(cᵀx − b). The training points are
// separated with margin when every constraint
//
//	gᵢ(c, b) = yᵢ(cᵀxᵢ − b) − 1 ≥ 0,   yᵢ ∈ {−1, +1},
//
// holds; the planes cᵀx − b = ±1 are then 2/‖c‖ apart, and the support
// vectors are the points on (or inside) them — the first points a plane
// sliding towards either class would touch. The lecture folds the
// constraints into the cost with a Heaviside penalty,
//
//	J(c, b) = ½‖c‖² + C Σᵢ H(−gᵢ),
//
// (C is the lecture's λ), which counts margin violations. Each route
// returns the same [Model]:
//
//	HeavisidePenalty  J exactly as written, minimized by gradient descent
//	                  with the gradient from lib/ad. The penalty is piecewise
//	                  constant: its gradient is zero almost everywhere, so the
//	                  method only shrinks c and never sees the data.
//	SmoothedPenalty   H(−g) replaced by σ(−k g) (Sigmoid) or by
//	                  softplus(−k g)/k (Softplus, a smooth hinge), minimized
//	                  by lib/optim's Newton method with the gradient from
//	                  lib/ad, sharpening k step by step. The softplus cost
//	                  tends to the hinge-loss SVM as k → ∞.
//	Subgradient       the hinge-loss primal ½‖c‖² + C Σ max(0, −gᵢ) by
//	Pegasos           subgradient descent, full batch or stochastic
//	                  (Shalev-Shwartz et al. 2007).
//	DualCD            the dual of the hinge primal, one coordinate at a time
//	                  (Hsieh et al. 2008, the algorithm of liblinear): fast on
//	                  large data. As in liblinear the bias is an extra feature
//	                  of value BiasScale, so b is regularized too.
//
// A large C (1e4, say) on separable data gives the hard-margin SVM. For
// more than two classes [OneVsRest] fits one binary model per class.
//
// Every Model reports its support vectors by one definition, the points
// on or inside the margin (yᵢ(wᵀxᵢ − b) ≤ 1 + SupportTol), and splits them
// into OnMargin, InsideMargin and Misclassified.
//
// Data errors — no rows, X and y of different lengths, NaN or Inf in X,
// rows so large that xᵀx overflows (entries beyond about 1e154: rescale
// them), labels other than ±1, only one class present — wrap ErrData and
// name the problem and the row. Settings that cannot work — C, a Rate,
// Tol, Sharpness or BiasScale that is negative, NaN or infinite, a
// negative MaxIter, MaxEpochs, Epochs or Stages — are errors naming the
// field; zero always means the documented default. A Model used with a
// point of the wrong dimension panics with an "svm: ..." message.
package svm
