package ad

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/gradbook/gradbook/lib/ad/internal/gemm"
)

// thinRows is the number of rows of op(A) below which a product goes to
// blas64 instead of internal/gemm: with so few rows, copying op(B) into
// gemm's packed panels costs more than the multiply it saves (measured:
// 2×1000 · 1000×1000 takes 8× longer packed than with gonum's row
// updates; BenchmarkThin in internal/gemm).
const thinRows = 8

// matmulInto computes C = op(A)·op(B) + beta·C for dense row-major
// operands, op(A) m×k, op(B) k×n, where op transposes when trans* is set.
// The work goes to internal/gemm's assembly micro-kernels, except for
// products with fewer than thinRows rows, and except when a BLAS other
// than gonum's pure-Go one has been installed with blas64.Use: that one is
// then honoured, as MatMul's documentation promises. Without an assembly
// kernel (other CPUs, -tags purego) gonum's Dgemm is used too: gemm's
// portable 4×4 Go kernel is slower than it on amd64 (1.4 against 2 to 5
// GFLOP/s on the MLP's products, BenchmarkGemm).
func matmulInto(transA, transB bool, m, n, k int, a, b []float64, beta float64, c []float64) {
	lda, ldb := k, n
	if transA {
		lda = m
	}
	if transB {
		ldb = k
	}
	if m < thinRows || !defaultBLAS() || gemm.Kernel() == "go" {
		ga, ta := general(m, k, a), blas.NoTrans
		if transA {
			ga, ta = general(k, m, a), blas.Trans
		}
		gb, tb := general(k, n, b), blas.NoTrans
		if transB {
			gb, tb = general(n, k, b), blas.Trans
		}
		blas64.Gemm(ta, tb, 1, ga, gb, beta, general(m, n, c))
		return
	}
	gemm.Gemm(transA, transB, m, n, k, 1, a, lda, b, ldb, beta, c, n)
}

// defaultBLAS reports whether blas64 still runs gonum's own implementation.
func defaultBLAS() bool {
	_, ok := blas64.Implementation().(gonum.Implementation)
	return ok
}

// MatMulKernel names the code that runs MatMul's products with eight rows
// or more: "avx512" or "avx2" (internal/gemm's assembly micro-kernels),
// "gonum" (gonum's pure-Go Dgemm, on CPUs without them) or "blas64" (a
// BLAS installed with blas64.Use).
func MatMulKernel() string {
	switch {
	case !defaultBLAS():
		return "blas64"
	case gemm.Kernel() == "go":
		return "gonum"
	}
	return gemm.Kernel()
}
