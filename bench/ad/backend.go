package main

import "github.com/gradbook/gradbook/lib/ad"

// backend names the BLAS behind lib/ad's matrix products.
var backend = "gradbook gemm, kernel " + ad.MatMulKernel()
