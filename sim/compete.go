package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"

	"github.com/ripple-sim/ripple/graph"
)

// Competing contents (负能量: a backlash racing our content on the same graph).
//
// Model: independent cascade in generations, one cascade per content. A
// content's seeds arrive at its Start; a node that adopts content c at
// generation t tries each out-arc once, live with probability min(1, S_c·w)
// (as IC with the content's own strength, weighting and behaviours), a live
// arc arriving at t+1. First arrival wins: a node that holds nothing adopts
// what arrives; when several contents arrive in the same generation it picks
// one uniformly, however many arrivals each has. Adoption is final (unless
// the arriving content has a conversion probability, see Content.Convert)
// and a node passes on only the content it adopted, once, in the generation
// after it adopted it.
//
// Random numbers: content 0 (ours) draws exactly what the single-content IC
// run draws (its plan from the trial's stream, its arc coins from the trial
// key), so a rival that never meets ours leaves our result byte-identical.
// Content c ≥ 1 draws from its own key, ContentKey(trial key, c): its arc
// coins, its plan's stream and its broadcast audiences. Tie picks come from
// the Coins of (trial key, node, PurposeTie), conversions from those of
// (content key, node, PurposeConvert), each advanced by the generation.

// Purposes of the competing model's draws (see rand.go for the others).
const (
	// PurposeTie keys the uniform pick among contents arriving at a node in
	// the same generation.
	PurposeTie uint64 = 0x7469 // "ti"
	// PurposeConvert keys a later exposure's conversion coin.
	PurposeConvert uint64 = 0x6376 // "cv"
)

// MaxContents is the largest number of competing contents in one run.
const MaxContents = 8

// ContentKey returns the key of content c's draws in the trial of key key:
// key itself for c = 0 (ours draws what a single-content run draws), a
// mixed key for every rival.
func ContentKey(key uint64, c int) uint64 {
	if c == 0 {
		return key
	}
	return Mix64(key ^ (uint64(c) * 0xa0761d6478bd642f))
}

// Content is one of the competing contents of a Compete model.
type Content struct {
	// Name labels the content in results ("ours", "backlash"); names must
	// be distinct.
	Name string
	// Seeds is the content's seeding plan (a *BoundPlan, usually): its
	// start points and broadcast channels, with times relative to Start.
	// It draws from the content's own stream and key.
	Seeds Seeder
	// Start is the generation, ≥ 0, at which the content launches: its
	// plan's times are shifted by Start. A start point at time T joins at
	// generation ⌊T⌋, as in IC.
	Start float64
	// Strength is the content's spread strength s in [0, 1].
	Strength float64
	// Behaviours are the content's zombie followers and freshness decay
	// (a half-life needs the hours clock, which competition does not have).
	Behaviours Behaviours
	// Convert, in [0, 1], is the probability that the content converts a
	// person who already holds another content when it reaches them in a
	// later generation (the clarification case): at most once per
	// generation, however many of their friends pass it on in it. A person
	// adopts each content at most once. 0 means adoption is final.
	Convert float64
}

// Compete is the competing independent cascade: several contents on one
// graph, first arrival wins. IC gives the weighting and the skipping mode
// shared by every content; its Strength is ignored (each content has its
// own) and its Delay must be the unit delay (time is in generations).
type Compete struct {
	IC       IC
	Contents []Content
}

// CompeteKernel is a Compete model bound to a graph. It is immutable and
// safe for concurrent use.
type CompeteKernel struct {
	g        *graph.CSR
	names    []string
	contents []Content
	ics      []*icKernel
	convThr  []uint64
	offset   []int // generation offset of each content
}

