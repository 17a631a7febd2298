package svm

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/gradbook/gradbook/lib/optim"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// DualCD fits the hinge-loss SVM by coordinate descent on its dual, the
// method of Hsieh, Chang, Lin, Keerthi and Sundararajan, "A dual coordinate
// descent method for large-scale linear SVM" (ICML 2008), which liblinear
// uses. With x̂ᵢ = (xᵢ, s), s = BiasScale, the primal is
//
//	min over θ   ½‖θ‖² + C Σᵢ max(0, 1 − yᵢ θᵀx̂ᵢ)
//
// (so the bias b = −s·θ_{d+1} is regularized, as in liblinear and
// scikit-learn's LinearSVC) and its dual is
//
//	min over α   ½ αᵀQα − Σᵢ αᵢ,   0 ≤ αᵢ ≤ C,   Qᵢⱼ = yᵢyⱼ x̂ᵢᵀx̂ⱼ.
//
// Keeping θ = Σ αᵢ yᵢ x̂ᵢ up to date makes one coordinate's partial
// derivative Gᵢ = yᵢθᵀx̂ᵢ − 1 cost one dot product, and the exact
// minimization along αᵢ is a clipped Newton step
// αᵢ ← min(max(αᵢ − Gᵢ/Qᵢᵢ, 0), C). An epoch visits the coordinates in a
// random order. Coordinates stuck at a bound whose gradient pushes further
// out are shrunk (skipped) until the rest has converged (or, the first
// time, come within 10·Tol of it, as LIBSVM does), then all are checked
// again. The run stops when the spread of the projected gradient over an
// epoch, max PGᵢ − min PGᵢ, is at most Tol.
//
// Zero fields mean C = 1, BiasScale = 1, Tol = 1e-4 (scikit-learn's
// LinearSVC default), MaxEpochs = 10000; a nil Rng means a fixed seed;
// negative or non-finite values are errors naming the field. The epoch
// cap is not LinearSVC's 1000: liblinear's own epoch counts at Tol 1e-4
// are long-tailed (289–1140 over 20 seeds on the breast-cancer split,
// 350–3529 on 700 overlapping 2-D points, scikit-learn 1.2.1), and
// LinearSVC only warns when it stops short, where DualCD returns the model
// with an error. NoShrink visits every coordinate every epoch: a narrower
// spread of epoch counts, but each epoch costs more.
// A large BiasScale makes the bias nearly free (the regularization on b is
// ½(b/s)²) at the cost of slower convergence. Model.Objective is the primal
// above; the Trace holds, per epoch, the dual objective Σα − ½‖θ‖² in F
// (it rises to the primal optimum) and the projected-gradient spread in
// GradNorm.
type DualCD struct {
	C         float64
	BiasScale float64
	Tol       float64
	MaxEpochs int
	NoShrink  bool
	Rng       *rand.Rand
}

// Fit implements Trainer.
func (cd DualCD) Fit(X *mat.Dense, y []float64) (*Model, error) {
	_, d, err := checkData(X, y)
	if err != nil {
		return nil, err
	}
	C, err := checkC("DualCD", cd.C)
	if err != nil {
		return nil, err
	}
	s, err := checkBiasScale("DualCD", cd.BiasScale)
	if err != nil {
		return nil, err
	}
	tol, err := positiveOr("DualCD", "Tol", cd.Tol, 1e-4)
	if err != nil {
		return nil, err
	}
	maxEpochs, err := countOr("DualCD", "MaxEpochs", cd.MaxEpochs, 10000)
	if err != nil {
		return nil, err
	}
	rng := cd.Rng
	if rng == nil {
		rng = rand.New(rand.NewPCG(1, 2))
	}
	sol := dualSolve(X, y, C, s, tol, maxEpochs, !cd.NoShrink, rng)
	w := sol.theta[:d]
	b := -s * sol.theta[d]
	m := &Model{W: w, B: b, Method: "DualCD", Iterations: sol.epochs, Trace: sol.trace}
	m.Objective = hingePrimal(X, y, w, b, C, 1/(s*s), nil)
	m.finish(X, y)
	if !sol.converged {
		return m, fmt.Errorf("svm: DualCD: projected-gradient spread %.3g still above Tol %.3g after %d epochs", sol.spread, tol, maxEpochs)
	}
	return m, nil
}

