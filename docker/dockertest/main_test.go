package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The parsers read other programs' output; these lines are copied from the
// stand-in's Notebook 6 log, the docker-stacks (jupyter_server) log format
// and `go run ./kernel exec`.
func TestTokenFromLog(t *testing.T) {
	for _, tc := range []struct {
		log, want string
	}{
		{"[I 16:08:39.373 NotebookApp]  or http://127.0.0.1:8888/?token=90015634d313f56e45fd1ea4cc6cb81d605395fe6a605396\n", "90015634d313f56e45fd1ea4cc6cb81d605395fe6a605396"},
		{"[I 2026-08-24 ServerApp]     http://127.0.0.1:8888/lab?token=0123456789abcdef0123\n", "0123456789abcdef0123"},
		{"[I NotebookApp] Serving notebooks from local directory: /home/jovyan\n", ""},
		{"http://127.0.0.1:8888/?token=short\n", ""},
	} {
		got := ""
		if m := tokenRE.FindStringSubmatch(tc.log); m != nil {
			got = m[1]
		}
		if got != tc.want {
			t.Errorf("token from %q = %q, want %q", tc.log, got, tc.want)
		}
	}
}

func TestCellTimes(t *testing.T) {
	out := "== /tmp/first-plot.ipynb\n" +
		"  cell   0    3.14s ok      import \"github.com/gradbook/gradbook/lib/plots\"\n" +
		"  cell   1   31.20s ok      %%\n" +
		"  cell   2    0.68s error   %%\n" +
		"  ok in 4.5s, 1 cells, 2 images -> /tmp/gradbook-probe/first-plot.ipynb\n"
	got := cellTimes(out)
	want := map[int]float64{0: 3.14, 1: 31.2}
	if len(got) != len(want) {
		t.Fatalf("cellTimes = %v, want %v", got, want)
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("cell %d: %v s, want %v s", i, got[i], w)
		}
	}
}

func TestProbeNotebook(t *testing.T) {
	var nb struct {
		Cells []struct {
			CellType string   `json:"cell_type"`
			Source   []string `json:"source"`
		} `json:"cells"`
		Metadata struct {
			Kernelspec struct {
				Name string `json:"name"`
			} `json:"kernelspec"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal([]byte(probeNotebook), &nb); err != nil {
		t.Fatalf("the probe notebook is not JSON: %v", err)
	}
	if len(nb.Cells) != 2 || nb.Metadata.Kernelspec.Name != "gradbook" {
		t.Fatalf("want two cells on the gradbook kernel, got %d cells on %q", len(nb.Cells), nb.Metadata.Kernelspec.Name)
	}
	for i, c := range nb.Cells {
		if c.CellType != "code" || !strings.Contains(strings.Join(c.Source, ""), "plots.Display(") {
			t.Errorf("cell %d does not display a plot: %q", i, c.Source)
		}
	}
}
