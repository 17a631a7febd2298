module github.com/gradbook/gradbook/bench

go 1.26.0

require (
	github.com/gradbook/gradbook v0.0.0
	gonum.org/v1/gonum v0.17.0
	gonum.org/v1/netlib v0.0.0-20190313105609-8cb42192e0e0
)

require golang.org/x/tools v0.45.0 // indirect

replace github.com/gradbook/gradbook => ../
