package plots

import (
	"fmt"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
)

// missingGlyph returns the first rune of s that the plot font cannot draw.
// gonum/plot draws such a rune as nothing at all, so a title like
// "descent on ∇f" silently loses its symbol in the figure; Liberation Sans
// has Greek, sub- and superscript digits and most arrows, but not ∇, ⊙, ∝
// or the subscript letters.
func missingGlyph(fnt font.Font, s string) (rune, bool) {
	face := font.DefaultCache.Lookup(fnt, 10)
	if face.Face == nil {
		return 0, false
	}
	var buf sfnt.Buffer
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if i, err := face.Face.GlyphIndex(&buf, r); err != nil || i == 0 {
			return r, true
		}
	}
	return 0, false
}

// checkGlyphs reports the first text of p — title, axis labels, the labels
// the helpers gave its series — that holds a rune the font cannot draw.
func checkGlyphs(p *plot.Plot) error {
	texts := []struct{ what, s string }{
		{"title", p.Title.Text},
		{"x label", p.X.Label.Text},
		{"y label", p.Y.Label.Text},
	}
	if in, ok := legendData.load(p); ok {
		for _, label := range in.keys {
			texts = append(texts, struct{ what, s string }{"legend", label})
		}
	}
	for _, t := range texts {
		if r, ok := missingGlyph(SansFont, t.s); ok {
			return fmt.Errorf("%s %q: the plot font has no glyph for %q (U+%04X), which would not be drawn; write it another way", t.what, t.s, r, r)
		}
	}
	return nil
}
