package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/gradbook/gradbook/lib/data"
	"github.com/gradbook/gradbook/lib/optim"
)

// TrainSettings configures Train. A nil *TrainSettings, and every zero
// field, means the default.
type TrainSettings struct {
	Loss      Loss // default CrossEntropy for labelled data, SquaredError for regression
	Epochs    int  // passes over the training data; default 20
	BatchSize int  // samples per step; default 32
	// Stepper returns a fresh optimizer; Train makes one per trainable
	// parameter matrix. Default: Adam with rate 0.01.
	Stepper func() optim.Stepper
	// Patience stops training when the validation loss has not improved
	// for this many epochs, and restores the parameters of the best epoch.
	// 0 means never stop early. It needs a validation set.
	Patience int
	// OnEpoch is called after every epoch, e.g. to draw a live curve.
	OnEpoch func(Epoch)
}

// Epoch holds the metrics after one epoch, all measured in evaluation mode
// (dropout off) on the whole set. Accuracies are NaN for regression, and
// the validation fields are NaN without a validation set.
type Epoch struct {
	Epoch                    int // 1-based
	Loss, Accuracy           float64
	ValidLoss, ValidAccuracy float64
}

// History is what Train returns: one Epoch per epoch run.
type History struct {
	Epochs  []Epoch
	Best    int  // index into Epochs of the lowest validation loss (or training loss)
	Stopped bool // stopped early by Patience
}

func (s *TrainSettings) withDefaults(regression bool) TrainSettings {
	d := TrainSettings{Epochs: 20, BatchSize: 32, Loss: CrossEntropy,
		Stepper: func() optim.Stepper { return &optim.Adam{Rate: 0.01} }}
	if regression {
		d.Loss = SquaredError
	}
	if s == nil {
		return d
	}
	if s.Loss.Record != nil {
		d.Loss = s.Loss
	}
	if s.Epochs > 0 {
		d.Epochs = s.Epochs
	}
	if s.BatchSize > 0 {
		d.BatchSize = s.BatchSize
	}
	if s.Stepper != nil {
		d.Stepper = s.Stepper
	}
	d.Patience, d.OnEpoch = s.Patience, s.OnEpoch
	return d
}

// targetsOf returns the targets of a data set: its labels, or its Y as an
// n×1 matrix for regression.
func targetsOf(s *data.Set) Targets {
	if s.Labels != nil {
		return Targets{Labels: s.Labels}
	}
	return Targets{Values: mat.NewDense(len(s.Y), 1, s.Y)}
}

// checkSet returns an error naming the first problem with s as data for n.
func (n *Network) checkSet(what string, s *data.Set, loss Loss) error {
	if s == nil || s.Len() == 0 {
		return fmt.Errorf("nn: %s: empty data set", what)
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("nn: %s: %w", what, err)
	}
	if s.Labels == nil && s.Y == nil {
		return fmt.Errorf("nn: %s: data set %q has neither labels nor targets", what, s.Name)
	}
	ps := n.Params()
	if len(ps) > 0 && ps[0].Rows != s.Dim() {
		return fmt.Errorf("nn: %s: data has %d features, the first layer takes %d", what, s.Dim(), ps[0].Rows)
	}
	out := n.Predict(nil, s.X.Slice(0, 1, 0, s.Dim()).(*mat.Dense))
	_, c := out.Dims()
	return checkTargets(what, targetsOf(s), s.Len(), c, loss)
}

// Evaluate returns the loss and accuracy of the network on s in evaluation
// mode; the accuracy is NaN for a regression set.
func (n *Network) Evaluate(s *data.Set, loss Loss) (lossValue, acc float64) {
	y := targetsOf(s)
	out := n.Predict(nil, s.X)
	lossValue = n.Loss(s.X, y, loss)
	acc = math.NaN()
	if s.Labels != nil {
		acc = accuracy(out, s.Labels)
	}
	return lossValue, acc
}

