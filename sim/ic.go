package sim

import (
	"fmt"
	"math"

	"github.com/ripple-sim/ripple/graph"
)

// Weighting says how IC turns the strength s into arc probabilities.
type Weighting int

const (
	// Uniform gives every arc probability s.
	Uniform Weighting = iota
	// TrustWeights gives arc u→v probability min(1, s·w_uv) from the graph's
	// trust weights (an unweighted graph has w = 1).
	TrustWeights
	// WeightedCascade gives arc u→v probability s/indeg(v) (Kempe, Kleinberg
	// & Tardos 2003): people with many sources listen to each less.
	WeightedCascade
)

// DelayKind is the distribution of the time an exposure takes to act.
type DelayKind int

const (
	// UnitDelay: every share takes one generation (Generations clock).
	UnitDelay DelayKind = iota
	// ExponentialDelay: delays in hours, exponential with the given Median.
	ExponentialDelay
	// LogNormalDelay: delays in hours, log-normal with the given Median and
	// Sigma (the standard deviation of the delay's logarithm).
	LogNormalDelay
)

// Delay is the time a live arc takes to pass the content on.
type Delay struct {
	Kind   DelayKind
	Median float64 // hours, > 0 for ExponentialDelay and LogNormalDelay
	Sigma  float64 // ≥ 0, LogNormalDelay only
}

// Skip says how IC draws the coins of a sharer's arcs when all arcs have
// the same probability.
type Skip int

const (
	// SkipAuto draws bit-sliced coins (see ic_mono.go) for sharers of
	// slicedMinDegree arcs or more and a coin per arc for smaller ones: arc
	// j of a sharer is live iff its own uniform U_j < p, so a larger
	// strength never shrinks a trial, at about 0.12 draws per arc for large
	// sharers.
	SkipAuto Skip = iota
	// SkipCoins draws one coin per arc (also monotone in p).
	SkipCoins
	// SkipGeometric jumps from one live arc to the next with a geometric
	// draw at p itself: one draw per live arc and one to end, the fewest
	// draws, but not monotone: two strengths turn the same draws into
	// unrelated sets of live arcs.
	SkipGeometric
)

// Monotone reports whether the skip mode is a coupling monotone in the
// strength: with the same seed, every trial at strength s' > s activates
// everyone it activates at s, for IC with any weighting, zombies, decay
// per generation with unit delays, and random delays with or without a
// half-life (each arc's delay is its own). SkipAuto and SkipCoins are;
// SkipGeometric is not. (Decay per generation with random delays is not
// monotone under any coupling of this kind: at a higher strength a node
// may be reached earlier through more hops, so with weaker shares.)
func (s Skip) Monotone() bool { return s == SkipAuto || s == SkipCoins }

// IC is the Independent Cascade model (Goldenberg, Libai & Muller 2001;
// Kempe, Kleinberg & Tardos 2003): when a node activates it gets one chance
// to activate each out-neighbour v, with probability p_uv (see Weighting);
// a node activated at generation g shares at g+1, or after a random delay
// (see Delay), and its activation time is then the earliest arrival over
// its live in-arcs.
//
// Randomness: the coins (and delays) of node u's out-arcs in a trial come
// from the Coins sequence (trial key, u, PurposeShare), so whether an arc
// is live is a property of the trial, not of the plan: trial i of every
// plan plays on the same live-edge world. With SkipAuto or SkipCoins the
// coupling is also monotone in the strength (see Skip.Monotone), and an
// arc's delay is its own (keyed by the arc), so a sweep over s meets
// nested worlds: a larger s never shrinks a trial.
//
// Cost: O(Σ out-degree of activated nodes) per trial with coins (a draw
// per arc; about 0.12 with SkipAuto's bit-sliced coins on large sharers),
// O(live arcs) draws with geometric skipping; delays add a binary heap,
// O(live arcs · log). Behaviours: zombies receive (are exposed) but never
// adopt; Decay multiplies the probabilities of a generation-g sharer by
// Decay^g; HalfLife (delays only) by 2^(−t/HalfLife) for a share at time t.
// Start points always adopt, zombie or not.
type IC struct {
	// Strength s in [0, 1].
	Strength  float64
	Weighting Weighting
	Delay     Delay
	// Skip chooses how uniform probabilities are drawn. It changes which
	// worlds are drawn (not their distribution), so plans compared with
	// each other must use the same Skip.
	Skip Skip
}

