// Package nbformat reads, edits and writes Jupyter notebooks (nbformat 4) and
// knows nbgrader's cell metadata. It is the one place that knows the format:
// the kernel command (exec, assign, grade, html) and the hub test use it.
//
// A notebook is kept as generic JSON, so fields this package does not know
// survive a round trip; Write produces what nbformat writes (keys sorted,
// an indent of one space), so a notebook read and written back unchanged is
// byte-for-byte the same as one saved by Jupyter.
//
// nbgrader's conventions (nbgrader.readthedocs.io, "Creating and grading
// assignments"): a graded test cell carries the metadata
//
//	{"nbgrader": {"grade": true, "solution": false, "locked": true,
//	 "grade_id": "...", "points": N, "schema_version": 3}}
//
// and a locked cell is one the grader restores from the source notebook.
package nbformat
