package svm

import (
	"errors"
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/optim"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Model is a linear classifier sign(wᵀx − b) with what its trainer found.
type Model struct {
	W []float64 // the normal vector c of the separating plane
	B float64   // the offset: the plane is wᵀx = b

	// Margin is the width 2/‖w‖ between the planes wᵀx − b = ±1 (+Inf when
	// w = 0).
	Margin float64
	// Support holds the indices of the support vectors, in increasing
	// order, by one definition for every trainer: the training points on
	// or inside the margin, yᵢ(wᵀxᵢ − b) ≤ 1 + SupportTol (for DualCD at
	// its optimum these are the points with αᵢ > 0, up to Tol). It is the
	// union of the three lists below, which split it.
	Support []int
	// OnMargin holds the correctly classified points with
	// |yᵢ(wᵀxᵢ − b) − 1| ≤ SupportTol, InsideMargin those with
	// yᵢ(wᵀxᵢ − b) < 1 − SupportTol (margin violations on the right side),
	// and Misclassified the points that Predict gets wrong.
	OnMargin, InsideMargin, Misclassified []int
	// Objective is the value of the trainer's own cost at (W, B); compare
	// routes with HingeObjective.
	Objective float64

	Method     string
	Iterations int // iterations (Newton, descent) or epochs (Pegasos, DualCD)
	// Trace is the optimizer's record where one was used (the penalty
	// routes: the last sharpness stage for SmoothedPenalty), else nil.
	Trace *optim.Trace
}

// Trainer fits a binary model to rows of X with labels y ∈ {−1, +1}.
type Trainer interface {
	Fit(X *mat.Dense, y []float64) (*Model, error)
}

var (
	_ Trainer = HeavisidePenalty{}
	_ Trainer = SmoothedPenalty{}
	_ Trainer = Subgradient{}
	_ Trainer = Pegasos{}
	_ Trainer = DualCD{}
)

// Decision returns wᵀx − b: positive on the +1 side, ±1 on the margin planes.
func (m *Model) Decision(x []float64) float64 {
	if len(x) != len(m.W) {
		panic(fmt.Sprintf("svm: Decision: point of dimension %d, model of dimension %d", len(x), len(m.W)))
	}
	return floats.Dot(m.W, x) - m.B
}

// Predict returns +1 or −1 (+1 on the plane itself).
func (m *Model) Predict(x []float64) float64 {
	if m.Decision(x) >= 0 {
		return 1
	}
	return -1
}

// Decisions returns wᵀxᵢ − b for every row of X, into dst (allocated when
// nil).
func (m *Model) Decisions(dst []float64, X mat.Matrix) []float64 {
	n, d := X.Dims()
	if d != len(m.W) {
		panic(fmt.Sprintf("svm: Decisions: X is %d×%d, model of dimension %d", n, d, len(m.W)))
	}
	if dst == nil {
		dst = make([]float64, n)
	}
	dv := mat.NewVecDense(n, dst)
	dv.MulVec(X, mat.NewVecDense(d, m.W))
	for i := range dst {
		dst[i] -= m.B
	}
	return dst
}

// Accuracy returns the fraction of rows of X whose predicted sign equals y.
func (m *Model) Accuracy(X mat.Matrix, y []float64) float64 {
	dec := m.Decisions(nil, X)
	ok := 0
	for i, v := range dec {
		if (v >= 0) == (y[i] > 0) {
			ok++
		}
	}
	return float64(ok) / float64(len(dec))
}

// HingeObjective returns the soft-margin SVM cost with a free bias,
//
//	½‖w‖² + C Σᵢ max(0, 1 − yᵢ(wᵀxᵢ − b)),
//
// the cost scikit-learn's SVC(kernel="linear") minimizes, at the model.
func (m *Model) HingeObjective(X mat.Matrix, y []float64, C float64) float64 {
	dec := m.Decisions(nil, X)
	s := 0.0
	for i, v := range dec {
		s += math.Max(0, 1-y[i]*v)
	}
	return 0.5*floats.Dot(m.W, m.W) + C*s
}

// SupportTol is the tolerance on the margin value yᵢ(wᵀxᵢ − b) = 1 within
// which a point counts as on the margin: the trainers stop at tolerances
// of 1e-4 and below, so a looser 1e-3 classifies their support vectors
// the way an exact solution would.
const SupportTol = 1e-3

// finish fills the derived fields of a model from W and B.
func (m *Model) finish(X *mat.Dense, y []float64) {
	norm := floats.Norm(m.W, 2)
	m.Margin = 2 / norm // +Inf for w = 0
	m.Support, m.OnMargin, m.InsideMargin, m.Misclassified = []int{}, []int{}, []int{}, []int{}
	for i, v := range m.Decisions(nil, X) {
		yf := y[i] * v
		switch {
		case (v >= 0) != (y[i] > 0): // as Predict: +1 on the plane
			m.Misclassified = append(m.Misclassified, i)
		case yf < 1-SupportTol:
			m.InsideMargin = append(m.InsideMargin, i)
		case yf <= 1+SupportTol:
			m.OnMargin = append(m.OnMargin, i)
		default:
			continue
		}
		m.Support = append(m.Support, i)
	}
}

// ErrData is wrapped by every error about the training data.
var ErrData = errors.New("svm: bad training data")

// checkData validates a binary training set.
func checkData(X *mat.Dense, y []float64) (n, d int, err error) {
	if X == nil || X.IsEmpty() {
		return 0, 0, fmt.Errorf("%w: X is empty", ErrData)
	}
	n, d = X.Dims()
	if len(y) != n {
		return 0, 0, fmt.Errorf("%w: X has %d rows but y has %d labels", ErrData, n, len(y))
	}
	var pos, neg int
	for i := range n {
		row := X.RawRowView(i)
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, 0, fmt.Errorf("%w: X[%d, %d] is %v", ErrData, i, j, v)
			}
		}
		// Every trainer forms xᵢᵀxᵢ or xᵢᵀw; past about 1e154 per entry
		// they overflow and the fit silently stays at w = 0.
		if sq := floats.Dot(row, row); math.IsInf(sq, 0) {
			return 0, 0, fmt.Errorf("%w: row %d: xᵀx overflows float64 (entries up to %g); rescale the features, e.g. with data.Standardize", ErrData, i, floats.Norm(row, math.Inf(1)))
		}
		switch y[i] {
		case 1:
			pos++
		case -1:
			neg++
		default:
			return 0, 0, fmt.Errorf("%w: label y[%d] = %v, want −1 or +1", ErrData, i, y[i])
		}
	}
	if pos == 0 || neg == 0 {
		return 0, 0, fmt.Errorf("%w: all %d labels are %+g; need both classes", ErrData, n, y[0])
	}
	return n, d, nil
}

