package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// colors holds distinguishable line colours (the "Tableau 10" hues, a
// common colour-blind-aware choice), used in order.
var colors = []color.RGBA{
	{31, 119, 180, 255},  // blue
	{255, 127, 14, 255},  // orange
	{44, 160, 44, 255},   // green
	{214, 39, 40, 255},   // red
	{148, 103, 189, 255}, // purple
	{140, 86, 75, 255},   // brown
	{227, 119, 194, 255}, // pink
	{127, 127, 127, 255}, // grey
	{188, 189, 34, 255},  // olive
	{23, 190, 207, 255},  // cyan
}

// Color returns the i-th colour of the package's palette, cycling.
func Color(i int) color.Color { return colors[i%len(colors)] }

var glyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{},
	draw.CrossGlyph{}, draw.PlusGlyph{}, draw.RingGlyph{},
}

func lineStyle(p *plot.Plot, i int, label string) draw.LineStyle {
	return draw.LineStyle{Color: seriesColor(p, i, label), Width: vg.Points(1.6)}
}

// newPlot returns a plot with a title, axis labels, a light grid and the
// legend in the top left.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.X.Tick.Marker, p.Y.Tick.Marker = niceTicks{}, niceTicks{}
	p.Legend.Top = true
	p.Legend.Left = true
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	p.Add(g)
	return p
}