// Name returns "ic".
func (m IC) Name() string { return "ic" }

// Bind validates the parameters and precomputes the arc thresholds.
func (m IC) Bind(g *graph.CSR, b Behaviours) (Kernel, error) {
	s := m.Strength
	if !(s >= 0 && s <= 1) {
		return nil, fmt.Errorf("sim: ic: bad strength: s=%v (want 0 ≤ s ≤ 1)", s)
	}
	if m.Weighting < Uniform || m.Weighting > WeightedCascade {
		return nil, fmt.Errorf("sim: ic: bad weighting: %d", m.Weighting)
	}
	if m.Skip < SkipAuto || m.Skip > SkipGeometric {
		return nil, fmt.Errorf("sim: ic: bad skip mode: %d", m.Skip)
	}
	d := m.Delay
	switch d.Kind {
	case UnitDelay:
	case ExponentialDelay, LogNormalDelay:
		if !(d.Median > 0) || math.IsInf(d.Median, 0) {
			return nil, fmt.Errorf("sim: ic: bad delay median: %v hours (want > 0)", d.Median)
		}
		if !(d.Sigma >= 0) || math.IsInf(d.Sigma, 0) {
			return nil, fmt.Errorf("sim: ic: bad delay sigma: %v (want ≥ 0)", d.Sigma)
		}
	default:
		return nil, fmt.Errorf("sim: ic: bad delay kind: %d", d.Kind)
	}
	n := g.N()
	if b.HalfLife > 0 && d.Kind == UnitDelay {
		return nil, fmt.Errorf("sim: ic: half-life %v hours needs a time axis: set an exponential or log-normal delay", b.HalfLife)
	}
	clock := Generations
	if d.Kind != UnitDelay {
		clock = Hours
	}
	if err := b.validate(n, clock); err != nil {
		return nil, fmt.Errorf("sim: ic: %w", err)
	}
	k := &icKernel{g: g, p: s, delay: d, zombie: b.Zombie, fresh: newFreshness(b), skip: m.Skip}
	for u := range n {
		k.maxDeg = max(k.maxDeg, g.Out.Degree(uint32(u)))
	}
	switch {
	case m.Weighting == WeightedCascade || (m.Weighting == TrustWeights && g.Weighted()):
		k.thrs = make([]uint64, g.M())
		for u := range n {
			lo, hi := g.Out.Offsets[u], g.Out.Offsets[u+1]
			for j := lo; j < hi; j++ {
				k.thrs[j] = Threshold(m.ArcProb(g, uint32(u), g.Out.Targets[j], ArcWeight(g, j)))
			}
		}
	default:
		switch {
		case s <= 0 || m.Skip == SkipCoins || (m.Skip == SkipGeometric && s >= 1):
			k.skip = SkipCoins
		case m.Skip == SkipGeometric:
			k.geo = newGeoTable(s, k.maxDeg)
		}
	}
	k.simple = k.thrs == nil && k.zombie == nil && k.fresh.none() && d.Kind == UnitDelay
	return k, nil
}

// icKernel is IC bound to a graph.
type icKernel struct {
	g      *graph.CSR
	p      float64
	thrs   []uint64 // per-arc thresholds; nil when uniform
	geo    geoTable // SkipGeometric: skipping at p (nil ends otherwise)
	delay  Delay
	zombie []bool
	fresh  freshness
	skip   Skip // the Skip in effect (SkipCoins for s ≤ 0, and for SkipGeometric at s ≥ 1)
	simple bool // uniform, unit delay, no behaviours: the fast path applies
	maxDeg int
}

