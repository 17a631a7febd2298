package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/gradbook/gradbook/lib/ad"
)

// Network is a sequence of layers, X₁ → f₁ → X₂ → f₂ → … → X_{L+1}, each
// layer's output the next one's input. A Network is itself a Layer, so
// networks nest. It keeps one tape that it reuses for every gradient, so
// a Network is not safe for concurrent use.
type Network struct {
	Layers []Layer
	tape   *ad.Tape
}

// Sequential returns the composition of layers, applied first to last.
func Sequential(layers ...Layer) *Network { return &Network{Layers: layers} }

// Forward records every layer in turn. It panics, naming the layer (1-based)
// and both widths, if x does not have the columns a Dense layer expects.
func (n *Network) Forward(p *Pass, x ad.Var) ad.Var {
	for i, l := range n.Layers {
		if d, ok := l.(*Dense); ok {
			d.checkInput(fmt.Sprintf("layer %d of %d, ", i+1, len(n.Layers)), x)
		}
		x = l.Forward(p, x)
	}
	return x
}

// Params returns the parameters of every layer, in order.
func (n *Network) Params() []*Param {
	var ps []*Param
	for _, l := range n.Layers {
		ps = append(ps, l.Params()...)
	}
	return ps
}

func (n *Network) String() string {
	s := make([]string, len(n.Layers))
	for i, l := range n.Layers {
		s[i] = l.String()
	}
	return strings.Join(s, " → ")
}

// Freeze marks the parameters of the given layers (indices into Layers)
// as frozen; Unfreeze undoes it. With no indices they act on every layer.
func (n *Network) Freeze(layers ...int) { n.setFrozen(true, layers) }

// Unfreeze marks the parameters of the given layers, or of all layers, as
// trainable again.
func (n *Network) Unfreeze(layers ...int) { n.setFrozen(false, layers) }

func (n *Network) setFrozen(frozen bool, layers []int) {
	if len(layers) == 0 {
		for i := range n.Layers {
			layers = append(layers, i)
		}
	}
	for _, i := range layers {
		if i < 0 || i >= len(n.Layers) {
			panic(fmt.Sprintf("nn: Freeze: layer %d of %d", i, len(n.Layers)))
		}
		for _, p := range n.Layers[i].Params() {
			p.Frozen = frozen
		}
	}
}

func (n *Network) pass(rng *rand.Rand) *Pass {
	if n.tape == nil {
		n.tape = ad.NewTape()
	}
	n.tape.Reset()
	return &Pass{Tape: n.tape, Rand: rng}
}

// Predict returns the network's output for the rows of x in evaluation
// mode (dropout off), in dst if it is not nil.
func (n *Network) Predict(dst, x *mat.Dense) *mat.Dense { return n.run(dst, x, nil) }

// Sample runs one stochastic forward pass on the rows of x with dropout
// on, masks drawn from rng, and returns the output (in dst if not nil).
// Repeated samples feed dropout.MonteCarlo.
func (n *Network) Sample(dst, x *mat.Dense, rng *rand.Rand) *mat.Dense { return n.run(dst, x, rng) }

// run is one forward pass without gradients, with dropout masks from rng
// (none when rng is nil), into dst or a new matrix.
func (n *Network) run(dst, x *mat.Dense, rng *rand.Rand) *mat.Dense {
	p := n.pass(rng)
	p.FreezeAll = true
	out := n.Forward(p, p.Tape.Constant(x))
	if dst == nil {
		r, c := out.Dims()
		dst = mat.NewDense(r, c, nil)
	}
	dst.Copy(out.Mat())
	return dst
}

// Activations returns X₁ = x and the output of every layer, X₂ … X_{L+1},
// in evaluation mode: the layer picture of the lecture as numbers.
func (n *Network) Activations(x *mat.Dense) []*mat.Dense {
	p := n.pass(nil)
	p.FreezeAll = true
	v := p.Tape.Constant(x)
	xs := []*mat.Dense{mat.DenseCopyOf(x)}
	for _, l := range n.Layers {
		v = l.Forward(p, v)
		xs = append(xs, mat.DenseCopyOf(v.Mat()))
	}
	return xs
}

// Gradient computes the loss of the network on the batch (x, y) and its
// gradient with respect to every parameter that is not frozen, stored in
// each Param's Grad. Frozen parameters are recorded as constants, so no
// work is spent on their gradients or on propagating back through layers
// that only frozen parameters depend on.
//
// A nil rng evaluates in evaluation mode (dropout is the identity); a
// non-nil rng draws dropout masks from it (training mode).
func (n *Network) Gradient(x *mat.Dense, y Targets, loss Loss, rng *rand.Rand) float64 {
	p := n.pass(rng)
	l := loss.Record(n.Forward(p, p.Tape.Constant(x)), y)
	p.Tape.Backward(l)
	for _, q := range n.Params() {
		if q.Frozen {
			continue
		}
		if q.Grad == nil {
			q.Grad = make([]float64, len(q.Value))
		}
		copy(q.Grad, q.v.Grad())
	}
	return l.Item()
}

// Loss returns the loss of the network on (x, y) in evaluation mode.
func (n *Network) Loss(x *mat.Dense, y Targets, loss Loss) float64 {
	p := n.pass(nil)
	p.FreezeAll = true
	return loss.Record(n.Forward(p, p.Tape.Constant(x)), y).Item()
}

// LayerGradNorms returns, for every layer with parameters, the Euclidean
// (Frobenius) norm of the loss gradient with respect to its weights (its
// first parameter), in evaluation mode. In a deep stack of sigmoid layers
// these norms shrink towards the input — each layer multiplies the
// backward signal by σ′ ≤ 1/4 — while ReLU layers pass it on unchanged
// where they are active: the vanishing-gradient picture. Frozen layers
// report NaN.
func (n *Network) LayerGradNorms(x *mat.Dense, y Targets, loss Loss) []float64 {
	n.Gradient(x, y, loss, nil)
	var norms []float64
	for _, l := range n.Layers {
		ps := l.Params()
		if len(ps) == 0 {
			continue
		}
		if ps[0].Frozen {
			norms = append(norms, math.NaN())
			continue
		}
		var s float64
		for _, g := range ps[0].Grad {
			s += g * g
		}
		norms = append(norms, math.Sqrt(s))
	}
	return norms
}
