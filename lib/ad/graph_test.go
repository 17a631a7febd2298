package ad

import (
	"fmt"
	"math"
	"testing"
)

func TestGraph(t *testing.T) {
	tape := NewTape()
	x := tape.VariableScalar(2).Name("x")
	y := tape.VariableScalar(3).Name("y")
	unused := tape.VariableScalar(5).Name("unused") // not part of f: left out
	_ = unused.Exp()
	f := x.Mul(y).Add(x.Sin()).Name("f")

	before := tape.Graph(f)
	for _, n := range before {
		if n.Adjoint != "" {
			t.Errorf("before Backward node %q has adjoint %q", n.Label, n.Adjoint)
		}
	}
	tape.Backward(f)
	nodes := tape.Graph(f)
	if len(nodes) != 5 { // x, y, x·y, sin x, f
		t.Fatalf("Graph has %d nodes, want 5: %v", len(nodes), nodes)
	}
	pos := map[int]int{}
	byLabel := map[string]GraphNode{}
	for i, n := range nodes {
		pos[n.ID] = i
		byLabel[n.Label] = n
		for _, in := range n.Inputs {
			if j, ok := pos[in]; !ok || j >= i {
				t.Errorf("node %q comes before its operand %d", n.Label, in)
			}
		}
	}
	if _, ok := byLabel["unused"]; ok {
		t.Error("Graph holds a node f does not depend on")
	}
	// Analytic: ∂f/∂x = y + cos x, ∂f/∂y = x, ∂f/∂f = 1.
	for label, want := range map[string]float64{"x": 3 + math.Cos(2), "y": 2, "f": 1} {
		if got := byLabel[label].Adjoint; got != fmt.Sprintf("%.4g", want) {
			t.Errorf("adjoint of %s = %q, want %.4g", label, got, want)
		}
	}
	if !byLabel["x"].Variable || byLabel["f"].Variable || !byLabel["f"].Output || byLabel["x"].Output {
		t.Errorf("Variable/Output flags wrong: x %+v, f %+v", byLabel["x"], byLabel["f"])
	}
	if got := len(byLabel["f"].Inputs); got != 2 {
		t.Errorf("f has %d operands, want 2", got)
	}
}
