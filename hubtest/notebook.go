package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"
)

// notebook is an nbformat 4 notebook kept as generic JSON, so that saving it
// back loses nothing the test does not touch.
type notebook map[string]any

func readNotebook(path string) (notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var nb notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if _, ok := nb["cells"].([]any); !ok {
		return nil, fmt.Errorf("%s: no cells list: not an nbformat 4 notebook", path)
	}
	return nb, nil
}

// kernelName is the kernel spec the notebook asks for.
func (nb notebook) kernelName() string {
	meta, _ := nb["metadata"].(map[string]any)
	ks, _ := meta["kernelspec"].(map[string]any)
	name, _ := ks["name"].(string)
	return name
}

// source joins a cell's source, stored as a string or a list of lines.
func source(cell map[string]any) string {
	switch s := cell["source"].(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, line := range s {
			str, _ := line.(string)
			b.WriteString(str)
		}
		return b.String()
	}
	return ""
}

// runReport sums up one executed notebook.
type runReport struct {
	cells   int           // code cells executed
	pngs    int           // display outputs holding image/png
	slowest time.Duration // longest cell
	total   time.Duration
}

// run executes the notebook's code cells in order on k, storing outputs
// and execution counts in nb. The first cell that fails (error output or an
// execute_reply that is not "ok") stops the run with an error naming it.
func (nb notebook) run(k *kernel, cellTimeout time.Duration) (runReport, error) {
	var rep runReport
	start := time.Now()
	count := 0
	for i, c := range nb["cells"].([]any) {
		cell, _ := c.(map[string]any)
		if cell["cell_type"] != "code" || strings.TrimSpace(source(cell)) == "" {
			continue
		}
		count++
		t0 := time.Now()
		outs, status, err := k.execute(source(cell), cellTimeout)
		if d := time.Since(t0); d > rep.slowest {
			rep.slowest = d
		}
		first, _, _ := strings.Cut(strings.TrimSpace(source(cell)), "\n")
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
