package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// The shapes of one training step of the 784-256-256-10 MLP with batch 256
// (bench/ad): forward X·W1, the largest backward product Xᵀ·Ḡ, and a
// square 256³. Each reports GFLOP/s (2mnk flops); gonum's pure-Go Dgemm on
// the same operands is the reference.
var benchShapes = []struct {
	name           string
	transA, transB bool
	m, n, k        int
}{
	{"XW1_256x256x784", false, false, 256, 256, 784},
	{"XtG_784x256x256", true, false, 784, 256, 256},
	{"GW2t_256x256x256", false, true, 256, 256, 256},
	{"HW3_256x10x256", false, false, 256, 10, 256},
}

func benchOperands(transA, transB bool, m, n, k int) operands {
	return newOperands(rand.New(rand.NewPCG(1, 1)), transA, transB, m, n, k, 0, 1, 0)
}

func BenchmarkGemm(b *testing.B) {
	for _, s := range benchShapes {
		o := benchOperands(s.transA, s.transB, s.m, s.n, s.k)
		flops := 2 * float64(s.m*s.n*s.k)
		for _, name := range Kernels() {
			b.Run(fmt.Sprintf("%s/%s", s.name, name), func(b *testing.B) {
				prev, _ := Use(name)
				defer Use(prev)
				for b.Loop() {
					Gemm(o.transA, o.transB, o.m, o.n, o.k, 1, o.a, o.lda, o.b, o.ldb, 0, o.c, o.ldc)
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
		b.Run(s.name+"/gonum", func(b *testing.B) {
			for b.Loop() {
				gonum.Implementation{}.Dgemm(tr(o.transA), tr(o.transB), o.m, o.n, o.k, 1, o.a, o.lda, o.b, o.ldb, 0, o.c, o.ldc)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkPeakFMA measures the core's AVX-512 FMA throughput with
// independent FMAs and no memory traffic: the ceiling for any dgemm.
func BenchmarkPeakFMA(b *testing.B) {
	if !hasPeak512() {
		b.Skip("no AVX-512")
	}
	const rounds = 1 << 16
	for b.Loop() {
		fmaPeak512(rounds)
	}
	b.ReportMetric(384*rounds*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkThin: matrix-vector shapes, where packing a 16-wide sliver for
// one column wastes most of the kernel's work.
func BenchmarkThin(b *testing.B) {
	for _, s := range [][3]int{{1000, 1, 1000}, {1, 1000, 1000}, {1000, 2, 1000}, {2, 1000, 1000}, {8, 8, 8}} {
		o := benchOperands(false, false, s[0], s[1], s[2])
		for _, name := range []string{Kernels()[0], "gonum"} {
			b.Run(fmt.Sprintf("%dx%dx%d/%s", s[0], s[1], s[2], name), func(b *testing.B) {
				if name == "gonum" {
					for b.Loop() {
						gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, o.m, o.n, o.k, 1, o.a, o.lda, o.b, o.ldb, 0, o.c, o.ldc)
					}
					return
				}
				for b.Loop() {
					Gemm(false, false, o.m, o.n, o.k, 1, o.a, o.lda, o.b, o.ldb, 0, o.c, o.ldc)
				}
			})
		}
	}
}

// BenchmarkFractionOfPeak times the MLP's products, the FMA peak loop and
// gonum's Dgemm on the same product alternately, and reports the
// product's GFLOP/s over the peak's and over gonum's, each from its fastest
// run: on a machine shared with other work the fastest runs are the ones
// least disturbed, and alternating exposes all three to the same
// conditions.
func BenchmarkFractionOfPeak(b *testing.B) {
	if !hasPeak512() {
		b.Skip("no AVX-512")
	}
	for _, s := range benchShapes[:3] {
		b.Run(s.name, func(b *testing.B) {
			o := benchOperands(s.transA, s.transB, s.m, s.n, s.k)
			flops := 2 * float64(s.m*s.n*s.k)
			rounds := int(flops / 384) // about as long as the product
			bestG, bestP, bestR := math.Inf(1), math.Inf(1), math.Inf(1)
			for b.Loop() {
				t0 := time.Now()
				Gemm(o.transA, o.transB, o.m, o.n, o.k, 1, o.a, o.lda, o.b, o.ldb, 0, o.c, o.ldc)
				t1 := time.Now()
				fmaPeak512(rounds)
				t2 := time.Now()
				gonum.Implementation{}.Dgemm(tr(o.transA), tr(o.transB), o.m, o.n, o.k, 1, o.a, o.lda, o.b, o.ldb, 0, o.c, o.ldc)
				t3 := time.Now()
				bestG = min(bestG, t1.Sub(t0).Seconds())
				bestP = min(bestP, t2.Sub(t1).Seconds())
				bestR = min(bestR, t3.Sub(t2).Seconds())
			}
			g, p := flops/bestG/1e9, 384*float64(rounds)/bestP/1e9
			b.ReportMetric(g, "GFLOP/s")
			b.ReportMetric(p, "peak-GFLOP/s")
			b.ReportMetric(g/p, "of-peak")
			b.ReportMetric(bestR/bestG, "x-gonum")
		})
	}
}
