package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/gradbook/gradbook/internal/nbformat"
)

// runReport sums up one executed notebook.
type runReport struct {
	cells   int           // code cells executed
	pngs    int           // display outputs holding image/png
	slowest time.Duration // longest cell
	total   time.Duration
}

// runNotebook executes the notebook's code cells in order on k, storing outputs
// and execution counts in nb. The first cell that fails (error output or an
// execute_reply that is not "ok") stops the run with an error naming it.
func runNotebook(nb nbformat.Notebook, k *kernel, cellTimeout time.Duration) (runReport, error) {
	var rep runReport
	start := time.Now()
	count := 0
	for i, c := range nb["cells"].([]any) {
		cell, _ := c.(map[string]any)
		if cell["cell_type"] != "code" || strings.TrimSpace(nbformat.Source(cell)) == "" {
			continue
		}
		count++
		t0 := time.Now()
		outs, status, err := k.execute(nbformat.Source(cell), cellTimeout)
		if d := time.Since(t0); d > rep.slowest {
			rep.slowest = d
		}
		first, _, _ := strings.Cut(strings.TrimSpace(nbformat.Source(cell)), "\n")
		if err != nil {
			return rep, fmt.Errorf("cell %d (%q): %v", i, first, err)
		}
		stored := []any{}
		for _, o := range outs {
			if o.Type == "error" {
				return rep, fmt.Errorf("cell %d (%q) failed: %s", i, first, clip(o.Text, 400))
			}
			if _, ok := o.Data["image/png"]; ok {
				rep.pngs++
			}
			stored = append(stored, o.Fields)
		}
		if status != "ok" {
			return rep, fmt.Errorf("cell %d (%q): execute_reply status %q; outputs: %s", i, first, status, outputText(outs))
		}
		cell["outputs"] = stored
		cell["execution_count"] = count
		rep.cells++
	}
	rep.total = time.Since(start)
	return rep, nil
}

// outputText is the text of a cell's outputs, for error messages.
func outputText(outs []output) string {
	var b strings.Builder
	for _, o := range outs {
		b.WriteString(o.Text)
		if t, ok := o.Data["text/plain"].(string); ok {
			b.WriteString(t)
		}
	}
	return clip(b.String(), 400)
}
