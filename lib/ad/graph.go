package ad

import "fmt"

// GraphNode is one node of the computational graph that produced a Var, as
// Graph returns it: enough to draw the graph without the tape's internals.
type GraphNode struct {
	ID       int    // position on the tape; inputs come before their results
	Label    string // the name set by Var.Name, else the operation ("mul", "var", "const")
	Value    string // the value, in full when small, else by shape ("3×4")
	Adjoint  string // ∂y/∂node after Backward, formatted as Value; "" before
	Inputs   []int  // IDs of the operands, in order
	Variable bool   // a leaf gradients flow to (made by Variable)
	Output   bool   // the node Graph was asked about
}

// Graph returns the nodes y depends on, in tape order (every node after
// its inputs), each with its label, value, adjoint and operands. It is
// what WriteDot writes as DOT and what adviz draws.
func (t *Tape) Graph(y Var) []GraphNode {
	y.node()
	used := make([]bool, y.id+1)
	used[y.id] = true
	for i := y.id; i >= 0; i-- {
		if !used[i] {
			continue
		}
		n := &t.nodes[i]
		if n.a >= 0 {
			used[n.a] = true
		}
		if n.b >= 0 {
			used[n.b] = true
		}
	}
	var out []GraphNode
	for i := int32(0); i <= y.id; i++ {
		if !used[i] {
			continue
		}
		t.materialize(i) // a value tape's deferred node has no values yet
		n := &t.nodes[i]
		g := GraphNode{
			ID:       int(i),
			Label:    n.name,
			Value:    formatValues(n.val, n.rows, n.cols),
			Variable: n.op == opLeaf && n.needs,
			Output:   i == y.id,
		}
		if g.Label == "" {
			g.Label = opName(t, i)
			if n.op == opLeaf {
				g.Label = "const"
				if n.needs {
					g.Label = "var"
				}
			}
		}
		if n.gradSet {
			g.Adjoint = formatValues(n.grad, n.rows, n.cols)
		}
		for _, p := range []int32{n.a, n.b} {
			if p >= 0 {
				g.Inputs = append(g.Inputs, int(p))
			}
		}
		out = append(out, g)
	}
	return out
}

// String is the node in one line: label, value and adjoint.
func (g GraphNode) String() string {
	s := fmt.Sprintf("%s = %s", g.Label, g.Value)
	if g.Adjoint != "" {
		s += ", adjoint " + g.Adjoint
	}
	return s
}
