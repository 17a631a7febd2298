// Package plots shows gonum/plot figures inline in gonb notebooks, and has
// the plot helpers the lectures use again and again.
//
// # Display
//
// A notebook that was executed headless and opened later is "Not Trusted",
// and Jupyter then strips HTML and SVG outputs; a plot sent as SVG inside
// HTML (gonbui.DisplaySVG) shows up as stray axis labels. So Display sends
// each figure as ONE display bundle holding image/png (shown everywhere),
// image/svg+xml (crisp, preferred where the notebook is trusted) and a
// text/plain description (for text-only front ends). Outside a notebook
// (go test, go run) the same call prints that description on standard
// output and, only when $GRADBOOK_PLOT_DIR is set, writes NAME.png and
// NAME.svg there, so lecture code runs unchanged anywhere and tests leave
// no files behind.
//
//	Display(p *plot.Plot, opts ...Option) error   one figure, 6 × 4 in by default
//	Row(ps []*plot.Plot, opts ...Option) error    side by side in one image, data areas aligned
//	Size(w, h vg.Length) Option                    whole-image size (for Row: the whole row)
//	Name(base string) Option                       file name outside a notebook
//	Render, RenderRow → *Image{PNG, SVG, Text}     the bundle without sending it
//	(*Image).DisplayData(id) *protocol.DisplayData the gonb message, testable
//
// # Helpers
//
// Each returns a *plot.Plot that can still be changed (titles, axis ranges,
// more plotters) before it is displayed:
//
//	Functions(title, xmin, xmax, Curve{Label, F}...)   functions over an interval
//	Lines(title, xlabel, ylabel, Series{Label, X, Y}...) lines; nil X means 0, 1, 2, …
//	LogLog(title, xlabel, ylabel, Series...)           log–log axes, e.g. error against h
//	Slope(p, x0, y0, slope, label)                     reference power law through (x0, y0)
//	Scatter(title, xlabel, ylabel, Series...)          points, a marker shape per series
//	Contour(f, xmin, xmax, ymin, ymax, paths...)       2-D cost as heat map and contours, with paths
//
// Functions samples each curve at 801 points and breaks the line at NaN and
// ±Inf values and at jumps, found by bisection (a change between samples
// that persists as the interval shrinks to adjacent floats), so a Heaviside
// step is drawn as two rays with a gap, not as a steep ramp. LogLog leaves
// out points with x ≤ 0 or y ≤ 0, breaks the line there, and says in the
// legend how many it left out. Contour colours cells by the rank of f and
// puts contour lines at quantiles, so costs spanning many orders of
// magnitude still show their valleys.
//
// # Looks
//
// Figures are at most MaxWidth (720 pt, 960 px) wide, the width of a
// notebook's output column; a wider Size is laid out as asked and scaled
// down as a whole. Text is Liberation Sans (bundled with gonum/plot). The
// helpers colour a labelled series by its label, so a method keeps its
// colour across the panels a cell draws (ColorOf gives that colour for
// plotters of one's own), and when a figure is rendered they move the
// legend to the corner of the plot where it covers the least data, or make
// room for it above the data (PlaceLegend does the same for plots made with
// plot.New). The SVG is post-processed so that a heat map's colour image
// fills its frame (preserveAspectRatio="none").
//
// The helpers cannot return an error next to the plot, so bad input (no
// curves, no points, mismatched lengths, no finite value) is recorded with
// the plot: Err(p) returns it, the title shows it, and Display or Row return
// it rather than drawing an empty frame.
//
// # Live progress
//
//	pr := NewProgress(title, xlabel, ylabel)    pr.LogY, pr.Interval to adjust
//	pr.Add(series, x, y)                        in a loop
//	err := pr.Done()                            final figure
//
// In a notebook, Add redraws one output in place (a display bundle with a
// transient display_id, which gonb turns into update_display_data), at most
// every 250 ms. Done replaces that live output in place with the final
// figure, which a saved notebook keeps. Outside a notebook
// Progress is silent until Done displays the final figure as Display does.
//
// It depends on nothing of gradbook's. Besides notebooks and examples, only
// the display packages import it — ad/adviz and lib/interactive, which
// draw with it — never the numerical packages (ad, fd, symbolic, optim, …).
package plots