// Clock returns Generations for unit delays, Hours otherwise.
func (k *icKernel) Clock() Clock {
	if k.delay.Kind == UnitDelay {
		return Generations
	}
	return Hours
}

// Nodes returns the number of nodes of the graph.
func (k *icKernel) Nodes() int { return k.g.N() }

// NewRunner returns a runner with scratch for the graph.
func (k *icKernel) NewRunner() Runner {
	n := k.g.N()
	r := &icRunner{k: k, stamp: make([]uint32, n), seen: make([]uint8, n), queue: make([]uint32, n), hop: make([]int32, n),
		live: make([]int32, 0, k.maxDeg)}
	if k.delay.Kind != UnitDelay {
		r.arrival = make([]float64, n)
		r.arrStamp = make([]uint32, n)
	}
	return r
}

// icRunner is the scratch of one worker.
type icRunner struct {
	k *icKernel
	// stamp[v] is epoch when v was exposed in this trial, epoch+1 when it is
	// active; older values mean neither. Never cleared but on wrap-around.
	stamp []uint32
	epoch uint32
	// seen[v] == seenEp marks v exposed in this trial on the fast path: a
	// byte per node (a quarter of stamp's cache footprint, for the one
	// write per examined arc that counting exposures costs), cleared when
	// seenEp wraps.
	seen   []uint8
	seenEp uint8
	// queue lists the activated nodes in activation order (BFS: it is also
	// the frontier).
	queue []uint32
	hop   []int32 // generation of active nodes (general paths)
	live  []int32 // scratch: live arc positions of one sharer
	// Delays: tentative arrival times (valid when arrStamp[v] == epoch) and
	// the event heap.
	arrival  []float64
	arrStamp []uint32
	heap     eventHeap
}

// nextEpoch starts a trial's marks.
func (r *icRunner) nextEpoch() uint32 {
	if r.epoch >= math.MaxUint32-4 {
		clear(r.stamp)
		clear(r.arrStamp)
		r.epoch = 0
	}
	r.epoch += 2
	return r.epoch
}

// Run plays one trial.
func (r *icRunner) Run(t *Trial, rec *Recorder) {
	switch {
	case r.k.delay.Kind != UnitDelay:
		r.runTimed(t, rec)
	case r.k.simple && startsAtZero(t.Starts):
		r.runFast(t, rec)
	default:
		r.runLevels(t, rec)
	}
}

// startsAtZero reports whether every start is active at time 0.
func startsAtZero(ss []Start) bool {
	for _, s := range ss {
		if s.Time != 0 || !s.Active {
			return false
		}
	}
	return true
}

