package plots

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"gonum.org/v1/plot/vg"
)

// MaxWidth is the widest figure the package sends: 720 pt, which a browser
// shows as 960 px, just inside the ~980 px output column of Jupyter
// Notebook. A wider figure would be cut off behind a horizontal scroll bar
// (Size takes points, so Size(1000, 400) asks for 1333 px). A figure asked
// for wider is laid out at the size asked for and then scaled down as a
// whole, text included, so that nothing is cropped and the layout the author
// chose is kept.
const MaxWidth vg.Length = 720 // points (vg.Length is in points)

// fitScale is the factor that brings a figure of width w within MaxWidth:
// 1 for figures that fit.
func fitScale(w vg.Length) float64 {
	if w <= MaxWidth {
		return 1
	}
	return float64(MaxWidth / w)
}

// pngDPI is the resolution of the PNG of a figure scaled by scale: the
// image then has at most scale·w·DPI/72 pixels across. Rounded down, so
// that the image never ends up wider than MaxWidth.
func pngDPI(scale float64) int {
	return max(1, int(math.Floor(DPI*scale)))
}

var (
	svgRoot  = regexp.MustCompile(`<svg width="([0-9.e+-]+)pt" height="([0-9.e+-]+)pt"`)
	svgImage = regexp.MustCompile(`<image `)
	svgFont  = regexp.MustCompile(`font-family:\s*"?([^;"]+)"?;`)
)

// fixSVG post-processes the SVG that gonum's vgsvg writes:
//
//   - Raster images (the colour map of a heat map) get
//     preserveAspectRatio="none". vgsvg sets the <image> element's width and
//     height to the data area, but SVG's default is to keep the bitmap's
//     own aspect ratio and centre it, so a 120×120 colour map drawn into a
//     wide frame is squeezed into a centred square and its colours no longer
//     line up with the contour lines. The PNG of the same figure is right.
//   - The outer width and height are multiplied by scale (the viewBox stays),
//     so the browser scales the whole drawing, as for the PNG.
//   - A font family gets generic fallbacks: vgsvg names the font ("Liberation
//     Sans") without embedding it, and a browser without that font would
//     otherwise fall back to its default serif face with other metrics.
func fixSVG(svg string, scale float64) (string, error) {
	if scale != 1 {
		m := svgRoot.FindStringSubmatchIndex(svg)
		if m == nil {
			return "", fmt.Errorf("SVG without the expected <svg width=… height=…> header")
		}
		var w, h float64
		if _, err := fmt.Sscan(svg[m[2]:m[3]], &w); err != nil {
			return "", fmt.Errorf("SVG width %q: %w", svg[m[2]:m[3]], err)
		}
		if _, err := fmt.Sscan(svg[m[4]:m[5]], &h); err != nil {
			return "", fmt.Errorf("SVG height %q: %w", svg[m[4]:m[5]], err)
		}
		svg = svg[:m[0]] + fmt.Sprintf(`<svg width="%.4gpt" height="%.4gpt"`, w*scale, h*scale) + svg[m[1]:]
	}
	svg = svgImage.ReplaceAllLiteralString(svg, `<image preserveAspectRatio="none" `)
	svg = svgFont.ReplaceAllStringFunc(svg, func(s string) string {
		fam := strings.TrimSpace(svgFont.FindStringSubmatch(s)[1])
		return "font-family:" + fontStack(fam) + ";"
	})
	return svg, nil
}

// fontStack is a CSS font-family list: the named face first, then faces
// with the same metrics (Arial and Helvetica for Liberation Sans), then the
// generic family.
func fontStack(family string) string {
	q := "'" + family + "'"
	switch {
	case strings.Contains(family, "Mono"):
		return q + ",'Courier New',monospace"
	case strings.Contains(family, "Serif"):
		return q + ",'Times New Roman',serif"
	default:
		return q + ",Arial,Helvetica,sans-serif"
	}
}
