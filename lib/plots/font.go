package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
)

// SansFont is the face of all plot text: Liberation Sans, which gonum/plot
// bundles (package gonum.org/v1/plot/font/liberation, already in its font
// cache), so no font needs installing. gonum/plot's default is Liberation
// Serif, which looks out of place next to the notebook's sans-serif text.
var SansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// init makes SansFont the default for every plot made after the package is
// imported, including plots a notebook builds with plot.New and plotter
// labels.
func init() {
	plot.DefaultFont = SansFont
	plotter.DefaultFont = SansFont
}
