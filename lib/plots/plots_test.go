package plots

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/janpfeifer/gonb/gonbui/protocol"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func step(x float64) float64 {
	if x > 0 {
		return 1
	}
	return 0
}

// checkBundle verifies a display bundle: a PNG that decodes to the expected
// pixel size, a well-formed SVG, and a non-empty text alternative.
func checkBundle(t *testing.T, d *protocol.DisplayData, wantW, wantH int, wantSVG bool) {
	t.Helper()
	raw, ok := d.Data[protocol.MIMEImagePNG].([]byte)
	if !ok {
		t.Fatalf("bundle has no image/png []byte: %T", d.Data[protocol.MIMEImagePNG])
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("image/png does not decode: %v", err)
	}
	if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
		t.Errorf("PNG is %d×%d px, want %d×%d", b.Dx(), b.Dy(), wantW, wantH)
	}
	svg, ok := d.Data[protocol.MIMEImageSVG].(string)
	if wantSVG {
		if !ok || !strings.Contains(svg, "<svg") {
			t.Fatalf("bundle has no image/svg+xml string")
		}
		dec := xml.NewDecoder(strings.NewReader(svg))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("SVG is not well-formed XML: %v", err)
			}
		}
	} else if ok {
		t.Errorf("bundle has an SVG, want PNG only")
	}
	if txt, _ := d.Data[protocol.MIMETextPlain].(string); txt == "" && wantSVG {
		t.Errorf("bundle has an empty text/plain")
	}
}

func TestDisplayBundle(t *testing.T) {
	p := Functions("step and ramp", -2, 2, Curve{"H", step}, Curve{"ReLU", func(x float64) float64 { return math.Max(x, 0) }})
	img, err := Render(p)
	if err != nil {
		t.Fatal(err)
	}
	d := img.DisplayData("")
	// 6 × 4 in at 96 dpi.
	checkBundle(t, d, 576, 384, true)
	if d.DisplayID != "" {
		t.Errorf("DisplayID = %q, want none", d.DisplayID)
	}
	if txt := d.Data[protocol.MIMETextPlain].(string); !strings.Contains(txt, "step and ramp") || !strings.Contains(txt, "from -2 to 2") {
		t.Errorf("text/plain %q lacks the title or the x range", txt)
	}
	if len(d.Data) != 3 {
		t.Errorf("bundle has %d MIME types, want 3", len(d.Data))
	}

	img, err = Render(p, Size(3*vg.Inch, 2*vg.Inch))
	if err != nil {
		t.Fatal(err)
	}
	checkBundle(t, img.DisplayData("id-1"), 288, 192, true)

	img, err = RenderRow([]*plot.Plot{p, p, p})
	if err != nil {
		t.Fatal(err)
	}
	// 3 × 3.4 in = 10.2 in, capped at 10 in = 960 px; 3 in = 288 px.
	checkBundle(t, img.DisplayData(""), 960, 288, true)
}

// TestDisplayInNotebook plays notebook: Display must send exactly one
// bundle and write no file.
func TestDisplayInNotebook(t *testing.T) {
	var sent []*protocol.DisplayData
	withNotebook(t, func(d *protocol.DisplayData) { sent = append(sent, d) })
	synced := 0
	syncDisplay = func() { synced++ }
	dir := t.TempDir()
	t.Setenv(PlotDirEnv, dir)
	if err := Display(Functions("f", 0, 1, Curve{"x²", func(x float64) float64 { return x * x }})); err != nil {
		t.Fatal(err)
	}
	if len(sent) != 1 {
		t.Fatalf("sent %d messages, want 1", len(sent))
	}
	checkBundle(t, sent[0], 576, 384, true)
	if synced != 1 {
		t.Errorf("synced %d times, want 1: the cell may exit before gonb reads the bundle", synced)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("wrote %d files in a notebook, want none", len(files))
	}
}

func withNotebook(t *testing.T, capture func(*protocol.DisplayData)) {
	oldIn, oldSend, oldSync := inNotebook, send, syncDisplay
	inNotebook, send, syncDisplay = true, capture, func() {}
	t.Cleanup(func() { inNotebook, send, syncDisplay = oldIn, oldSend, oldSync })
}

func TestDisplayWritesFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sub")
	t.Setenv(PlotDirEnv, dir)
	var log bytes.Buffer
	oldLog := logTo
	logTo = &log
	t.Cleanup(func() { logTo = oldLog })

	p := Lines("loss / epoch", "epoch", "loss", Series{Label: "train", Y: []float64{3, 2, 1.5, 1.2}})
	for range 2 {
		if err := Display(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := Display(p, Name("custom name")); err != nil {
		t.Fatal(err)
	}
	// The second Display of one title gets a suffix instead of overwriting.
	for _, name := range []string{"loss_epoch.png", "loss_epoch.svg", "loss_epoch-2.png", "custom_name.png"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("missing %s: %v", name, err)
			continue
		}
		if strings.HasSuffix(name, ".png") {
			if _, err := png.Decode(bytes.NewReader(b)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	if !strings.Contains(log.String(), filepath.Join(dir, "loss_epoch.png")) {
		t.Errorf("log %q does not say where the file went", log.String())
	}
}

func TestErrors(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		p    *plot.Plot
		want string
	}{
		{"no curves", Functions("t", 0, 1), "no curves"},
		{"bad interval", Functions("t", 1, 0, Curve{"x", math.Sqrt}), "interval"},
		{"nil F", Functions("t", 0, 1, Curve{"x", nil}), "nil F"},
		{"all NaN", Functions("t", 0, 1, Curve{"nan", func(float64) float64 { return nan }}), "no finite value"},
		{"no series", Lines("t", "x", "y"), "no series"},
		{"empty series", Lines("t", "x", "y", Series{Label: "a"}), "no points"},
		{"mismatch", Lines("t", "x", "y", Series{Label: "a", X: []float64{1, 2}, Y: []float64{1}}), "len(X) = 2, len(Y) = 1"},
		{"loglog nothing positive", LogLog("t", "h", "e", Series{Label: "e", X: []float64{1, 2}, Y: []float64{0, -1}}), "no positive finite point"},
		{"scatter empty", Scatter("t", "x", "y"), "no series"},
		{"contour nil", Contour(nil, 0, 1, 0, 1), "nil f"},
		{"contour box", Contour(func(x, y float64) float64 { return x }, 0, 0, 0, 1), "box"},
		{"contour path", Contour(func(x, y float64) float64 { return x }, 0, 1, 0, 1, Series{Label: "p", X: []float64{1}, Y: nil}), "no points"},
	} {
		err := Err(tc.p)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Err = %v, want it to mention %q", tc.name, err, tc.want)
			continue
		}
		if derr := Display(tc.p); derr == nil || !strings.Contains(derr.Error(), tc.want) {
			t.Errorf("%s: Display error = %v, want it to mention %q", tc.name, derr, tc.want)
		}
		if !strings.Contains(tc.p.Title.Text, "error") {
			t.Errorf("%s: title %q does not show the error", tc.name, tc.p.Title.Text)
		}
	}
	if err := Display(nil); err == nil {
		t.Error("Display(nil) succeeded")
	}
	if err := Row(nil); err == nil || !strings.Contains(err.Error(), "no plots") {
		t.Errorf("Row(nil) error = %v, want \"no plots\"", err)
	}
	if err := Row([]*plot.Plot{plot.New(), nil}); err == nil || !strings.Contains(err.Error(), "plot 1 is nil") {
		t.Errorf("Row with nil error = %v, want \"plot 1 is nil\"", err)
	}
}

func TestFunctionsBreaksAtJumps(t *testing.T) {
	pieces := func(xmin, xmax float64, f func(float64) float64) []plotter.XYs {
		t.Helper()
		ps, err := sampleCurves(xmin, xmax, []Curve{{"f", f}})
		if err != nil {
			t.Fatal(err)
		}
		return ps[0]
	}
	ls := pieces(-1, 1, step)
	if len(ls) != 2 {
		t.Fatalf("Heaviside drawn as %d lines, want 2", len(ls))
	}
	left, right := ls[0], ls[1]
	// Each piece is flat, and the pieces end within a few ulps of 0.
	for _, pt := range left {
		if pt.Y != 0 {
			t.Fatalf("left piece has y = %v", pt.Y)
		}
	}
	for _, pt := range right {
		if pt.Y != 1 {
			t.Fatalf("right piece has y = %v", pt.Y)
		}
	}
	if end, start := left[len(left)-1].X, right[0].X; !(end <= 0 && start > 0 && start-end < 1e-12) {
		t.Errorf("jump bracketed by [%v, %v], want a tight bracket of 0", end, start)
	}

	// A steep but continuous curve stays one line.
	steep := func(x float64) float64 { return 1 / (1 + math.Exp(-200*x)) }
	if n := len(pieces(-1, 1, steep)); n != 1 {
		t.Errorf("continuous steep sigmoid drawn as %d lines, want 1", n)
	}
	// Two jumps and a NaN hole.
	saw := func(x float64) float64 {
		switch {
		case x < -0.5:
			return x
		case x < 0:
			return math.NaN()
		case x < 0.5:
			return 5 + x
		}
		return -5
	}
	if n := len(pieces(-1, 1, saw)); n != 3 {
		t.Errorf("saw drawn as %d lines, want 3", n)
	}
	p := Functions("H", -1, 1, Curve{"H", step}, Curve{"saw", saw})
	if err := Display(p); err != nil {
		t.Fatal(err)
	}
}

func TestLogLogDropsNonPositive(t *testing.T) {
	x := []float64{1e-4, 1e-3, 1e-2, 1e-1, 1}
	y := []float64{1e-8, 0, 1e-4, -1, 1}
	runs, dropped := Series{Label: "e", X: x, Y: y}.runs(positive)
	// Points 0, 2, 4 survive, each alone between dropped ones: three runs,
	// never a line joined across a dropped point.
	if dropped != 2 || len(runs) != 3 {
		t.Errorf("%d runs with %d dropped, want 3 runs and 2 dropped", len(runs), dropped)
	}
	for _, r := range runs {
		for _, pt := range r {
			if pt.X <= 0 || pt.Y <= 0 {
				t.Errorf("point %v kept for log axes", pt)
			}
		}
	}
	p := LogLog("err", "h", "e", Series{Label: "e", X: x, Y: y})
	if err := Err(p); err != nil {
		t.Fatal(err)
	}
	Slope(p, 1e-2, 1e-4, 2, "O(h²)")
	if err := Err(p); err != nil {
		t.Fatal(err)
	}
	if err := Display(p); err != nil {
		t.Fatal(err)
	}
	Slope(p, 0, 1, 2, "bad")
	if Err(p) == nil {
		t.Error("Slope with x0 = 0 recorded no error")
	}
}

func TestLogTicks(t *testing.T) {
	ticks := logTicks{}.Ticks(1e-5, 1)
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	want := "1e-05 0.0001 0.001 0.01 0.1 1"
	if got := strings.Join(labels, " "); got != want {
		t.Errorf("labels %q, want %q", got, want)
	}
}

func TestContourAndScatter(t *testing.T) {
	rosen := func(x, y float64) float64 { return (1-x)*(1-x) + 100*(y-x*x)*(y-x*x) }
	path := Series{Label: "GD", X: []float64{-1.5, -1, 0, 1}, Y: []float64{2, 1, 0, 1}}
	p := Contour(rosen, -2, 2, -1, 3, path)
	if err := Err(p); err != nil {
		t.Fatal(err)
	}
	if err := Display(p); err != nil {
		t.Fatal(err)
	}
	// f with a NaN region and an Inf still renders.
	holes := func(x, y float64) float64 {
		if x < 0 {
			return math.NaN()
		}
		if y > 0.9 {
			return math.Inf(1)
		}
		return x*x + y*y
	}
	if err := Display(Contour(holes, -1, 1, -1, 1)); err != nil {
		t.Errorf("Contour with holes: %v", err)
	}
	s := Scatter("classes", "x1", "x2",
		Series{Label: "+1", X: []float64{1, 2}, Y: []float64{1, 2}},
		Series{Label: "−1", X: []float64{-1, math.NaN()}, Y: []float64{-1, 0}})
	if err := Display(s); err != nil {
		t.Fatal(err)
	}
}

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestProgress(t *testing.T) {
	var sent []*protocol.DisplayData
	withNotebook(t, func(d *protocol.DisplayData) { sent = append(sent, d) })
	clk := &fakeClock{t: time.Unix(0, 0)}
	pr := NewProgress("training", "step", "loss")
	pr.now = clk.now
	pr.last = clk.t
	for i := range 10 {
		clk.t = clk.t.Add(100 * time.Millisecond)
		pr.Add("train", float64(i), 1/float64(i+1))
		pr.Add("test", float64(i), 1.5/float64(i+1))
	}
	// 1 s in 100 ms steps with a 250 ms interval: redraws at 300, 600, 900 ms
	// after the first. (The clock does not move while drawing.)
	if len(sent) != 3 {
		t.Fatalf("%d live frames, want 3", len(sent))
	}
	id := sent[0].DisplayID
	for _, d := range sent {
		if d.DisplayID == "" || d.DisplayID != id {
			t.Fatalf("live frames have display ids %q and %q, want one non-empty id", id, d.DisplayID)
		}
		checkBundle(t, d, 576, 384, false)
	}
	if err := pr.Done(); err != nil {
		t.Fatal(err)
	}
	// Done: the live output replaced in place by the full bundle, and no
	// other output (an empty one would leave a gap in the notebook).
	if len(sent) != 4 {
		t.Fatalf("%d messages after Done, want 4", len(sent))
	}
	if sent[3].DisplayID != id {
		t.Errorf("final frame has display id %q, want the live output's %q", sent[3].DisplayID, id)
	}
	checkBundle(t, sent[3], 576, 384, true)
	pr.Add("train", 11, 0.01)
	if len(sent) != 4 {
		t.Errorf("Add after Done redrew")
	}
}

func TestProgressOutsideNotebook(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(PlotDirEnv, dir)
	oldLog := logTo
	logTo = io.Discard
	t.Cleanup(func() { logTo = oldLog })
	pr := NewProgress("quiet run", "step", "loss")
	pr.LogY = true
	for i := range 50 {
		pr.Add("loss", float64(i), math.Exp(-float64(i)/5))
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("Progress wrote %d files before Done", len(files))
	}
	if err := pr.Done(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "quiet_run.png")); err != nil {
		t.Error(err)
	}
	if err := NewProgress("empty", "", "").Done(); err == nil {
		t.Error("Done with no points succeeded")
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		min, max float64
		want     string
	}{
		{0, 29, "0 5 10 15 20 25"},
		{-4, 4, "-4 -3 -2 -1 0 1 2 3 4"},
		{-3.2, 3.2, "-3 -2 -1 0 1 2 3"},
		{0, 1, "0 0.2 0.4 0.6 0.8 1"},
		{0.1, 0.35, "0.1 0.15 0.2 0.25 0.3 0.35"},
	} {
		var labels []string
		for _, tk := range (niceTicks{}).Ticks(tc.min, tc.max) {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		if got := strings.Join(labels, " "); got != tc.want {
			t.Errorf("ticks on [%v, %v]: %q, want %q", tc.min, tc.max, got, tc.want)
		}
	}
}

// TestContourSymmetricSaddle draws the double well that once made the contour
// tracer loop forever (levels equal to grid values at the saddle); it must
// render, and no level may equal a grid value.
func TestContourSymmetricSaddle(t *testing.T) {
	f := func(x, y float64) float64 { return x*x*x*x/4 - x*x/2 + y*y/2 }
	p := Contour(f, -1.6, 1.6, -1.2, 1.2)
	if err := Err(p); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Render(p)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("rendering the contour plot did not finish in 60 s")
	}
	vals := []float64{-1, -1, 0, 0, 0, 1e-17, 2, 3} // sorted, with a rounding-level near-tie
	for _, l := range quantileLevels(vals, 4) {
		for _, v := range vals {
			if math.Abs(l-v) < 1e-6 {
				t.Errorf("level %v is within rounding of the grid value %v", l, v)
			}
		}
	}
}

