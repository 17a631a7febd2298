package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// The logo is a white nabla (∇, the gradient) on a blue square, drawn here
// rather than shipped as a binary so it stays reviewable.
var (
	logoBlue  = color.RGBA{0x1f, 0x5f, 0xa8, 0xff}
	logoWhite = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

const logoSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
<rect width="64" height="64" rx="10" fill="#1f5fa8"/>
<path d="M10 14 H54 L32 52 Z M20 20 L32 41 L44 20 Z" fill="#fff" fill-rule="evenodd"/>
</svg>
`

// logoFiles returns the logo files Jupyter looks for in a kernel spec.
func logoFiles() map[string][]byte {
	return map[string][]byte{
		"logo-32x32.png": nablaPNG(32),
		"logo-64x64.png": nablaPNG(64),
		"logo-svg.svg":   []byte(logoSVG),
	}
}

// nablaPNG renders the logo at size×size pixels: the outer triangle
// (10,14)-(54,14)-(32,52) minus the inner one (20,20)-(44,20)-(32,41) on the
// 64-unit grid of the SVG.
func nablaPNG(size int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	s := float64(size) / 64
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			px, py := (float64(x)+0.5)/s, (float64(y)+0.5)/s
			c := logoBlue
			if inTriangle(px, py, 10, 14, 54, 14, 32, 52) && !inTriangle(px, py, 20, 20, 44, 20, 32, 41) {
				c = logoWhite
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic("kernel: encoding the logo: " + err.Error()) // cannot fail for an in-memory RGBA
	}
	return buf.Bytes()
}

// inTriangle reports whether (px,py) lies inside the triangle (a,b,c), by the
// signs of the three edge cross products.
func inTriangle(px, py, ax, ay, bx, by, cx, cy float64) bool {
	d1 := (px-bx)*(ay-by) - (ax-bx)*(py-by)
	d2 := (px-cx)*(by-cy) - (bx-cx)*(py-cy)
	d3 := (px-ax)*(cy-ay) - (cx-ax)*(py-ay)
	neg := d1 < 0 || d2 < 0 || d3 < 0
	pos := d1 > 0 || d2 > 0 || d3 > 0
	return !(neg && pos)
}
