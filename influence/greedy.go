package influence

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/ripple-sim/ripple/graph"
)

// Greedy maximum coverage over RR sets. Picking the node that meets the most
// sets not yet met, k times, meets at least (1 − 1/e) of the most any k
// nodes meet (Nemhauser, Wolsey & Fisher 1978); σ(S) ≈ n·covered/θ turns
// that into reach.
//
// Under a budget with node costs c_v, the cost-effective greedy picks the
// affordable node of largest (newly met sets)/c_v until nothing affordable
// is left; taking the better of it and the best single affordable node
// meets at least (1 − 1/e)/2 of the optimum (Khuller, Moss & Naor,
// "The budgeted maximum coverage problem", IPL 1999; Leskovec et al.,
// "Cost-effective outbreak detection in networks", KDD 2007).

// Selection is a chosen seed set with what the RR sets say of it.
type Selection struct {
	// Seeds in the order chosen.
	Seeds []uint32
	// Gains[i] is the estimated reach that Seeds[i] added: n·(sets it met
	// first)/θ.
	Gains []float64
	// Covered is the number of sets the seeds meet, of Sets.
	Covered, Sets int
	// Reach is the RR estimate n·Covered/Sets of σ(Seeds).
	Reach float64
	// Cost is the seeds' total cost (0 without costs).
	Cost float64
	// Rule says how the seeds were chosen: "greedy", "ratio greedy" or
	// "best single seed".
	Rule string
}

// cover is the node-to-set index of a store with the per-node counts of
// sets not yet met. Positions are those of the sets' first entries.
type cover struct {
	st      *Store
	n       int
	count   []uint32 // sets not yet met that contain v
	off     []uint32 // pos[off[v]:off[v+1]] are the sets containing v
	pos     []uint32
	covered []uint64 // bit p: the set starting at entry p is met
}

// newCover builds the index. Cost O(n + entries), 4 bytes per entry.
func newCover(st *Store, n int) *cover {
	c := &cover{st: st, n: n, count: make([]uint32, n), off: make([]uint32, n+1)}
	for _, x := range st.entries {
		c.off[x&^mark+1]++
	}
	for v := range n {
		c.off[v+1] += c.off[v]
	}
	c.pos = make([]uint32, len(st.entries))
	fill := slices.Clone(c.off[:n])
	start := uint32(0)
	for p, x := range st.entries {
		if x&mark != 0 {
			start = uint32(p)
		}
		v := x &^ mark
		c.pos[fill[v]] = start
		fill[v]++
	}
	c.covered = make([]uint64, (len(st.entries)+63)/64)
	c.reset()
	return c
}

// reset marks every set as not met.
func (c *cover) reset() {
	clear(c.covered)
	for v := range c.n {
		c.count[v] = c.off[v+1] - c.off[v]
	}
}

// bytes returns the memory of the index.
func (c *cover) bytes() int {
	return 4*(len(c.count)+len(c.off)+len(c.pos)) + 8*len(c.covered)
}

// take adds u to the seeds: every set containing u not yet met is met, and
// the counts of its members drop. It returns the number of sets newly met.
func (c *cover) take(u uint32) int {
	e := c.st.entries
	gain := 0
	for _, p := range c.pos[c.off[u]:c.off[u+1]] {
		if c.covered[p/64]&(1<<(p%64)) != 0 {
			continue
		}
		c.covered[p/64] |= 1 << (p % 64)
		gain++
		for q := p; ; {
			c.count[e[q]&^mark]--
			if q++; int(q) == len(e) || e[q]&mark != 0 {
				break
			}
		}
	}
	return gain
}

// entry is a lazy-queue entry: key is the node's score when pushed.
type entry struct {
	key float64
	v   uint32
}

// queue is a max-queue of entries, larger key first, then smaller id, so
// that every choice is deterministic.
type queue []entry

func (a entry) before(b entry) bool { return a.key > b.key || (a.key == b.key && a.v < b.v) }

func (q *queue) push(e entry) {
	h := append(*q, e)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !h[i].before(h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	*q = h
}

func (q *queue) pop() entry {
	h := *q
	top := h[0]
	h[0] = h[len(h)-1]
	h = h[:len(h)-1]
	h.down(0)
	*q = h
	return top
}

// down moves q[i] down to its place below its parent.
func (q queue) down(i int) {
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(q) && q[l].before(q[m]) {
			m = l
		}
		if r < len(q) && q[r].before(q[m]) {
			m = r
		}
		if m == i {
			return
		}
		q[i], q[m] = q[m], q[i]
		i = m
	}
}

// heapify orders q as a queue in O(len).
func (q queue) heapify() {
	for i := len(q)/2 - 1; i >= 0; i-- {
		q.down(i)
	}
}

// greedy picks k seeds by lazy greedy coverage (counts only fall, so a
// node whose stored count is still current is the best). When fewer than
// k nodes meet any set, the rest are the nodes of largest out-degree (ties:
// smaller id) with no gain, so that k seeds are always returned.
func (c *cover) greedy(k int, outDegree func(uint32) int) Selection {
	c.reset()
	q := make(queue, 0, c.n)
	for v := range c.n {
		if c.count[v] > 0 {
			q = append(q, entry{float64(c.count[v]), uint32(v)})
		}
	}
	q.heapify()
	sel := Selection{Rule: "greedy", Sets: c.st.sets}
	chosen := make([]bool, c.n)
	for len(sel.Seeds) < k && len(q) > 0 {
		e := q.pop()
		if now := float64(c.count[e.v]); now != e.key {
			if now > 0 {
				q.push(entry{now, e.v})
			}
			continue
		}
		g := c.take(e.v)
		chosen[e.v] = true
		sel.add(e.v, g, c.n)
	}
	if len(sel.Seeds) < k {
		rest := make([]uint32, 0, c.n)
		for v := range uint32(c.n) {
			if !chosen[v] {
				rest = append(rest, v)
			}
		}
		slices.SortStableFunc(rest, func(a, b uint32) int { return cmp.Compare(outDegree(b), outDegree(a)) })
		for _, v := range rest[:k-len(sel.Seeds)] {
			sel.add(v, 0, c.n)
		}
	}
	return sel
}

