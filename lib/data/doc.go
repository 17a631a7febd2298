// Package data provides the data sets the gradbook lectures train on: small
// seeded toy problems, two real data sets bundled with the repository, a CSV
// reader with errors that say where the file is wrong, and the two chores
// every experiment needs — a train/test split and standardization.
//
// A data set is a [Set]: an n×d design matrix X whose row i is the sample
// x_i, and either integer class labels (classification) or real targets Y
// (regression). Binary classifiers such as lib/svm want labels y_i ∈ {−1, +1};
// [Set.Signs] converts class labels to that form.
//
// Toy sets are deterministic given the *rand.Rand they are passed:
//
//	Blobs            two Gaussian clouds; overlap is set by their separation
//	SeparableBlobs   two clouds with a guaranteed empty gap between them
//	Moons            two interleaving half circles
//	XOR              four clusters labeled by the sign of x₁·x₂
//	Spirals          K interleaved spiral arms
//	Curve            1-D regression: y = sin(2πx) + noise
//
// The bundled sets are scikit-learn's copies of two UCI data sets (BSD-3,
// see bundled/SOURCE.md): [BreastCancer] (569 × 30, malignant/benign) and
// [Digits] (1797 × 64, 8×8 images of handwritten digits, pixels 0..16).
//
// Standardization maps each column j to z = (x − μ_j)/σ_j with μ and σ
// estimated on the training rows only, so that the test rows are transformed
// with statistics they did not influence.
//
// Errors in a CSV file (no data rows, a ragged row, a field that is not a
// decimal number — 0x1p3 and 1_000 are not —, NaN or Inf, a number beyond
// the float64 range such as 1e400, a bad label or one above MaxClassLabel,
// a negative Target option) are returned as *CSVError values naming the
// line and column; a UTF-8 byte-order mark before the first field is
// skipped. [Set.Validate] names the sample and feature of a non-finite
// value or a bad label in a set built in code. Standardization is finite
// for every finite column, even one with values near ±MaxFloat64. Calling
// a function with impossible arguments (fewer samples than classes, a
// fraction outside (0, 1), OneHot of a label above MaxClassLabel) is a
// programming error and panics with a "data: ..." message.
package data
