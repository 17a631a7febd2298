package dropout

import "github.com/gradbook/gradbook/lib/ad"

// Record records inverted dropout of x with mask m on x's tape and returns
// the result, x ⊙ m/Keep. It is ad's Mask operation with this mask's scaled
// factors, so the backward sweep multiplies the incoming gradient by the
// same factors. The factors are allocated here and live as long as the
// tape's record (nn.Dropout reuses one buffer instead).
func (m Mask) Record(x ad.Var) ad.Var {
	if m.Keep == 1 {
		return x
	}
	return x.Mask(m.Scaled(nil, x.Len()))
}