// add appends v with gain newly met sets.
func (s *Selection) add(v uint32, gain, n int) {
	s.Seeds = append(s.Seeds, v)
	s.Covered += gain
	s.Gains = append(s.Gains, float64(n)*float64(gain)/float64(s.Sets))
	s.Reach = float64(n) * float64(s.Covered) / float64(s.Sets)
}

// budgeted picks seeds of total cost ≤ budget: the better of the ratio
// greedy and the best single affordable node (ties go to the ratio greedy).
// costs has one entry per node, each finite and ≥ 0. A node of cost 0 and
// positive gain comes first. It returns an error when no node is
// affordable.
func (c *cover) budgeted(costs []float64, budget float64) (Selection, error) {
	c.reset()
	best, bestCount := -1, uint32(0)
	q := make(queue, 0, c.n)
	for v := range c.n {
		if costs[v] > budget || c.count[v] == 0 {
			continue
		}
		if best < 0 || c.count[v] > bestCount || (c.count[v] == bestCount && costs[v] < costs[best]) {
			best, bestCount = v, c.count[v]
		}
		q = append(q, entry{ratio(c.count[v], costs[v]), uint32(v)})
	}
	if best < 0 {
		cheapest := math.Inf(1)
		for _, x := range costs {
			cheapest = min(cheapest, x)
		}
		if cheapest > budget {
			return Selection{}, fmt.Errorf("influence: budget %v buys no seed (the cheapest costs %v)", budget, cheapest)
		}
		// Affordable nodes exist but meet no set: nothing to gain.
		return Selection{Rule: "ratio greedy", Sets: c.st.sets}, nil
	}
	q.heapify()
	sel := Selection{Rule: "ratio greedy", Sets: c.st.sets}
	left := budget
	for len(q) > 0 {
		e := q.pop()
		if costs[e.v] > left {
			continue // never affordable again
		}
		if now := ratio(c.count[e.v], costs[e.v]); now != e.key {
			if c.count[e.v] > 0 {
				q.push(entry{now, e.v})
			}
			continue
		}
		g := c.take(e.v)
		sel.add(e.v, g, c.n)
		sel.Cost += costs[e.v]
		left -= costs[e.v]
	}
	if int(bestCount) > sel.Covered {
		single := Selection{Rule: "best single seed", Sets: c.st.sets, Cost: costs[best]}
		c.reset()
		single.add(uint32(best), c.take(uint32(best)), c.n)
		return single, nil
	}
	return sel, nil
}

// ratio is newly met sets per unit of cost; free nodes come first.
func ratio(count uint32, cost float64) float64 {
	if cost == 0 {
		return math.Inf(1)
	}
	return float64(count) / cost
}

// Coverage answers greedy selections over one store of RR sets drawn on
// g: it holds the node-to-set index (4 bytes per entry, a bit per entry for
// the covered marks), built once, so that several budgets can be tried on
// the same sets. It is not safe for concurrent use.
type Coverage struct {
	c *cover
	g *graph.CSR
}

// NewCoverage indexes st, whose sets were drawn on g. Cost O(n + entries).
func NewCoverage(st *Store, g *graph.CSR) (*Coverage, error) {
	if st.sets == 0 {
		return nil, fmt.Errorf("influence: no RR sets to select from")
	}
	return &Coverage{c: newCover(st, g.N()), g: g}, nil
}

// Bytes returns the memory of the index.
func (cv *Coverage) Bytes() int { return cv.c.bytes() }

// Greedy picks k seeds (1 ≤ k ≤ n) by lazy greedy coverage, (1 − 1/e) of
// the best coverage of any k nodes. Cost O(entries + n log n).
func (cv *Coverage) Greedy(k int) (Selection, error) {
	if k < 1 || k > cv.g.N() {
		return Selection{}, fmt.Errorf("influence: bad seed count: k=%d (want 1 ≤ k ≤ %d, the number of nodes)", k, cv.g.N())
	}
	return cv.c.greedy(k, cv.g.Out.Degree), nil
}

// Budgeted picks seeds of total cost at most budget, costs[v] being the
// price of node v (≥ 0, one per node; +Inf: not for sale): the better of the ratio
// greedy and the best single affordable seed, (1 − 1/e)/2 of the best
// coverage within the budget. A budget that buys no seed is an error.
func (cv *Coverage) Budgeted(costs []float64, budget float64) (Selection, error) {
	if err := checkCosts(costs, cv.g); err != nil {
		return Selection{}, err
	}
	if !(budget >= 0) || math.IsInf(budget, 0) {
		return Selection{}, fmt.Errorf("influence: bad budget: %v (want a finite number ≥ 0)", budget)
	}
	return cv.c.budgeted(costs, budget)
}

// checkCosts rejects a cost table of the wrong length or with a negative,
// infinite or NaN entry, naming the node.
func checkCosts(costs []float64, g *graph.CSR) error {
	n := g.N()
	if len(costs) != n {
		return fmt.Errorf("influence: %d costs for %d nodes", len(costs), n)
	}
	for v, x := range costs {
		if !(x >= 0) {
			return fmt.Errorf("influence: node %q: bad cost %v (want a number ≥ 0, or +Inf for a node not for sale)", g.Label(uint32(v)), x)
		}
	}
	return nil
}
