package plots

import (
	"fmt"
	"image/color"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// legendColors draws p's legend on a recording canvas and returns, for each
// entry's text, the colour of the last stroke before it: the colour of that
// entry's line thumbnail. It reads what is drawn, not the palette.
func legendColors(p *plot.Plot) map[string]color.Color {
	rec := &recorder.Canvas{}
	c := draw.Canvas{Canvas: rec, Rectangle: vg.Rectangle{Max: vg.Point{X: 400, Y: 300}}}
	p.Legend.Draw(c)
	out := map[string]color.Color{}
	var cur, stroked color.Color
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.SetColor:
			cur = a.Color
		case *recorder.Stroke:
			stroked = cur
		case *recorder.FillString:
			out[a.String] = stroked
		}
	}
	return out
}

func TestSameLabelSameColourAcrossPanels(t *testing.T) {
	a := Series{Label: "method A (palette test)", Y: []float64{3, 2, 1}}
	b := Series{Label: "method B (palette test)", Y: []float64{3, 1, 0.5}}
	// The second panel lists the methods in the other order and the
	// contour panel has only B: each must keep one colour.
	p1 := Lines("p1", "k", "f", a, b)
	p2 := Lines("p2", "k", "f", b, a)
	c := Contour(func(x, y float64) float64 { return x*x + y*y }, -1, 3, -1, 3,
		Series{Label: b.Label, X: []float64{2, 1, 0}, Y: []float64{2, 1, 0}})
	got := map[string][]color.Color{}
	for _, p := range []*plot.Plot{p1, p2, c} {
		for label, col := range legendColors(p) {
			got[label] = append(got[label], col)
		}
	}
	if len(got[b.Label]) != 3 || len(got[a.Label]) != 2 {
		t.Fatalf("found %d legend lines for B and %d for A, want 3 and 2 (%v)", len(got[b.Label]), len(got[a.Label]), got)
	}
	for label, cs := range got {
		for _, col := range cs[1:] {
			if col != cs[0] {
				t.Errorf("%q drawn in %v and in %v", label, cs[0], col)
			}
		}
	}
	if got[a.Label][0] == got[b.Label][0] {
		t.Errorf("A and B share the colour %v", got[a.Label][0])
	}
}

func TestSlopesTellApart(t *testing.T) {
	x := []float64{1, 10, 100}
	p := LogLog("memory", "n", "bytes", Series{Label: "data", X: x, Y: []float64{1, 100, 1e4}})
	Slope(p, 1, 1, 2, "O(n²)")
	Slope(p, 1, 1, 1, "O(n)")
	// Record the dash pattern in force when each legend entry's thumbnail
	// is stroked.
	rec := &recorder.Canvas{}
	p.Legend.Draw(draw.Canvas{Canvas: rec, Rectangle: vg.Rectangle{Max: vg.Point{X: 400, Y: 300}}})
	dashes := map[string]string{}
	var cur, stroked string
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.SetLineDash:
			cur = fmt.Sprint(a.Dashes)
		case *recorder.Stroke:
			stroked = cur
		case *recorder.FillString:
			dashes[a.String] = stroked
		}
	}
	if dashes["O(n²)"] == "" || dashes["O(n²)"] == dashes["O(n)"] {
		t.Errorf("the two reference lines' legend swatches have dashes %q and %q, want two different patterns", dashes["O(n²)"], dashes["O(n)"])
	}
}

func TestDash(t *testing.T) {
	relu := func(z float64) float64 { return max(z, 0) }
	p := Functions("derivatives", -3, 3, Curve{"ReLU′", relu}, Curve{"leaky′", relu})
	Dash(p, "leaky′")
	rec := &recorder.Canvas{}
	p.Legend.Draw(draw.Canvas{Canvas: rec, Rectangle: vg.Rectangle{Max: vg.Point{X: 400, Y: 300}}})
	dashes := map[string]int{}
	var cur, stroked int
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.SetLineDash:
			cur = len(a.Dashes)
		case *recorder.Stroke:
			stroked = cur
		case *recorder.FillString:
			dashes[a.String] = stroked
		}
	}
	if dashes["leaky′"] == 0 || dashes["ReLU′"] != 0 {
		t.Errorf("dash patterns: leaky′ %d, ReLU′ %d entries; want leaky′ dashed only", dashes["leaky′"], dashes["ReLU′"])
	}
	Dash(p, "no such curve")
	if Err(p) == nil {
		t.Error("Dash of a missing label recorded no error")
	}
}

func TestColourByMethod(t *testing.T) {
	// 08's row: the contour's "… , 105 steps" and the log–log panel's
	// "… (exact line search)" name one method and share its colour; two
	// series of one plot naming the same method do not.
	c := Contour(func(x, y float64) float64 { return x*x + y*y }, -1, 1, -1, 1,
		Series{Label: "steepest (palette test), 105 steps", X: []float64{0.5, 0}, Y: []float64{0.5, 0}})
	l := LogLog("iterations", "κ", "n",
		Series{Label: "steepest (palette test) (exact line search)", X: []float64{1, 10}, Y: []float64{3, 30}},
		Series{Label: "central d1 O(h^2) (palette test)", X: []float64{1, 10}, Y: []float64{2, 20}},
		Series{Label: "central d1 O(h^4) (palette test)", X: []float64{1, 10}, Y: []float64{1, 10}})
	cc, lc := legendColors(c), legendColors(l)
	if a, b := cc["steepest (palette test), 105 steps"], lc["steepest (palette test) (exact line search)"]; a == nil || a != b {
		t.Errorf("one method in two panels drawn in %v and %v", a, b)
	}
	if a, b := lc["central d1 O(h^2) (palette test)"], lc["central d1 O(h^4) (palette test)"]; a == nil || a == b {
		t.Errorf("two series of one plot share the colour %v", a)
	}
}
