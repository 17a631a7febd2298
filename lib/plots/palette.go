package plots

import (
	"image/color"
	"strings"
	"sync"

	"gonum.org/v1/plot"
)

// The helpers colour a labelled series by the method it names: the label up
// to a comma or an opening parenthesis ("gradient descent, 105 steps" and
// "gradient descent (exact line search)" are both "gradient descent"). The
// first method the process draws gets the palette's first colour, the next
// new one the next colour, and a method seen before keeps its colour. A
// notebook cell is one process, so "Adam" has one colour in every panel of
// a cell's figures (a contour of the paths next to the cost curves, say),
// even when the panels list the methods in different orders or leave some
// out. Two series of one plot never share a colour: when their labels name
// the same method ("central d1 O(h^2)", "central d1 O(h^4)"), the second is
// keyed by its whole label. Series without a label are coloured by position.
var (
	keyedMu   sync.Mutex
	keyedNext int
	keyed     = map[string]int{}
)

// methodKey is the part of a label that names the method.
func methodKey(label string) string {
	k := label
	if i := strings.IndexAny(k, ",("); i > 0 {
		k = k[:i]
	}
	if k = strings.TrimSpace(k); k == "" {
		return label
	}
	return k
}

// ColorOf returns the colour the helpers give to series labelled label (by
// the method it names, see above), assigning the next palette colour to a
// method not seen before. Use it to colour a plotter of one's own to match.
func ColorOf(label string) color.Color {
	return colors[keyIndex(methodKey(label))%len(colors)]
}

func keyIndex(key string) int {
	keyedMu.Lock()
	defer keyedMu.Unlock()
	i, ok := keyed[key]
	if !ok {
		i = keyedNext
		keyed[key] = i
		keyedNext++
	}
	return i
}

// seriesColor is the colour of the i-th series of p: by the method its
// label names, by the whole label when another series of p already has
// that method's colour, by position when it has no label.
func seriesColor(p *plot.Plot, i int, label string) color.Color {
	if label == "" {
		return Color(i)
	}
	in := info(p)
	if in.keys == nil {
		in.keys = map[string]string{}
	}
	key := methodKey(label)
	if other, ok := in.keys[key]; ok && other != label {
		key = label
	}
	in.keys[key] = label
	return colors[keyIndex(key)%len(colors)]
}