// Bind validates the contents against g and binds one IC kernel per
// content. Errors (all before any trial): no content or more than
// MaxContents, an empty or repeated name, a content with no seeds, a start
// before zero (or not finite), a conversion probability outside [0, 1], a
// delay other than the unit delay, a bad strength or behaviour, and fixed
// seed sets of two contents that share a person (naming the label).
func (m Compete) Bind(g *graph.CSR) (*CompeteKernel, error) {
	nc := len(m.Contents)
	if nc == 0 {
		return nil, errors.New("sim: compete: no content")
	}
	if nc > MaxContents {
		return nil, fmt.Errorf("sim: compete: %d contents, more than %d", nc, MaxContents)
	}
	if m.IC.Delay.Kind != UnitDelay {
		return nil, errors.New("sim: compete: competing contents run in generations: use the unit delay")
	}
	k := &CompeteKernel{g: g}
	owner := map[uint32]int{}
	for c, ct := range m.Contents {
		name := strconv.Quote(ct.Name)
		switch {
		case ct.Name == "":
			return nil, fmt.Errorf("sim: compete: content %d has no name", c+1)
		case slices.Contains(k.names, ct.Name):
			return nil, fmt.Errorf("sim: compete: two contents named %s", name)
		case ct.Seeds == nil:
			return nil, fmt.Errorf("sim: compete: content %s has no seeds", name)
		case !(ct.Start >= 0) || ct.Start > 1<<30:
			return nil, fmt.Errorf("sim: compete: content %s: bad start %v (want a generation ≥ 0)", name, ct.Start)
		case !(ct.Convert >= 0 && ct.Convert <= 1):
			return nil, fmt.Errorf("sim: compete: content %s: bad conversion probability q=%v (want 0 ≤ q ≤ 1)", name, ct.Convert)
		}
		ic := m.IC
		ic.Strength = ct.Strength
		kern, err := ic.Bind(g, ct.Behaviours)
		if err != nil {
			return nil, fmt.Errorf("sim: compete: content %s: %w", name, err)
		}
		if bp, ok := ct.Seeds.(*BoundPlan); ok {
			if len(bp.items) == 0 {
				return nil, fmt.Errorf("sim: compete: content %s has no seeds", name)
			}
			for _, it := range bp.items {
				for _, v := range it.nodes {
					if o, ok := owner[v]; ok && o != c {
						return nil, fmt.Errorf("sim: compete: %q seeds both %s and %s (seed sets may not overlap)",
							g.Label(v), strconv.Quote(m.Contents[o].Name), name)
					}
					owner[v] = c
				}
			}
		}
		k.names = append(k.names, ct.Name)
		k.contents = append(k.contents, ct)
		k.ics = append(k.ics, kern.(*icKernel))
		k.convThr = append(k.convThr, Threshold(ct.Convert))
		k.offset = append(k.offset, int(ct.Start))
	}
	return k, nil
}

// Names returns the contents' names, ours first.
func (k *CompeteKernel) Names() []string { return append([]string(nil), k.names...) }

// Clock returns Generations.
func (k *CompeteKernel) Clock() Clock { return Generations }

// Nodes returns the number of nodes of the graph.
func (k *CompeteKernel) Nodes() int { return k.g.N() }

// competeRun is one RunCompete call's view of the kernel: a Kernel whose
// runners record ours through the engine's Recorder and the rivals in their
// own accumulators, which competeRun collects when the run is over.
type competeRun struct {
	*CompeteKernel
	acfg    AccConfig
	ro      RecorderOptions
	mu      sync.Mutex
	runners []*competeRunner
	// trace, when not nil, receives the reach of content traceC in every
	// trial, at the trial's index.
	trace  []int64
	traceC int
}

// NewRunner returns a runner with scratch for the graph and the contents.
func (r *competeRun) NewRunner() Runner {
	k := r.CompeteKernel
	n, nc := k.g.N(), len(k.contents)
	cr := &competeRunner{
		k: k, held: make([]uint32, n), hold: make([]uint8, n), ever: make([]uint8, n),
		pendAt: make([]uint32, n), pend: make([]uint8, n), pendHop: make([]int32, n*nc),
		pcg: rand.NewPCG(0, 0), tally: newCompeteTally(r.acfg, nc),
		trace: r.trace, traceC: r.traceC,
	}
	cr.rnd = rand.New(cr.pcg)
	for c := range nc {
		ic := k.ics[c]
		cr.ic = append(cr.ic, &icRunner{k: ic, live: make([]int32, 0, ic.maxDeg)})
		cr.recs = append(cr.recs, NewRecorder(n, Generations, r.ro))
		cr.expo = append(cr.expo, make([]uint32, n))
		cr.starts = append(cr.starts, nil)
		cr.front = append(cr.front, nil)
	}
	r.mu.Lock()
	r.runners = append(r.runners, cr)
	r.mu.Unlock()
	return cr
}

