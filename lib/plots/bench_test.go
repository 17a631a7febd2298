package plots

import (
	"math"
	"testing"

	"gonum.org/v1/plot"
)

func benchPlot() *plot.Plot {
	y := make([]float64, 500)
	for i := range y {
		y[i] = math.Exp(-float64(i) / 100)
	}
	return Lines("loss", "step", "loss", Series{Label: "train", Y: y})
}

// BenchmarkProgressFrame is one live frame of a Progress (PNG only).
func BenchmarkProgressFrame(b *testing.B) {
	p := benchPlot()
	for b.Loop() {
		if _, err := render("bench", []*plot.Plot{p}, nil, DefaultWidth, DefaultHeight, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender is one full bundle (PNG + SVG), as Display sends.
func BenchmarkRender(b *testing.B) {
	p := benchPlot()
	for b.Loop() {
		if _, err := Render(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFunctionsHeaviside(b *testing.B) {
	step := func(x float64) float64 {
		if x > 0 {
			return 1
		}
		return 0
	}
	for b.Loop() {
		Functions("H", -3, 3, Curve{"H", step})
	}
}
