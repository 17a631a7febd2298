package display

import (
	"bytes"
	"testing"

	"github.com/gradbook/gradbook/lib/symbolic"
)

func TestExprOutsideNotebook(t *testing.T) {
	var b bytes.Buffer
	Stdout = &b
	Expr("h(t)", symbolic.MustParse("(t^2-4)/(t-2)"))
	Expr("", symbolic.MustParse("t+2"))
	if got, want := b.String(), "h(t) = (t^2 - 4)/(t - 2)\nt + 2\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
