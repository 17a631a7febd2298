//go:build openblas

package main

// Built with -tags openblas, matrix products run on Debian's OpenBLAS
// through gonum's netlib binding (cgo; needs libopenblas-dev), installed
// as gonum's blas64 implementation that lib/ad's MatMul calls.
//
//	CGO_LDFLAGS="-lopenblas" go run -tags openblas ./ad

import (
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/netlib/blas/netlib"
)

func init() {
	blas64.Use(netlib.Implementation{})
	backend = "OpenBLAS (netlib cgo binding)"
}
