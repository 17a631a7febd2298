// Package check holds the checks that exercise and assignment cells call to
// test a student's answer: a number within a tolerance (Value) or within an
// absolute distance (Within), a slice
// element by element (Slice), a function against a reference on sample points
// (Func), a derivative or a gradient against central differences (Derivative,
// Gradient), and any other condition, such as an accuracy threshold (True).
//
// Every check prints exactly one line to standard output and returns whether
// it passed. The line starts with "PASS " or "FAIL ", then the check's name;
// a failing line names the first mismatch (index, point, got, want, error).
// A check never panics because of the student's code: a panic inside a
// student's function is recovered and reported as a FAIL with the panic's
// message, and a NaN anywhere is a failure.
//
// Agreement is measured by a mixed absolute and relative error:
//
//	|got − want| ≤ tol · max(1, |want|)
//
// so tol is an absolute tolerance for numbers of size up to one and a
// relative one beyond. Equal infinities agree; a NaN never does.
//
// Derivative and Gradient compare with the central difference
//
//	∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h,   h = ε^(1/3) · max(1, |xᵢ|),
//
// whose error is about ε^(2/3) ≈ 4e-11 times the size of f and its third
// derivative, so a tolerance of 1e-6 is comfortable for smooth functions of
// moderate size.
//
// # Failures, cell errors and grading
//
// gonb reports a cell as an error exactly when the cell's program exits with
// a non-zero status: a compile error, a panic, or os.Exit(1). A failed check
// does not exit: the cell carries on, so a lecture notebook's exercise cell
// shows every PASS and FAIL line and the notebook still runs to the end.
//
// The grader (`go run ./kernel grade`) does not read PASS and FAIL lines:
// anything printed by the program that runs a student's code can be forged.
// When GRADBOOK_OBSERVE is set, every check also writes an observation — the
// values the student's code produced — to file descriptor 1, and the grader
// compares them with the reference solution's (package observe). A cell that
// wants to stop at the first failure can call Must(ok), which exits the cell with an error output, and
// NoError(err) does the same for an error; notebooks declare
// `var must = check.NoError` instead of each writing their own helper.
package check