// runFast is the hot path: uniform probability, unit delays, no
// behaviours, every start active at t = 0. One queue is frontier and
// activated set; the coin comes first, so a dead arc touches no memory
// (unless exposures are tracked).
func (r *icRunner) runFast(t *Trial, rec *Recorder) {
	ep := r.nextEpoch()
	act := ep + 1
	st, q := r.stamp, r.queue
	tail := 0
	for _, s := range t.Starts {
		if v := s.Node; st[v] != act {
			st[v] = act
			q[tail] = v
			tail++
		}
	}
	track := rec.exposures
	var seen []uint8
	var sep uint8
	if track {
		if r.seenEp == math.MaxUint8 {
			clear(r.seen)
			r.seenEp = 0
		}
		r.seenEp++
		seen, sep = r.seen, r.seenEp
		for _, v := range q[:tail] {
			seen[v] = sep
		}
		rec.ExposeN(tail)
	}
	rec.ActivateAll(q[:tail], 0, 0)
	k := r.k
	off, adj := k.g.Out.Offsets, k.g.Out.Targets
	key := t.Key
	thr := Threshold(k.p)
	head, gen := 0, 0
	for head < tail {
		end := tail
		for ; head < end; head++ {
			u := q[head]
			arcs := adj[off[u]:off[u+1]]
			s := NewCoins(key, u, PurposeShare).s
			var live []int32
			switch d := len(arcs); {
			case track && k.skip != SkipGeometric && d < slicedMinDegree:
				// A small sharer draws a coin per arc: the exposures are
				// counted in the same pass.
				var e int
				live, e = coinHitsSeen(arcs, seen, sep, s, thr, r.live[:0])
				rec.ExposeN(e)
			case track:
				rec.ExposeN(exposeSeen(arcs, seen, sep))
				fallthrough
			default:
				switch {
				case k.skip == SkipAuto && d >= slicedMinDegree:
					live = slicedHits(d, s, thr, r.live[:0])
				case k.skip == SkipGeometric:
					live = geoHits(d, s, &k.geo, r.live[:0])
				default:
					live = coinHits(d, s, thr, r.live[:0])
				}
			}
			for _, j := range live {
				if v := arcs[j]; st[v] != act {
					st[v] = act
					q[tail] = v
					tail++
				}
			}
		}
		gen++
		rec.ActivateAll(q[end:tail], gen, float64(gen))
	}
}

// exposeSeen marks the targets of arcs exposed (seen[v] = ep) and returns
// how many were not exposed before, without a branch: the fast path's
// exposures for sharers that draw bit-sliced or geometric coins (smaller
// ones count them in the coin pass, coinHitsSeen). Measured and rejected,
// on soc-Epinions1 from the hubs 10,20,30 at p = 0.01 (ripple run, one
// worker, CPU time against this byte per node): a bit per node counted arc
// by arc, 1.54× slower; a bit per node set without a count and counted by
// popcount at the end, 1.29×, also with the words interleaved so that a
// sharer's sorted targets fall in different words, 1.29×; marking bytes
// without a load and counting them at the end with bytes.Count, 0.99×.
//
//go:noinline
func exposeSeen(arcs []uint32, seen []uint8, ep uint8) int {
	k := 0
	for _, v := range arcs {
		n := 0
		if seen[v] != ep {
			n = 1
		}
		k += n
		seen[v] = ep
	}
	return k
}

// exposeArcs marks the targets of arcs exposed (stamp ep) and returns how
// many were not exposed before. Kept out of line like shareCoins.
//
//go:noinline
func exposeArcs(arcs []uint32, st []uint32, ep uint32) int {
	k := 0
	for _, v := range arcs {
		x := st[v]
		n := 0
		if x < ep {
			n = 1
		}
		k += n
		st[v] = max(x, ep)
	}
	return k
}

// coinHits draws one coin per arc for d arcs from the Coins state s and
// returns the positions of the live ones, written over hits[:d] (hits must
// have capacity d). Only the draws happen here (no memory is touched for a
// dead arc); keeping the loop this small and out of line, with no append,
// lets the compiler hold everything in registers.
//
//go:noinline
func coinHits(d int, s, thr uint64, hits []int32) []int32 {
	out, n := hits[:d], 0
	for j := range out {
		s += golden
		if Mix64(s) < thr {
			out[n] = int32(j)
			n++
		}
	}
	return out[:n]
}

// coinHitsSeen is coinHits over the arcs of a sharer fused with
// exposeSeen: it draws one coin per arc from the Coins state s, marks every
// target exposed (seen[v] = ep), and returns the positions of the live arcs
// (written over hits[:len(arcs)]) and the number of targets not exposed
// before. The same draws as coinHits, in one pass over the arcs.
//
//go:noinline
func coinHitsSeen(arcs []uint32, seen []uint8, ep uint8, s, thr uint64, hits []int32) ([]int32, int) {
	out, n, k := hits[:len(arcs)], 0, 0
	for j, v := range arcs {
		e := 0
		if seen[v] != ep {
			e = 1
		}
		k += e
		seen[v] = ep
		s += golden
		if Mix64(s) < thr {
			out[n] = int32(j)
			n++
		}
	}
	return out[:n], k
}

