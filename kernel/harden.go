package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strings"
)

// hardenTest rewrites a %% test cell for a graded run so that the student's
// code, compiled into the same program, can neither stand in for the checks
// nor learn the expected values from them:
//
//   - every check.F becomes alias.F, with alias an import of lib/check named
//     by a nonce chosen for this grading run. A student's
//     `var check fakeChecker` compiles but is never called; the nonce is not
//     known when the student's code is compiled.
//   - the expected value of Value, Within and Slice, and the reference
//     function of Func, become zero values. The grader compares what the
//     student's functions return with the reference run, so the checks do
//     not need them — and a program that reads its own source at run time
//     (gonb leaves main.go next to the executable) then finds no expected
//     value to echo.
//
// A cell that is not a %% cell, or does not parse, is returned unchanged.
func hardenTest(src, alias string) string {
	body, ok := strings.CutPrefix(strings.TrimLeft(src, " \t\n"), "%%")
	if !ok {
		return src
	}
	const head = "package p\nfunc _() {"
	text := head + body + "\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", text, 0)
	if err != nil {
		return src
	}
	type edit struct {
		from, to int
		with     string
	}
	locals := localNames(f)
	var edits []edit
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "check" {
				edits = append(edits, edit{off(id.Pos()), off(id.End()), alias})
			}
			return true
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok = call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "check" || len(call.Args) < 3 {
			return true
		}
		typ := map[string]string{"Value": "float64", "Within": "float64", "Slice": "[]float64", "Func": "func(float64) float64"}[sel.Sel.Name]
		if typ != "" {
			a := call.Args[2]
			edits = append(edits, edit{off(a.Pos()), off(a.End()), zeroOf(typ, a, locals)})
			// The expected value's own sub-expressions are gone with it.
			return true
		}
		return true
	})
	// Drop edits inside a replaced expected value, then apply from the end.
	sort.Slice(edits, func(i, j int) bool { return edits[i].from < edits[j].from })
	var kept []edit
	for _, e := range edits {
		if n := len(kept); n > 0 && e.from < kept[n-1].to {
			continue
		}
		kept = append(kept, e)
	}
	for i := len(kept) - 1; i >= 0; i-- {
		e := kept[i]
		text = text[:e.from] + e.with + text[e.to:]
	}
	body = strings.TrimSuffix(strings.TrimPrefix(text, head), "\n}\n")
	return "import " + alias + " \"" + modulePath + "/lib/check\"\n\n%%" + body
}

// localNames returns the variables a cell's body declares (:=, var, range).
func localNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	add := func(es ...ast.Expr) {
		for _, e := range es {
			if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
				names[id.Name] = true
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				add(n.Lhs...)
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				add(n.Key, n.Value)
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				add(id)
			}
		}
		return true
	})
	return names
}

// zeroOf is the zero value of typ standing in for the expected value e. It
// still mentions the cell's variables that e used, so that none of them
// becomes "declared and not used"; their values are not revealed.
func zeroOf(typ string, e ast.Expr, locals map[string]bool) string {
	var used []string
	seen := map[string]bool{}
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			ast.Inspect(sel.X, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && locals[id.Name] && !seen[id.Name] {
					seen[id.Name] = true
					used = append(used, id.Name)
				}
				return true
			})
			return false // a field or method name is not a variable
		}
		if id, ok := n.(*ast.Ident); ok && locals[id.Name] && !seen[id.Name] {
			seen[id.Name] = true
			used = append(used, id.Name)
		}
		return true
	})
	zero := map[string]string{"float64": "0", "[]float64": "nil", "func(float64) float64": "nil"}[typ]
	if len(used) == 0 {
		return zero
	}
	return "func() " + typ + " { _ = []any{" + strings.Join(used, ", ") + "}; return " + zero + " }()"
}
