package sim

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
)

// Plan is a seeding plan: one or more seed groups, each launched at its own
// time (all at t = 0 for a synchronised multi-point launch, 多点同步启动, or
// staggered), and broadcast channels (an ad burst, a hot-list push) that
// reach any point of the relationship chain. Bind resolves it against a
// graph into a BoundPlan, the Seeder the engine calls.
type Plan struct {
	// Name labels the plan in results and comparisons.
	Name string
	// Groups are the seed groups.
	Groups []Group
	// Channels are the broadcast channels.
	Channels []Channel
	// Cost prices every start point of the groups.
	Cost CostModel
	// Communities, when not nil, gives each node's community for
	// community:K selectors (one entry per node); when nil, Bind detects
	// communities itself (Louvain, graph.Communities) if a selector needs
	// them.
	Communities []int
	// PageRank, when not nil, gives each node's PageRank for top-pagerank:K
	// selectors; when nil, Bind computes it (graph.PageRank, damping 0.85)
	// if a selector needs it.
	PageRank []float64
}

// Group is one seed group of a plan.
type Group struct {
	// Seeds says which nodes start.
	Seeds Selector
	// Time is the launch time on the model's clock (generations or hours), ≥ 0.
	Time float64
	// Cost is a fixed cost of the group on top of its seeds' prices (a
	// production fee, say).
	Cost float64
}

// Channel is a broadcast channel (启动方式: an ad burst, a hot-list push, a
// media report): at Time it exposes each user independently with
// probability Fraction, and each exposed user adopts the content with
// probability Convert; the others are only exposed.
type Channel struct {
	// Name labels the channel in descriptions ("hot list", "ad burst").
	Name string
	// Time is when the channel fires, on the model's clock, ≥ 0.
	Time float64
	// Fraction f in (0, 1] of all users is exposed.
	Fraction float64
	// Convert q in [0, 1] is the probability that an exposed user adopts.
	Convert float64
	// Cost is the channel's price.
	Cost float64
}

// BoundPlan is a Plan resolved against a graph. It implements Seeder and is
// safe for concurrent use.
type BoundPlan struct {
	plan  Plan
	g     *graph.CSR
	items []planItem // groups and channels in time order, stable in plan order
	fixed float64
}

// planItem is a bound group or channel.
type planItem struct {
	time    float64
	group   int      // index in Plan.Groups, or -1 for a channel
	channel int      // index in Plan.Channels, or -1 for a group
	nodes   []uint32 // fixed seeds
	k       int      // random seeds drawn per trial
	pool    []uint32 // candidates of a band (nil: every node)
	thrF    float64  // channel: log(1−f), for geometric skipping
	thrQ    uint64   // channel: conversion threshold
	cost    float64  // fixed cost of the item
}

