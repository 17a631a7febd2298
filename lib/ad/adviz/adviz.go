// Package adviz shows the computational graph recorded on an ad.Tape in a
// notebook: a box per node with the value of the forward pass and the
// adjoint of the backward pass, arrows from operands to results. It draws
// with gonum/plot in pure Go, so the picture appears on every set-up,
// Graphviz or not (ad.WriteDot still gives DOT for those who want it). It is
// a leaf package so that lib/ad itself does not depend on the notebook
// kernel.
package adviz

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"

	"github.com/gradbook/gradbook/lib/ad"
	"github.com/gradbook/gradbook/lib/plots"
)

// show displays an image through lib/plots, the one display path of
// gradbook's figures (a variable so that tests can capture the bundle).
var show = (*plots.Image).Show

// Graph shows the graph that produced y. In a gonb notebook it sends one
// display bundle holding PNG, SVG and a text list of the nodes; outside a
// notebook it prints that list, as plots.Display does. It returns Render's
// error, if any.
func Graph(t *ad.Tape, y ad.Var) error {
	img, err := Render(t, y)
	if err != nil {
		return err
	}
	return show(img)
}

// RenderDot runs Graphviz's dot program to turn DOT text into an image in
// format ("svg", "png", ...). It returns an error naming the problem when
// dot is not installed or fails, so that callers can fall back to text.
func RenderDot(dot, format string) ([]byte, error) {
	path, err := exec.LookPath("dot")
	if err != nil {
		return nil, fmt.Errorf("adviz: RenderDot: Graphviz's dot program not found: %w", err)
	}
	cmd := exec.Command(path, "-T"+format)
	cmd.Stdin = strings.NewReader(dot)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("adviz: RenderDot: dot -T%s: %v: %s", format, err, strings.TrimSpace(errb.String()))
	}
	return out.Bytes(), nil
}
