package contain

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// Problem is a backlash to contain and how our clarification is launched.
type Problem struct {
	// Graph is the social graph.
	Graph *graph.CSR
	// IC gives the arc weighting and skipping mode shared by both contents;
	// its Strength is ignored and its Delay must be the unit delay.
	IC sim.IC
	// Behaviours (zombie followers, freshness decay) apply to both contents.
	Behaviours sim.Behaviours
	// Backlash lists the backlash's seeds; it launches at generation
	// BacklashStart with strength BacklashStrength.
	Backlash         []uint32
	BacklashStart    float64
	BacklashStrength float64
	// Our clarification launches at generation ClarifyStart with strength
	// ClarifyStrength from the K accounts chosen; Convert is the chance
	// that it converts a person who already holds the backlash when it
	// reaches them later (see sim.Content.Convert).
	ClarifyStart    float64
	ClarifyStrength float64
	Convert         float64
	// K is the number of accounts to choose, ≥ 1; under a Budget it is a
	// cap on their number, 0 for none.
	K int
	// Budget, when > 0, bounds the total price of the accounts chosen, each
	// priced by Cost (a fixed price plus a price per follower): strategies
	// then take what fits, and the greedy ones the most reach saved per
	// unit of cost.
	Budget float64
	Cost   sim.CostModel
	// Candidates are the accounts that may carry the clarification; nil
	// means every account but the backlash's seeds.
	Candidates []uint32
}

// Strategy names a way of choosing the K accounts.
type Strategy string

// The strategies.
const (
	// TopDegree picks the K candidates with the most followers.
	TopDegree Strategy = "top-degree"
	// Neighbours picks the backlash seeds' out-neighbours with the most
	// followers (the people the backlash reaches first), topped up by
	// TopDegree when there are fewer than K.
	Neighbours Strategy = "backlash-neighbours"
	// CommunityHubs picks the most-followed candidate of each of the K
	// largest communities (Louvain, graph.Communities, fixed seed).
	CommunityHubs Strategy = "community-hubs"
	// Greedy adds, K times, the candidate of the pool that most lowers the
	// backlash's mean simulated reach (Options.SelectTrials trials on common
	// random numbers): the Monte Carlo reference, costly on large graphs.
	Greedy Strategy = "greedy-mc"
	// RIS picks by greedy maximum coverage of reverse-reachable blocking
	// sets (see the package doc and risChoose).
	RIS Strategy = "ris"
)

// Strategies lists every strategy in the order plans are reported.
var Strategies = []Strategy{TopDegree, Neighbours, CommunityHubs, RIS, Greedy}

// Options say how many trials to spend and where the random numbers come
// from. Zero fields take the defaults given.
type Options struct {
	// Seed is the master seed. Choices use it; evaluations use a seed
	// derived from it that the choices never saw (EvalSeed).
	Seed uint64
	// Trials is the number of trials of each evaluation (default 2000).
	Trials int
	// SelectTrials is the number of trials of each greedy or brute-force
	// score (default 500).
	SelectTrials int
	// Pool is the number of the greedy's candidates: up to half of them
	// the backlash seeds' most-followed out-neighbours, the rest the
	// most-followed candidates (default 40).
	Pool int
	// RRSets is the number of reverse-reachable sets RIS samples
	// (default 20000).
	RRSets int
	// Workers is the engine's number of workers (≤ 0: GOMAXPROCS); results
	// do not depend on it.
	Workers int
	// Theta is the cascade threshold as a fraction of the graph (default
	// 0.05).
	Theta float64
}

func (o Options) withDefaults() Options {
	if o.Trials <= 0 {
		o.Trials = 2000
	}
	if o.SelectTrials <= 0 {
		o.SelectTrials = 500
	}
	if o.Pool <= 0 {
		o.Pool = 40
	}
	if o.RRSets <= 0 {
		o.RRSets = 20000
	}
	if o.Theta == 0 {
		o.Theta = 0.05
	}
	return o
}

// EvalSeed returns the seed of the evaluations: derived from the master seed
// so that a plan is scored on trials its choice never saw.
func (o Options) EvalSeed() uint64 { return sim.Mix64(o.Seed ^ 0x636f6e7461696e) }

