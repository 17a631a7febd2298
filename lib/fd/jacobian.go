package fd

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Jacobian approximates the Jacobian of the vector function f at x,
//
//	J_{ij} = ∂fᵢ/∂xⱼ,
//
// into dst, which must have len(x) columns and as many rows as f has
// outputs; f(y, x) writes f(x) into y. It costs Formula.Evals(len(x)) calls
// of f. It panics if dst's columns do not match len(x), dst is empty, or
// the formula is not for a first derivative.
func Jacobian(dst *mat.Dense, f func(y, x []float64), x []float64, s *Settings) {
	n := len(x)
	if dst == nil || dst.IsEmpty() {
		panic("fd: Jacobian: dst must be a non-empty m×n matrix")
	}
	m, c := dst.Dims()
	if c != n {
		panic(fmt.Sprintf("fd: Jacobian: dst is %d×%d, len(x) = %d", m, c, n))
	}
	form := s.formula(1)
	h := s.step(form, maxAbs(x))
	var origin []float64
	for _, p := range form.Stencil {
		if p.Loc == 0 {
			origin = make([]float64, m)
			f(origin, append([]float64(nil), x...))
		}
	}
	scratch := func() []float64 {
		// x copy, then y, then the column accumulator.
		buf := make([]float64, n+2*m)
		copy(buf, x)
		return buf
	}
	column := func(j int, buf []float64) {
		xc, y, col := buf[:n], buf[n:n+m], buf[n+m:]
		for i := range col {
			col[i] = 0
		}
		for _, p := range form.Stencil {
			if p.Loc == 0 {
				for i := range col {
					col[i] += p.Coeff * origin[i]
				}
				continue
			}
			xc[j] = x[j] + p.Loc*h
			f(y, xc)
			xc[j] = x[j]
			for i := range col {
				col[i] += p.Coeff * y[i]
			}
		}
		for i := range col {
			dst.Set(i, j, col[i]/h)
		}
	}
	parallel(n, s.concurrent(), scratch, column)
}

// Hessian approximates the Hessian of f at x,
//
//	H_{ii} ≈ (f(x+heᵢ) − 2f(x) + f(x−heᵢ))/h²,
//	H_{ij} ≈ (f(x+heᵢ+heⱼ) − f(x+heᵢ−heⱼ) − f(x−heᵢ+heⱼ) + f(x−heᵢ−heⱼ))/(4h²),
//
// both O(h²) accurate, into dst (resized when empty). It costs 2n²+1 calls
// of f. Only Settings.Step and Settings.Concurrent are used; the default
// step is ε^(1/4)·max(maxᵢ|xᵢ|, 1). It panics if dst has the wrong size.
func Hessian(dst *mat.SymDense, f func([]float64) float64, x []float64, s *Settings) {
	n := len(x)
	if dst.IsEmpty() {
		*dst = *mat.NewSymDense(n, nil)
	} else if dst.SymmetricDim() != n {
		panic(fmt.Sprintf("fd: Hessian: dst is %d×%d, len(x) = %d", dst.SymmetricDim(), dst.SymmetricDim(), n))
	}
	h := math.Pow(eps, 0.25) * math.Max(maxAbs(x), 1)
	if s != nil && s.Step != 0 {
		h = s.step(Central2, maxAbs(x))
	}
	f0 := f(append([]float64(nil), x...))
	// Job k < n is the diagonal entry k; the rest enumerate i < j.
	type pair struct{ i, j int }
	pairs := make([]pair, 0, n*(n-1)/2)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			pairs = append(pairs, pair{i, j})
		}
	}
	vals := make([]float64, n+len(pairs))
	job := func(k int, xc []float64) {
		if k < n {
			xc[k] = x[k] + h
			fp := f(xc)
			xc[k] = x[k] - h
			fm := f(xc)
			xc[k] = x[k]
			vals[k] = (fp - 2*f0 + fm) / (h * h)
			return
		}
		p := pairs[k-n]
		var sum float64
		for _, si := range [2]float64{1, -1} {
			for _, sj := range [2]float64{1, -1} {
				xc[p.i] = x[p.i] + si*h
				xc[p.j] = x[p.j] + sj*h
				sum += si * sj * f(xc)
			}
		}
		xc[p.i], xc[p.j] = x[p.i], x[p.j]
		vals[k] = sum / (4 * h * h)
	}
	parallel(len(vals), s.concurrent(), func() []float64 { return append([]float64(nil), x...) }, job)
	for k := 0; k < n; k++ {
		dst.SetSym(k, k, vals[k])
	}
	for k, p := range pairs {
		dst.SetSym(p.i, p.j, vals[n+k])
	}
}