// Bind resolves the plan against g: it checks times, costs, channels, label
// names (an unknown label is an error listing the first few unknown ones with
// close matches), K against the graph, and rejects a plan with no groups and
// no channels. Top-K and community selectors are resolved once here;
// random:K and band selectors draw in every trial.
func (p Plan) Bind(g *graph.CSR) (*BoundPlan, error) {
	name := "plan"
	if p.Name != "" {
		name = "plan " + strconv.Quote(p.Name)
	}
	fail := func(format string, args ...any) (*BoundPlan, error) {
		return nil, fmt.Errorf("sim: %s: "+format, append([]any{name}, args...)...)
	}
	if len(p.Groups) == 0 && len(p.Channels) == 0 {
		return fail("no seeds: give at least one seed group or broadcast channel")
	}
	if err := p.Cost.Validate(); err != nil {
		return fail("%w", err)
	}
	n := g.N()
	b := &BoundPlan{plan: p, g: g}
	for i, gr := range p.Groups {
		it := planItem{time: gr.Time, group: i, channel: -1, cost: gr.Cost}
		where := fmt.Sprintf("group %d (%s)", i+1, gr.Seeds)
		if !(gr.Time >= 0) || math.IsInf(gr.Time, 0) {
			return fail("%s: bad start time %v (want a finite time ≥ 0)", where, gr.Time)
		}
		if !(gr.Cost >= 0) || math.IsInf(gr.Cost, 0) {
			return fail("%s: bad cost %v (want a finite number ≥ 0)", where, gr.Cost)
		}
		sel := gr.Seeds
		if sel.Kind != SelectLabels && sel.K < 1 {
			return fail("%s: bad number of seeds K=%d (want K ≥ 1)", where, sel.K)
		}
		if sel.Kind != SelectLabels && sel.Kind != SelectBand && sel.Kind != SelectCommunity && sel.K > n {
			return fail("%s: K=%d is larger than the graph (%d nodes)", where, sel.K, n)
		}
		var err error
		switch sel.Kind {
		case SelectLabels:
			if len(sel.Labels) == 0 {
				return fail("%s: no labels", where)
			}
			it.nodes, err = resolveLabels(g, sel.Labels)
		case SelectRandom:
			it.k = sel.K
		case SelectTopDegree:
			it.nodes = topByScore(n, sel.K, func(v uint32) float64 { return float64(g.Out.Degree(v)) })
		case SelectTopInDegree:
			it.nodes = topByScore(n, sel.K, func(v uint32) float64 { return float64(g.In.Degree(v)) })
		case SelectTopPageRank:
			pr := p.PageRank
			if pr == nil {
				pr, err = pageRank(g)
			} else if len(pr) != n {
				err = fmt.Errorf("%d PageRank values for %d nodes", len(pr), n)
			}
			if err == nil {
				it.nodes = topByScore(n, sel.K, func(v uint32) float64 { return pr[v] })
			}
		case SelectBand:
			for v := range n {
				if d := g.Out.Degree(uint32(v)); d >= sel.Min && d <= sel.Max {
					it.pool = append(it.pool, uint32(v))
				}
			}
			if sel.K > len(it.pool) {
				err = fmt.Errorf("only %d nodes have %d to %d followers, fewer than K=%d", len(it.pool), sel.Min, sel.Max, sel.K)
			}
			it.k = sel.K
		case SelectCommunity:
			member := p.Communities
			if member == nil {
				member, err = communities(g)
			}
			if err == nil {
				it.nodes, err = communityTops(g, member, sel.K)
			}
		default:
			err = fmt.Errorf("unknown selector kind %d", sel.Kind)
		}
		if err != nil {
			return fail("%s: %w", where, err)
		}
		for _, v := range it.nodes {
			it.cost += p.Cost.Seed(g, v)
		}
		it.cost += float64(it.k) * p.Cost.PerSeed
		b.items = append(b.items, it)
	}
	for i, c := range p.Channels {
		where := fmt.Sprintf("channel %d", i+1)
		if c.Name != "" {
			where += " (" + c.Name + ")"
		}
		switch {
		case !(c.Time >= 0) || math.IsInf(c.Time, 0):
			return fail("%s: bad time %v (want a finite time ≥ 0)", where, c.Time)
		case !(c.Fraction > 0 && c.Fraction <= 1):
			return fail("%s: bad reach fraction f=%v (want 0 < f ≤ 1)", where, c.Fraction)
		case !(c.Convert >= 0 && c.Convert <= 1):
			return fail("%s: bad conversion probability q=%v (want 0 ≤ q ≤ 1)", where, c.Convert)
		case !(c.Cost >= 0) || math.IsInf(c.Cost, 0):
			return fail("%s: bad cost %v (want a finite number ≥ 0)", where, c.Cost)
		}
		b.items = append(b.items, planItem{
			time: c.Time, group: -1, channel: i, cost: c.Cost,
			thrF: math.Log1p(-c.Fraction), thrQ: Threshold(c.Convert),
		})
	}
	slices.SortStableFunc(b.items, func(x, y planItem) int { return cmp.Compare(x.time, y.time) })
	for _, it := range b.items {
		b.fixed += it.cost
	}
	return b, nil
}

// Cost returns the fixed part of the plan's cost: the prices of its fixed
// seeds, the per-seed price of its random seeds, group fees and channel
// prices. Starts adds the per-follower price of the random seeds of a trial.
func (b *BoundPlan) Cost() float64 { return b.fixed }

// Plan returns the plan b was bound from.
func (b *BoundPlan) Plan() Plan { return b.plan }

// Starts appends the trial's start points to dst, sorted by time (stable in
// plan order), and returns them with the trial's cost. Random seeds come from
// rnd; a channel's audience comes from the Coins of (key, channel index,
// PurposeBroadcast) by geometric skipping over node ids, so it costs
// O(f·n) and two plans with the same channel at the same index reach the
// same users in the same trial. It allocates nothing once dst has grown.
func (b *BoundPlan) Starts(dst []Start, rnd *rand.Rand, key uint64) ([]Start, float64) {
	cost := b.fixed
	n := b.g.N()
	for i := range b.items {
		it := &b.items[i]
		switch {
		case it.channel >= 0:
			dst = b.broadcast(dst, it, key)
		case it.k > 0:
			base := len(dst)
			m := n
			if it.pool != nil {
				m = len(it.pool)
			}
			dst = pickDistinct(dst, rnd, m, it.k, it.pool, it.time)
			if pf := b.plan.Cost.PerFollower; pf != 0 {
				for _, s := range dst[base:] {
					cost += pf * float64(b.g.Out.Degree(s.Node))
				}
			}
		default:
			for _, v := range it.nodes {
				dst = append(dst, Start{Node: v, Time: it.time, Active: true})
			}
		}
	}
	return dst, cost
}

