package svm

import (
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/activation"
	"github.com/gradbook/gradbook/lib/ad"
	"github.com/gradbook/gradbook/lib/optim"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Penalty is the function p(g) that charges a constraint value gᵢ in the
// cost ½‖c‖² + C Σᵢ p(gᵢ).
type Penalty int

const (
	// Heaviside is p(g) = H(−g): 1 for a violated constraint (g < 0),
	// 0 otherwise. Its derivative is 0 wherever it exists.
	Heaviside Penalty = iota
	// Sigmoid is p(g) = σ(−k g), the Heaviside step smoothed with
	// sharpness k; it tends to H(−g) as k → ∞ (with value ½ at g = 0).
	Sigmoid
	// Softplus is p(g) = softplus(−k g)/k = log(1 + e^(−k g))/k, a smooth
	// ramp that tends to the hinge max(0, −g) as k → ∞, from above, by at
	// most log(2)/k.
	Softplus
)

func (p Penalty) String() string {
	switch p {
	case Heaviside:
		return "Heaviside"
	case Sigmoid:
		return "Sigmoid"
	case Softplus:
		return "Softplus"
	}
	return fmt.Sprintf("Penalty(%d)", int(p))
}

// Cost returns the lecture's penalized cost as an optim.Problem over
// θ = (c₁, …, c_d, b):
//
//	J(θ) = ½‖c‖² + C Σᵢ p(gᵢ),   gᵢ = yᵢ(cᵀxᵢ − b) − 1,
//
// with p chosen by pen and sharpness k (ignored for Heaviside). Func is a
// plain loop; Grad is reverse-mode automatic differentiation (lib/ad) of the
// same formula; Hess is written out by hand,
//
//	∇²J = diag(1, …, 1, 0) + C Σᵢ p″(gᵢ) zᵢzᵢᵀ,   zᵢ = (xᵢ, −1),
//
// with p″ = k σ(1−σ) for Softplus, k²σ(1−σ)(1−2σ) for Sigmoid (σ = σ(−kgᵢ))
// and 0 for Heaviside. The Problem's functions reuse buffers: do not call
// them from several goroutines at once.
func Cost(X *mat.Dense, y []float64, C float64, pen Penalty, k float64) (optim.Problem, error) {
	_, _, err := checkData(X, y)
	if err != nil {
		return optim.Problem{}, err
	}
	if C, err = checkC("Cost", C); err != nil {
		return optim.Problem{}, err
	}
	if pen != Heaviside && !(k > 0) {
		return optim.Problem{}, fmt.Errorf("svm: Cost: sharpness k = %v, want > 0", k)
	}
	c := newCost(X, y, C, pen, k)
	return optim.Problem{Func: c.value, Grad: c.grad, Hess: c.hess}, nil
}

// cost holds Z with rows zᵢᵀ·yᵢ = yᵢ(xᵢ, −1), so that g = Zθ − 1.
type cost struct {
	z    *mat.Dense
	n, d int // d counts the bias: θ has length d
	C, k float64
	pen  Penalty
	tape *ad.Tape
	g    []float64
}

func newCost(X *mat.Dense, y []float64, C float64, pen Penalty, k float64) *cost {
	n, d := X.Dims()
	z := mat.NewDense(n, d+1, nil)
	for i := range n {
		row := z.RawRowView(i)
		floats.ScaleTo(row[:d], y[i], X.RawRowView(i))
		row[d] = -y[i]
	}
	return &cost{z: z, n: n, d: d + 1, C: C, k: k, pen: pen, tape: ad.NewTape(), g: make([]float64, n)}
}

// margins sets c.g to gᵢ = zᵢᵀθ − 1.
func (c *cost) margins(theta []float64) {
	for i := range c.n {
		c.g[i] = floats.Dot(c.z.RawRowView(i), theta) - 1
	}
}

func (c *cost) p(g float64) float64 {
	switch c.pen {
	case Heaviside:
		return activation.Heaviside(-g)
	case Sigmoid:
		return activation.Sigmoid(-c.k * g)
	default:
		return activation.Softplus(-c.k*g) / c.k
	}
}

func (c *cost) value(theta []float64) float64 {
	c.margins(theta)
	s := 0.0
	for _, g := range c.g {
		s += c.p(g)
	}
	w := theta[:c.d-1]
	return 0.5*floats.Dot(w, w) + c.C*s
}

// record writes J(θ) on the tape with ad operations.
func (c *cost) record(t *ad.Tape, theta ad.Var) ad.Var {
	w := theta.Slice(0, c.d-1, 0, 1)
	g := t.Constant(c.z).MatMul(theta).Shift(-1)
	var pen ad.Var
	switch c.pen {
	case Heaviside:
		pen = g.Neg().Heaviside().Sum()
	case Sigmoid:
		pen = g.Scale(-c.k).Sigmoid().Sum()
	default:
		pen = g.Scale(-c.k).Softplus().Sum().Scale(1 / c.k)
	}
	return w.Square().Sum().Scale(0.5).Add(pen.Scale(c.C))
}

func (c *cost) grad(dst, theta []float64) {
	c.tape.Reset()
	v := c.tape.VariableVec(theta)
	c.tape.Backward(c.record(c.tape, v))
	copy(dst, v.Grad())
}

func (c *cost) hess(h *mat.SymDense, theta []float64) {
	c.margins(theta)
	d := c.d
	for i := range d {
		for j := i; j < d; j++ {
			h.SetSym(i, j, 0)
		}
	}
	raw := h.RawSymmetric()
	for i, g := range c.g {
		var p2 float64
		s := activation.Sigmoid(-c.k * g)
		switch c.pen {
		case Sigmoid:
			p2 = c.k * c.k * s * (1 - s) * (1 - 2*s)
		case Softplus:
			p2 = c.k * s * (1 - s)
		}
		if p2 == 0 {
			continue
		}
		// zzᵀ = (xᵢ,−1)(xᵢ,−1)ᵀ since yᵢ² = 1; Z holds yᵢ zᵢ, same product.
		z := c.z.RawRowView(i)
		a := c.C * p2
		for r := range d {
			floats.AddScaled(raw.Data[r*raw.Stride+r:r*raw.Stride+d], a*z[r], z[r:])
		}
	}
	for i := range d - 1 {
		h.SetSym(i, i, h.At(i, i)+1)
	}
}

// split turns θ into a model's W and B.
func split(theta []float64) (w []float64, b float64) {
	d := len(theta) - 1
	return append([]float64(nil), theta[:d]...), theta[d]
}

// start returns the starting θ: s when given (checked), else zeros.
func start(method string, s []float64, d int) ([]float64, error) {
	if s == nil {
		return make([]float64, d+1), nil
	}
	if len(s) != d+1 {
		return nil, fmt.Errorf("svm: %s: Start has length %d, want %d (c then b)", method, len(s), d+1)
	}
	for i, v := range s {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("svm: %s: Start[%d] is %v", method, i, v)
		}
	}
	return append([]float64(nil), s...), nil
}

