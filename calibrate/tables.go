package calibrate

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// grid is a geometric grid of strengths with their coin thresholds.
type grid struct {
	s   []float64
	thr []uint64
}

func newGrid(lo, hi float64, points int) grid {
	g := grid{s: make([]float64, points), thr: make([]uint64, points)}
	for i := range points {
		x := lo
		if points > 1 {
			x = lo * math.Pow(hi/lo, float64(i)/float64(points-1))
		}
		g.s[i], g.thr[i] = x, sim.Threshold(x)
	}
	return g
}

// first returns the first grid index whose threshold lies above v: the
// smallest grid strength at which a value v is reached (len when none).
func (g grid) first(v uint64) int {
	i, _ := slices.BinarySearchFunc(g.thr, v, func(t, v uint64) int {
		if t <= v {
			return -1
		}
		return 1
	})
	return i
}

// tables hold, for each seed, background level and bucket edge, the share of
// worlds in which the reach is at least the edge, at each grid strength:
// tail(seed, r, k)[g]. Background level 0 is plain IC.
type tables struct {
	worlds, levels, edges, points int
	tail                          []float32
}

func (t *tables) at(seed, r, k int) []float32 {
	i := ((seed*t.levels+r)*t.edges + k) * t.points
	return t.tail[i : i+t.points]
}

// buildTables plays the worlds: for each world and background level, the
// background adopters (the engine's broadcast channel with fraction 1 and
// conversion r, a monotone coupling in r) and their bottleneck search; for
// each seed and world, the seed's search, merged with each background's.
// Work is split by seed; every seed's table is written by one worker, so
// the result does not depend on the number of workers.
func buildTables(ctx context.Context, g *graph.CSR, seeds []uint32, b Buckets, gr grid, rates []float64, worlds int, seed uint64, workers int) (*tables, error) {
	limit := b.Edges[len(b.Edges)-1]
	capThr := gr.thr[len(gr.thr)-1] // arcs with coins from here are dead at every grid strength
	L := len(rates)
	// Background searches, per world and level (level 0: nobody).
	bg := make([][]item, worlds*L)
	parallelEach(ctx, worlds, workers, func() func(w int) {
		s := newSearcher(g)
		var starts []sim.Start
		var src []uint32
		return func(w int) {
			key := sim.TrialKey(seed, uint64(w))
			for r := 1; r < L; r++ {
				starts = backgroundStarts(starts[:0], g, rates[r], key)
				src = src[:0]
				for _, st := range starts {
					if st.Active {
						src = append(src, st.Node)
					}
				}
				bg[w*L+r] = slices.Clone(s.search(key, src, limit, capThr))
			}
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	K, G := b.Len(), len(gr.s)
	t := &tables{worlds: worlds, levels: L, edges: K, points: G, tail: make([]float32, len(seeds)*L*K*G)}
	parallelEach(ctx, len(seeds), workers, func() func(i int) {
		s := newSearcher(g)
		m := newMerger(g.N())
		counts := make([]int32, L*K*(G+1))
		return func(i int) {
			clear(counts)
			src := []uint32{seeds[i]}
			for w := range worlds {
				key := sim.TrialKey(seed, uint64(w))
				own := s.search(key, src, limit, capThr)
				for r := range L {
					list := own
					if r > 0 && len(bg[w*L+r]) > 0 {
						list = m.merge(own, bg[w*L+r], limit)
					}
					for k, e := range b.Edges {
						j := G // never reached
						if e <= len(list) {
							j = gr.first(list[e-1].v)
						}
						counts[(r*K+k)*(G+1)+j]++
					}
				}
			}
			for r := range L {
				for k := range K {
					c := counts[(r*K+k)*(G+1):]
					dst := t.at(i, r, k)
					cum := int32(0)
					for j := range G {
						cum += c[j]
						dst[j] = float32(float64(cum) / float64(worlds))
					}
				}
			}
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// backgroundStarts returns the background adopters of a world: the engine's
// broadcast channel reaching everyone (fraction 1) with conversion r. Every
// person's conversion draw is made whatever r, so the adopters at a larger
// r include those at a smaller one.
func backgroundStarts(dst []sim.Start, g *graph.CSR, r float64, key uint64) []sim.Start {
	p := sim.Plan{Name: "background", Channels: []sim.Channel{{Name: "background", Fraction: 1, Convert: r}}}
	bp, err := p.Bind(g)
	if err != nil {
		panic("calibrate: background channel: " + err.Error()) // r is ours and in [0, 1]
	}
	dst, _ = bp.Starts(dst, nil, key)
	return dst
}

// merger merges two settled lists (each in increasing value) into the
// settled list from both sets of sources: each person once, at the smaller
// of its two values.
type merger struct {
	stamp []uint32
	epoch uint32
	out   []item
}

func newMerger(n int) *merger { return &merger{stamp: make([]uint32, n)} }

func (m *merger) merge(a, b []item, limit int) []item {
	if m.epoch == ^uint32(0) {
		clear(m.stamp)
		m.epoch = 0
	}
	m.epoch++
	m.out = m.out[:0]
	i, j := 0, 0
	for len(m.out) < limit && (i < len(a) || j < len(b)) {
		var it item
		if j >= len(b) || (i < len(a) && a[i].v <= b[j].v) {
			it = a[i]
			i++
		} else {
			it = b[j]
			j++
		}
		if m.stamp[it.node] == m.epoch {
			continue
		}
		m.stamp[it.node] = m.epoch
		m.out = append(m.out, it)
	}
	return m.out
}

// parallelFor calls f(i) for every i < n on workers goroutines (≤ 0:
// GOMAXPROCS). Each call must write only its own results.
func parallelFor(n, workers int, f func(i int)) {
	parallelEach(context.Background(), n, workers, func() func(int) { return f })
}

// parallelEach is parallelFor with state kept per worker: each goroutine
// calls newWorker once and then the function it returns for each i it
// takes. No i is taken once ctx is done.
func parallelEach(ctx context.Context, n, workers int, newWorker func() func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := newWorker()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