// frontier entry: a node that adopted a content, with its generation.
type competeFront struct {
	v   uint32
	hop int32
}

// competeRunner plays competing trials with scratch owned by one worker.
type competeRunner struct {
	k  *CompeteKernel
	ic []*icRunner // per content: live-arc scratch
	// recs[c] records content c; recs[0] is replaced by the engine's.
	recs  []*Recorder
	tally *competeTally
	pcg   *rand.PCG
	rnd   *rand.Rand
	// Per-trial marks, stamped with epoch: held[v] == epoch when v holds
	// hold[v]; ever[v] is the set of contents v ever adopted.
	epoch uint32
	held  []uint32
	hold  []uint8
	ever  []uint8
	// Arrivals of the generation being collected, stamped with tick:
	// pend[v] the contents arriving at v, pendHop[v·C+c] the generation of
	// the first arrival of c.
	tick     uint32
	pendAt   []uint32
	pend     []uint8
	pendHop  []int32
	pendList []uint32
	expo     [][]uint32 // expo[c][v] == epoch: v was exposed to c
	starts   [][]Start
	front    [][]competeFront
	first    [MaxContents]int // first adoptions of each content in the trial
	holds    [MaxContents]int // people holding each content
	// trace[i] is set to the reach of content traceC in trial i (see
	// RunCompeteTrace); each trial writes its own entry.
	trace  []int64
	traceC int
}

func (r *competeRunner) nextEpoch() {
	if r.epoch == math.MaxUint32 {
		clear(r.held)
		for _, e := range r.expo {
			clear(e)
		}
		r.epoch = 0
	}
	r.epoch++
}

func (r *competeRunner) nextTick() {
	if r.tick == math.MaxUint32 {
		clear(r.pendAt)
		r.tick = 0
	}
	r.tick++
}

// Run plays one trial: t.Starts are ours (drawn by the engine from the
// single-content stream); the rivals' come from their own streams.
func (r *competeRunner) Run(t *Trial, rec *Recorder) {
	k := r.k
	nc := len(k.contents)
	r.recs[0] = rec
	for c := 1; c < nc; c++ {
		r.recs[c].Reset()
		key := ContentKey(t.Key, c)
		r.pcg.Seed(Mix64(key^0x243f6a8885a308d3), Mix64(key^0x13198a2e03707344))
		r.starts[c], _ = k.contents[c].Seeds.Starts(r.starts[c][:0], r.rnd, key)
	}
	r.starts[0] = t.Starts
	r.play(t.Key)
	r.tally.add(r)
	if r.trace != nil {
		r.trace[t.Index] = int64(r.recs[r.traceC].reach)
	}
	r.recs[0] = nil
}

// play runs the generations of one trial.
func (r *competeRunner) play(key uint64) {
	k := r.k
	nc := len(k.contents)
	r.nextEpoch()
	r.pendList = r.pendList[:0]
	var next [MaxContents]int // next start of each content
	r.first, r.holds = [MaxContents]int{}, [MaxContents]int{}
	level, ok := r.nextStart(&next)
	if !ok {
		return
	}
	r.nextTick()
	for {
		for c := range nc {
			ss := r.starts[c]
			for ; next[c] < len(ss) && startLevel(ss[next[c]])+k.offset[c] <= level; next[c]++ {
				s := ss[next[c]]
				r.expose(c, s.Node)
				if s.Active {
					r.arrive(c, s.Node, 0, true)
				}
			}
		}
		if !r.resolve(key, level) {
			l, ok := r.nextStart(&next)
			if !ok {
				return
			}
			level = l
			r.nextTick()
			continue
		}
		r.nextTick()
		for c := range nc {
			for _, f := range r.front[c] {
				r.share(c, f, key)
			}
		}
		level++
	}
}

