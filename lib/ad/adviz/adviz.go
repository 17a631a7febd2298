// Package adviz shows the computational graph recorded on an ad.Tape in a
// notebook: the graph of an expression with the values of the forward pass
// and the adjoints of the backward pass, drawn by Graphviz. It is a leaf
// package so that lib/ad itself does not depend on the notebook kernel.
package adviz

import (
	"fmt"
	"io"
	"os"

	"github.com/gradbook/gradbook/lib/ad"
	"github.com/gradbook/gradbook/lib/plots"
	"github.com/janpfeifer/gonb/gonbui"
)

// Output hooks, variables so that tests can play notebook.
var (
	inNotebook            = func() bool { return gonbui.IsNotebook }
	send                  = gonbui.SendData
	syncDisplay           = gonbui.Sync
	out         io.Writer = os.Stdout
)

// Graph shows the graph that produced y. In a gonb notebook with Graphviz
// installed it sends one display bundle holding PNG, SVG and the DOT text;
// without Graphviz, or outside a notebook, it prints the DOT text (which
// reads as a list of nodes with their values and adjoints). It returns
// the rendering error, if any, after printing the fallback.
func Graph(t *ad.Tape, y ad.Var) error {
	dot := t.DotString(y)
	svg, err := ad.RenderDot(dot, "svg")
	var png []byte
	if err == nil {
		png, err = ad.RenderDot(dot, "png")
	}
	if err != nil || !inNotebook() {
		fmt.Fprint(out, dot)
		if err != nil {
			fmt.Fprintf(out, "(graph not drawn: %v)\n", err)
		}
		return err
	}
	img := &plots.Image{PNG: png, SVG: string(svg), Text: dot}
	send(img.DisplayData(""))
	syncDisplay() // the cell's program may exit right after: wait until the kernel has the bundle
	return nil
}
