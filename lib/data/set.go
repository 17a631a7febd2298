package data

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Set is a data set of n samples with d features.
//
// For classification Labels holds the class index 0..K−1 of every row and
// ClassNames (when known) their names; Y is nil. For regression Y holds the
// target of every row and Labels is nil.
type Set struct {
	Name         string
	X            *mat.Dense // n×d, row i is sample i
	Y            []float64  // regression targets, len n, or nil
	Labels       []int      // class index per row, len n, or nil
	FeatureNames []string   // len d, or nil
	ClassNames   []string   // len K, or nil
}

// Len returns the number of samples.
func (s *Set) Len() int {
	if s.X == nil {
		return 0
	}
	r, _ := s.X.Dims()
	return r
}

// Dim returns the number of features.
func (s *Set) Dim() int {
	if s.X == nil {
		return 0
	}
	_, c := s.X.Dims()
	return c
}

// Classes returns the number of classes K: the largest label plus one,
// or len(ClassNames) if that is larger. It is 0 for a regression set.
func (s *Set) Classes() int {
	k := len(s.ClassNames)
	for _, l := range s.Labels {
		if l+1 > k {
			k = l + 1
		}
	}
	return k
}

// Signs returns the binary targets y_i = +1 where Labels[i] == positive and
// y_i = −1 otherwise, the form a binary SVM expects. It panics if the set
// has no labels.
func (s *Set) Signs(positive int) []float64 {
	if s.Labels == nil {
		panic("data: Signs: set has no class labels")
	}
	y := make([]float64, len(s.Labels))
	for i, l := range s.Labels {
		if l == positive {
			y[i] = 1
		} else {
			y[i] = -1
		}
	}
	return y
}

// OneHot returns the n×K matrix whose row i is the unit vector of class
// Labels[i]. It panics if the set has no labels, or a label is negative or
// above MaxClassLabel (a label of 1e9 would ask for a billion columns).
func (s *Set) OneHot() *mat.Dense {
	if s.Labels == nil {
		panic("data: OneHot: set has no class labels")
	}
	for i, l := range s.Labels {
		if l < 0 || l > MaxClassLabel {
			panic(fmt.Sprintf("data: OneHot: label %d of sample %d outside 0…%d", l, i, MaxClassLabel))
		}
	}
	t := mat.NewDense(len(s.Labels), s.Classes(), nil)
	for i, l := range s.Labels {
		t.Set(i, l, 1)
	}
	return t
}

// Row returns sample i as a slice that shares X's storage.
func (s *Set) Row(i int) []float64 { return s.X.RawRowView(i) }

// Subset returns a new set holding copies of the rows idx, in that order.
func (s *Set) Subset(idx []int) *Set {
	d := s.Dim()
	out := &Set{Name: s.Name, FeatureNames: s.FeatureNames, ClassNames: s.ClassNames}
	if len(idx) == 0 {
		return out
	}
	out.X = mat.NewDense(len(idx), d, nil)
	for k, i := range idx {
		out.X.SetRow(k, s.X.RawRowView(i))
	}
	if s.Y != nil {
		out.Y = make([]float64, len(idx))
		for k, i := range idx {
			out.Y[k] = s.Y[i]
		}
	}
	if s.Labels != nil {
		out.Labels = make([]int, len(idx))
		for k, i := range idx {
			out.Labels[k] = s.Labels[i]
		}
	}
	return out
}

