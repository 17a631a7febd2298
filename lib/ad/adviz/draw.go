package adviz

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"github.com/gradbook/gradbook/lib/ad"
	"github.com/gradbook/gradbook/lib/plots"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MaxNodes is the largest graph Render draws; a bigger one would be too
// small to read at the width of a notebook (draw a smaller example, or
// name fewer intermediate results).
const MaxNodes = 60

// Layout constants, in points.
const (
	boxPad  vg.Length = 5  // text to box edge
	gapX    vg.Length = 46 // between columns: room for the arrows
	gapY    vg.Length = 14 // between boxes in a column
	margin  vg.Length = 8  // around the drawing
	arrowL  vg.Length = 7  // arrow head length
	arrowW  vg.Length = 3  // arrow head half width
	fontSiz vg.Length = 10
)

var (
	varColor   = color.RGBA{31, 119, 180, 255} // as the DOT output: inputs blue
	outColor   = color.RGBA{214, 39, 40, 255}  // the output red
	opColor    = color.Gray{Y: 90}
	varFill    = color.RGBA{222, 235, 247, 255}
	outFill    = color.RGBA{252, 228, 228, 255}
	opFill     = color.White
	edgeColour = color.Gray{Y: 110}
)

// box is one node placed on the drawing; x, y is its top-left corner,
// measured from the drawing's top-left, y downwards.
type box struct {
	node       ad.GraphNode
	text       string
	x, y, w, h vg.Length
}

// layout places the graph's nodes in columns from left to right: inputs in
// the first column, every other node one column right of its rightmost
// operand, so that every edge points right, the direction of the forward
// pass. Within a column, nodes are ordered by the mean row of their
// operands, which keeps most edges from crossing.
func layout(nodes []ad.GraphNode, sty text.Style) (boxes []box, w, h vg.Length) {
	index := make(map[int]int, len(nodes)) // node ID → position in nodes
	for i, n := range nodes {
		index[n.ID] = i
	}
	col := make([]int, len(nodes))
	ncols := 0
	for i, n := range nodes { // tape order: operands come first
		for _, in := range n.Inputs {
			col[i] = max(col[i], col[index[in]]+1)
		}
		ncols = max(ncols, col[i]+1)
	}
	cols := make([][]int, ncols)
	for i := range nodes {
		cols[col[i]] = append(cols[col[i]], i)
	}
	row := make([]float64, len(nodes))
	for c, members := range cols {
		if c > 0 {
			mean := func(i int) float64 {
				s := 0.0
				for _, in := range nodes[i].Inputs {
					s += row[index[in]]
				}
				return s / float64(len(nodes[i].Inputs))
			}
			slices.SortStableFunc(members, func(a, b int) int {
				ma, mb := mean(a), mean(b)
				switch {
				case ma < mb:
					return -1
				case ma > mb:
					return 1
				}
				return 0
			})
		}
		for r, i := range members {
			// Rows as fractions of the column, so that columns of
			// different lengths compare.
			row[i] = (float64(r) + 0.5) / float64(len(members))
		}
	}

	boxes = make([]box, len(nodes))
	colW := make([]vg.Length, ncols)
	colH := make([]vg.Length, ncols)
	for i, n := range nodes {
		lines := []string{n.Label, "value " + n.Value}
		if n.Adjoint != "" {
			lines = append(lines, "adjoint "+n.Adjoint)
		}
		t := strings.Join(lines, "\n")
		b := box{node: n, text: t, w: sty.Width(t) + 2*boxPad, h: sty.Height(t) + 2*boxPad}
		boxes[i] = b
		colW[col[i]] = max(colW[col[i]], b.w)
		colH[col[i]] += b.h + gapY
	}
	for c := range colH {
		colH[c] -= gapY
		h = max(h, colH[c])
	}
	x := margin
	for c, members := range cols {
		y := margin + (h-colH[c])/2 // centre the column
		for _, i := range members {
			boxes[i].x = x + (colW[c]-boxes[i].w)/2
			boxes[i].y = y
			y += boxes[i].h + gapY
		}
		x += colW[c] + gapX
	}
	return boxes, x - gapX + margin, h + 2*margin
}

