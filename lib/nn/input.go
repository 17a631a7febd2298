package nn

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/gradbook/gradbook/lib/optim"
)

// InputSettings configures OptimizeInput. A nil *InputSettings, and every
// zero field, means the default.
type InputSettings struct {
	Loss       Loss          // default SquaredError
	Stepper    optim.Stepper // default Adam with rate 0.05
	Iterations int           // default 200
	// OnStep, if set, is called with every iterate and its loss, from x0
	// on (for a live curve or to record the path of X₁).
	OnStep func(k int, x *mat.Dense, loss float64)
}

// OptimizeInput is the lecture's "classical optimization": with every
// parameter locked, it moves the input X₁ so that the output X_{L+1}
// matches the target, minimizing loss(net(X₁), y) over X₁ by the stepper,
// starting from x0 (which is not modified). Training is the mirror image:
// it locks X₁ and moves the parameters. Only ∂loss/∂X₁ is computed; the
// parameters are recorded as constants and stay bit for bit unchanged.
//
// It returns the final input and the loss before every step and after the
// last, and an error if x0 holds NaN, the targets do not match the output,
// or the loss becomes NaN or infinite (naming the iteration).
func (n *Network) OptimizeInput(x0 *mat.Dense, y Targets, s *InputSettings) (*mat.Dense, []float64, error) {
	loss, stepper, iters := SquaredError, optim.Stepper(&optim.Adam{Rate: 0.05}), 200
	var onStep func(int, *mat.Dense, float64)
	if s != nil {
		onStep = s.OnStep
		if s.Loss.Record != nil {
			loss = s.Loss
		}
		if s.Stepper != nil {
			stepper = s.Stepper
		}
		if s.Iterations > 0 {
			iters = s.Iterations
		}
	}
	r, c := x0.Dims()
	for i := range r {
		for j := range c {
			if v := x0.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, fmt.Errorf("nn: OptimizeInput: x0 (%d, %d) is %v", i, j, v)
			}
		}
	}
	x := mat.DenseCopyOf(x0)
	_, outCols := n.Predict(nil, x).Dims()
	if err := checkTargets("OptimizeInput", y, r, outCols, loss); err != nil {
		return nil, nil, err
	}
	xs := x.RawMatrix().Data
	losses := make([]float64, 0, iters+1)
	for k := 0; ; k++ {
		p := n.pass(nil)
		p.FreezeAll = true
		xv := p.Tape.VariableData(r, c, xs)
		l := loss.Record(n.Forward(p, xv), y)
		v := l.Item()
		losses = append(losses, v)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return x, losses, fmt.Errorf("nn: OptimizeInput: iteration %d: loss is %v", k, v)
		}
		if onStep != nil {
			onStep(k, x, v)
		}
		if k == iters {
			return x, losses, nil
		}
		p.Tape.Backward(l)
		stepper.Step(xs, xv.Grad())
	}
}