// geoTable is geometric skipping at one arc probability p. The number of
// dead arcs before the next live one is geometric, floor(log U / log(1−p))
// with U = V·2⁻⁵³ uniform on (0, 1] (V a draw in 1..2⁵³); invLog is
// 1/log(1−p). A draw ends a sharer with m arcs left when that skip is ≥ m,
// which happens for V ≤ ends[m]: ends[m] is the largest V for which the
// logarithm says so (0 if none), so the test needs no logarithm and decides
// exactly as the logarithm does. Most draws end their sharer when p is small
// (every sharer makes one such draw, and only its live arcs make more), so
// this saves most logarithms. The skip itself (when below m) is the
// largest k with V ≤ ends[k]: it is found from a cheap polynomial guess of
// the logarithm corrected by comparisons with ends, so it too is exactly
// the logarithm's. Sharers with more arcs left than the table covers take
// the logarithm.
type geoTable struct {
	invLog float64
	scale  float64 // ln 2 / log(1−p): turns a base-2 logarithm into a skip
	ends   []uint64
}

// geoTableMax bounds the length of a geoTable (8 bytes an entry).
const geoTableMax = 1 << 16

// newGeoTable returns the geometric skipping of probability p, 0 < p < 1,
// with ends for up to maxLeft arcs left (fewer when (1−p)^m underflows 2⁻⁵³
// or beyond geoTableMax).
func newGeoTable(p float64, maxLeft int) geoTable {
	lp := math.Log1p(-p)
	t := geoTable{invLog: 1 / lp, scale: math.Ln2 / lp}
	n := min(maxLeft, geoTableMax-1) + 1
	t.ends = make([]uint64, 0, n)
	for m := range n {
		e := t.lastEnd(m, uint64(math.Exp(float64(m)*lp)*0x1p53))
		if e == 0 {
			break
		}
		t.ends = append(t.ends, e)
	}
	return t
}

// skipsAll reports whether draw v (in 1..2⁵³) skips m or more arcs, by the
// logarithm.
func (t *geoTable) skipsAll(v uint64, m int) bool {
	return math.Log(float64(v)*0x1p-53)*t.invLog >= float64(m)
}

// lastEnd returns the largest v in 1..2⁵³ with skipsAll(v, m), or 0, from
// the guess v (the exact value is within a few units of it).
func (t *geoTable) lastEnd(m int, v uint64) uint64 {
	v = min(v, 1<<53)
	for v < 1<<53 && t.skipsAll(v+1, m) {
		v++
	}
	for v > 0 && !t.skipsAll(v, m) {
		v--
	}
	return v
}

// skipGuess returns about log(v·2⁻⁵³)·invLog, the skip of draw v: a
// base-2 logarithm from v's exponent and a degree-4 polynomial in its
// mantissa (error below 1.2e-4), times scale. Only a guess: the caller
// corrects it with the table.
func (t *geoTable) skipGuess(v uint64) int {
	b := math.Float64bits(float64(v))
	e := float64(int(b>>52) - 1023 - 53)
	x := math.Float64frombits(b&(1<<52-1)|0x3ff0000000000000) - 1
	l2 := e + (1.145799603823841e-4 + x*(1.4368748962232503+x*(-0.6708826790147779+x*(0.3122694773273129+x*-0.07844067620913087))))
	return int(l2 * t.scale)
}

