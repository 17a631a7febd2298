package plots

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// logTicks marks powers of ten on a log axis, labelled "1e-05", "0.001",
// "1", "1000" (gonum's LogTicks prints 1e-5 as 9.999999999999999e-06 when
// it builds powers by repeated multiplication). Over many decades only every
// k-th power is labelled; over few, 2×, 5× are labelled too and the other
// integer multiples are minor ticks.
type logTicks struct{}

var _ plot.Ticker = logTicks{}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0 && max >= min) {
		return nil
	}
	lo := int(math.Floor(math.Log10(min)))
	hi := int(math.Ceil(math.Log10(max)))
	decades := hi - lo
	step := 1
	if decades > 8 {
		step = (decades + 7) / 8
	}
	var ticks []plot.Tick
	for k := lo; k <= hi; k++ {
		// The double nearest 10^k, as the parser gives it: math.Pow10 can
		// be an ulp off for negative k, and its label then reads
		// "1.0000000000000001e-44".
		base, _ := strconv.ParseFloat("1e"+strconv.Itoa(k), 64)
		for m := 1; m <= 9; m++ {
			v := float64(m) * base
			if v < min*(1-1e-12) || v > max*(1+1e-12) {
				continue
			}
			label := ""
			switch {
			case m == 1 && (k-lo)%step == 0:
				label = strconv.FormatFloat(v, 'g', -1, 64)
			case decades <= 2 && (m == 2 || m == 5):
				label = strconv.FormatFloat(v, 'g', -1, 64)
			}
			if m > 1 && decades > 5 {
				continue // minor ticks would crowd
			}
			ticks = append(ticks, plot.Tick{Value: v, Label: label})
		}
	}
	return ticks
}

// LogAxis puts an axis of a plot made elsewhere on a log scale, labelled at
// powers of ten as LogLog labels its axes: LogAxis(&p.Y) gives a semi-log
// convergence plot. Points with values ≤ 0 cannot be drawn on it.
func LogAxis(a *plot.Axis) {
	a.Scale = plot.LogScale{}
	a.Tick.Marker = logTicks{}
}

// niceTicks labels a linear axis at about six round values (1, 2 or 5 times
// a power of ten apart), with unlabelled minor ticks between them; gonum's
// default often labels only two or three values.
type niceTicks struct{}

var _ plot.Ticker = niceTicks{}

func (niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return plot.DefaultTicks{}.Ticks(min, max)
	}
	raw := (max - min) / 6
	mag := math.Pow10(int(math.Floor(math.Log10(raw))))
	step := mag
	for _, m := range []float64{2, 5, 10} {
		if raw/mag > m*0.75 {
			step = m * mag
		}
	}
	minor := step / 5
	if step/mag == 2 || step/mag == 20 {
		minor = step / 4
	}
	var ticks []plot.Tick
	first := math.Ceil(min/minor-1e-9) * minor
	for i := 0; ; i++ {
		v := first + float64(i)*minor
		if v > max+minor*1e-9 || i > 1000 {
			break
		}
		label := ""
		if r := v / step; math.Abs(r-math.Round(r)) < 1e-6 {
			v = math.Round(r) * step
			if math.Abs(v) < step*1e-9 {
				v = 0
			}
			label = strconv.FormatFloat(v, 'g', 6, 64)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}
