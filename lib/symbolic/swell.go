package symbolic

// A SwellRow compares the size (number of nodes) of the k-th derivative
// computed by the rules alone with the size after simplification.
type SwellRow struct {
	Order      int
	Raw        int // DiffRaw applied Order times
	Simplified int // Diff (simplifying after every step)
}

// maxSwell stops Swell before raw trees exhaust memory.
const maxSwell = 2_000_000

// Swell measures expression swell, the lecture's "this is hard for
// computers": the product rule turns one product of n factors into n
// products, so naive derivatives grow geometrically with the order while
// the simplified ones often stay small. It returns one row per order 1…n,
// stopping early once a raw tree exceeds two million nodes.
func Swell(e *Expr, x string, n int) []SwellRow {
	raw, simp := e, e
	var rows []SwellRow
	for k := 1; k <= n; k++ {
		raw = DiffRaw(raw, x)
		simp = Diff(simp, x, 1)
		rows = append(rows, SwellRow{k, raw.Size(), simp.Size()})
		if raw.Size() > maxSwell {
			break
		}
	}
	return rows
}
