package fd

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Jacobian approximates the Jacobian of the vector function f at x,
//
//	J_{ij} = ∂fᵢ/∂xⱼ,
//
// into dst and returns it; f(y, x) writes f(x) into y. Unlike ad.Jacobian,
// which learns the number of outputs by recording f, fd cannot know how
// long a y f expects, so dst must be given, with len(x) columns and one
// row per output. It costs Formula.Evals(len(x)) calls of f.
//
// It panics if dst is nil or empty (the panic says why), if its columns do
// not match len(x), or if the formula is not for a first derivative.
func Jacobian(dst *mat.Dense, f func(y, x []float64), x []float64, s *Settings) *mat.Dense {
	n := len(x)
	if dst == nil || dst.IsEmpty() {
		panic("fd: Jacobian: dst must be a non-empty m×n matrix: the number of outputs m of f is known only to the caller")
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
	return dst
}

// Hessian approximates the Hessian of f at x with a second-derivative
// formula D² (Settings.Formula; Central2 by default) into dst and returns
// it. The diagonal is D² along each axis, and the mixed partials come from
// D² along the diagonals eᵢ ± eⱼ by polarisation:
//
//	H_{ii} ≈ D²_{eᵢ} f(x),
//	H_{ij} ≈ (D²_{eᵢ+eⱼ} f(x) − D²_{eᵢ−eⱼ} f(x))/4,
//
// both with the formula's truncation order. With Central2 this is
//
//	H_{ii} ≈ (f(x+heᵢ) − 2f(x) + f(x−heᵢ))/h²,
//	H_{ij} ≈ (f(x+heᵢ+heⱼ) − f(x+heᵢ−heⱼ) − f(x−heᵢ+heⱼ) + f(x−heᵢ−heⱼ))/(4h²),
//
// at a cost of 2n²+1 calls of f; a formula with k points off the origin
// costs k·n² (+1 if it uses f(x)). The default step is the formula's,
// ε^(1/4)·max(maxᵢ|xᵢ|, 1) for Central2. dst is allocated when nil and
// resized when empty, as in ad.Hessian.
//
// It panics if dst is not n×n or the formula is not for a second
// derivative.
func Hessian(dst *mat.SymDense, f func([]float64) float64, x []float64, s *Settings) *mat.SymDense {
	n := len(x)
	switch {
	case dst == nil && n == 0:
		return &mat.SymDense{} // gonum has no 0×0 NewSymDense
	case dst == nil:
		dst = mat.NewSymDense(n, nil)
	case dst.IsEmpty() && n > 0:
		*dst = *mat.NewSymDense(n, nil)
	case dst.SymmetricDim() != n:
		panic(fmt.Sprintf("fd: Hessian: dst is %d×%d, len(x) = %d", dst.SymmetricDim(), dst.SymmetricDim(), n))
	}
	if n == 0 {
		return dst
	}
	form := s.formula(2)
	h := s.step(form, maxAbs(x))
	var f0 float64
	for _, p := range form.Stencil {
		if p.Loc == 0 {
			f0 = f(append([]float64(nil), x...))
			break
		}
	}
	// along returns D² of f along the direction with components si on
	// axis i and sj on axis j (sj = 0 for an axis direction).
	along := func(xc []float64, i, j int, si, sj float64) float64 {
		var sum float64
		for _, p := range form.Stencil {
			if p.Loc == 0 {
				sum += p.Coeff * f0
				continue
			}
			xc[i] = x[i] + p.Loc*si*h
			if sj != 0 {
				xc[j] = x[j] + p.Loc*sj*h
			}
			sum += p.Coeff * f(xc)
			xc[i], xc[j] = x[i], x[j]
		}
		return sum / (h * h)
	}
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
			vals[k] = along(xc, k, k, 1, 0)
			return
		}
		p := pairs[k-n]
		vals[k] = (along(xc, p.i, p.j, 1, 1) - along(xc, p.i, p.j, 1, -1)) / 4
	}
	parallel(len(vals), s.concurrent(), func() []float64 { return append([]float64(nil), x...) }, job)
	for k := 0; k < n; k++ {
		dst.SetSym(k, k, vals[k])
	}
	for k, p := range pairs {
		dst.SetSym(p.i, p.j, vals[n+k])
	}
	return dst
}
