package adviz

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gradbook/gradbook/lib/ad"
	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/gradbook/gradbook/internal/testenv"
)

func TestGraphFallbackAndBundle(t *testing.T) {
	tape := ad.NewTape()
	x := tape.VariableScalar(1).Name("x")
	y := x.Exp().Name("y")
	tape.Backward(y)

	var buf bytes.Buffer
	out = &buf
	inNotebook = func() bool { return false }
	Graph(tape, y)
	if !strings.Contains(buf.String(), "digraph") {
		t.Errorf("outside a notebook Graph printed %q, want the DOT text", buf.String())
	}

	testenv.Need(t, "graphviz")
	var got *protocol.DisplayData
	inNotebook = func() bool { return true }
	send = func(d *protocol.DisplayData) { got = d }
	syncDisplay = func() {}
	if err := Graph(tape, y); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Data[protocol.MIMEImagePNG] == nil || got.Data[protocol.MIMEImageSVG] == nil {
		t.Errorf("notebook bundle lacks PNG or SVG: %v", got)
	}
}