// Evaluation is one plan's outcome against the backlash, every estimate
// with its 95% interval.
type Evaluation struct {
	Strategy Strategy `json:"strategy"`
	Seeds    []uint32 `json:"seeds"`
	// Cost is the total price of the seeds under Problem.Cost.
	Cost float64 `json:"cost"`
	// Backlash is the backlash's mean reach, BacklashCascade its
	// P(cascade).
	Backlash        sim.Estimate `json:"backlash_reach"`
	BacklashCascade sim.Estimate `json:"backlash_p_cascade"`
	// Clarify is our clarification's mean reach.
	Clarify sim.Estimate `json:"clarify_reach"`
	// ClarifyShare and BacklashShare are the fractions of everyone reached
	// who got ours first and who got the backlash first.
	ClarifyShare  sim.Estimate `json:"clarify_share"`
	BacklashShare sim.Estimate `json:"backlash_share"`
	// Result holds the full statistics of the evaluation.
	Result *sim.CompeteResult `json:"-"`
	// backlash[i] is the backlash's reach in evaluation trial i, for
	// paired differences (see Paired).
	backlash []int64
}

// fixed is a Seeder launching the same nodes in every trial (no draws).
type fixed []uint32

func (f fixed) Starts(dst []sim.Start, _ *rand.Rand, _ uint64) ([]sim.Start, float64) {
	for _, v := range f {
		dst = append(dst, sim.Start{Node: v, Active: true})
	}
	return dst, 0
}

// Names of the two contents in a containment run.
const (
	ClarifyName  = "clarification"
	BacklashName = "backlash"
)

// kernel binds the race of our clarification from seeds (none for the
// baseline) against the backlash.
func (p *Problem) kernel(seeds []uint32) (*sim.CompeteKernel, error) {
	return sim.Compete{IC: p.IC, Contents: []sim.Content{
		{Name: ClarifyName, Seeds: fixed(seeds), Start: p.ClarifyStart, Strength: p.ClarifyStrength, Behaviours: p.Behaviours, Convert: p.Convert},
		{Name: BacklashName, Seeds: fixed(p.Backlash), Start: p.BacklashStart, Strength: p.BacklashStrength, Behaviours: p.Behaviours},
	}}.Bind(p.Graph)
}

// candidates returns the accounts that may carry the clarification.
func (p *Problem) candidates() []uint32 {
	if p.Candidates != nil {
		return p.Candidates
	}
	bad := make(map[uint32]bool, len(p.Backlash))
	for _, v := range p.Backlash {
		bad[v] = true
	}
	var out []uint32
	for v := range uint32(p.Graph.N()) {
		if !bad[v] {
			out = append(out, v)
		}
	}
	return out
}

// Validate checks the problem before any trial: a graph, backlash seeds in
// range, K between 1 and the number of candidates, candidates in range and
// apart from the backlash's seeds, and what sim.Compete checks (strengths,
// starts, conversion, behaviours).
func (p *Problem) Validate() error {
	if p.Graph == nil {
		return errors.New("contain: no graph")
	}
	n := p.Graph.N()
	if len(p.Backlash) == 0 {
		return errors.New("contain: the backlash has no seeds")
	}
	seed := map[uint32]bool{}
	for _, v := range p.Backlash {
		if int(v) >= n {
			return fmt.Errorf("contain: backlash seed %d out of range [0,%d)", v, n)
		}
		seed[v] = true
	}
	for _, v := range p.Candidates {
		if int(v) >= n {
			return fmt.Errorf("contain: candidate %d out of range [0,%d)", v, n)
		}
		if seed[v] {
			return fmt.Errorf("contain: candidate %q is a backlash seed", p.Graph.Label(v))
		}
	}
	cands := p.candidates()
	if !(p.Budget >= 0) || math.IsInf(p.Budget, 0) {
		return fmt.Errorf("contain: bad budget %v (want a finite number ≥ 0; 0 means none)", p.Budget)
	}
	if err := p.Cost.Validate(); err != nil {
		return fmt.Errorf("contain: %w", err)
	}
	least := 1
	if p.Budget > 0 {
		least = 0
		cheapest := math.Inf(1)
		for _, v := range cands {
			cheapest = math.Min(cheapest, p.price(v))
		}
		if cheapest > p.Budget {
			return fmt.Errorf("contain: budget %.6g buys no account (the cheapest costs %.6g)", p.Budget, cheapest)
		}
	}
	if c := len(cands); p.K < least || p.K > c {
		return fmt.Errorf("contain: bad number of accounts K=%d (want %d ≤ K ≤ %d candidates)", p.K, least, c)
	}
	if _, err := p.kernel(nil); err != nil {
		return fmt.Errorf("contain: %w", err)
	}
	return nil
}