// geoHits returns the positions of the live arcs among d, written over
// hits[:d] (hits must have capacity d), jumping from one to the next with
// the geometric skips of t, drawn from the Coins state s: one draw per live
// arc and one past the end.
//
//go:noinline
func geoHits(d int, s uint64, t *geoTable, hits []int32) []int32 {
	ends := t.ends
	out, n := hits[:d], 0
	j := 0
	for {
		s += golden
		v := Mix64(s)>>11 + 1
		m := d - j
		var k int
		if m < len(ends) {
			if v <= ends[m] {
				return out[:n]
			}
			// The skip is the largest k < m with v ≤ ends[k] (ends[0] is
			// 2⁵³ ≥ v, ends[m] < v).
			k = min(max(t.skipGuess(v), 0), m-1)
			for ends[k+1] >= v {
				k++
			}
			for ends[k] < v {
				k--
			}
		} else {
			sk := math.Log(float64(v)*0x1p-53) * t.invLog
			if sk >= float64(m) {
				return out[:n]
			}
			k = int(sk)
		}
		j += k
		out[n] = int32(j)
		n++
		j++
	}
}

// liveArcs returns the positions (within u's out-arcs) of the live arcs of
// sharer u with its probabilities scaled by f, in increasing order, and the
// sharer's Coins state (its arcs' delays are keyed from it, see
// arcDelay). With f = 1 the live arcs are those of the fast path.
func (r *icRunner) liveArcs(u uint32, key uint64, f float64) ([]int32, uint64) {
	k := r.k
	lo, hi := k.g.Out.Offsets[u], k.g.Out.Offsets[u+1]
	d := int(hi - lo)
	s0 := NewCoins(key, u, PurposeShare).s
	live := r.live[:0]
	p := k.p * f
	switch {
	case k.thrs != nil:
		c := Coins{s: s0}
		for j, thr := range k.thrs[lo:hi] {
			if f != 1 {
				thr = scaleThreshold(thr, f)
			}
			if c.Uint64() < thr {
				live = append(live, int32(j))
			}
		}
	case p <= 0:
	case k.skip == SkipAuto && d >= slicedMinDegree:
		live = slicedHits(d, s0, Threshold(p), live)
	case k.skip == SkipGeometric && p < 1:
		t := &k.geo
		if f != 1 {
			t = &geoTable{invLog: 1 / math.Log1p(-p), scale: math.Ln2 / math.Log1p(-p)}
		}
		live = geoHits(d, s0, t, live)
	default:
		live = coinHits(d, s0, Threshold(p), live)
	}
	r.live = live
	return live, s0
}

// scaleThreshold returns the threshold of probability p·f for the
// threshold thr of p, with 0 ≤ f < 1.
func scaleThreshold(thr uint64, f float64) uint64 {
	return uint64(float64(thr) * f)
}

// startLevel returns the generation step at which a start enters: the
// first step at or after its time, as in every model (see stepOf).
func startLevel(s Start) int { return stepOf(s.Time) }

// runLevels plays a trial with unit delays level by level, with any
// weighting, behaviours and staggered or inactive starts.
func (r *icRunner) runLevels(t *Trial, rec *Recorder) {
	k := r.k
	ep := r.nextEpoch()
	act := ep + 1
	st, q, hop := r.stamp, r.queue, r.hop
	track := rec.exposures
	adj, off := k.g.Out.Targets, k.g.Out.Offsets
	head, tail, si, level := 0, 0, 0, 0
	for {
		for si < len(t.Starts) && startLevel(t.Starts[si]) <= level {
			s := t.Starts[si]
			si++
			v := s.Node
			if track && st[v] < ep {
				st[v] = ep
				rec.Expose(v)
			}
			if s.Active && st[v] != act {
				st[v] = act
				hop[v] = 0
				q[tail] = v
				tail++
				rec.Activate(v, 0, float64(level))
			}
		}
		if head == tail {
			if si == len(t.Starts) {
				return
			}
			level = startLevel(t.Starts[si])
			continue
		}
		for end := tail; head < end; head++ {
			u := q[head]
			g := hop[u]
			arcs := adj[off[u]:off[u+1]]
			if track {
				rec.ExposeN(exposeArcs(arcs, st, ep))
			}
			live, _ := r.liveArcs(u, t.Key, k.fresh.factor(uint32(g), 0))
			for _, j := range live {
				v := arcs[j]
				if st[v] == act || (k.zombie != nil && k.zombie[v]) {
					continue
				}
				st[v] = act
				hop[v] = g + 1
				q[tail] = v
				tail++
				rec.Activate(v, int(g+1), float64(level+1))
			}
		}
		level++
	}
}

