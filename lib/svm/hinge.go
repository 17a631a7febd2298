package svm

import (
	"math"
	"math/rand/v2"

	"github.com/gradbook/gradbook/lib/optim"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// hingePrimal returns ½‖w‖² + reg·½b² + C Σ max(0, 1 − yᵢ(wᵀxᵢ − b)) and,
// when sub is non-nil, a subgradient with respect to (w, b) in sub.
func hingePrimal(X *mat.Dense, y, w []float64, b, C, reg float64, sub []float64) float64 {
	n, d := X.Dims()
	loss := 0.0
	if sub != nil {
		copy(sub[:d], w)
		sub[d] = reg * b
	}
	for i := range n {
		x := X.RawRowView(i)
		if m := y[i] * (floats.Dot(w, x) - b); m < 1 {
			loss += 1 - m
			if sub != nil {
				floats.AddScaled(sub[:d], -C*y[i], x)
				sub[d] += C * y[i]
			}
		}
	}
	return 0.5*floats.Dot(w, w) + 0.5*reg*b*b + C*loss
}

// Subgradient minimizes the hinge-loss primal with a free bias,
//
//	P(c, b) = ½‖c‖² + C Σᵢ max(0, 1 − yᵢ(cᵀxᵢ − b)),
//
// by full-batch subgradient descent θ ← θ − ηₜ s, s ∈ ∂P(θ), with the
// diminishing step ηₜ = Rate/√t. P has a kink wherever a point sits exactly
// on its margin, so a subgradient step need not decrease P: the method
// keeps the best iterate seen, and converges only at the rate O(1/√t).
// Zero fields mean C = 1, Rate = 1/(1 + C), MaxIter = 5000. The Trace
// records P and ‖s‖ at every iterate.
type Subgradient struct {
	C       float64
	Rate    float64
	MaxIter int
}

// Fit implements Trainer.
func (sg Subgradient) Fit(X *mat.Dense, y []float64) (*Model, error) {
	_, d, err := checkData(X, y)
	if err != nil {
		return nil, err
	}
	C, err := checkC("Subgradient", sg.C)
	if err != nil {
		return nil, err
	}
	eta0, err := positiveOr("Subgradient", "Rate", sg.Rate, 1/(1+C))
	if err != nil {
		return nil, err
	}
	maxIter, err := countOr("Subgradient", "MaxIter", sg.MaxIter, 5000)
	if err != nil {
		return nil, err
	}
	theta := make([]float64, d+1)
	sub := make([]float64, d+1)
	best := make([]float64, d+1)
	bestP := math.Inf(1)
	tr := &optim.Trace{}
	for t := 0; ; t++ {
		p := hingePrimal(X, y, theta[:d], theta[d], C, 0, sub)
		sn := floats.Norm(sub, 2)
		tr.F = append(tr.F, p)
		tr.GradNorm = append(tr.GradNorm, sn)
		tr.X = append(tr.X, append([]float64(nil), theta...))
		if p < bestP {
			bestP = p
			copy(best, theta)
		}
		if t == maxIter || sn == 0 {
			break
		}
		floats.AddScaled(theta, -eta0/math.Sqrt(float64(t+1)), sub)
	}
	w, b := split(best)
	m := &Model{W: w, B: b, Objective: bestP, Method: "Subgradient", Iterations: len(tr.F) - 1, Trace: tr}
	m.finish(X, y)
	return m, nil
}

// Pegasos is the stochastic subgradient method of Shalev-Shwartz, Singer,
// Srebro and Cotter (2007; Math. Program. 2011). It minimizes
//
//	λ/2 ‖θ‖² + (1/n) Σᵢ max(0, 1 − yᵢ θᵀ(xᵢ, s)),   λ = 1/(C·n),
//
// which is liblinear's primal divided by C·n: the bias is the weight of an
// extra feature of constant value s = BiasScale and is regularized like the
// others (b = −s·θ_{d+1}). Step t picks a random sample i, sets ηₜ = 1/(λt)
// and updates θ ← (1 − ηₜλ)θ + ηₜ yᵢ(xᵢ, s)·[yᵢθᵀ(xᵢ, s) < 1], then projects
// θ onto the ball ‖θ‖ ≤ 1/√λ that holds the minimizer. The model is the
// average of the iterates of the last half of the run, which smooths the
// noise of single-sample steps.
//
// Zero fields mean C = 1, Epochs = 50 (of n steps each), BiasScale = 1;
// a nil Rng means a fixed seed. Model.Objective is liblinear's primal
// ½(‖w‖² + (b/s)²) + C Σ hinge, comparable with DualCD's.
type Pegasos struct {
	C         float64
	Epochs    int
	BiasScale float64
	Rng       *rand.Rand
}

// Fit implements Trainer.
func (pg Pegasos) Fit(X *mat.Dense, y []float64) (*Model, error) {
	n, d, err := checkData(X, y)
	if err != nil {
		return nil, err
	}
	C, err := checkC("Pegasos", pg.C)
	if err != nil {
		return nil, err
	}
	s, err := checkBiasScale("Pegasos", pg.BiasScale)
	if err != nil {
		return nil, err
	}
	epochs, err := countOr("Pegasos", "Epochs", pg.Epochs, 50)
	if err != nil {
		return nil, err
	}
	rng := pg.Rng
	if rng == nil {
		rng = rand.New(rand.NewPCG(1, 2))
	}
	lambda := 1 / (C * float64(n))
	radius := 1 / math.Sqrt(lambda)
	theta := make([]float64, d+1)
	avg := make([]float64, d+1)
	steps := epochs * n
	half := steps / 2
	tr := &optim.Trace{}
	for t := 1; t <= steps; t++ {
		i := rng.IntN(n)
		x := X.RawRowView(i)
		eta := 1 / (lambda * float64(t))
		margin := y[i] * (floats.Dot(theta[:d], x) + theta[d]*s)
		floats.Scale(1-eta*lambda, theta)
		if margin < 1 {
			floats.AddScaled(theta[:d], eta*y[i], x)
			theta[d] += eta * y[i] * s
		}
		if norm := floats.Norm(theta, 2); norm > radius {
			floats.Scale(radius/norm, theta)
		}
		if t > half {
			// Running mean of θ over steps half+1 … t.
			k := 1 / float64(t-half)
			for j := range avg {
				avg[j] += k * (theta[j] - avg[j])
			}
		}
		if t%n == 0 {
			w, b := theta[:d], -s*theta[d]
			tr.F = append(tr.F, hingePrimal(X, y, w, b, C, 1/(s*s), nil))
		}
	}
	w := append([]float64(nil), avg[:d]...)
	b := -s * avg[d]
	m := &Model{W: w, B: b, Objective: hingePrimal(X, y, w, b, C, 1/(s*s), nil),
		Method: "Pegasos", Iterations: epochs, Trace: tr}
	m.finish(X, y)
	return m, nil
}