// nextStart returns the earliest generation of a start not yet played.
func (r *competeRunner) nextStart(next *[MaxContents]int) (int, bool) {
	level, ok := math.MaxInt, false
	for c, ss := range r.starts {
		if next[c] < len(ss) {
			level, ok = min(level, startLevel(ss[next[c]])+r.k.offset[c]), true
		}
	}
	return level, ok
}

// expose records v's exposure to content c.
func (r *competeRunner) expose(c int, v uint32) {
	if e := r.expo[c]; e[v] != r.epoch {
		e[v] = r.epoch
		if r.recs[c].exposures {
			r.recs[c].Expose(v)
		}
	}
}

// arrive records that content c reaches v (live) in the generation being
// collected, from a sharer of generation hop−1 (or a start, hop 0).
func (r *competeRunner) arrive(c int, v uint32, hop int32, seed bool) {
	bit := uint8(1) << c
	if r.held[v] == r.epoch && r.ever[v]&bit != 0 {
		return
	}
	if z := r.k.ics[c].zombie; !seed && z != nil && z[v] {
		return
	}
	if r.pendAt[v] != r.tick {
		r.pendAt[v] = r.tick
		r.pend[v] = 0
		r.pendList = append(r.pendList, v)
	}
	if r.pend[v]&bit == 0 {
		r.pend[v] |= bit
		r.pendHop[int(v)*len(r.k.contents)+c] = hop
	}
}

// share plays node f.v sharing content c: it exposes every out-neighbour
// and sends c along the live arcs.
func (r *competeRunner) share(c int, f competeFront, key uint64) {
	k := r.k
	g := k.g
	arcs := g.Out.Targets[g.Out.Offsets[f.v]:g.Out.Offsets[f.v+1]]
	if rec := r.recs[c]; rec.exposures {
		rec.ExposeN(exposeArcs(arcs, r.expo[c], r.epoch))
	}
	ir := r.ic[c]
	live, _ := ir.liveArcs(f.v, ContentKey(key, c), ir.k.fresh.factor(uint32(f.hop), 0))
	for _, j := range live {
		r.arrive(c, arcs[j], f.hop+1, false)
	}
}

// resolve settles the arrivals of generation level: first arrivals adopt
// (a uniform pick among contents arriving together), later ones may
// convert. It fills the frontiers and reports whether anyone adopted.
func (r *competeRunner) resolve(key uint64, level int) bool {
	k := r.k
	nc := len(k.contents)
	for c := range nc {
		r.front[c] = r.front[c][:0]
	}
	any := false
	for _, v := range r.pendList {
		m := r.pend[v]
		firstTime := r.held[v] != r.epoch
		if !firstTime {
			m &^= r.ever[v]
			var conv uint8
			for c := range nc {
				if m&(1<<c) != 0 && k.convThr[c] != 0 && convertCoin(ContentKey(key, c), v, level) < k.convThr[c] {
					conv |= 1 << c
				}
			}
			m = conv
		}
		if m == 0 {
			continue
		}
		c := pickContent(m, key, v, level)
		if firstTime {
			r.held[v], r.ever[v] = r.epoch, 0
			r.first[c]++
		} else {
			r.holds[r.hold[v]]--
		}
		r.hold[v] = uint8(c)
		r.ever[v] |= 1 << c
		r.holds[c]++
		hop := r.pendHop[int(v)*nc+c]
		r.recs[c].Activate(v, int(hop), float64(level))
		r.front[c] = append(r.front[c], competeFront{v, hop})
		any = true
	}
	r.pendList = r.pendList[:0]
	return any
}

