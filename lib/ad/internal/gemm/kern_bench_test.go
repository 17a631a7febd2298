package gemm

import (
	"math"
	"testing"
	"time"
)

// BenchmarkMicroKernel runs the AVX-512 micro-kernel alone on packed
// slivers that stay in L1, against the FMA peak loop (fastest runs, as in
// BenchmarkFractionOfPeak): the ceiling of the whole product.
func BenchmarkMicroKernel(b *testing.B) {
	if !hasPeak512() {
		b.Skip("no AVX-512")
	}
	const k = 256
	a, bb, c := grow(nil, 12*k), grow(nil, 16*k), make([]float64, 12*16)
	for i := range a {
		a[i] = 1e-3
	}
	for i := range bb {
		bb[i] = 1e-3
	}
	const reps = 200
	flops := 2 * 12 * 16 * k * reps
	rounds := flops / 384
	bestK, bestP := math.Inf(1), math.Inf(1)
	for b.Loop() {
		t0 := time.Now()
		for range reps {
			kern12x16(k, &a[0], &bb[0], &c[0], 16)
		}
		t1 := time.Now()
		fmaPeak512(rounds)
		t2 := time.Now()
		bestK = min(bestK, t1.Sub(t0).Seconds())
		bestP = min(bestP, t2.Sub(t1).Seconds())
	}
	b.ReportMetric(float64(flops)/bestK/1e9, "GFLOP/s")
	b.ReportMetric(bestP/bestK, "of-peak")
}
