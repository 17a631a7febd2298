package plots

import (
	"image/color"
	"sync"
)

// The helpers colour a labelled series by its label, not by its position:
// the first label the process draws gets the palette's first colour, the
// next new label the next colour, and a label seen before keeps its colour.
// A notebook cell is one process, so "Adam" has one colour in every panel
// of a cell's figures (a contour of the paths next to the cost curves, say),
// even when the panels list the methods in different orders or leave some
// out. Series without a label are coloured by position.
var (
	keyedMu   sync.Mutex
	keyedNext int
	keyed     = map[string]int{}
)

// ColorOf returns the colour the helpers give to series labelled label,
// assigning the next palette colour to a label not seen before. Use it to
// colour a plotter of one's own to match.
func ColorOf(label string) color.Color {
	return colors[keyIndex(label)%len(colors)]
}

func keyIndex(label string) int {
	keyedMu.Lock()
	defer keyedMu.Unlock()
	i, ok := keyed[label]
	if !ok {
		i = keyedNext
		keyed[label] = i
		keyedNext++
	}
	return i
}

// seriesColor is the colour of the i-th series of a plot: by label when
// it has one, else by position.
func seriesColor(i int, label string) color.Color {
	if label == "" {
		return Color(i)
	}
	return ColorOf(label)
}
