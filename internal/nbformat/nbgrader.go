package nbformat

// NBGrader returns the cell's nbgrader metadata, or nil.
func NBGrader(c Cell) map[string]any {
	md, _ := c["metadata"].(map[string]any)
	g, _ := md["nbgrader"].(map[string]any)
	return g
}

// set reports whether the nbgrader flag key is true; a missing or non-boolean
// value is false, as in nbgrader.
func set(g map[string]any, key string) bool {
	b, _ := g[key].(bool)
	return b
}

// GradeID returns the cell's nbgrader grade_id, or "".
func GradeID(c Cell) string {
	id, _ := NBGrader(c)["grade_id"].(string)
	return id
}

// Points returns the points of a graded cell, 0 when it has none.
func Points(c Cell) float64 {
	p, _ := NBGrader(c)["points"].(float64)
	return p
}

// IsTest reports whether c is an autograded test cell: a graded code cell
// that is not itself a solution.
func IsTest(c Cell) bool {
	g := NBGrader(c)
	return g != nil && Type(c) == "code" && set(g, "grade") && !set(g, "solution")
}

// IsSolution reports whether c is a cell the student answers in.
func IsSolution(c Cell) bool { return set(NBGrader(c), "solution") }

// IsLocked reports whether the grader restores c from the source: a locked
// cell or a test.
func IsLocked(c Cell) bool {
	g := NBGrader(c)
	return g != nil && (set(g, "locked") || IsTest(c))
}

// A Test is one graded test cell.
type Test struct {
	ID     string
	Points float64
	Cell   int // index among the notebook's cells
}

// Tests returns the notebook's graded test cells in order.
func (nb Notebook) Tests() []Test {
	var ts []Test
	for i, c := range nb.Cells() {
		if IsTest(c) {
			ts = append(ts, Test{ID: GradeID(c), Points: Points(c), Cell: i})
		}
	}
	return ts
}
