package nn

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gradbook/gradbook/lib/ad"
)

// Targets is what a batch of network outputs should be: class labels (one
// per row) for CrossEntropy and Hinge, or target values (the output's
// shape) for SquaredError.
type Targets struct {
	Labels []int
	Values *mat.Dense
}

// Loss is a cost comparing a batch of outputs (one row per sample) with
// its targets, recorded on the tape so that it can be differentiated.
type Loss struct {
	Name   string
	Record func(out ad.Var, y Targets) ad.Var
	// NeedsLabels says that Record reads Targets.Labels (classification)
	// and cannot use target values.
	NeedsLabels bool
}

// SquaredError is the mean over samples of ½‖out − y‖²:
//
//	L = (1/n) Σᵢ ½ Σⱼ (outᵢⱼ − yᵢⱼ)².
//
// With labels instead of values, y is the one-hot encoding of the labels
// (with a single output column, the label 0 or 1 itself).
var SquaredError = Loss{Name: "squared error", Record: squaredError}

func squaredError(out ad.Var, y Targets) ad.Var {
	r, c := out.Dims()
	t := out.Tape()
	var target ad.Var
	switch {
	case y.Values != nil:
		if yr, yc := y.Values.Dims(); yr != r || yc != c {
			panic(fmt.Sprintf("nn: SquaredError: output %d×%d, targets %d×%d", r, c, yr, yc))
		}
		target = t.Constant(y.Values)
	case len(y.Labels) == r:
		onehot := make([]float64, r*c)
		for i, l := range y.Labels {
			if c == 1 {
				onehot[i] = float64(l) // one output: the label 0 or 1 itself
			} else {
				onehot[i*c+l] = 1
			}
		}
		target = t.ConstantData(r, c, onehot)
	default:
		panic(fmt.Sprintf("nn: SquaredError: %d×%d output with no target values and %d labels", r, c, len(y.Labels)))
	}
	return out.Sub(target).Square().Sum().Scale(0.5 / float64(r))
}

// CrossEntropy is the mean softmax cross-entropy of the outputs read as
// logits, one column per class:
//
//	L = −(1/n) Σᵢ log softmax(outᵢ)_{yᵢ}.
var CrossEntropy = Loss{Name: "cross-entropy", NeedsLabels: true, Record: func(out ad.Var, y Targets) ad.Var {
	return out.SoftmaxCrossEntropy(y.Labels)
}}

// Hinge is the multi-class hinge loss of Weston and Watkins: every wrong
// class j must score at least 1 below the right one,
//
//	L = (1/n) Σᵢ Σ_{j≠yᵢ} max(0, 1 + outᵢⱼ − outᵢ,yᵢ).
//
// With a single output column it is the binary SVM hinge
// (1/n) Σᵢ max(0, 1 − sᵢ·outᵢ) with sᵢ = +1 for label 1 and −1 for label 0.
var Hinge = Loss{Name: "hinge", Record: hinge, NeedsLabels: true}

func hinge(out ad.Var, y Targets) ad.Var {
	r, c := out.Dims()
	if len(y.Labels) != r {
		panic(fmt.Sprintf("nn: Hinge: %d labels for %d outputs", len(y.Labels), r))
	}
	t := out.Tape()
	zero := t.ConstantScalar(0)
	if c == 1 {
		s := make([]float64, r)
		for i, l := range y.Labels {
			s[i] = float64(2*l - 1)
		}
		return out.Mul(t.ConstantData(r, 1, s)).RSub(1).Maximum(zero).Sum().Scale(1 / float64(r))
	}
	onehot := make([]float64, r*c)
	for i, l := range y.Labels {
		onehot[i*c+l] = 1
	}
	oh := t.ConstantData(r, c, onehot)
	right := out.Mul(oh).SumAxis(1) // r×1: the score of the right class
	// 1 + out − right, minus the one-hot so that the right class adds 0.
	margins := out.Sub(right).Shift(1).Sub(oh).Maximum(zero)
	return margins.Sum().Scale(1 / float64(r))
}

// accuracy returns the fraction of rows of out whose largest entry is at
// the label (or, with one column, whose sign matches label 1 vs 0).
func accuracy(out *mat.Dense, labels []int) float64 {
	r, c := out.Dims()
	right := 0
	for i := range r {
		row := out.RawRowView(i)
		pred := 0
		if c == 1 {
			if row[0] > 0 {
				pred = 1
			}
		} else {
			for j, v := range row {
				if v > row[pred] {
					pred = j
				}
			}
		}
		if pred == labels[i] {
			right++
		}
	}
	return float64(right) / float64(r)
}

// checkTargets returns an error naming the first problem with y as targets
// for an n×c output.
func checkTargets(what string, y Targets, n, c int, loss Loss) error {
	if loss.NeedsLabels && y.Labels == nil {
		return fmt.Errorf("nn: %s: the %s loss needs class labels, the targets are values", what, loss.Name)
	}
	if y.Values != nil && y.Labels == nil {
		r, k := y.Values.Dims()
		if r != n || k != c {
			return fmt.Errorf("nn: %s: targets are %d×%d, outputs %d×%d", what, r, k, n, c)
		}
		for i := range r {
			for j, v := range y.Values.RawRowView(i) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return fmt.Errorf("nn: %s: target (%d, %d) is %v", what, i, j, v)
				}
			}
		}
		return nil
	}
	if y.Labels == nil {
		return fmt.Errorf("nn: %s: no labels or target values for the %s loss", what, loss.Name)
	}
	if len(y.Labels) != n {
		return fmt.Errorf("nn: %s: %d labels for %d samples", what, len(y.Labels), n)
	}
	k := max(c, 2) // one output column: binary labels 0 and 1
	for i, l := range y.Labels {
		if l < 0 || l >= k {
			return fmt.Errorf("nn: %s: label %d of sample %d not in [0, %d)", what, l, i, k)
		}
	}
	return nil
}
