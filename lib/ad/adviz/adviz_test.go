package adviz

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/gradbook/gradbook/internal/testenv"
	"github.com/gradbook/gradbook/lib/ad"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gradbook/gradbook/lib/plots"
)

// lecture07 is the graph lecture 07 draws: f = x·y + sin x at (2, 3).
func lecture07() (*ad.Tape, ad.Var) {
	t := ad.NewTape()
	x := t.VariableScalar(2).Name("x")
	y := t.VariableScalar(3).Name("y")
	f := x.Mul(y).Add(x.Sin()).Name("f")
	t.Backward(f)
	return t, f
}

func TestGraphOutsideNotebook(t *testing.T) {
	tape := ad.NewTape()
	x := tape.VariableScalar(1).Name("x")
	y := x.Exp().Name("y")
	tape.Backward(y)

	// Outside a notebook lib/plots prints the image's text alternative.
	if err := Graph(tape, y); err != nil {
		t.Fatal(err)
	}
	img, err := Render(tape, y)
	if err != nil {
		t.Fatal(err)
	}
	// d(e^x)/dx at 1 is e: the adjoint of x.
	want := "x = 1, adjoint 2.718"
	if !strings.Contains(img.Text, want) || !strings.Contains(img.Text, "← n0") {
		t.Errorf("the text alternative is %q, want the node list with %q and y's operand", img.Text, want)
	}
}

func TestGraphInNotebookWithoutGraphviz(t *testing.T) {
	t.Setenv("PATH", "") // no dot program: the picture must still come
	tape, f := lecture07()
	var got *protocol.DisplayData
	old := show
	show = func(img *plots.Image) error { got = img.DisplayData(""); return nil }
	t.Cleanup(func() { show = old })
	if err := Graph(tape, f); err != nil {
		t.Fatal(err)
	}
	if got == nil {
		t.Fatal("no display bundle sent")
	}
	raw, _ := got.Data[protocol.MIMEImagePNG].([]byte)
	if _, err := png.Decode(bytes.NewReader(raw)); err != nil {
		t.Errorf("bundle's PNG does not decode: %v", err)
	}
	svg, _ := got.Data[protocol.MIMEImageSVG].(string)
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
	}
	// The labels reach the picture: the SVG holds the node texts.
	for _, s := range []string{"value 2", "value 3", "adjoint 1"} {
		if !strings.Contains(svg, s) {
			t.Errorf("SVG lacks the text %q", s)
		}
	}
}

func TestLayout(t *testing.T) {
	tape, f := lecture07()
	sty := draw.TextStyle{Font: font.From(plots.SansFont, fontSiz), Handler: plot.DefaultTextHandler}
	nodes := tape.Graph(f)
	boxes, w, h := layout(nodes, sty)
	if len(boxes) != len(nodes) {
		t.Fatalf("%d boxes for %d nodes", len(boxes), len(nodes))
	}
	byID := map[int]box{}
	for _, b := range boxes {
		byID[b.node.ID] = b
		if b.x < 0 || b.y < 0 || b.x+b.w > w || b.y+b.h > h {
			t.Errorf("box %q at (%v, %v) %v×%v outside the %v×%v drawing", b.node.Label, b.x, b.y, b.w, b.h, w, h)
		}
		if tw := sty.Width(b.text); b.w < tw {
			t.Errorf("box %q is %v wide for text %v wide", b.node.Label, b.w, tw)
		}
	}
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			if a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h {
				t.Errorf("boxes %q and %q overlap", a.node.Label, b.node.Label)
			}
		}
		for _, in := range a.node.Inputs {
			src := byID[in]
			if src.x+src.w >= a.x {
				t.Errorf("edge %q → %q does not point right", src.node.Label, a.node.Label)
			}
		}
	}
	// x feeds two operations, y one: x's value 2 and the adjoints from
	// the analytic gradient ∂f/∂x = y + cos x, ∂f/∂y = x.
	wantX := fmt.Sprintf("adjoint %.4g", 3+math.Cos(2))
	for _, b := range boxes {
		if b.node.Label == "x" && !strings.Contains(b.text, wantX) {
			t.Errorf("x's box reads %q, want %q", b.text, wantX)
		}
		if b.node.Label == "y" && !strings.Contains(b.text, "adjoint 2") {
			t.Errorf("y's box reads %q, want adjoint 2", b.text)
		}
	}
}

func TestRenderTooBig(t *testing.T) {
	tape := ad.NewTape()
	v := tape.VariableScalar(1)
	for range MaxNodes {
		v = v.Sin()
	}
	_, err := Render(tape, v)
	if err == nil || !strings.Contains(err.Error(), "nodes") {
		t.Errorf("Render of %d+ nodes: err = %v, want one naming the node count", MaxNodes, err)
	}
}

// RenderDot turns ad's DOT text into SVG with Graphviz, where installed.
func TestRenderDot(t *testing.T) {
	tape := ad.NewTape()
	x := tape.VariableScalar(2).Name("x")
	f := x.Sin().Name("f")
	tape.Backward(f)
	testenv.Need(t, "graphviz")
	svg, err := RenderDot(tape.DotString(f), "svg")
	if err != nil || !bytes.Contains(svg, []byte("<svg")) {
		t.Errorf("RenderDot: %v, %d bytes", err, len(svg))
	}
}
