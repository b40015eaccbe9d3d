package influence

import (
	"context"
	"fmt"
	"iter"
	"math"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// Reverse-reachable sets (Borgs, Brautbar, Chayes & Lucier, "Maximizing
// social influence in nearly optimal time", SODA 2014): pick a target v
// uniformly, draw a live-edge world lazily backwards from v, and keep every
// node that reaches v. Then σ(S) = n·P(S meets the set).

// mark flags the first node id of each set in a Store.
const mark = 1 << 31

// purposeRR keys the Coins of an RR set; it is apart from the sim.Purpose*
// values, which key the engine's forward draws.
const purposeRR = 0x5252

// MaxNodes is the largest graph a Sampler takes: node ids must leave the
// top bit of a uint32 free for the set marks of a Store.
const MaxNodes = mark - 1

// Sampler draws RR sets of one model on one graph. It is immutable and safe
// for concurrent use.
type Sampler struct {
	g      *graph.CSR
	prober sim.ArcProber
	lt     bool
	// IC: thr is the threshold of every in-arc when the probabilities are
	// uniform (inThr nil); inThr holds one per in-arc (g.In order) otherwise.
	thr   uint64
	thr32 uint32 // the top half of thr: coins of 32 bits, two per draw
	inThr []uint64
	// inProb holds p_uv per in-arc for LT on a weighted graph and for IC with
	// freshness decay; nil otherwise.
	inProb []float64
	p      float64 // the uniform IC probability
	zombie []bool
	maxIn  int // the largest in-degree
	// logDecay is log(Decay) for a decay per generation in (0, 1), else 0.
	logDecay float64
}

// NewSampler prepares RR sampling of model m (sim.IC with any Weighting, or
// sim.LT) on g with behaviours b. It validates m and b as m.Bind does (the
// same errors), and rejects other models, a half-life (selection counts
// generations, not hours) and graphs of more than MaxNodes nodes. Delays of
// IC do not change who is reached, so they are allowed and ignored. Cost
// O(n + m); it keeps a threshold per in-arc (8 bytes) unless the
// probabilities are uniform.
func NewSampler(g *graph.CSR, m sim.Model, b sim.Behaviours) (*Sampler, error) {
	if g.N() > MaxNodes {
		return nil, fmt.Errorf("influence: graph of %d nodes: at most %d", g.N(), MaxNodes)
	}
	if g.N() == 0 {
		return nil, fmt.Errorf("influence: empty graph")
	}
	if b.HalfLife > 0 {
		return nil, fmt.Errorf("influence: freshness half-life %v hours: seed selection supports a decay per generation only", b.HalfLife)
	}
	if _, err := m.Bind(g, b); err != nil {
		return nil, fmt.Errorf("influence: %w", err)
	}
	s := &Sampler{g: g, zombie: b.Zombie}
	for v := range uint32(g.N()) {
		s.maxIn = max(s.maxIn, g.In.Degree(v))
	}
	if b.Decay > 0 && b.Decay < 1 {
		s.logDecay = math.Log(b.Decay)
	}
	switch m := m.(type) {
	case sim.IC:
		s.prober = m
		s.initIC()
	case sim.LT:
		s.prober, s.lt = m, true
		if g.Weighted() {
			s.inProb = s.inArcProbs()
		}
	default:
		return nil, fmt.Errorf("influence: model %q: seed selection supports ic and lt", m.Name())
	}
	return s, nil
}

// inArcProbs returns ArcProb of every in-arc, in g.In order.
func (s *Sampler) inArcProbs() []float64 {
	g := s.g
	p := make([]float64, len(g.In.Targets))
	for v := range uint32(g.N()) {
		for j := g.In.Offsets[v]; j < g.In.Offsets[v+1]; j++ {
			w := float32(1)
			if g.Weighted() {
				w = g.In.Weights[j]
			}
			p[j] = s.prober.ArcProb(g, g.In.Targets[j], v, w)
		}
	}
	return p
}

// initIC tabulates the IC in-arc probabilities: one threshold when they are
// all equal, one per in-arc otherwise.
func (s *Sampler) initIC() {
	probs := s.inArcProbs()
	uniform := true
	for _, p := range probs {
		if p != probs[0] {
			uniform = false
			break
		}
	}
	switch {
	case s.logDecay != 0:
		s.inProb = probs
	case uniform && (len(probs) == 0 || probs[0] < 1):
		// Coins of 32 bits, two per draw: p rounds down to a multiple of
		// 2⁻³² (less than 2.4e-10 per arc), which no estimate can see.
		if len(probs) > 0 {
			s.p = probs[0]
		}
		s.thr = sim.Threshold(s.p)
		s.thr32 = uint32(s.thr >> 32)
	default:
		s.inThr = make([]uint64, len(probs))
		for j, p := range probs {
			s.inThr[j] = sim.Threshold(p)
		}
	}
}

// Graph returns the graph s samples on.
func (s *Sampler) Graph() *graph.CSR { return s.g }

// scratch is one worker's reusable state.
type scratch struct {
	stamp []uint32 // stamp[v] == epoch: v is in the current set
	epoch uint32
	// decay only: best[v] is the best generation label of v seen so far
	// (valid when seen[v] == epoch); heap is the max-queue of labels.
	best []int32
	seen []uint32
	heap []label
	// hits receives the live arcs of one node (length: the largest in-degree).
	hits []int32
}

type label struct {
	d int32
	v uint32
}

func (s *Sampler) newScratch() *scratch {
	sc := &scratch{stamp: make([]uint32, s.g.N()), hits: make([]int32, s.maxIn)}
	if s.logDecay != 0 && !s.lt {
		sc.best = make([]int32, s.g.N())
		sc.seen = make([]uint32, s.g.N())
	}
	return sc
}

// next starts a new set: a fresh epoch, with the stamps cleared on wrap.
func (sc *scratch) next() {
	sc.epoch++
	if sc.epoch == 0 {
		clear(sc.stamp)
		clear(sc.seen)
		sc.epoch = 1
	}
}

// sample appends the RR set of key to dst, the target first (marked).
func (s *Sampler) sample(dst []uint32, key uint64, sc *scratch) []uint32 {
	sc.next()
	seeded := sim.NewCoins(key, 0, purposeRR)
	c := rng{seeded.Uint64()}
	hi, _ := bits.Mul64(c.Uint64(), uint64(s.g.N()))
	v := uint32(hi)
	switch {
	case s.lt:
		return s.walkLT(dst, v, &c, sc)
	case s.logDecay != 0:
		return s.searchDecay(dst, v, &c, sc)
	}
	return s.bfsIC(dst, v, &c, sc)
}

// bfsIC is the plain reverse BFS of IC: each in-arc of a node in the set is
// live with its probability (one coin per arc, drawn before the visited mark
// is read, so a dead arc touches no memory). The set itself is the BFS
// queue.
func (s *Sampler) bfsIC(dst []uint32, v uint32, cp *rng, sc *scratch) []uint32 {
	in := &s.g.In
	offs, targets := in.Offsets, in.Targets
	stamp, epoch := sc.stamp, sc.epoch
	c := *cp // a local copy stays in registers in the loops
	start := len(dst)
	dst = append(dst, v|mark)
	stamp[v] = epoch
	for h := start; h < len(dst); h++ {
		y := dst[h] &^ mark
		if s.zombie != nil && s.zombie[y] {
			continue // a zombie adopts only as a seed: nothing reaches v through it
		}
		lo, hi := offs[y], offs[y+1]
		if s.inThr == nil {
			var live []int32
			live, c.s = coinHits(int(hi-lo), c.s, s.thr32, sc.hits)
			for _, j := range live {
				if x := targets[lo+int64(j)]; stamp[x] != epoch {
					stamp[x] = epoch
					dst = append(dst, x)
				}
			}
			continue
		}
		thrs := s.inThr[lo:hi]
		for i, x := range targets[lo:hi] {
			if c.Uint64() < thrs[i] && stamp[x] != epoch {
				stamp[x] = epoch
				dst = append(dst, x)
			}
		}
	}
	*cp = c
	return dst
}

// golden is the SplitMix64 increment.
const golden = 0x9e3779b97f4a7c15

// rng is the SplitMix64 sequence of one RR set (Steele, Lea & Flood 2014),
// seeded from sim.Coins of (set key, 0, purposeRR): sim's generator, kept
// here as a plain word so that the hot loops hold it in a register.
type rng struct{ s uint64 }

// Uint64 returns the next 64 random bits.
func (r *rng) Uint64() uint64 {
	r.s += golden
	return sim.Mix64(r.s)
}

// Float64 returns a uniform number in [0, 1).
func (r *rng) Float64() float64 { return float64(r.Uint64()>>11) * 0x1p-53 }

// coinHits draws one 32-bit coin per arc (two per 64-bit draw) for the d
// arcs from the rng state and writes the positions of the live ones over hits[:d] (hits must have
// length ≥ d); it returns them and the advanced state. Only the draws happen
// here (no memory is touched for a dead arc); kept this small and out of
// line, with no append, the loop holds everything in registers (as sim's
// forward kernel does).
//
//go:noinline
func coinHits(d int, state uint64, thr uint32, hits []int32) ([]int32, uint64) {
	out, n := hits[:d], 0
	j := 0
	for ; j+1 < d; j += 2 {
		state += golden
		x := sim.Mix64(state)
		if uint32(x) < thr {
			out[n] = int32(j)
			n++
		}
		if uint32(x>>32) < thr {
			out[n] = int32(j + 1)
			n++
		}
	}
	if j < d {
		state += golden
		if uint32(sim.Mix64(state)) < thr {
			out[n] = int32(j)
			n++
		}
	}
	return out[:n], state
}

// maxLabel is the generation label of the target: unbounded.
const maxLabel = math.MaxInt32

// lastLive draws the last generation at which an arc of probability p is
// live under decay: the arc is live for a share made at generation g when
// U < p·Decay^g, so it returns the largest such g, or −1 when U ≥ p.
func (s *Sampler) lastLive(p float64, c *rng) int32 {
	u := c.Float64()
	if u >= p {
		return -1
	}
	r := math.Log(u/p) / s.logDecay // > 0; +Inf when u = 0
	if r >= maxLabel-1 {
		return maxLabel - 2
	}
	return int32(math.Ceil(r)) - 1
}

// searchDecay is the reverse search of IC with a decay per generation. A
// node x that shares at generation g reaches v iff some path x = x_0 → … →
// x_L = v has each arc x_i→x_{i+1} live at generation g + i. The largest
// such g, D(x), obeys D(v) = ∞ and D(x) = max over arcs x→y of
// min(G_xy, D(y) − 1), where G_xy is the arc's last live generation; x is
// in the set iff D(x) ≥ 0 (a seed shares at generation 0). Labels are
// settled from the largest down (a bottleneck Dijkstra), so every arc is
// drawn at most once. A seed that is an intermediate node restarts the
// generations, which only helps: the set is still exactly the nodes from
// which v is reached, so σ(S) = n·P(S meets the set) holds as without decay.
func (s *Sampler) searchDecay(dst []uint32, v uint32, c *rng, sc *scratch) []uint32 {
	in := &s.g.In
	stamp, epoch := sc.stamp, sc.epoch
	sc.heap = append(sc.heap[:0], label{maxLabel, v})
	sc.seen[v], sc.best[v] = epoch, maxLabel
	first := true
	for len(sc.heap) > 0 {
		top := sc.popLabel()
		y := top.v
		if stamp[y] == epoch {
			continue // settled with a larger label
		}
		stamp[y] = epoch
		if first {
			dst = append(dst, y|mark)
			first = false
		} else {
			dst = append(dst, y)
		}
		if s.zombie != nil && s.zombie[y] {
			continue
		}
		for j := in.Offsets[y]; j < in.Offsets[y+1]; j++ {
			x := in.Targets[j]
			if stamp[x] == epoch {
				continue
			}
			d := min(s.lastLive(s.inProb[j], c), top.d-1)
			if d < 0 || (sc.seen[x] == epoch && sc.best[x] >= d) {
				continue
			}
			sc.seen[x], sc.best[x] = epoch, d
			sc.pushLabel(label{d, x})
		}
	}
	return dst
}

// less orders labels for the max-queue: larger label first, then smaller id.
func (a label) before(b label) bool { return a.d > b.d || (a.d == b.d && a.v < b.v) }

func (sc *scratch) pushLabel(l label) {
	h := append(sc.heap, l)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h[i].before(h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	sc.heap = h
}

func (sc *scratch) popLabel() label {
	h := sc.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && h[l].before(h[m]) {
			m = l
		}
		if r < len(h) && h[r].before(h[m]) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	sc.heap = h
	return top
}

// walkLT is the reverse walk of LT's live-edge form: each node keeps at
// most one in-arc, u→y with probability b_uy; the set is the walk back from
// v until no arc is kept, a node repeats or a zombie is reached. With decay
// the kept arc u→y is live for a share made at generation g when an extra
// uniform U < Decay^g (the influence b_uy·Decay^g of KKT's Claim 2.6 with the
// decay folded in); x_j, j steps back, is in the set iff every arc on the way
// down is live at its generation counted from x_j.
func (s *Sampler) walkLT(dst []uint32, v uint32, c *rng, sc *scratch) []uint32 {
	stamp, epoch := sc.stamp, sc.epoch
	dst = append(dst, v|mark)
	stamp[v] = epoch
	bound := int64(math.MaxInt64)
	for j, y := int64(0), v; s.zombie == nil || !s.zombie[y]; j++ {
		x, ok := s.pickLT(y, c)
		if !ok || stamp[x] == epoch {
			break
		}
		if s.logDecay != 0 {
			bound = min(bound, int64(s.lastLive(1, c))+j+1)
			if j+1 > bound {
				break
			}
		}
		stamp[x] = epoch
		dst = append(dst, x)
		y = x
	}
	return dst
}

// pickLT draws the in-arc that y keeps in LT's live-edge form.
func (s *Sampler) pickLT(y uint32, c *rng) (uint32, bool) {
	in := &s.g.In
	lo, hi := in.Offsets[y], in.Offsets[y+1]
	if lo == hi {
		return 0, false
	}
	u := c.Float64()
	if s.inProb != nil {
		acc := 0.0
		for j := lo; j < hi; j++ {
			if acc += s.inProb[j]; u < acc {
				return in.Targets[j], true
			}
		}
		return 0, false
	}
	p := s.prober.ArcProb(s.g, in.Targets[lo], y, 1) // the same for every in-arc
	d := hi - lo
	if u >= p*float64(d) {
		return 0, false
	}
	i := min(int64(u/p), d-1)
	return in.Targets[lo+i], true
}

// Store holds RR sets in one flat slice of node ids; the first id of each
// set has its top bit set. It costs 4 bytes per entry and nothing per set.
type Store struct {
	entries []uint32
	sets    int
}

// Sets returns the number of sets.
func (st *Store) Sets() int { return st.sets }

// Entries returns the number of node ids stored, over all sets.
func (st *Store) Entries() int { return len(st.entries) }

// Bytes returns the memory the store holds (its capacity).
func (st *Store) Bytes() int { return 4 * cap(st.entries) }

// All yields every set in order. The slice is reused between sets.
func (st *Store) All() iter.Seq[[]uint32] {
	return func(yield func([]uint32) bool) {
		var buf []uint32
		for i, x := range st.entries {
			if x&mark != 0 && i > 0 {
				if !yield(buf) {
					return
				}
				buf = buf[:0]
			}
			buf = append(buf, x&^mark)
		}
		if len(buf) > 0 {
			yield(buf)
		}
	}
}

// reserve makes room for n entries in all.
func (st *Store) reserve(n int) {
	if n > cap(st.entries) {
		grown := make([]uint32, len(st.entries), n)
		copy(grown, st.entries)
		st.entries = grown
	}
}

// trim gives back the spare capacity when it exceeds 10% of the entries.
func (st *Store) trim() {
	if cap(st.entries) > len(st.entries)+len(st.entries)/10 {
		st.entries = append([]uint32(nil), st.entries...)
	}
}

// Covered returns how many sets contain a node of seeds. Cost O(entries).
func (st *Store) Covered(n int, seeds []uint32) int {
	in := make([]bool, n)
	for _, v := range seeds {
		in[v] = true
	}
	covered, hit := 0, false
	for i, x := range st.entries {
		if x&mark != 0 && i > 0 {
			if hit {
				covered++
			}
			hit = false
		}
		hit = hit || in[x&^mark]
	}
	if hit {
		covered++
	}
	return covered
}

// batchSets is the number of RR sets a worker draws at a time.
const batchSets = 1024

// Generate appends to st the RR sets of indices first, first+1, …,
// first+count−1, set i drawn from the stream of (seed, i) (sim.TrialKey), on
// workers goroutines (≤ 0 means GOMAXPROCS). Workers draw batches of sets
// into buffers they reuse and append them to the store in batch order, so
// the store is the same for any number of workers and nothing is allocated
// per batch. When ctx is cancelled it returns ctx's error and leaves st as
// it was.
func (s *Sampler) Generate(ctx context.Context, st *Store, seed, first uint64, count, workers int) error {
	if count <= 0 {
		return nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batches := (count + batchSets - 1) / batchSets
	workers = min(workers, batches)
	len0 := len(st.entries)
	var (
		next      atomic.Int64
		mu        sync.Mutex
		committed int  // batches appended so far
		aborted   bool // a worker stopped early: the others must not wait
		tooBig    bool
	)
	cond := sync.NewCond(&mu)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := s.newScratch()
			var buf []uint32
			for {
				b := int(next.Add(1) - 1)
				if b >= batches {
					return
				}
				if ctx.Err() != nil {
					mu.Lock()
					aborted = true
					cond.Broadcast()
					mu.Unlock()
					return
				}
				lo, hi := b*batchSets, min((b+1)*batchSets, count)
				buf = buf[:0]
				for i := lo; i < hi; i++ {
					buf = s.sample(buf, sim.TrialKey(seed, first+uint64(i)), sc)
				}
				mu.Lock()
				for committed != b && !aborted {
					cond.Wait()
				}
				if aborted {
					mu.Unlock()
					return
				}
				if len(st.entries)+len(buf) > math.MaxUint32 {
					aborted, tooBig = true, true
				} else {
					st.entries = appendGrow(st.entries, buf, float64(len(st.entries)-len0)/float64(hi)*float64(count))
				}
				committed++
				cond.Broadcast()
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil || aborted {
		st.entries = st.entries[:len0]
		if tooBig {
			return fmt.Errorf("influence: more than %d RR entries (raise ε)", uint64(math.MaxUint32))
		}
		return err
	}
	st.sets += count
	return nil
}

// appendGrow appends buf to dst, growing it (when full) to the larger of
// 1.5 times its capacity and expect more entries, so that a store of many
// batches is copied a few times, not once per batch.
func appendGrow(dst, buf []uint32, expect float64) []uint32 {
	if need := len(dst) + len(buf); need > cap(dst) {
		grown := make([]uint32, len(dst), max(need, cap(dst)*3/2, int(1.05*expect)))
		copy(grown, dst)
		dst = grown
	}
	return append(dst, buf...)
}