// HeavisidePenalty minimizes the lecture's cost ½‖c‖² + C Σ H(−gᵢ) exactly as
// written, by gradient descent with a fixed Rate (0 means 0.1) and the
// gradient from lib/ad, from Start (θ = (c, b); nil means zeros).
//
// The gradient is c: the penalty contributes nothing, because H is flat
// wherever it is differentiable. From c = 0 the method stops at once (the
// gradient is already zero, with every constraint violated); from any other
// start it shrinks c towards 0 without ever looking at the data. The
// returned Model records where it stopped; it is a demonstration, not a
// classifier.
type HeavisidePenalty struct {
	C        float64
	Rate     float64
	Start    []float64
	Settings *optim.Settings
}

// Fit implements Trainer.
func (hp HeavisidePenalty) Fit(X *mat.Dense, y []float64) (*Model, error) {
	prob, err := Cost(X, y, hp.C, Heaviside, 0)
	if err != nil {
		return nil, err
	}
	_, d := X.Dims()
	theta, err := start("HeavisidePenalty", hp.Start, d)
	if err != nil {
		return nil, err
	}
	rate, err := positiveOr("HeavisidePenalty", "Rate", hp.Rate, 0.1)
	if err != nil {
		return nil, err
	}
	res, err := optim.GradientDescent{Rate: rate}.Minimize(prob, theta, hp.Settings)
	if err != nil {
		return nil, fmt.Errorf("svm: HeavisidePenalty: %w", err)
	}
	return modelFrom("HeavisidePenalty", res, X, y), nil
}