// pickContent returns one content of the set m, uniformly: the only one
// without a draw, otherwise from the tie coin of (key, v) at level.
func pickContent(m uint8, key uint64, v uint32, level int) int {
	if m&(m-1) == 0 {
		return bits.TrailingZeros8(m)
	}
	c := NewCoins(key, v, PurposeTie)
	c.s += golden * uint64(level)
	hi, _ := bits.Mul64(c.Uint64(), uint64(bits.OnesCount8(m)))
	for i := uint64(0); i < hi; i++ {
		m &= m - 1 // drop the lowest content
	}
	return bits.TrailingZeros8(m)
}

// convertCoin is the conversion draw of the content keyed ckey at v in
// generation level.
func convertCoin(ckey uint64, v uint32, level int) uint64 {
	c := NewCoins(ckey, v, PurposeConvert)
	c.s += golden * uint64(level)
	return c.Uint64()
}

// RunCompete plays cfg.Trials competing trials of k on the engine (Run):
// ours (content 0) is the engine's plan, so its statistics are exactly
// those of a single-content run whenever no rival meets it; every other
// content is recorded by the runners into accumulators of the same
// configuration. A Precision target is not supported (the rivals'
// statistics follow every trial played). Cancellation behaves as in Run.
func RunCompete(ctx context.Context, k *CompeteKernel, cfg Config) (*CompeteResult, error) {
	return runCompete(ctx, &competeRun{CompeteKernel: k}, cfg)
}

// RunCompeteTrace is RunCompete that also returns the reach of content c in
// every trial, indexed by trial number (cfg.Trials entries: O(cfg.Trials)
// memory). Two runs of different kernels with the same seed play trial i on
// the same key, so the traces pair trial by trial: the paired difference of
// two plans' reaches sums exactly, as RunPaired's pair sums do. On a partial
// run, the entries of trials not played are 0.
func RunCompeteTrace(ctx context.Context, k *CompeteKernel, cfg Config, c int) (*CompeteResult, []int64, error) {
	if c < 0 || c >= len(k.contents) {
		return nil, nil, fmt.Errorf("sim: compete: trace of content %d of %d", c, len(k.contents))
	}
	if cfg.Trials <= 0 {
		return nil, nil, fmt.Errorf("sim: run: bad number of trials: %d (want > 0)", cfg.Trials)
	}
	cr := &competeRun{CompeteKernel: k, trace: make([]int64, cfg.Trials), traceC: c}
	res, err := runCompete(ctx, cr, cfg)
	if res == nil {
		return nil, nil, err
	}
	return res, cr.trace, err
}

// runCompete is RunCompete on a prepared competeRun (its kernel and trace).
func runCompete(ctx context.Context, cr *competeRun, cfg Config) (*CompeteResult, error) {
	k := cr.CompeteKernel
	if cfg.Precision.active() {
		return nil, errors.New("sim: compete: a precision target is not supported for competing contents")
	}
	n := k.g.N()
	at, err := CascadeThreshold(cfg.Theta, n)
	if err != nil {
		return nil, err
	}
	ro := cfg.Record.withDefaults(Generations)
	cr.ro, cr.acfg = ro, AccConfig{
		Nodes: n, CascadeAt: at, Clock: Generations,
		Generations: ro.Generations, Bins: ro.Bins, BinWidth: ro.BinWidth,
		Exposures: ro.Exposures, Hits: ro.Hits,
	}
	res, err := Run(ctx, cr, k.contents[0].Seeds, cfg)
	if res == nil {
		return nil, err
	}
	total := newCompeteTally(cr.acfg, len(k.contents))
	for _, r := range cr.runners {
		total.merge(r.tally)
	}
	total.accs[0] = res.Acc
	out := &CompeteResult{Names: k.Names(), Sums: total.sums, Trials: res.Trials, Seed: cfg.Seed, Partial: res.Partial}
	for c, a := range total.accs {
		if a.Trials != uint64(res.Trials) || total.sums.Trials != uint64(res.Trials) {
			panic(fmt.Sprintf("sim: compete: content %d has %d trials, the engine %d", c, a.Trials, res.Trials))
		}
		out.Contents = append(out.Contents, Result{Acc: a, Summary: a.Summarize(), Seed: cfg.Seed, Trials: res.Trials, Partial: res.Partial})
	}
	return out, err
}