// drawing is a plot.Plotter that draws the laid-out graph into the plot's
// data area, which has the drawing's size.
type drawing struct {
	boxes []box
	sty   draw.TextStyle
}

func (d *drawing) Plot(c draw.Canvas, _ *plot.Plot) {
	at := func(x, y vg.Length) vg.Point { return vg.Point{X: c.Min.X + x, Y: c.Max.Y - y} }
	byID := map[int]*box{}
	for i := range d.boxes {
		byID[d.boxes[i].node.ID] = &d.boxes[i]
	}
	// Edges first, under the boxes: from the right side of the operand to
	// the left side of the result, where the arrivals are spread over the
	// side when a node has two operands.
	edge := draw.LineStyle{Color: edgeColour, Width: vg.Points(1)}
	for _, b := range d.boxes {
		k := len(b.node.Inputs)
		for j, in := range b.node.Inputs {
			src := byID[in]
			from := at(src.x+src.w, src.y+src.h/2)
			to := at(b.x, b.y+b.h*vg.Length(j+1)/vg.Length(k+1))
			mid := (from.X + to.X) / 2
			c.StrokeLines(edge, []vg.Point{from, {X: mid, Y: from.Y}, {X: mid, Y: to.Y}, {X: to.X - arrowL, Y: to.Y}})
			c.FillPolygon(edgeColour, []vg.Point{to, {X: to.X - arrowL, Y: to.Y + arrowW}, {X: to.X - arrowL, Y: to.Y - arrowW}})
		}
	}
	for _, b := range d.boxes {
		stroke, fill, width := color.Color(opColor), color.Color(opFill), vg.Points(0.8)
		switch {
		case b.node.Variable:
			stroke, fill, width = varColor, varFill, vg.Points(1.6)
		case b.node.Output:
			stroke, fill, width = outColor, outFill, vg.Points(1.6)
		}
		corners := []vg.Point{at(b.x, b.y), at(b.x+b.w, b.y), at(b.x+b.w, b.y+b.h), at(b.x, b.y+b.h)}
		c.FillPolygon(fill, corners)
		c.StrokeLines(draw.LineStyle{Color: stroke, Width: width}, append(corners, corners[0]))
		c.FillText(d.sty, at(b.x+b.w/2, b.y+b.h/2), b.text)
	}
}

// Render draws the graph that produced y — a box per node with its name or
// operation, its value and, after Backward, its adjoint; arrows from
// operands to results — in pure Go with gonum/plot: no Graphviz needed. The
// Image's text is the same graph as a list of nodes. It returns an error
// for a graph of more than MaxNodes nodes.
func Render(t *ad.Tape, y ad.Var) (*plots.Image, error) {
	nodes := t.Graph(y)
	if len(nodes) > MaxNodes {
		return nil, fmt.Errorf("adviz: the graph has %d nodes, more than the %d that can be drawn legibly; draw a smaller expression", len(nodes), MaxNodes)
	}
	sty := draw.TextStyle{
		Color:   color.Black,
		Font:    font.From(plots.SansFont, fontSiz),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
	boxes, w, h := layout(nodes, sty)
	p := plot.New()
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.Add(&drawing{boxes: boxes, sty: sty})
	img, err := plots.Render(p, plots.Size(w, h), plots.Name("graph"))
	if err != nil {
		return nil, fmt.Errorf("adviz: %w", err)
	}
	img.Text = describe(nodes)
	return img, nil
}

// describe lists the nodes, one a line, with their operands.
func describe(nodes []ad.GraphNode) string {
	var b strings.Builder
	for _, n := range nodes {
		fmt.Fprintf(&b, "n%d %s", n.ID, n)
		if len(n.Inputs) > 0 {
			ins := make([]string, len(n.Inputs))
			for i, in := range n.Inputs {
				ins[i] = fmt.Sprintf("n%d", in)
			}
			fmt.Fprintf(&b, " ← %s", strings.Join(ins, ", "))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
