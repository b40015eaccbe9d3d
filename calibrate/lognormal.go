package calibrate

import (
	"math"
)

// mixer mixes the per-strength tail tables over a log-normal distribution
// of strengths: each grid strength stands for the cell of log s between
// the midpoints to its neighbours (the end cells reach ±∞), and weighs as
// the log-normal's mass in that cell. Columns are (μ, σ) pairs, μ-major.
type mixer struct {
	mus, sigmas []float64
	// weight[col] is the cell masses from first[col] on.
	weight [][]float64
	first  []int
}

func newMixer(gr grid, mus, sigmas []float64) *mixer {
	G := len(gr.s)
	edges := make([]float64, G+1) // cell boundaries in log s
	edges[0], edges[G] = math.Inf(-1), math.Inf(1)
	for i := 1; i < G; i++ {
		edges[i] = (math.Log(gr.s[i-1]) + math.Log(gr.s[i])) / 2
	}
	m := &mixer{mus: mus, sigmas: sigmas}
	for _, mu := range mus {
		for _, sg := range sigmas {
			cdf := func(x float64) float64 { return 0.5 * math.Erfc(-(x-mu)/(sg*math.Sqrt2)) }
			lo, hi := -1, -1
			w := make([]float64, G)
			for i := range G {
				w[i] = cdf(edges[i+1]) - cdf(edges[i])
				if w[i] > 1e-12 {
					if lo < 0 {
						lo = i
					}
					hi = i
				}
			}
			m.first = append(m.first, lo)
			m.weight = append(m.weight, w[lo:hi+1])
		}
	}
	return m
}

// tailsAt writes into out the mixed tails of one seed at background level
// r for column col.
func (m *mixer) tailsAt(out []float64, t *tables, seed, r, col int) {
	w, f := m.weight[col], m.first[col]
	for k := range out {
		row := t.at(seed, r, k)[f:]
		s := 0.0
		for i, x := range w {
			s += x * float64(row[i])
		}
		out[k] = s
	}
}
