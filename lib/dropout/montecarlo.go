package dropout

import (
	"fmt"
	"math"
)

// Spread is the predictive mean and standard deviation of repeated
// stochastic forward passes, per output.
type Spread struct {
	Mean []float64
	Std  []float64 // sample standard deviation (divides by passes − 1)
}

// MonteCarlo calls sample passes times and returns the mean and spread of
// what it returns, output by output. sample(pass) runs one forward pass with
// dropout switched on (a fresh mask each call) and returns its outputs; the
// slice may be reused between calls. This is Monte-Carlo dropout (Gal and
// Ghahramani 2016): the spread of the passes estimates the model's
// uncertainty at that input.
//
// It returns an error if passes < 2, if sample returns outputs of varying
// length, or if an output is NaN or infinite.
func MonteCarlo(passes int, sample func(pass int) []float64) (Spread, error) {
	if passes < 2 {
		return Spread{}, fmt.Errorf("dropout: MonteCarlo: need at least 2 passes for a spread, got %d", passes)
	}
	var mean, m2 []float64
	for p := range passes {
		y := sample(p)
		if p == 0 {
			mean = make([]float64, len(y))
			m2 = make([]float64, len(y))
		}
		if len(y) != len(mean) {
			return Spread{}, fmt.Errorf("dropout: MonteCarlo: pass %d returned %d outputs, pass 0 returned %d", p, len(y), len(mean))
		}
		// Welford's update keeps the variance accurate when the mean is
		// large compared with the spread.
		for i, v := range y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Spread{}, fmt.Errorf("dropout: MonteCarlo: pass %d output %d is %v", p, i, v)
			}
			d := v - mean[i]
			mean[i] += d / float64(p+1)
			m2[i] += d * (v - mean[i])
		}
	}
	std := m2
	for i := range std {
		std[i] = math.Sqrt(m2[i] / float64(passes-1))
	}
	return Spread{Mean: mean, Std: std}, nil
}