type dualSolution struct {
	theta, alpha []float64
	epochs       int
	converged    bool
	spread       float64
	trace        *optim.Trace
}

func dualSolve(X *mat.Dense, y []float64, C, s, tol float64, maxEpochs int, shrink bool, rng *rand.Rand) dualSolution {
	n, d := X.Dims()
	raw := X.RawMatrix()
	theta := make([]float64, d+1)
	w := theta[:d]
	alpha := make([]float64, n)
	qd := make([]float64, n)
	for i := range n {
		x := raw.Data[i*raw.Stride : i*raw.Stride+d]
		qd[i] = floats.Dot(x, x) + s*s
	}
	active := make([]int, n)
	for i := range active {
		active[i] = i
	}
	nActive := n
	oldMax, oldMin := math.Inf(1), math.Inf(-1)
	sumAlpha := 0.0
	tr := &optim.Trace{}
	sol := dualSolution{theta: theta, alpha: alpha, trace: tr}
	unshrunk := false
	for epoch := 1; epoch <= maxEpochs; epoch++ {
		sol.epochs = epoch
		for k := nActive - 1; k > 0; k-- { // Fisher–Yates on the active set
			j := rng.IntN(k + 1)
			active[k], active[j] = active[j], active[k]
		}
		pgMax, pgMin := math.Inf(-1), math.Inf(1)
		for k := 0; k < nActive; k++ {
			i := active[k]
			x := raw.Data[i*raw.Stride : i*raw.Stride+d]
			yi := y[i]
			g := yi*(floats.Dot(w, x)+theta[d]*s) - 1
			a := alpha[i]
			pg := 0.0
			switch {
			case a == 0:
				if shrink && g > oldMax {
					nActive--
					active[k], active[nActive] = active[nActive], active[k]
					k--
					continue
				}
				pg = math.Min(g, 0)
			case a == C:
				if shrink && g < oldMin {
					nActive--
					active[k], active[nActive] = active[nActive], active[k]
					k--
					continue
				}
				pg = math.Max(g, 0)
			default:
				pg = g
			}
			pgMax = math.Max(pgMax, pg)
			pgMin = math.Min(pgMin, pg)
			if math.Abs(pg) > 1e-12 {
				na := math.Min(math.Max(a-g/qd[i], 0), C)
				if delta := (na - a) * yi; delta != 0 {
					alpha[i] = na
					sumAlpha += na - a
					floats.AddScaled(w, delta, x)
					theta[d] += delta * s
				}
			}
		}
		spread := pgMax - pgMin
		if nActive == 0 {
			spread = 0
		}
		sol.spread = spread
		tr.F = append(tr.F, sumAlpha-0.5*floats.Dot(theta, theta))
		tr.GradNorm = append(tr.GradNorm, spread)
		// Converged on the shrunk set, or (once, as LIBSVM does) close to
		// it: check every coordinate again. The early check undoes wrong
		// shrinking before it costs many epochs; without it the epoch
		// counts have a long tail, in liblinear as here.
		if nActive < n && (spread <= tol || !unshrunk && spread <= 10*tol) {
			unshrunk = true
			nActive = n
			oldMax, oldMin = math.Inf(1), math.Inf(-1)
			continue
		}
		if spread <= tol {
			sol.converged = true
			break
		}
		oldMax, oldMin = pgMax, pgMin
		if oldMax <= 0 {
			oldMax = math.Inf(1)
		}
		if oldMin >= 0 {
			oldMin = math.Inf(-1)
		}
	}
	return sol
}
