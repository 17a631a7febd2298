// Package adviz shows the computational graph recorded on an ad.Tape in a
// notebook: a box per node with the value of the forward pass and the
// adjoint of the backward pass, arrows from operands to results. It draws
// with gonum/plot in pure Go, so the picture appears on every set-up,
// Graphviz or not (ad.WriteDot still gives DOT for those who want it). It is
// a leaf package so that lib/ad itself does not depend on the notebook
// kernel.
package adviz

import (
	"fmt"
	"io"
	"os"

	"github.com/gradbook/gradbook/lib/ad"
	"github.com/janpfeifer/gonb/gonbui"
)

// Output hooks, variables so that tests can play notebook.
var (
	inNotebook            = func() bool { return gonbui.IsNotebook }
	send                  = gonbui.SendData
	syncDisplay           = gonbui.Sync
	out         io.Writer = os.Stdout
)

// Graph shows the graph that produced y. In a gonb notebook it sends one
// display bundle holding PNG, SVG and a text list of the nodes; outside a
// notebook it prints that list. It returns Render's error, if any.
func Graph(t *ad.Tape, y ad.Var) error {
	img, err := Render(t, y)
	if err != nil {
		return err
	}
	if !inNotebook() {
		fmt.Fprint(out, img.Text)
		return nil
	}
	send(img.DisplayData(""))
	syncDisplay() // the cell's program may exit right after: wait until the kernel has the bundle
	return gonbui.Error()
}