// Validate checks that the set is usable: at least one sample, targets of
// matching length, no NaN or Inf anywhere, and no negative label. The error
// names the first offending row and column.
func (s *Set) Validate() error {
	n := s.Len()
	if n == 0 || s.Dim() == 0 {
		return fmt.Errorf("data: set %q is empty", s.Name)
	}
	if s.Y != nil && len(s.Y) != n {
		return fmt.Errorf("data: set %q: %d targets for %d samples", s.Name, len(s.Y), n)
	}
	if s.Labels != nil && len(s.Labels) != n {
		return fmt.Errorf("data: set %q: %d labels for %d samples", s.Name, len(s.Labels), n)
	}
	for i := 0; i < n; i++ {
		for j, v := range s.X.RawRowView(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("data: set %q: sample %d, feature %d is %v", s.Name, i, j, v)
			}
		}
	}
	for i, v := range s.Y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("data: set %q: target %d is %v", s.Name, i, v)
		}
	}
	for i, l := range s.Labels {
		if l < 0 {
			return fmt.Errorf("data: set %q: label %d is negative (%d)", s.Name, i, l)
		}
		if l > MaxClassLabel {
			return fmt.Errorf("data: set %q: label %d is %d, above MaxClassLabel %d", s.Name, i, l, MaxClassLabel)
		}
	}
	return nil
}

// Split shuffles the rows with rng and returns the first round(frac·n) as
// train and the rest as test. It panics unless 0 < frac < 1.
func Split(s *Set, frac float64, rng *rand.Rand) (train, test *Set) {
	if !(frac > 0 && frac < 1) {
		panic(fmt.Sprintf("data: Split: fraction %v outside (0, 1)", frac))
	}
	perm := rng.Perm(s.Len())
	k := int(math.Round(frac * float64(len(perm))))
	return s.Subset(perm[:k]), s.Subset(perm[k:])
}

// Scaler holds per-column statistics for standardization:
// z_j = (x_j − Mean[j]) / Scale[j].
type Scaler struct {
	Mean  []float64
	Scale []float64 // population standard deviation, 1 for a constant column
}

// FitScaler estimates the mean and standard deviation of every column of x.
// A constant column gets Scale 1 so that it maps to zeros instead of NaN.
// Every finite column gives finite statistics: the deviations are halved
// and divided by the largest before they are squared, so values up to
// ±MaxFloat64 neither overflow to a scale of +Inf (which would map the
// column to 0) nor underflow; a standard deviation beyond MaxFloat64
// (values of both signs near ±1.8e308) is capped at MaxFloat64.
func FitScaler(x mat.Matrix) Scaler {
	n, d := x.Dims()
	sc := Scaler{Mean: make([]float64, d), Scale: make([]float64, d)}
	col := make([]float64, n)
	for j := 0; j < d; j++ {
		var mean float64
		for i := range col {
			col[i] = x.At(i, j)
			mean += col[i] / float64(n) // Σ x/n: no overflow of Σ x
		}
		// r/2 = x/2 − μ/2 cannot overflow; scale by its largest size m.
		var m float64
		for _, v := range col {
			m = math.Max(m, math.Abs(v/2-mean/2))
		}
		sd := 1.0
		if m > 0 {
			var ss float64
			for _, v := range col {
				r := (v/2 - mean/2) / m
				ss += r * r
			}
			sd = math.Min(2*(m*math.Sqrt(ss/float64(n))), math.MaxFloat64)
		}
		sc.Mean[j], sc.Scale[j] = mean, sd
	}
	return sc
}

// Transform standardizes x in place. It panics if x has the wrong number
// of columns.
func (sc Scaler) Transform(x *mat.Dense) {
	n, d := x.Dims()
	if d != len(sc.Mean) {
		panic(fmt.Sprintf("data: Scaler.Transform: %d columns, scaler fitted on %d", d, len(sc.Mean)))
	}
	for i := 0; i < n; i++ {
		row := x.RawRowView(i)
		for j := range row {
			// Halved, (x − μ)/σ cannot overflow; halving is exact, so
			// the result is the textbook one for ordinary data.
			row[j] = (row[j]/2 - sc.Mean[j]/2) / (sc.Scale[j] / 2)
		}
	}
}

// Standardize fits a Scaler on train.X and applies it to train and to every
// set in others (typically the test set), all in place.
func Standardize(train *Set, others ...*Set) Scaler {
	sc := FitScaler(train.X)
	sc.Transform(train.X)
	for _, o := range others {
		if o.Len() > 0 {
			sc.Transform(o.X)
		}
	}
	return sc
}