func rateOr(r, def float64) float64 {
	if r == 0 {
		return def
	}
	return r
}

func modelFrom(method string, res *optim.Result, X *mat.Dense, y []float64) *Model {
	w, b := split(res.X)
	m := &Model{W: w, B: b, Objective: res.F, Method: method, Iterations: res.Iterations, Trace: &res.Trace}
	m.finish(X, y)
	return m
}

// SmoothedPenalty minimizes ½‖c‖² + C Σ p(gᵢ) with the smooth penalty p =
// Smoothing (Softplus, the default, or Sigmoid) by lib/optim's Newton
// method (gradient from lib/ad, Hessian by hand; see Cost). It sharpens by
// continuation: Stages solves with k growing geometrically from 1 to
// Sharpness, each warm-started from the last, because a very sharp penalty
// is flat far from the margin and gives Newton little to go on from a cold
// start.
//
// Zero fields mean C = 1, Sharpness = 1000, Stages = 1 + log₁₀(Sharpness)
// rounded up; Start nil means θ = 0. Settings applies to every stage (nil:
// optim's defaults with GradTol 1e-9).
//
// With Softplus the cost is convex and tends to the hinge-loss SVM as
// k → ∞ (the objective is within C·n·log(2)/k of the hinge objective). With
// Sigmoid it is not convex: Newton's Hessian shift keeps each step downhill,
// and on separable data sharpening still recovers the maximum margin.
type SmoothedPenalty struct {
	C         float64
	Smoothing Penalty
	Sharpness float64
	Stages    int
	Start     []float64
	Settings  *optim.Settings
}

// Fit implements Trainer.
func (sp SmoothedPenalty) Fit(X *mat.Dense, y []float64) (*Model, error) {
	if sp.Smoothing == Heaviside {
		sp.Smoothing = Softplus
	}
	kmax := rateOr(sp.Sharpness, 1000)
	if !(kmax >= 1) || math.IsInf(kmax, 0) {
		return nil, fmt.Errorf("svm: SmoothedPenalty: Sharpness = %v, want a finite number ≥ 1", kmax)
	}
	stages, err := countOr("SmoothedPenalty", "Stages", sp.Stages, 1+int(math.Ceil(math.Log10(kmax))))
	if err != nil {
		return nil, err
	}
	if _, _, err := checkData(X, y); err != nil {
		return nil, err
	}
	_, d := X.Dims()
	theta, err := start("SmoothedPenalty", sp.Start, d)
	if err != nil {
		return nil, err
	}
	set := optim.Settings{GradTol: 1e-9}
	if sp.Settings != nil {
		set = *sp.Settings
	}
	var res *optim.Result
	total := 0
	for s := range stages {
		k := kmax
		if stages > 1 {
			k = math.Pow(kmax, float64(s)/float64(stages-1))
		}
		prob, err := Cost(X, y, sp.C, sp.Smoothing, k)
		if err != nil {
			return nil, err
		}
		res, err = optim.Newton{}.Minimize(prob, theta, &set)
		if err != nil {
			return nil, fmt.Errorf("svm: SmoothedPenalty: sharpness %.3g: %w", k, err)
		}
		theta = res.X
		total += res.Iterations
	}
	m := modelFrom("SmoothedPenalty("+sp.Smoothing.String()+")", res, X, y)
	m.Iterations = total
	return m, nil
}