// A rune the plot font lacks is drawn as nothing; it must be an error that
// names it, wherever the text is, and ordinary symbols must pass.
func TestMissingGlyphIsAnError(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func() *plot.Plot
		want string // "" for no error
	}{
		{"greek and sub/superscripts", func() *plot.Plot {
			p := Functions("σ(z), ‖x‖², x₁ → ∞, ∂f/∂x", -1, 1, Curve{Label: "σ′(z)", F: math.Sin})
			p.Y.Label.Text = "θ ≤ ½"
			return p
		}, ""},
		{"nabla in the title", func() *plot.Plot {
			return Functions("descent on ∇f", -1, 1, Curve{Label: "f", F: math.Sin})
		}, "U+2207"},
		{"subscript k in the y label", func() *plot.Plot {
			p := Functions("norm", -1, 1, Curve{Label: "f", F: math.Sin})
			p.Y.Label.Text = "‖Wₖ‖"
			return p
		}, "U+2096"},
		{"proportional-to in a legend", func() *plot.Plot {
			return Functions("f", -1, 1, Curve{Label: "∝ x", F: math.Sin})
		}, "U+221D"},
		{"proportional-to in a slope guide", func() *plot.Plot {
			p := Functions("f", 1, 10, Curve{Label: "f", F: math.Exp})
			Slope(p, 1, 1, 2, "∝ n²")
			return p
		}, "U+221D"},
	} {
		_, err := Render(tc.make())
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want one naming %s", tc.name, err, tc.want)
		}
	}
}
