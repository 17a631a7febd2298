// Package interactive turns a function from parameter values to a
// gonum/plot figure into an interactive figure in a notebook: sliders and
// drop-down lists above the plot, the plot redrawn as they move, the
// current values shown next to them.
//
//	Slider(name, min, max, step, def) Control        evenly spaced values
//	SliderOver(name, values, def) Control            listed values (powers of ten, say)
//	Select(name, options, def) Control               a drop-down list
//	Show(f func(Values) *plot.Plot, controls...)     a whole plot per setting
//	ShowOver(base, f func(Values, *plot.Plot) error, controls...)
//	                                                 what f adds, over a fixed base plot
//	v.Float(name), v.Text(name), v.Index(name)       the settings inside f
//
// # How it works, and why
//
// Every frame is drawn in advance, one per combination of the controls'
// settings (at most MaxFrames), and the figure is sent as ONE display
// bundle: text/html holding the controls, the frames as PNG data URIs and
// a few lines of JavaScript that swap them, plus image/png of the default
// frame and a text/plain description. So
//
//   - the cell ends at once and the kernel is free: a slider move is a
//     frame swap in the browser, with no round trip to the kernel (tens of
//     milliseconds; see the README for the measured latency);
//   - the figure keeps working after the kernel stops, in a saved notebook
//     that is trusted, in JupyterLab and the classic Notebook alike, and in
//     the static HTML site (`make html`), where no kernel runs at all;
//   - where the script does not run (an untrusted notebook, `kernel exec`
//     output read as text, a front end without HTML), the reader sees the
//     figure at its default values as a plain PNG;
//   - re-running the cell replaces the output, as for any display.
//
// The price is that only the settings on the grid can be shown, and the
// output grows with the number of frames. Frames are PNG at the size they
// are shown (a line plot is 10–20 kB); with Over, a costly base such as a
// contour plot is sent once and each frame holds only what is drawn on top
// of it, on a transparent background (a few kB). Bundle.Size tells what a
// figure adds to the notebook.
//
// gonb's own widgets (gonbui/widgets) were the other candidate: they talk to
// the running cell, so the cell must keep running to listen and the kernel
// stays busy (In [*]) until it is interrupted, and nothing moves in a saved
// notebook or the HTML site. Compiling cells to WebAssembly (gonb's %wasm)
// would run in the browser, but gonb v0.11.4 copies wasm_exec.js from
// $GOROOT/misc/wasm, where Go 1.24 and later no longer have it, serves the
// module from the Jupyter server (so not from a static site), and a module
// with gonum/plot is about 12 MB per figure.
//
// Outside a notebook (go test, go run) Show writes the default frame as a
// PNG and the interactive page as HTML into plots.PlotDir() when
// $GRADBOOK_PLOT_DIR is set, and otherwise only names the figure.
package interactive
