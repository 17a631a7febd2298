package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/gradbook/gradbook/lib/activation"
	"github.com/gradbook/gradbook/lib/ad"
	"github.com/gradbook/gradbook/lib/dropout"
)

// Param is one parameter matrix of a layer, stored row-major.
type Param struct {
	Name       string
	Rows, Cols int
	Value      []float64 // row-major values, updated in place by training
	Grad       []float64 // ∂loss/∂Value from the last Gradient; untouched while Frozen
	// Frozen parameters are recorded on the tape as constants: no gradient
	// is computed for them, and training leaves them bit for bit unchanged.
	Frozen bool
	v      ad.Var // the Var of the current pass
}

func newParam(name string, rows, cols int) *Param {
	return &Param{Name: name, Rows: rows, Cols: cols, Value: make([]float64, rows*cols)}
}

// Mat returns the parameter as a *mat.Dense sharing Value.
func (p *Param) Mat() *mat.Dense { return mat.NewDense(p.Rows, p.Cols, p.Value) }

// Pass is the context of one forward pass.
type Pass struct {
	Tape *ad.Tape
	// Rand draws dropout masks. A nil Rand is evaluation mode: dropout is
	// the identity.
	Rand *rand.Rand
	// FreezeAll records every parameter as a constant for this pass, as
	// input optimization needs.
	FreezeAll bool
}

// param records p on the tape: as a variable when it is trained, as a
// constant when it is frozen, so that the backward sweep skips it.
func (ps *Pass) param(p *Param) ad.Var {
	if p.Frozen || ps.FreezeAll {
		p.v = ps.Tape.ConstantData(p.Rows, p.Cols, p.Value)
	} else {
		p.v = ps.Tape.VariableData(p.Rows, p.Cols, p.Value)
	}
	return p.v
}

// Layer is one function layer X_{k+1} = f_k(X_k; θ_k), applied to a batch
// (one sample per row).
type Layer interface {
	// Forward records the layer applied to x on the pass's tape.
	Forward(p *Pass, x ad.Var) ad.Var
	// Params returns the layer's parameters (none for dropout).
	Params() []*Param
	String() string
}

// Init chooses how Dense draws its initial weights.
type Init int

const (
	// Xavier (Glorot) draws W uniformly from ±sqrt(6/(in+out)), keeping the
	// variance of activations and gradients about equal across sigmoid or
	// tanh layers.
	Xavier Init = iota
	// He draws W from a normal distribution with variance 2/in, which keeps
	// the variance of ReLU activations constant with depth.
	He
)

// Dense is a fully connected layer f(X) = act(X·W + b), with W in×out and
// the bias b a 1×out row added to every sample.
type Dense struct {
	W, B *Param
	Act  activation.Func
}

// NewDense returns a dense layer from in to out units with activation act,
// weights drawn from rng by init and zero bias. It panics if in or out is
// not positive or act lacks F or Deriv (see Apply).
func NewDense(in, out int, act activation.Func, init Init, rng *rand.Rand) *Dense {
	if in <= 0 || out <= 0 {
		panic(fmt.Sprintf("nn: NewDense: %d×%d layer", in, out))
	}
	Apply(act, ad.Var{}) // check act early
	d := &Dense{W: newParam("W", in, out), B: newParam("b", 1, out), Act: act}
	switch init {
	case Xavier:
		a := math.Sqrt(6 / float64(in+out))
		for i := range d.W.Value {
			d.W.Value[i] = a * (2*rng.Float64() - 1)
		}
	case He:
		s := math.Sqrt(2 / float64(in))
		for i := range d.W.Value {
			d.W.Value[i] = s * rng.NormFloat64()
		}
	default:
		panic(fmt.Sprintf("nn: NewDense: unknown Init %d", init))
	}
	return d
}

// Forward records act(x·W + b). It panics, naming the layer, if x does not
// have W.Rows columns.
func (d *Dense) Forward(p *Pass, x ad.Var) ad.Var {
	d.checkInput("", x)
	w, b := p.param(d.W), p.param(d.B)
	return Apply(d.Act, x.MatMul(w).Add(b))
}

// checkInput panics with a message naming the layer (where says which)
// when x does not have the layer's input width: the same mistake would
// otherwise surface as a shape panic of ad.MatMul that names no layer.
func (d *Dense) checkInput(where string, x ad.Var) {
	if _, c := x.Dims(); c != d.W.Rows {
		panic(fmt.Sprintf("nn: %s%v: input has %d columns, want %d", where, d, c, d.W.Rows))
	}
}

// Params returns W and b.
func (d *Dense) Params() []*Param { return []*Param{d.W, d.B} }

func (d *Dense) String() string {
	return fmt.Sprintf("Dense(%d→%d, %s)", d.W.Rows, d.W.Cols, d.Act.Name)
}

// Apply records the activation f applied elementwise to x as an ad.Rule:
// f.F gives the values, f.Deriv the backward pass and f.Deriv2, when set,
// second derivatives. Any Func with F and Deriv works — the ones in
// activation.Funcs, activation.LeakyReLUWith(α) or one a student writes —
// and no name is looked up. A zero x only checks f. It panics if f.F or
// f.Deriv is nil.
func Apply(f activation.Func, x ad.Var) ad.Var {
	if f.F == nil || f.Deriv == nil {
		panic(fmt.Sprintf("nn: activation %q needs both F and Deriv", f.Name))
	}
	if x == (ad.Var{}) {
		return x
	}
	return x.Apply(&ad.Rule{Name: f.Name, F: f.F, DF: f.Deriv, D2F: f.Deriv2})
}

// Dropout is inverted dropout as a layer: in training (a Pass with a Rand)
// each unit is kept with probability Keep and scaled by 1/Keep, with a
// fresh mask per pass; in evaluation it is the identity. Its backward pass
// multiplies the gradient by the same mask.
type Dropout struct {
	Keep float64
	Last dropout.Mask // the mask of the last training pass
	buf  []float64
}

// Forward records x ⊙ m/Keep in training mode and returns x otherwise.
func (d *Dropout) Forward(p *Pass, x ad.Var) ad.Var {
	if p.Rand == nil || d.Keep == 1 {
		return x
	}
	d.Last = dropout.New(d.Keep, p.Rand)
	n := x.Len()
	if cap(d.buf) < n {
		d.buf = make([]float64, n)
	}
	d.buf = d.Last.Scaled(d.buf[:n], n)
	return x.Mask(d.buf)
}

// Params returns nil: dropout has no parameters.
func (d *Dropout) Params() []*Param { return nil }

func (d *Dropout) String() string { return fmt.Sprintf("Dropout(keep %g)", d.Keep) }
