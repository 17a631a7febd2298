package interactive_test

import (
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/interactive"
	"github.com/gradbook/gradbook/lib/plots"
	"gonum.org/v1/plot"
)

// A sigmoid whose temperature follows a slider: one plot per setting.
func ExampleShow() {
	err := interactive.Show(func(v interactive.Values) *plot.Plot {
		T := v.Float("temperature T")
		return plots.Functions(fmt.Sprintf("sigmoid(x / %.2g)", T), -5, 5,
			plots.Curve{Label: "σ(x/T)", F: func(x float64) float64 { return 1 / (1 + math.Exp(-x/T)) }})
	}, interactive.Slider("temperature T", 0.25, 2, 0.25, 1))
	fmt.Println(err)
	// Output: <nil>
}

// Gradient descent on a quadratic bowl, its path drawn over one contour
// plot for each step size: the contour plot is drawn once.
func ExampleShowOver() {
	f := func(x, y float64) float64 { return x*x + 10*y*y }
	base := plots.Contour(f, -2, 2, -1, 1)
	err := interactive.ShowOver(base, func(v interactive.Values, p *plot.Plot) error {
		alpha := v.Float("step α")
		x, y := -1.8, 0.8
		var xs, ys []float64
		for range 30 {
			xs, ys = append(xs, x), append(ys, y)
			x, y = x-alpha*2*x, y-alpha*20*y
		}
		return plots.AddPath(p, 0, plots.Series{Label: "gradient descent", X: xs, Y: ys})
	}, interactive.Slider("step α", 0.01, 0.1, 0.01, 0.05))
	fmt.Println(err)
	// Output: <nil>
}

// Bundle.Size says what a figure adds to a notebook before it is shown.
func ExampleFigure_Render() {
	fig := interactive.New(func(v interactive.Values) *plot.Plot {
		return plots.Functions("", 0, 1, plots.Curve{F: func(x float64) float64 { return math.Pow(x, v.Float("p")) }})
	}, interactive.SliderOver("p", []float64{0.5, 1, 2, 4}, 1))
	b, err := fig.Render()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(b.Frames), "frames, default", b.Default, "under 200 kB:", b.Size() < 200_000)
	// Output: 4 frames, default 1 under 200 kB: true
}
