package interactive

import (
	"fmt"
	"math"
	"strconv"
)

// MaxFrames bounds the number of frames of one figure: the product of the
// number of settings of all its controls. Every frame is drawn in advance
// and sent with the figure, so this also bounds the cell's output size.
const MaxFrames = 200

// Control is one slider or drop-down list of an interactive figure. Make it
// with Slider, SliderOver or Select; a Control with bad arguments carries
// its error, which Show (and Render) return.
type Control struct {
	name   string
	labels []string  // shown next to the control, one per setting
	values []float64 // a slider's values; nil for a Select
	def    int       // index of the default setting
	slider bool
	err    error
}

// Slider is a slider over min, min+step, …, max (the last value is max
// when step does not divide the range exactly, up to rounding), starting at
// the grid value nearest to def. name is shown next to the slider, with the
// current value.
func Slider(name string, min, max, step, def float64) Control {
	c := Control{name: name, slider: true}
	switch {
	case !finite(min) || !finite(max) || !finite(step) || !finite(def):
		c.err = fmt.Errorf("interactive: Slider %q: min %v, max %v, step %v and default %v must be finite", name, min, max, step, def)
		return c
	case !(min < max) || !(step > 0):
		c.err = fmt.Errorf("interactive: Slider %q: need min < max and step > 0, have min %v, max %v, step %v", name, min, max, step)
		return c
	case def < min || def > max:
		c.err = fmt.Errorf("interactive: Slider %q: default %v is outside [%v, %v]", name, def, min, max)
		return c
	}
	n := (max - min) / step
	if n > MaxFrames {
		c.err = fmt.Errorf("interactive: Slider %q: %.0f steps of %v from %v to %v, more than MaxFrames = %d", name, n, step, min, max, MaxFrames)
		return c
	}
	// Each value is computed from its index, so no rounding error builds
	// up along the slider; a last step shorter than step ends at max.
	k := int(math.Round(n))
	vals := make([]float64, 0, k+1)
	for i := 0; i <= k; i++ {
		vals = append(vals, math.Min(min+float64(i)*step, max))
	}
	if vals[len(vals)-1] < max-1e-9*(max-min) {
		vals = append(vals, max)
	}
	return sliderOver(c, vals, def)
}

// SliderOver is a slider over the given values, in the order given, for
// grids that are not evenly spaced: powers of ten for a finite-difference
// step, say. It starts at the value nearest to def.
func SliderOver(name string, values []float64, def float64) Control {
	c := Control{name: name, slider: true}
	switch {
	case len(values) == 0:
		c.err = fmt.Errorf("interactive: SliderOver %q: no values", name)
		return c
	case len(values) > MaxFrames:
		c.err = fmt.Errorf("interactive: SliderOver %q: %d values, more than MaxFrames = %d", name, len(values), MaxFrames)
		return c
	case !finite(def):
		c.err = fmt.Errorf("interactive: SliderOver %q: default %v is not finite", name, def)
		return c
	}
	for i, v := range values {
		if !finite(v) {
			c.err = fmt.Errorf("interactive: SliderOver %q: value %d is %v", name, i, v)
			return c
		}
	}
	return sliderOver(c, append([]float64(nil), values...), def)
}

func sliderOver(c Control, vals []float64, def float64) Control {
	c.values = vals
	c.labels = make([]string, len(vals))
	for i, v := range vals {
		c.labels[i] = strconv.FormatFloat(v, 'g', 4, 64)
		if math.Abs(v-def) < math.Abs(vals[c.def]-def) {
			c.def = i
		}
	}
	return c
}

// Select is a drop-down list of options, starting at def, which must be
// one of them.
func Select(name string, options []string, def string) Control {
	c := Control{name: name}
	if len(options) == 0 {
		c.err = fmt.Errorf("interactive: Select %q: no options", name)
		return c
	}
	if len(options) > MaxFrames {
		c.err = fmt.Errorf("interactive: Select %q: %d options, more than MaxFrames = %d", name, len(options), MaxFrames)
		return c
	}
	c.def = -1
	seen := map[string]bool{}
	for i, o := range options {
		if seen[o] {
			c.err = fmt.Errorf("interactive: Select %q: option %q appears twice", name, o)
			return c
		}
		seen[o] = true
		if o == def {
			c.def = i
		}
	}
	if c.def < 0 {
		c.err = fmt.Errorf("interactive: Select %q: default %q is not one of the options %q", name, def, options)
		return c
	}
	c.labels = append([]string(nil), options...)
	return c
}

// Name is the control's name, as shown and as passed to Values.Float and
// Values.Text.
func (c Control) Name() string { return c.name }

// Len is the number of settings of the control.
func (c Control) Len() int { return len(c.labels) }

// Err is the error of a control made with bad arguments, or nil.
func (c Control) Err() error { return c.err }

// Values are the settings of a figure's controls for one frame.
type Values struct {
	controls []Control
	at       []int // setting index per control
}

func (v Values) find(op, name string) (Control, int) {
	for i, c := range v.controls {
		if c.name == name {
			return c, v.at[i]
		}
	}
	names := make([]string, len(v.controls))
	for i, c := range v.controls {
		names[i] = c.name
	}
	panic(fmt.Sprintf("interactive: Values.%s: no control named %q (the controls are %q)", op, name, names))
}

// Float is the current value of the slider called name. It panics if
// there is no such control, or it is a Select: a mistake in the cell's
// code, not in data.
func (v Values) Float(name string) float64 {
	c, i := v.find("Float", name)
	if !c.slider {
		panic(fmt.Sprintf("interactive: Values.Float: %q is a Select; use Text", name))
	}
	return c.values[i]
}

// Text is the current setting of the control called name as shown: a
// Select's option, or a slider's value formatted with 4 significant
// digits. It panics if there is no such control.
func (v Values) Text(name string) string {
	c, i := v.find("Text", name)
	return c.labels[i]
}

// Index is the position of the current setting of the control called
// name, counting from 0. It panics if there is no such control.
func (v Values) Index(name string) int {
	_, i := v.find("Index", name)
	return i
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
