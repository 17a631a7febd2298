package nbformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A Notebook is an nbformat 4 notebook as generic JSON.
type Notebook map[string]any

// A Cell is one cell of a notebook as generic JSON.
type Cell = map[string]any

// Read reads the notebook at path; a file that is not JSON or has no cells
// list is an error naming the path.
func Read(path string) (Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse decodes a notebook; name is for error messages.
func Parse(name string, data []byte) (Notebook, error) {
	var nb Notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, fmt.Errorf("%s: not a notebook: %v", name, err)
	}
	if _, ok := nb["cells"].([]any); !ok {
		return nil, fmt.Errorf("%s: not a notebook: no cells list", name)
	}
	return nb, nil
}

// Encode returns the notebook as nbformat writes it.
func (nb Notebook) Encode() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Write writes nb to path, creating its folder.
func Write(path string, nb Notebook) error {
	data, err := nb.Encode()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// Cells returns the notebook's cells; changes to a cell change the notebook.
func (nb Notebook) Cells() []Cell {
	raw, _ := nb["cells"].([]any)
	cs := make([]Cell, 0, len(raw))
	for _, c := range raw {
		if m, ok := c.(map[string]any); ok {
			cs = append(cs, m)
		}
	}
	return cs
}

// SetCells replaces the notebook's cells.
func (nb Notebook) SetCells(cs []Cell) {
	raw := make([]any, len(cs))
	for i, c := range cs {
		raw[i] = c
	}
	nb["cells"] = raw
}

// Clone deep-copies a notebook.
func (nb Notebook) Clone() Notebook {
	data, err := json.Marshal(nb)
	if err != nil {
		// Everything in a Notebook came from JSON, so it marshals.
		panic("nbformat: clone: " + err.Error())
	}
	var c Notebook
	if err := json.Unmarshal(data, &c); err != nil {
		panic("nbformat: clone: " + err.Error())
	}
	return c
}

// CloneCell deep-copies one cell.
func CloneCell(c Cell) Cell {
	return Notebook{"c": c}.Clone()["c"].(map[string]any)
}

// Metadata returns the notebook's metadata object, creating it when missing.
func (nb Notebook) Metadata() map[string]any {
	md, _ := nb["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		nb["metadata"] = md
	}
	return md
}

// KernelName is the kernel spec the notebook asks for, or "".
func (nb Notebook) KernelName() string {
	md, _ := nb["metadata"].(map[string]any)
	ks, _ := md["kernelspec"].(map[string]any)
	name, _ := ks["name"].(string)
	return name
}

// Source joins a cell's source, which nbformat stores as a string or a list
// of lines.
func Source(c Cell) string { return Text(c["source"]) }

// Text joins a multiline string field (source, a stream's text, a MIME
// bundle's value): a string or a list of strings.
func Text(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, l := range s {
			if str, ok := l.(string); ok {
				b.WriteString(str)
			}
		}
		return b.String()
	}
	return ""
}

// SetSource stores s as a list of lines, each but the last ending in a
// newline, the way nbformat writes it.
func SetSource(c Cell, s string) {
	lines := strings.SplitAfter(s, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	list := make([]any, len(lines))
	for i, l := range lines {
		list[i] = l
	}
	c["source"] = list
}

// Type is the cell's cell_type: code, markdown or raw.
func Type(c Cell) string {
	t, _ := c["cell_type"].(string)
	return t
}

// ClearOutputs empties a code cell's outputs and execution count.
func ClearOutputs(c Cell) {
	if Type(c) == "code" {
		c["outputs"] = []any{}
		c["execution_count"] = nil
	}
}

// Outputs returns a code cell's outputs.
func Outputs(c Cell) []map[string]any {
	raw, _ := c["outputs"].([]any)
	var outs []map[string]any
	for _, o := range raw {
		if m, ok := o.(map[string]any); ok {
			outs = append(outs, m)
		}
	}
	return outs
}
