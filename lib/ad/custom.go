package ad

// customOp is implemented in a later step.
type customOp interface{ name() string }
