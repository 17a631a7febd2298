package derivatives_test

import (
	"fmt"

	"github.com/gradbook/gradbook/lib/derivatives"
)

// The lecture's h(t) = (t² − 4)/(t − 2) at t = 2, where the formula is 0/0.
func ExampleCompare() {
	c, err := derivatives.Compare("(t^2 - 4)/(t - 2)", 2)
	if err != nil {
		panic(err)
	}
	for _, r := range c.Routes {
		fmt.Printf("%-28s %-8.4g %s\n", r.Name, r.Value, r.Cost)
	}
	// Output:
	// symbolic                     1        derivative formula of 1 node
	// finite differences           1        2 evaluations of f
	// forward mode (dual numbers)  NaN      4 operations on dual numbers
	// Taylor mode                  1        4 operations on truncated series
}
