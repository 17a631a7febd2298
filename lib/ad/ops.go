package ad

// The table of tape operations. Every operation is one opDef literal —
// forward formula, backward rule and tangent rule side by side — kept in
// the file of its kind:
//
//	binary.go     elementwise a ∘ b with broadcasting (+ − × ÷)
//	param.go      elementwise with a float64 parameter (k·a, a + k, aᵏ, …)
//	pointwise.go  elementwise functions f(a) (exp, log, tanh, σ, ReLU, …)
//	linalg.go     matrix product, transpose, reshape, slices, dot, stacking
//	reduce.go     sums, max and min
//	softmax.go    softmax, log-softmax, log-sum-exp, the fused loss, masks
//	custom.go     user rules (Rule) and operations (Custom)
//
// and listed once below, in opcode order, so that a reader can scan every
// operation top to bottom and the compiler checks that each has an entry.
// The display name (graph labels, DOT) and the method name (panic
// messages) live in the literal: there is no other registry of names.
//
// Adding an operation: add its opcode, write its literal next to its kind
// and list it in opTable; TestOpTable then checks it has forward, backward
// and jvp, and ops_test.go's gradient sweep should gain a case.

// opcode names an operation in the ops table.
type opcode uint8

const (
	opLeaf opcode = iota // a variable or constant: no parents, no rules

	opAdd
	opSub
	opMul
	opDiv

	opScale
	opShift
	opRsub // k − a
	opRdiv // k / a
	opPow
	opLeakyReLU

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
	opTanhDeriv
	opSigmoidDeriv

	opMatMul
	opT
	opReshape
	opSlice
	opDot
	opBroadcast
	opVStack

	opSum
	opSumRows // column sums: r×c → 1×c
	opSumCols // row sums: r×c → r×1
	opMax
	opMin
	opMaximum // elementwise max of two
	opMinimum

	opSoftmax
	opLogSoftmax
	opLogSumExp
	opSoftmaxCE
	opMask

	opCustom
	opCustomJVP
	opRule

	opCount
)

// opDef is one operation: how to compute its value from its parents
// (forward), how to push an adjoint back to them (backward), and how a
// tangent moves through it, written with tape operations so that the
// tangent itself can be differentiated again (jvp).
type opDef struct {
	name     string // shown in graphs and DOT
	method   string // the Var method, named in panic messages (binary ops)
	forward  func(t *Tape, n *node)
	backward func(t *Tape, n *node)
	// jvp returns the tangent of n given the tangents da, db of its
	// parents (a Var with a nil tape stands for a zero tangent).
	jvp func(t *Tape, id int32, da, db Var) Var

	// Pointwise ops share one forward and backward loop: f is the function
	// and df its derivative given the input x and the output y.
	f  func(x float64) float64
	df func(x, y float64) float64

	// aliases marks ops whose forward may share a parent's storage
	// instead of filling the node's own buffer.
	aliases bool
}

// opTable lists every operation's literal, by opcode.
var opTable = [opCount]opDef{
	opLeaf: {name: "leaf"},

	opAdd: addDef, // c = a + b
	opSub: subDef, // c = a − b
	opMul: mulDef, // c = a ⊙ b
	opDiv: divDef, // c = a ⊘ b

	opScale:     scaleDef,     // k·a
	opShift:     shiftDef,     // a + k
	opRsub:      rsubDef,      // k − a
	opRdiv:      rdivDef,      // k / a
	opPow:       powDef,       // aᵏ
	opLeakyReLU: leakyReLUDef, // a for a > 0, else α·a

	opNeg:          negDef,
	opSquare:       squareDef,
	opExp:          expDef,
	opLog:          logDef,
	opLog1p:        log1pDef,
	opSqrt:         sqrtDef,
	opAbs:          absDef,
	opSin:          sinDef,
	opCos:          cosDef,
	opTanh:         tanhDef,
	opSigmoid:      sigmoidDef,
	opReLU:         reLUDef,
	opSoftplus:     softplusDef,
	opHeaviside:    heavisideDef,
	opTanhDeriv:    tanhDerivDef,
	opSigmoidDeriv: sigmoidDerivDef,

	opMatMul:    matMulDef,    // C = A·B
	opT:         tDef,         // Aᵀ
	opReshape:   reshapeDef,   // same data, new shape
	opSlice:     sliceDef,     // a block of A
	opDot:       dotDef,       // ⟨a, b⟩
	opBroadcast: broadcastDef, // a repeated over size-1 dimensions
	opVStack:    vStackDef,    // [A; B]

	opSum:     sumDef,                                       // Σ a
	opSumRows: sumRowsDef,                                   // column sums
	opSumCols: sumColsDef,                                   // row sums
	opMax:     extremumDef("max"),                           // max a
	opMin:     extremumDef("min"),                           // min a
	opMaximum: elementwiseExtremumDef("maximum", "Maximum"), // max(a, b) elementwise
	opMinimum: elementwiseExtremumDef("minimum", "Minimum"), // min(a, b) elementwise

	opSoftmax:    softmaxDef,
	opLogSoftmax: logSoftmaxDef,
	opLogSumExp:  logSumExpDef,
	opSoftmaxCE:  softmaxCEDef, // softmax and cross-entropy fused
	opMask:       maskDef,      // a ⊙ m with a fixed mask

	opCustom:    customDef,
	opCustomJVP: customJVPDef,
	opRule:      ruleDef,
}

// ops is the table the tape reads. It is opTable, copied by this file's
// init function rather than by an initialiser because the rules call Var
// methods that read ops, which Go would reject as an initialisation
// cycle. init runs after every package variable is set, so nothing depends
// on the order of files.
var ops [opCount]opDef

func init() { ops = opTable }