// Train fits the network's trainable parameters to train by mini-batch
// gradient descent with the settings' optimizer: every epoch shuffles the
// samples with rng, takes one optimizer step per batch with dropout on
// (masks from rng), then measures loss and accuracy on train and valid
// (which may be nil) in evaluation mode. Frozen parameters are not
// touched.
//
// It returns an error, before training, if a set is empty, holds NaN,
// does not match the network's input or output size, or has labels out of
// range; and during training if the loss becomes NaN or infinite (the
// history up to then is returned).
func (n *Network) Train(train, valid *data.Set, s *TrainSettings, rng *rand.Rand) (History, error) {
	set := s.withDefaults(train != nil && train.Labels == nil)
	if err := n.checkSet("Train: training set", train, set.Loss); err != nil {
		return History{}, err
	}
	if valid != nil {
		if err := n.checkSet("Train: validation set", valid, set.Loss); err != nil {
			return History{}, err
		}
	}
	if set.Patience > 0 && valid == nil {
		return History{}, fmt.Errorf("nn: Train: early stopping (Patience %d) needs a validation set", set.Patience)
	}

	steppers := map[*Param]optim.Stepper{}
	var best []float64 // parameter values of the best epoch, when Patience > 0
	h := History{Best: -1}
	nSamples, dim := train.Len(), train.Dim()
	batchX := mat.NewDense(min(set.BatchSize, nSamples), dim, nil)
	yAll := targetsOf(train)
	var batchY Targets

	for epoch := 1; epoch <= set.Epochs; epoch++ {
		perm := rng.Perm(nSamples)
		for lo := 0; lo < nSamples; lo += set.BatchSize {
			idx := perm[lo:min(lo+set.BatchSize, nSamples)]
			bx := batchX.Slice(0, len(idx), 0, dim).(*mat.Dense)
			batchY = gather(bx, batchY, train.X, yAll, idx)
			l := n.Gradient(bx, batchY, set.Loss, rng)
			if math.IsNaN(l) || math.IsInf(l, 0) {
				return h, fmt.Errorf("nn: Train: epoch %d, batch at sample %d: loss is %v (lower the learning rate)", epoch, lo, l)
			}
			for _, p := range n.Params() {
				if p.Frozen {
					continue
				}
				st := steppers[p]
				if st == nil {
					st = set.Stepper()
					steppers[p] = st
				}
				st.Step(p.Value, p.Grad)
			}
		}

		e := Epoch{Epoch: epoch, ValidLoss: math.NaN(), ValidAccuracy: math.NaN()}
		e.Loss, e.Accuracy = n.Evaluate(train, set.Loss)
		score := e.Loss
		if valid != nil {
			e.ValidLoss, e.ValidAccuracy = n.Evaluate(valid, set.Loss)
			score = e.ValidLoss
		}
		h.Epochs = append(h.Epochs, e)
		if set.OnEpoch != nil {
			set.OnEpoch(e)
		}
		if h.Best < 0 || score < bestScore(h) {
			h.Best = len(h.Epochs) - 1
			if set.Patience > 0 {
				best = n.snapshot(best)
			}
		}
		if set.Patience > 0 && len(h.Epochs)-1-h.Best >= set.Patience {
			n.restore(best)
			h.Stopped = true
			break
		}
	}
	return h, nil
}

func bestScore(h History) float64 {
	e := h.Epochs[h.Best]
	if math.IsNaN(e.ValidLoss) {
		return e.Loss
	}
	return e.ValidLoss
}

// gather copies the rows idx of x into bx and returns the matching targets.
func gather(bx *mat.Dense, by Targets, x *mat.Dense, y Targets, idx []int) Targets {
	for i, k := range idx {
		copy(bx.RawRowView(i), x.RawRowView(k))
	}
	if y.Labels != nil {
		by.Labels = by.Labels[:0]
		for _, k := range idx {
			by.Labels = append(by.Labels, y.Labels[k])
		}
		return by
	}
	_, c := y.Values.Dims()
	by.Values = mat.NewDense(len(idx), c, nil)
	for i, k := range idx {
		copy(by.Values.RawRowView(i), y.Values.RawRowView(k))
	}
	return by
}

// snapshot copies every parameter value into dst, in Params order.
func (n *Network) snapshot(dst []float64) []float64 {
	dst = dst[:0]
	for _, p := range n.Params() {
		dst = append(dst, p.Value...)
	}
	return dst
}

func (n *Network) restore(src []float64) {
	for _, p := range n.Params() {
		src = src[copy(p.Value, src):]
	}
}