// broadcast appends the audience of a channel: each node independently with
// probability f, found by skipping geometric gaps, each adopting with
// probability q.
func (b *BoundPlan) broadcast(dst []Start, it *planItem, key uint64) []Start {
	n := b.g.N()
	c := NewCoins(key, uint32(it.channel), PurposeBroadcast)
	v := -1
	for {
		if it.thrF == math.Inf(-1) { // f = 1: everyone
			v++
		} else {
			// P(gap ≥ j) = (1−f)^j, so gap = ⌊log(U)/log(1−f)⌋, U in (0, 1].
			gap := math.Floor(math.Log(1-c.Float64()) / it.thrF)
			if gap >= float64(n) {
				return dst
			}
			v += 1 + int(gap)
		}
		if v >= n {
			return dst
		}
		x := c.Uint64() // drawn whatever q, so that the audience does not depend on q
		dst = append(dst, Start{Node: uint32(v), Time: it.time, Active: it.thrQ == math.MaxUint64 || x < it.thrQ})
	}
}

// name returns the plan's name, "plan" when it has none.
func (b *BoundPlan) name() string {
	if b.plan.Name == "" {
		return "plan"
	}
	return b.plan.Name
}

// Launches returns the plan's seed groups and channels in launch order on one
// line, with the people a fixed group starts from, without the plan's name.
func (b *BoundPlan) Launches() string {
	var parts []string
	for _, it := range b.items {
		parts = append(parts, b.describeItem(&it))
	}
	s := strings.Join(parts, "; ")
	if b.fixed > 0 {
		s += fmt.Sprintf("; fixed cost %.6g", b.fixed)
	}
	return s
}

// String returns a one-line summary of the plan: its name and Launches.
func (b *BoundPlan) String() string { return b.name() + ": " + b.Launches() }

// MinStarts returns the fewest distinct people a trial of the plan starts
// from (broadcast conversions aside): the distinct nodes of its fixed groups,
// or its largest random group, whichever is larger. Reach is never below it.
func (b *BoundPlan) MinStarts() int {
	seen := make(map[uint32]bool)
	most := 0
	for _, it := range b.items {
		for _, v := range it.nodes {
			seen[v] = true
		}
		most = max(most, it.k)
	}
	return max(len(seen), most)
}

// Describe returns a multi-line description of the plan for the CLI: each
// group and channel in launch order, with its resolved seeds (labels) and
// cost.
func (b *BoundPlan) Describe() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s: %d seed group(s), %d channel(s), fixed cost %.6g\n", b.name(), len(b.plan.Groups), len(b.plan.Channels), b.fixed)
	for _, it := range b.items {
		fmt.Fprintf(&sb, "  %s\n", b.describeItem(&it))
	}
	return sb.String()
}

// describeItem describes one group or channel: its selector, start time,
// the people a fixed group starts from or the draws of a random one, cost.
func (b *BoundPlan) describeItem(it *planItem) string {
	at := ""
	if it.time != 0 {
		at = fmt.Sprintf(" at t=%v", it.time)
	}
	cost := ""
	if it.cost > 0 {
		cost = fmt.Sprintf(", cost %.6g", it.cost)
	}
	if it.channel >= 0 {
		c := b.plan.Channels[it.channel]
		name := c.Name
		if name == "" {
			name = "broadcast"
		}
		return fmt.Sprintf("%s%s f=%v q=%v%s", name, at, c.Fraction, c.Convert, cost)
	}
	s := b.plan.Groups[it.group].Seeds.String() + at
	if it.k > 0 {
		s += fmt.Sprintf(": %d drawn per trial", it.k)
		if it.pool != nil {
			s += fmt.Sprintf(" from %d candidates", len(it.pool))
		}
		if b.plan.Cost.PerFollower > 0 {
			cost += " + followers"
		}
		return s + cost
	}
	const show = 10
	names := make([]string, 0, show)
	for _, v := range it.nodes[:min(show, len(it.nodes))] {
		names = append(names, b.g.Label(v))
	}
	more := ""
	if len(it.nodes) > show {
		more = fmt.Sprintf(", … (%d in all)", len(it.nodes))
	}
	return s + fmt.Sprintf(" = %s%s%s", strings.Join(names, ", "), more, cost)
}

// pageRank computes what top-pagerank:K needs when the plan does not supply
// it: PageRank with damping 0.85 to 1e-10 on the reversed graph, which ranks
// people as sources (content flows along arcs, so a person whose content
// reaches many influential people ranks high there).
func pageRank(g *graph.CSR) ([]float64, error) {
	return graph.PageRank(g.Reverse(), 0.85, 1e-10)
}

// communities computes what community:K needs when the plan does not supply
// it: Louvain communities at resolution 1 from a fixed seed, so that a plan
// binds to the same seeds in every run.
func communities(g *graph.CSR) ([]int, error) {
	return graph.Communities(g, 1, rand.New(rand.NewPCG(1, 2)))
}
