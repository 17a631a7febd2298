package plots_test

import (
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/plots"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func heaviside(x float64) float64 {
	if x > 0 {
		return 1
	}
	return 0
}

func ExampleDisplay() {
	p := plots.Functions("step and its smoothing", -6, 6,
		plots.Curve{Label: "H(x)", F: heaviside},
		plots.Curve{Label: "(1 + tanh(x/2))/2", F: func(x float64) float64 { return (1 + math.Tanh(x/2)) / 2 }},
	)
	// In a notebook this shows the plot inline; under go test it writes
	// step_and_its_smoothing.png and .svg to the plot folder.
	err := plots.Display(p, plots.Size(5*vg.Inch, 3*vg.Inch))
	fmt.Println("error:", err)
	// Output:
	// error: <nil>
}

func ExampleRender() {
	p := plots.Lines("loss", "iteration", "f(x)", plots.Series{Label: "GD", Y: []float64{4, 2, 1, 0.5}})
	img, err := plots.Render(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The text/plain part of the bundle; PNG and SVG are beside it.
	fmt.Println(img.Text)
	fmt.Println(len(img.PNG) > 0, len(img.SVG) > 0)
	// Output:
	// plot "loss": x-axis iteration from 0 to 3, y-axis f(x) from 0.5 to 4
	// true true
}

func ExampleRow() {
	f := plots.Functions("softplus", -4, 4, plots.Curve{Label: "log(1+eˣ)", F: func(x float64) float64 { return math.Log1p(math.Exp(x)) }})
	g := plots.Functions("its derivative", -4, 4, plots.Curve{Label: "1/(1+exp(−x))", F: func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }})
	fmt.Println("error:", plots.Row([]*plot.Plot{f, g}))
	// Output:
	// error: <nil>
}

func ExampleLogLog() {
	// Forward-difference error of sin′(1) against the step h: O(h) until
	// rounding takes over.
	var hs, errs []float64
	for k := 1; k <= 15; k++ {
		h := math.Pow(10, -float64(k))
		hs = append(hs, h)
		errs = append(errs, math.Abs((math.Sin(1+h)-math.Sin(1))/h-math.Cos(1)))
	}
	p := plots.LogLog("forward difference", "h", "|error|", plots.Series{Label: "error", X: hs, Y: errs})
	plots.Slope(p, 1e-1, 0.5e-1, 1, "O(h)")
	fmt.Println("error:", plots.Err(p))
	// Output:
	// error: <nil>
}

func ExampleFunctions_badInput() {
	p := plots.Functions("backwards", 1, -1, plots.Curve{Label: "x", F: math.Abs})
	// The problem is kept with the plot and returned by Display.
	fmt.Println(plots.Display(p))
	// Output:
	// plots: Render: plot 0 ("backwards [error: Functions: interval [1, -1] is not a finite xmin < xmax]"): Functions: interval [1, -1] is not a finite xmin < xmax
}

func ExampleContour() {
	f := func(x, y float64) float64 { return x*x + 10*y*y }
	// Gradient descent with step 0.09 from (2, 1): x shrinks by 0.82, y
	// flips sign and shrinks by 0.8 each step.
	path := plots.Series{Label: "GD, step 0.09"}
	x, y := 2.0, 1.0
	for range 20 {
		path.X = append(path.X, x)
		path.Y = append(path.Y, y)
		x, y = x-0.09*2*x, y-0.09*20*y
	}
	p := plots.Contour(f, -2.5, 2.5, -1.5, 1.5, path)
	p.Title.Text = "x² + 10y²"
	fmt.Println("error:", plots.Display(p))
	// Output:
	// error: <nil>
}

func ExampleNewProgress() {
	pr := plots.NewProgress("gradient descent on x²", "iteration", "f(x)")
	pr.LogY = true
	x := 3.0
	for i := range 30 {
		pr.Add("f", float64(i), x*x)
		x -= 0.1 * 2 * x
	}
	// In a notebook the figure updated in place while the loop ran; Done
	// leaves the final one in the saved notebook (here: in a file).
	fmt.Println("error:", pr.Done())
	// Output:
	// error: <nil>
}
