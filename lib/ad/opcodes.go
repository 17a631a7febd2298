package ad

const (
	opLeaf opcode = iota

	// binary.go: elementwise with broadcasting
	opAdd
	opSub
	opMul
	opDiv

	// scalar.go: elementwise with a float64 parameter
	opScale
	opShift
	opRsub // k − a
	opRdiv // k / a
	opPow

	// pointwise.go: elementwise functions of one argument
	opNeg
	opSquare
	opExp
	opLog
	opLog1p
	opSqrt
	opAbs
	opSin
	opCos
	opTanh
	opSigmoid
	opReLU
	opSoftplus
	opHeaviside
	opLeakyReLU
	opTanhDeriv
	opSigmoidDeriv

	// linalg.go
	opMatMul
	opT
	opReshape
	opSlice
	opDot
	opBroadcast
	opVStack

	// reduce.go
	opSum
	opSumRows // column sums: r×c → 1×c
	opSumCols // row sums: r×c → r×1
	opMax
	opMin
	opMaximum // elementwise max of two
	opMinimum

	// softmax.go
	opSoftmax
	opLogSoftmax
	opLogSumExp
	opSoftmaxCE
	opMask

	// custom.go
	opCustom
	opCustomJVP
	opRule

	opCount
)