// checkBiasScale returns the bias feature's scale s (zero means 1) for the
// routes that treat the bias as an extra feature of value s, or an error
// naming the method when s is not a finite positive number.
func checkBiasScale(method string, s float64) (float64, error) {
	s = rateOr(s, 1)
	if !(s > 0) || math.IsInf(s, 0) {
		return 0, fmt.Errorf("svm: %s: BiasScale %v, want a finite number > 0", method, s)
	}
	return s, nil
}

// checkC returns C, or 1 when C is zero, or an error for a negative or
// non-finite C.
func checkC(method string, C float64) (float64, error) {
	switch {
	case C == 0:
		return 1, nil
	case C < 0 || math.IsNaN(C) || math.IsInf(C, 0):
		return 0, fmt.Errorf("svm: %s: C = %v, want a positive number", method, C)
	}
	return C, nil
}

// positiveOr returns v, or def when v is zero, or an error naming the
// method and field when v is negative, NaN or infinite.
func positiveOr(method, field string, v, def float64) (float64, error) {
	if v == 0 {
		return def, nil
	}
	if !(v > 0) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("svm: %s: %s = %v, want a finite number > 0 (or 0 for the default %v)", method, field, v, def)
	}
	return v, nil
}

// countOr returns n, or def when n is zero, or an error naming the method
// and field when n is negative.
func countOr(method, field string, n, def int) (int, error) {
	if n == 0 {
		return def, nil
	}
	if n < 0 {
		return 0, fmt.Errorf("svm: %s: %s = %d, want ≥ 1 (or 0 for the default %d)", method, field, n, def)
	}
	return n, nil
}