// run plays the race from seeds with trials trials of seed.
func (p *Problem) run(ctx context.Context, seeds []uint32, seed uint64, trials int, o Options) (*sim.CompeteResult, error) {
	k, err := p.kernel(seeds)
	if err != nil {
		return nil, fmt.Errorf("contain: %w", err)
	}
	return sim.RunCompete(ctx, k, sim.Config{Seed: seed, Trials: trials, Workers: o.Workers, Theta: o.Theta})
}

// Evaluate plays the clarification from seeds (none: the baseline, the
// backlash alone) against the backlash on the evaluation seed.
func Evaluate(ctx context.Context, p Problem, s Strategy, seeds []uint32, o Options) (Evaluation, error) {
	o = o.withDefaults()
	if err := p.Validate(); err != nil {
		return Evaluation{}, err
	}
	k, err := p.kernel(seeds)
	if err != nil {
		return Evaluation{}, fmt.Errorf("contain: %w", err)
	}
	res, trace, err := sim.RunCompeteTrace(ctx, k, sim.Config{Seed: o.EvalSeed(), Trials: o.Trials, Workers: o.Workers, Theta: o.Theta}, 1)
	if err != nil {
		return Evaluation{}, err
	}
	b := res.Contents[1].Summary
	return Evaluation{
		Strategy: s, Seeds: slices.Clone(seeds), Cost: p.seedsCost(seeds),
		Backlash: b.Reach, BacklashCascade: b.Cascade, Clarify: res.Contents[0].Summary.Reach,
		ClarifyShare: res.FirstShare(0), BacklashShare: res.FirstShare(1), Result: res,
		backlash: trace,
	}, nil
}

// Paired returns the mean backlash reach of a minus that of b over the
// same evaluation trials, with a paired t interval (95%): the per-trial
// differences are summed exactly, as sim.RunPaired does. Both must come
// from Evaluate (or Plans) with the same Options, so that trial i of each
// met the same random key; Paired(baseline, plan) is the people a plan
// saves. It is an error when either has no per-trial record or their
// trial counts differ.
func Paired(a, b Evaluation) (sim.Estimate, error) {
	n := len(a.backlash)
	if n == 0 || n != len(b.backlash) || a.Result == nil || b.Result == nil || a.Result.Seed != b.Result.Seed {
		return sim.Estimate{}, fmt.Errorf("contain: paired difference of %q and %q: not evaluated on the same trials", a.Strategy, b.Strategy)
	}
	ps := sim.PairSums{A: 0, B: 1}
	for i, x := range a.backlash {
		d := x - b.backlash[i]
		ps.Sum.AddInt64(d)
		ps.Sq.AddSquare(uint64(max(d, -d)))
	}
	pr := sim.PairedResult{Plans: make([]sim.Result, 2), Pairs: []sim.PairSums{ps}, Trials: n}
	return pr.Diff(0, 1)
}

// Choose returns the K accounts strategy s picks for the clarification.
func Choose(ctx context.Context, p Problem, s Strategy, o Options) ([]uint32, error) {
	o = o.withDefaults()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	g := p.Graph
	switch s {
	case TopDegree:
		return p.take(byDegreeOf(g, p.candidates())), nil
	case Neighbours:
		return p.take(byDegreeOf(g, p.neighbours()), byDegreeOf(g, p.candidates())), nil
	case CommunityHubs:
		return p.hubs(byDegreeOf(g, p.candidates()))
	case Greedy:
		return p.greedy(ctx, o)
	case RIS:
		return risChoose(&p, o), nil
	}
	return nil, fmt.Errorf("contain: unknown strategy %q", s)
}

