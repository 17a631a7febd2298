package plots

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"testing"
)

// Outside a notebook and without $GRADBOOK_PLOT_DIR, Display prints the
// text alternative and writes no file, in $TMPDIR or anywhere: go test
// leaves nothing behind.
func TestDisplayOutsideNotebookWritesNothing(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv(PlotDirEnv, "")
	var out bytes.Buffer
	old := textOut
	textOut = &out
	t.Cleanup(func() { textOut = old })
	wd, _ := os.Getwd()
	before, _ := os.ReadDir(wd)

	p := Lines("loss / epoch", "epoch", "loss", Series{Label: "train", Y: []float64{3, 2, 1.5}})
	if err := Display(p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `plot "loss / epoch": x-axis epoch`) {
		t.Errorf("printed %q, want the plot's text description", out.String())
	}
	if files, _ := os.ReadDir(tmp); len(files) != 0 {
		t.Errorf("wrote %d files into $TMPDIR, want none", len(files))
	}
	if after, _ := os.ReadDir(wd); len(after) != len(before) {
		t.Errorf("the working directory went from %d to %d entries", len(before), len(after))
	}
}

// The error and legend data recorded for a plot are found while the plot
// lives and forgotten once it is collected: the records do not grow with
// every plot a session ever made.
func TestPlotErrorsForgotten(t *testing.T) {
	count := func() int { return plotErrs.len() + legendData.len() }
	base := count()
	func() {
		for range 50 {
			p := Lines("bad", "x", "y", Series{Label: "empty"})
			if Err(p) == nil {
				t.Fatal("an empty series recorded no error")
			}
		}
	}()
	if count() < base+50 {
		t.Fatalf("%d errors recorded, want at least %d", count(), base+50)
	}
	// Cleanups run after a collection, on their own goroutine: collect
	// until they have (a bounded number of rounds, not a timer).
	for i := 0; i < 100 && count() > base; i++ {
		runtime.GC()
		runtime.Gosched()
	}
	if n := count(); n > base {
		t.Errorf("%d errors of collected plots still recorded", n-base)
	}
}
