package ad

import (
	"fmt"
	"io"
	"strings"
)

// WriteDot writes the computational graph that produced y as Graphviz DOT:
// one box per node from the inputs to y, labelled with its name (set by
// Var.Name) or operation, its value and — after Backward — its adjoint
// ∂y/∂node. Small values are printed in full, larger ones by shape. Edges
// run from operands to results, the direction of the forward pass; the
// adjoints flow back along them.
func (t *Tape) WriteDot(w io.Writer, y Var) error {
	var b strings.Builder
	b.WriteString("digraph tape {\n\trankdir=LR;\n\tnode [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n")
	nodes := t.Graph(y)
	for _, n := range nodes {
		label := fmt.Sprintf("%s\\nvalue %s", n.Label, n.Value)
		if n.Adjoint != "" {
			label += fmt.Sprintf("\\nadjoint %s", n.Adjoint)
		}
		style := ""
		switch {
		case n.Variable:
			style = ", color=\"#1f77b4\", penwidth=2"
		case n.Output:
			style = ", color=\"#d62728\", penwidth=2"
		}
		fmt.Fprintf(&b, "\tn%d [label=\"%s\"%s];\n", n.ID, label, style)
	}
	for _, n := range nodes {
		for _, in := range n.Inputs {
			fmt.Fprintf(&b, "\tn%d -> n%d;\n", in, n.ID)
		}
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// DotString returns WriteDot's output as a string.
func (t *Tape) DotString(y Var) string {
	var b strings.Builder
	t.WriteDot(&b, y) // a strings.Builder does not fail
	return b.String()
}

func formatValues(v []float64, r, c int) string {
	if len(v) == 1 {
		return fmt.Sprintf("%.4g", v[0])
	}
	if len(v) <= 4 {
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = fmt.Sprintf("%.3g", x)
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprintf("%d×%d", r, c)
}
