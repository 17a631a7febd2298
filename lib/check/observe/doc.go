// Package observe carries the values that a test cell's checks see from a
// student's code to the grader, and compares them with a reference.
//
// A check in lib/check decides PASS or FAIL inside the program that runs the
// student's code, and anything decided there can be forged: the student's
// code can print "PASS", swap os.Stdout, shadow the check package or exit
// early. So the grader does not believe it. When GRADBOOK_OBSERVE is set
// (the grader sets it), every check also writes one Record — the check's
// name, the values the student's functions returned on the test's inputs and
// the test's tolerance — as a framed line on standard output. The grader runs
// the instructor's source notebook the same way to get the reference
// records, and Compare decides in the grader's own process: a test passes
// when every reference record has exactly one student record of the same
// name whose values agree within the REFERENCE's tolerance.
//
// Forging a record is possible and useless: a forged record passes only when
// it holds the reference solution's values for the test's inputs, which is
// solving the task. A record reported twice (a forged one next to the real
// one) fails, and a record that never arrives (an early exit, a silenced
// stdout) fails. The one kind of record that carries no value to get right is
// a boolean (check.True); graded tests should observe a number instead.
package observe