// arcDelay returns the delay, in hours, of arc j of the sharer whose Coins
// state is s0: a draw of the arc's own, so that it does not depend on which
// other arcs are live (the coupling stays monotone in the strength).
func (k *icKernel) arcDelay(s0 uint64, j int32) float64 {
	c := Coins{s: Mix64(s0 ^ saltDelay ^ uint64(j)*0x9fb21c651e98df25)}
	return k.drawDelay(&c)
}

// saltDelay keeps the arcs' delay sequences apart from the coins.
const saltDelay = 0x165667b19e3779f9

// drawDelay draws one delay, in hours, from c.
func (k *icKernel) drawDelay(c *Coins) float64 {
	u1 := float64(c.Uint64()>>11+1) * 0x1p-53 // (0, 1]
	if k.delay.Kind == ExponentialDelay {
		return k.delay.Median * -math.Log(u1) / math.Ln2
	}
	// Box–Muller: a standard normal from two uniforms.
	u2 := float64(c.Uint64()>>11) * 0x1p-53
	z := math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
	return k.delay.Median * math.Exp(k.delay.Sigma*z)
}

// runTimed plays a trial with random delays: an event queue ordered by
// time, where a node activates at the earliest arrival over its live
// in-arcs (Dijkstra on the live-edge graph with random arc lengths).
func (r *icRunner) runTimed(t *Trial, rec *Recorder) {
	k := r.k
	ep := r.nextEpoch()
	act := ep + 1
	st, hop, arr, as := r.stamp, r.hop, r.arrival, r.arrStamp
	track := rec.exposures
	adj, off := k.g.Out.Targets, k.g.Out.Offsets
	h := r.heap[:0]
	for _, s := range t.Starts {
		v := s.Node
		if track && st[v] < ep {
			st[v] = ep
			rec.Expose(v)
		}
		if s.Active && (as[v] != ep || s.Time < arr[v]) {
			as[v], arr[v] = ep, s.Time
			h.push(event{t: s.Time, v: v, hop: 0})
		}
	}
	for len(h) > 0 {
		e := h.pop()
		u := e.v
		if st[u] == act {
			continue
		}
		st[u] = act
		hop[u] = e.hop
		rec.Activate(u, int(e.hop), e.t)
		arcs := adj[off[u]:off[u+1]]
		if track {
			rec.ExposeN(exposeArcs(arcs, st, ep))
		}
		live, s0 := r.liveArcs(u, t.Key, k.fresh.factor(uint32(e.hop), e.t))
		for _, j := range live {
			v := arcs[j]
			if st[v] == act || (k.zombie != nil && k.zombie[v]) {
				continue
			}
			at := e.t + k.arcDelay(s0, j)
			if as[v] == ep && arr[v] <= at {
				continue
			}
			as[v], arr[v] = ep, at
			h.push(event{t: at, v: v, hop: e.hop + 1})
		}
	}
	r.heap = h
}

// event is a tentative activation.
type event struct {
	t   float64
	v   uint32
	hop int32
}

func (a event) less(b event) bool {
	if a.t != b.t {
		return a.t < b.t
	}
	if a.v != b.v {
		return a.v < b.v
	}
	return a.hop < b.hop
}

// eventHeap is a binary min-heap of events by (time, node, hop).
type eventHeap []event

func (h *eventHeap) push(e event) {
	*h = append(*h, e)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !s[i].less(s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *eventHeap) pop() event {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && s[r].less(s[l]) {
			m = r
		}
		if !s[m].less(s[i]) {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
	*h = s
	return top
}
