package calibrate

import (
	"math"
	"slices"

	"github.com/ripple-sim/ripple/cascades"
	"github.com/ripple-sim/ripple/graph"
)

// Delay is the time structure of timed cascades on their graph.
type Delay struct {
	// Adopters counts the adopters checked (the seed excluded, users in the
	// graph only).
	Adopters int `json:"adopters"`
	// Explained is the share of adopters with an in-neighbour (someone whose
	// shares they see) that adopted strictly earlier.
	Explained float64 `json:"explained_fraction"`
	// Reversed is the same share with time reversed: adopters (the last one
	// excluded) with an in-neighbour that adopted strictly later. Explained
	// well above Reversed says adoption follows the graph's arcs in time.
	Reversed float64 `json:"reversed_fraction"`
	// MedianHours is the median time from an adopter's first exposure (the
	// earliest adoption among its in-neighbours) to its adoption, over the
	// explained adopters, in hours (times taken in seconds); NaN when none.
	MedianHours float64 `json:"first_exposure_median_hours"`
}

// DelayStructure measures the delay structure of timed cascades on g
// (users matched by label; users not in g are left out). Cascades without
// times are skipped.
func DelayStructure(g *graph.CSR, cs []cascades.Cascade) Delay {
	n := g.N()
	when := make([]float64, n)
	stamp := make([]int, n)
	var d Delay
	var early, late, revTotal int
	var waits []float64
	ids := []int32{}
	for ci, c := range cs {
		if c.Times == nil {
			continue
		}
		ids = ids[:0]
		for i, u := range c.Users {
			v, ok := g.Labels().ID(u)
			if !ok {
				ids = append(ids, -1)
				continue
			}
			ids = append(ids, int32(v))
			if stamp[v] != ci+1 || c.Times[i] < when[v] {
				stamp[v] = ci + 1
				when[v] = c.Times[i]
			}
		}
		for i, v := range ids {
			if v < 0 {
				continue
			}
			t := when[v]
			first := math.Inf(1)
			later := false
			for _, u := range g.In.Neighbors(uint32(v)) {
				if stamp[u] != ci+1 {
					continue
				}
				if when[u] < t {
					first = min(first, when[u])
				}
				if when[u] > t {
					later = true
				}
			}
			if i > 0 {
				d.Adopters++
				if !math.IsInf(first, 1) {
					early++
					waits = append(waits, (t-first)/3600)
				}
			}
			if i < len(ids)-1 {
				revTotal++
				if later {
					late++
				}
			}
		}
	}
	d.Explained = frac(early, d.Adopters)
	d.Reversed = frac(late, revTotal)
	d.MedianHours = math.NaN()
	if len(waits) > 0 {
		slices.Sort(waits)
		m := len(waits) / 2
		d.MedianHours = waits[m]
		if len(waits)%2 == 0 {
			d.MedianHours = (waits[m-1] + waits[m]) / 2
		}
	}
	return d
}

func frac(k, n int) float64 {
	if n == 0 {
		return math.NaN()
	}
	return float64(k) / float64(n)
}
