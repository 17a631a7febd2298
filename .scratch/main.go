package main

import (
	"fmt"

	"github.com/gradbook/gradbook/lib/derivatives"
)

func main() {
	for _, c := range []struct {
		e string
		x float64
	}{{"(t^2 - 4)/(t - 2)", 2}, {"sin(x)/x", 0}, {"(1 - cos(x))/x^2", 0}} {
		r, err := derivatives.Compare(c.e, c.x)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Print(r)
	}
}