// byDegreeOf returns a copy of vs sorted by sortByDegree.
func byDegreeOf(g *graph.CSR, vs []uint32) []uint32 {
	vs = slices.Clone(vs)
	sortByDegree(g, vs)
	return vs
}

// sortByDegree orders vs by out-degree (followers), most first, ties by
// the smaller id.
func sortByDegree(g *graph.CSR, vs []uint32) {
	slices.SortFunc(vs, func(a, b uint32) int {
		if c := cmp.Compare(g.Out.Degree(b), g.Out.Degree(a)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
}

// neighbours returns the candidates the backlash's seeds point to.
func (p *Problem) neighbours() []uint32 {
	ok := map[uint32]bool{}
	for _, v := range p.candidates() {
		ok[v] = true
	}
	seen := map[uint32]bool{}
	var out []uint32
	for _, s := range p.Backlash {
		for _, v := range p.Graph.Out.Neighbors(s) {
			if ok[v] && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// price returns what account v costs.
func (p *Problem) price(v uint32) float64 { return p.Cost.Seed(p.Graph, v) }

// seedsCost returns the total price of seeds.
func (p *Problem) seedsCost(seeds []uint32) float64 {
	c := 0.0
	for _, v := range seeds {
		c += p.price(v)
	}
	return c
}

// limit returns the most accounts a plan may take: K, or every candidate
// under a budget without K.
func (p *Problem) limit() int {
	if p.K >= 1 {
		return p.K
	}
	return len(p.candidates())
}

// take walks the lists in order and keeps each account not kept yet that
// fits what is left of the budget, up to the limit.
func (p *Problem) take(lists ...[]uint32) []uint32 {
	spent := 0.0
	return firstDistinct(p.limit(), func(v uint32) bool {
		if p.Budget > 0 && spent+p.price(v) > p.Budget {
			return false
		}
		spent += p.price(v)
		return true
	}, lists...)
}

// firstDistinct walks the lists in order and keeps, up to k, each node not
// kept yet that keep accepts (nil: every one); keep is asked only about
// nodes not kept yet, and its yes keeps the node.
func firstDistinct(k int, keep func(uint32) bool, lists ...[]uint32) []uint32 {
	var out []uint32
	seen := map[uint32]bool{}
	for _, list := range lists {
		for _, v := range list {
			if len(out) == k {
				return out
			}
			if seen[v] || (keep != nil && !keep(v)) {
				continue
			}
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// hubs returns the most-followed candidate of each of the K largest
// communities, topped up from ranked when there are fewer communities.
func (p *Problem) hubs(ranked []uint32) ([]uint32, error) {
	member, err := graph.Communities(p.Graph, 1, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		return nil, fmt.Errorf("contain: community hubs: %w", err)
	}
	size := map[int]int{}
	for _, c := range member {
		size[c]++
	}
	top := map[int]uint32{}
	var order []int
	for _, v := range ranked { // most followed first: the first seen is the hub
		c := member[v]
		if _, ok := top[c]; !ok {
			top[c] = v
			order = append(order, c)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size[b], size[a]) })
	var first []uint32
	for _, c := range order {
		first = append(first, top[c])
	}
	return p.take(first, ranked), nil
}

// score is the backlash's mean reach with the clarification from seeds, on
// the choice seed.
func (p *Problem) score(ctx context.Context, seeds []uint32, o Options) (float64, error) {
	res, err := p.run(ctx, seeds, o.Seed, o.SelectTrials, o)
	if err != nil {
		return 0, err
	}
	return res.Contents[1].Summary.Reach.Mean, nil
}

// greedy adds K times the pool member that most lowers the backlash's mean
// reach; every score plays the same trials (common random numbers), so
// the differences between candidates are not noise between trials. Ties go
// to the earlier member of the pool.
func (p *Problem) greedy(ctx context.Context, o Options) ([]uint32, error) {
	cands := p.candidates()
	ranked := byDegreeOf(p.Graph, cands)
	pool := cands
	if len(cands) > o.Pool {
		nb := p.neighbours()
		sortByDegree(p.Graph, nb)
		pool = firstDistinct(o.Pool, nil, nb[:min(len(nb), o.Pool/2)], ranked)
	}
	var chosen []uint32
	used := map[uint32]bool{}
	spent := 0.0
	now := math.Inf(1) // the score of chosen, under a budget
	if p.Budget > 0 {
		var err error
		if now, err = p.score(ctx, nil, o); err != nil {
			return nil, err
		}
	}
	for k := p.limit(); len(chosen) < k; {
		best, bestScore, bestValue := uint32(0), math.Inf(1), math.Inf(-1)
		for _, v := range pool {
			if used[v] || (p.Budget > 0 && spent+p.price(v) > p.Budget) {
				continue
			}
			s, err := p.score(ctx, append(chosen, v), o)
			if err != nil {
				return nil, err
			}
			value := -s // without a budget: the lowest backlash reach
			if p.Budget > 0 {
				value = (now - s) / math.Max(p.price(v), 1e-9) // reach saved per unit of cost
			}
			if value > bestValue {
				best, bestScore, bestValue = v, s, value
			}
		}
		if math.IsInf(bestValue, -1) {
			break // nothing left in the pool fits
		}
		chosen = append(chosen, best)
		used[best] = true
		spent += p.price(best)
		now = bestScore
	}
	return p.take(chosen, ranked), nil
}

// MaxBruteForce is the largest number of K-sets BruteForce tries.
const MaxBruteForce = 20000

// BruteForce scores every K-set of candidates on the choice seed (the
// same trials for each) and returns the best, evaluated on the evaluation
// seed. It is for small graphs and tests: more than MaxBruteForce sets is
// an error.
func BruteForce(ctx context.Context, p Problem, o Options) (Evaluation, error) {
	o = o.withDefaults()
	if err := p.Validate(); err != nil {
		return Evaluation{}, err
	}
	if p.Budget > 0 {
		return Evaluation{}, errors.New("contain: brute force takes K accounts, not a budget")
	}
	cands := p.candidates()
	if sets := binomial(len(cands), p.K); sets > MaxBruteForce {
		return Evaluation{}, fmt.Errorf("contain: brute force over %.3g sets of %d among %d, more than %d", sets, p.K, len(cands), MaxBruteForce)
	}
	idx := make([]int, p.K)
	for i := range idx {
		idx[i] = i
	}
	seeds := make([]uint32, p.K)
	var best []uint32
	bestScore := math.Inf(1)
	for {
		for i, j := range idx {
			seeds[i] = cands[j]
		}
		s, err := p.score(ctx, seeds, o)
		if err != nil {
			return Evaluation{}, err
		}
		if s < bestScore {
			best, bestScore = slices.Clone(seeds), s
		}
		// Next combination in lexicographic order.
		i := p.K - 1
		for i >= 0 && idx[i] == len(cands)-p.K+i {
			i--
		}
		if i < 0 {
			break
		}
		idx[i]++
		for j := i + 1; j < p.K; j++ {
			idx[j] = idx[j-1] + 1
		}
	}
	return Evaluate(ctx, p, "brute-force", best, o)
}

func binomial(n, k int) float64 {
	r := 1.0
	for i := range k {
		r = r * float64(n-i) / float64(i+1)
	}
	return r
}

// Plans chooses the accounts with every strategy of ss and evaluates each,
// beside the baseline (the backlash with no clarification), all on the
// same evaluation trials.
func Plans(ctx context.Context, p Problem, ss []Strategy, o Options) (baseline Evaluation, plans []Evaluation, err error) {
	if baseline, err = Evaluate(ctx, p, "none", nil, o); err != nil {
		return baseline, nil, err
	}
	for _, s := range ss {
		seeds, err := Choose(ctx, p, s, o)
		if err != nil {
			return baseline, plans, fmt.Errorf("contain: %s: %w", s, err)
		}
		e, err := Evaluate(ctx, p, s, seeds, o)
		if err != nil {
			return baseline, plans, fmt.Errorf("contain: %s: %w", s, err)
		}
		plans = append(plans, e)
	}
	return baseline, plans, nil
}
