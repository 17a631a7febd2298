package dropout

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// DescentSettings configures Descent. A nil *DescentSettings, and every zero
// field, means the default.
type DescentSettings struct {
	Keep       float64 // keep probability of each gradient coordinate; default 0.5
	Step       float64 // step length; default 0.1
	Iterations int     // number of steps; default 100
}

func (s *DescentSettings) withDefaults() DescentSettings {
	d := DescentSettings{Keep: 0.5, Step: 0.1, Iterations: 100}
	if s == nil {
		return d
	}
	if s.Keep != 0 {
		d.Keep = s.Keep
	}
	if s.Step != 0 {
		d.Step = s.Step
	}
	if s.Iterations != 0 {
		d.Iterations = s.Iterations
	}
	return d
}

// Descent runs gradient descent with dropout on the search direction,
//
//	x_{k+1} = x_k − step · (m_k ⊙ ∇f(x_k)) / keep,
//
// where m_k is a fresh 0/1 mask for every step. The masked direction is
// unbiased, E[m_k ⊙ g / keep] = g, but each step moves only some
// coordinates: the stochasticity in the search directions that the lecture
// credits for dropout's robustness. grad(dst, x) writes ∇f(x) into dst.
// Descent returns the path x_0, x_1, …, x_N (N+1 points). With Keep = 1 it is
// plain gradient descent.
//
// It returns an error if x0 is empty, Iterations is negative, Step is
// negative, NaN or infinite, a gradient is NaN or infinite, or a step takes
// x out of the float64 range, each naming the step. It panics if Keep is
// outside [0, 1].
func Descent(grad func(dst, x []float64), x0 []float64, s *DescentSettings, rng *rand.Rand) ([][]float64, error) {
	set := s.withDefaults()
	checkKeep(set.Keep)
	if len(x0) == 0 {
		return nil, fmt.Errorf("dropout: Descent: empty starting point")
	}
	if set.Iterations < 0 {
		return nil, fmt.Errorf("dropout: Descent: Iterations %d, want ≥ 1 (or 0 for the default 100)", set.Iterations)
	}
	if !(set.Step > 0) || math.IsInf(set.Step, 0) {
		return nil, fmt.Errorf("dropout: Descent: Step %v, want a finite number > 0 (or 0 for the default 0.1)", set.Step)
	}
	path := make([][]float64, 1, set.Iterations+1)
	path[0] = append([]float64(nil), x0...)
	g := make([]float64, len(x0))
	for k := range set.Iterations {
		x := path[k]
		grad(g, x)
		for i, v := range g {
			if v-v != 0 { // NaN or ±Inf
				return path, fmt.Errorf("dropout: Descent: step %d: gradient component %d is %v", k, i, v)
			}
		}
		New(set.Keep, rng).Apply(g, g)
		next := make([]float64, len(x))
		for i := range next {
			next[i] = x[i] - set.Step*g[i]
			if v := next[i]; v-v != 0 {
				return path, fmt.Errorf("dropout: Descent: step %d: x[%d] became %v (step %v times gradient %v)", k, i, v, set.Step, g[i])
			}
		}
		path = append(path, next)
	}
	return path, nil
}
