package svm

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Multi is a one-vs-rest classifier: model k separates class k (+1) from
// all the others (−1), and a point goes to the class whose decision value
// wₖᵀx − bₖ is largest.
type Multi struct {
	Models []*Model // one per class 0 … K−1
}

// OneVsRest fits one binary model per class with tr. Labels must be class
// indices 0 … K−1 with K ≥ 2 and every class present.
func OneVsRest(tr Trainer, X *mat.Dense, labels []int) (*Multi, error) {
	if X == nil || X.IsEmpty() {
		return nil, fmt.Errorf("%w: X is empty", ErrData)
	}
	n, _ := X.Dims()
	if len(labels) != n {
		return nil, fmt.Errorf("%w: X has %d rows but there are %d labels", ErrData, n, len(labels))
	}
	k := 0
	for i, l := range labels {
		if l < 0 {
			return nil, fmt.Errorf("%w: label %d at row %d is negative", ErrData, l, i)
		}
		k = max(k, l+1)
	}
	count := make([]int, k)
	for _, l := range labels {
		count[l]++
	}
	for c, m := range count {
		if m == 0 {
			return nil, fmt.Errorf("%w: class %d of 0…%d has no samples", ErrData, c, k-1)
		}
	}
	if k < 2 {
		return nil, fmt.Errorf("%w: only one class", ErrData)
	}
	mc := &Multi{Models: make([]*Model, k)}
	y := make([]float64, n)
	for c := range k {
		for i, l := range labels {
			y[i] = -1
			if l == c {
				y[i] = 1
			}
		}
		m, err := tr.Fit(X, y)
		if err != nil {
			return nil, fmt.Errorf("svm: OneVsRest: class %d: %w", c, err)
		}
		mc.Models[c] = m
	}
	return mc, nil
}

// Predict returns the class with the largest decision value.
func (mc *Multi) Predict(x []float64) int {
	best, arg := mc.Models[0].Decision(x), 0
	for c, m := range mc.Models[1:] {
		if v := m.Decision(x); v > best {
			best, arg = v, c+1
		}
	}
	return arg
}

// Accuracy returns the fraction of rows of X predicted as their label.
func (mc *Multi) Accuracy(X *mat.Dense, labels []int) float64 {
	n, _ := X.Dims()
	ok := 0
	for i := range n {
		if mc.Predict(X.RawRowView(i)) == labels[i] {
			ok++
		}
	}
	return float64(ok) / float64(n)
}
