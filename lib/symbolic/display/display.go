// Package display shows symbolic expressions as rendered math in a gonb
// notebook: the expression's LaTeX, wrapped in $$…$$, is sent as a
// text/markdown output, which Jupyter typesets with MathJax (Markdown
// outputs survive in untrusted notebooks, unlike HTML). Outside a notebook
// the expression is printed as plain text, so the same cell code runs under
// go test and go run. It is a separate package so that lib/symbolic itself
// does not depend on gonb.
package display

import (
	"fmt"
	"io"
	"os"

	"github.com/gradbook/gradbook/lib/symbolic"
	"github.com/janpfeifer/gonb/gonbui"
)

// Stdout receives the plain-text form outside a notebook.
var Stdout io.Writer = os.Stdout

// Expr displays "lhs = e" (just e if lhs is empty). lhs is LaTeX, such as
// `f'(x)` or `\frac{\partial g}{\partial w}`.
func Expr(lhs string, e *symbolic.Expr) {
	if gonbui.IsNotebook {
		gonbui.DisplayMarkdown(symbolic.Markdown(lhs, e))
		gonbui.Sync()
		return
	}
	if lhs == "" {
		fmt.Fprintln(Stdout, e)
		return
	}
	fmt.Fprintf(Stdout, "%s = %v\n", lhs, e)
}
