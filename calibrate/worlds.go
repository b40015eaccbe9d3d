package calibrate

import (
	"math"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// searcher finds, in one random world, the coin level at which each person
// is reached from a set of sources: the bottleneck (minimax) value of the
// best path, the largest coin on it. Under the coupling of sim.IC with
// per-arc coins, a person is reached at strength s exactly when this value
// is below sim.Threshold(s). A searcher owns its scratch; it is not safe
// for concurrent use.
type searcher struct {
	g     *graph.CSR
	best  []uint64 // best value so far (valid when stamp[v] == epoch)
	stamp []uint32 // epoch: seen; epoch+1: settled
	epoch uint32
	heap  []item
	// settled lists (node, value) in settling order: values never decrease.
	settled []item
}

type item struct {
	v    uint64
	node uint32
}

func newSearcher(g *graph.CSR) *searcher {
	n := g.N()
	return &searcher{g: g, best: make([]uint64, n), stamp: make([]uint32, n)}
}

// search settles people in increasing bottleneck value from the sources
// (value 0) in the world of key, and stops after limit people (or when
// nothing more is reachable). It returns the settled list, valid until the
// next call. Arcs whose coin is not below cap are ignored (cap =
// sim.Threshold of the largest strength of interest).
func (s *searcher) search(key uint64, sources []uint32, limit int, cap uint64) []item {
	if s.epoch >= math.MaxUint32-3 {
		clear(s.stamp)
		s.epoch = 0
	}
	s.epoch += 2
	ep, done := s.epoch, s.epoch+1
	s.heap = s.heap[:0]
	s.settled = s.settled[:0]
	for _, v := range sources {
		if s.stamp[v] < ep {
			s.stamp[v] = ep
			s.best[v] = 0
			s.push(item{0, v})
		}
	}
	g := s.g
	for len(s.heap) > 0 && len(s.settled) < limit {
		it := s.pop()
		u := it.node
		if s.stamp[u] == done || it.v > s.best[u] {
			continue
		}
		s.stamp[u] = done
		s.settled = append(s.settled, it)
		c := sim.NewCoins(key, u, sim.PurposeShare)
		lo, hi := g.Out.Offsets[u], g.Out.Offsets[u+1]
		for _, v := range g.Out.Targets[lo:hi] {
			x := c.Uint64() // arc j's coin: the j-th draw, as sim.IC's coins
			if x >= cap || s.stamp[v] == done {
				continue
			}
			val := max(x, it.v)
			if s.stamp[v] < ep || val < s.best[v] {
				s.stamp[v] = ep
				s.best[v] = val
				s.push(item{val, v})
			}
		}
	}
	return s.settled
}

func (s *searcher) push(it item) {
	h := append(s.heap, it)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if h[p].v <= it.v {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = it
	s.heap = h
}

func (s *searcher) pop() item {
	h := s.heap
	top := h[0]
	last := h[len(h)-1]
	h = h[:len(h)-1]
	i := 0
	for {
		c := 2*i + 1
		if c >= len(h) {
			break
		}
		if c+1 < len(h) && h[c+1].v < h[c].v {
			c++
		}
		if last.v <= h[c].v {
			break
		}
		h[i] = h[c]
		i = c
	}
	if len(h) > 0 {
		h[i] = last
	}
	s.heap = h
	return top
}
