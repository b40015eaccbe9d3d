package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/influence"
	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/sim"
	"github.com/spf13/pflag"
)

func planCommand() command {
	return command{
		Name:  "plan",
		Usage: "--k K | --budget B [flags]",
		Short: "choose the start points: the best K seeds, or the best seeds a budget buys",
		Long: `Recommends a seed set by influence maximisation (IMM on reverse-reachable sets,
Tang, Shi & Xiao 2015, with Chen's corrected sampling): with probability at
least 1 − 1/n^ℓ its expected reach is at least (1 − 1/e − ε) of the best any K
seeds can do ((1 − 1/e)/2 − ε under a budget). Then it runs the recommended set
and the usual heuristic plans (top degree, degree discount, PageRank, one hub
per community, the KOC band) by Monte Carlo on fresh random numbers (never the
samples used to choose), side by side on common random numbers, and prints the
paired difference to the best heuristic. "One KOL or fifty KOCs?" is answered
with --budget and the costs: the selection weighs each seed's reach against
its price.

Models: ic (uniform, trust, wc) and lt, with --zombies and --decay.

Examples:
  ripple plan --k 10
  ripple plan --graph soc-Epinions1.txt.gz --strength 0.01 --k 50 --format json --quiet
  ripple plan --budget 20000 --cost-per-seed 200 --cost-per-follower 1 --out 选点 --lang zh
  ripple plan --graph weibo.csv --budget 50000 --cost-file quotes.csv

A cost file has one LABEL,COST per line (comma, tab or spaces; # comments; an
optional header); nodes it does not list are not for sale.`,
		Options: func() options { return &planOptions{} },
	}
}

type planOptions struct {
	simFlags
	k          int
	budget     float64
	epsilon    float64
	ell        float64
	costFile   string
	band       string
	points     int
	maxEntries int
}

// planDropped are the shared flags that mean nothing to plan (--k is the
// seed count here, not complex contagion's exposures).
var planDropped = map[string]bool{"k": true, "phi": true, "infectious-hours": true, "broadcast": true}

func (o *planOptions) AddFlags(fs *pflag.FlagSet) {
	fs.IntVar(&o.k, "k", 0, "number of seeds to choose (or use --budget)")
	fs.Float64Var(&o.budget, "budget", 0, "choose the seeds this `budget` buys, priced by --cost-per-seed, --cost-per-follower or --cost-file")
	fs.StringVar(&o.costFile, "cost-file", "", "a `file` of LABEL,COST lines pricing each node (unlisted nodes are not for sale)")
	fs.Float64Var(&o.epsilon, "epsilon", influence.DefaultEpsilon, "IMM's approximation slack ε in (0,1): smaller is closer to the best set and slower")
	fs.Float64Var(&o.ell, "ell", 1, "the guarantee holds with probability 1 − 1/n^ℓ")
	fs.StringVar(&o.band, "band", "10-40", "follower band `MIN-MAX` of the KOC heuristic")
	fs.IntVar(&o.points, "points", 4, "points of the reach-against-budget figure (with --out)")
	fs.IntVar(&o.maxEntries, "max-rr-entries", influence.DefaultMaxEntries, "bound on the reverse-reachable sets kept (4 bytes each, as much again to select); beyond it the guarantee's ε is reported as reached")
	all := pflag.NewFlagSet("plan", pflag.ContinueOnError)
	all.SortFlags = false
	o.simFlags.AddFlags(all, 2000)
	all.VisitAll(func(f *pflag.Flag) {
		if !planDropped[f.Name] {
			fs.AddFlag(f)
		}
	})
}

// checkFlags rejects what plan cannot do before anything is loaded.
func (o *planOptions) checkFlags() error {
	switch o.model.model {
	case "ic", "lt":
	default:
		return usagef("--model %q: plan chooses seeds for ic or lt", o.model.model)
	}
	switch {
	case o.k < 0:
		return usagef("--k %d: want a number of seeds ≥ 1", o.k)
	case o.k > 0 && o.budget != 0:
		return usagef("--k and --budget: give one (the number of seeds, or the budget that buys them)")
	case o.k == 0 && o.budget == 0:
		return usagef("plan needs --k K (how many seeds) or --budget B (what they may cost)")
	case o.budget != 0 && !(o.budget > 0 && !math.IsInf(o.budget, 0)):
		return usagef("--budget %v: want a positive number", o.budget)
	case o.budget > 0 && o.costFile == "" && o.plans.perSeed == 0 && o.plans.perFollower == 0:
		return usagef("--budget needs costs: --cost-per-seed, --cost-per-follower or --cost-file")
	case !(o.epsilon > 0 && o.epsilon < 1):
		return usagef("--epsilon %v: want 0 < ε < 1", o.epsilon)
	case !(o.ell > 0) || math.IsInf(o.ell, 0):
		return usagef("--ell %v: want ℓ > 0", o.ell)
	case o.points < 2:
		return usagef("--points %d: want at least 2", o.points)
	case o.maxEntries < 1:
		return usagef("--max-rr-entries %d: want at least 1", o.maxEntries)
	}
	if _, _, err := parseBand(o.band); err != nil {
		return err
	}
	return nil
}

// parseBand reads MIN-MAX.
func parseBand(s string) (lo, hi int, err error) {
	a, b, ok := strings.Cut(s, "-")
	lo, err1 := strconv.Atoi(strings.TrimSpace(a))
	hi, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || lo < 0 || lo > hi {
		return 0, 0, usagef("--band %q: want MIN-MAX followers with 0 ≤ MIN ≤ MAX", s)
	}
	return lo, hi, nil
}

// chosenJSON is one recommended seed: its label, price and the reach it
// adds by the RR estimate, in the order chosen.
type chosenJSON struct {
	Label string `json:"label"`
	Cost  num    `json:"cost"`
	Gain  num    `json:"marginal_gain"`
}

// selectionJSON says how the seeds were chosen and what that guarantees.
type selectionJSON struct {
	Algorithm  string `json:"algorithm"`
	Rule       string `json:"rule"`
	Epsilon    num    `json:"epsilon"`
	Ell        num    `json:"ell"`
	Guarantee  string `json:"guarantee"`
	Guaranteed bool   `json:"guaranteed"`
	// EpsilonReached is the ε the sets drawn guarantee (Epsilon unless the
	// store hit --max-rr-entries).
	EpsilonReached num  `json:"epsilon_reached"`
	Capped         bool `json:"capped,omitempty"`
	RRSets         int  `json:"rr_sets"`
	RREntries      int  `json:"rr_entries"`
	StoreBytes     int  `json:"store_bytes"`
	IndexBytes     int  `json:"index_bytes"`
	LowerBound     num  `json:"lower_bound"`
	// RREstimate is the reach the RR sets predict (the selection's own
	// sample: optimistic; the Monte Carlo reach is the one to quote).
	RREstimate num `json:"rr_estimate"`
	Seconds    num `json:"seconds"`
}

// curveJSON is one plan's reach at each point of the budget (or seed) axis.
type curveJSON struct {
	Name  string     `json:"name"`
	Reach []num      `json:"reach"`
	CI95  []interval `json:"ci95"`
}

type planReport struct {
	header
	// Seeds are the recommended labels in the order chosen.
	Seeds  []string     `json:"seeds"`
	Chosen []chosenJSON `json:"chosen"`
	// Reach, PCascade, Cost: the recommended set by independent Monte Carlo.
	Reach        reachJSON     `json:"reach"`
	PCascade     cascadeJSON   `json:"p_cascade"`
	Cost         num           `json:"cost"`
	ReachPerCost num           `json:"reach_per_cost"`
	Budget       num           `json:"budget,omitempty"`
	K            int           `json:"k,omitempty"`
	Selection    selectionJSON `json:"selection"`
	// Plan is the recommended set as a --plan NAME=SEEDS string for compare.
	Plan          string        `json:"plan"`
	Plans         []outcomeJSON `json:"plans"`
	BestHeuristic string        `json:"best_heuristic"`
	VsBest        diffJSON      `json:"vs_best_heuristic"`
	// Axis and Curves: reach against the budget or seed count (with --out).
	Axis   []num       `json:"axis,omitempty"`
	Curves []curveJSON `json:"curves,omitempty"`
}

// heuristic is a baseline plan: a ranking (best first) or a fixed selector
// built from a count.
type heuristic struct {
	name    string
	ranking []uint32               // nil for selector-only heuristics
	spec    func(k int) string     // seed selector for k seeds
	budget  func(b float64) string // seed selector under budget b ("" if none)
}

func (o *planOptions) Run(ctx context.Context, args []string, e *env) error {
	if err := noArgs("plan", args); err != nil {
		return err
	}
	if err := o.checkFlags(); err != nil {
		return err
	}
	s, err := o.prepare(e)
	if err != nil {
		return err
	}
	g := s.src.g
	if o.k > g.N() {
		return usagef("--k %d: the graph has only %d nodes", o.k, g.N())
	}
	m, kernel, err := o.kernel(s, o.model.strength)
	if err != nil {
		return err
	}
	sampler, err := influence.NewSampler(g, m, s.b)
	if err != nil {
		return &usageError{msg: "plan: " + strings.TrimPrefix(err.Error(), "influence: ")}
	}
	costs, err := o.costs(g)
	if err != nil {
		return err
	}
	opt := influence.Options{Epsilon: o.epsilon, Ell: o.ell, Seed: s.cfg.Seed, Workers: s.cfg.Workers, MaxEntries: o.maxEntries}
	start := time.Now()
	var res *influence.Result
	if o.budget > 0 {
		res, err = sampler.IMMBudget(ctx, costs, o.budget, opt)
	} else {
		res, err = sampler.IMM(ctx, o.k, opt)
	}
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		return &usageError{msg: "plan: " + strings.TrimPrefix(err.Error(), "influence: ")}
	}
	if len(res.Selection.Seeds) == 0 {
		return fmt.Errorf("plan: no seed within the budget reaches anyone")
	}
	heur, err := o.heuristics(s, g, len(res.Selection.Seeds))
	if err != nil {
		return err
	}
	// A heuristic's set that meets more of the RR sets than the greedy's
	// replaces it (the guarantee stands; see influence.Result.Consider).
	budgetCosts := costs // Consider checks a budget only with costs
	if o.budget <= 0 {
		budgetCosts = nil
	}
	for _, h := range heur {
		res.Consider(h.name, h.ids(costs, o.k, o.budget), budgetCosts, o.budget)
	}
	selSecs := time.Since(start).Seconds()
	sel := res.Selection

	// The comparison: the recommended set and each heuristic, on common
	// random numbers from --seed (the RR sets used other streams).
	pt := planTextsFor(o.out.lang)
	names := []string{pt.Names[0]}
	specs := []string{labelSpec(g, sel.Seeds)}
	for _, h := range heur {
		spec := specAt(h, g, costs, o.k, o.budget)
		if spec == "" {
			continue
		}
		names, specs = append(names, h.name), append(specs, spec)
	}
	bound, seeders, names, specs, warnings := o.bindAll(s, names, specs)
	cfg := s.cfg
	bar := newProgress(e, o.out.quiet, "evaluating")
	cfg.Progress = bar.Update
	evalStart := time.Now()
	pr, runErr := sim.RunPaired(ctx, kernel, seeders, cfg)
	bar.Done()
	if pr == nil {
		return runErr
	}
	rep := planReport{header: o.header(e, s, m), K: o.k, Budget: num(o.budget)}
	rep.Trials, rep.Partial = pr.Trials, pr.Partial
	rep.Warnings = warnings
	rep.Timing = newTiming(time.Since(evalStart).Seconds()+selSecs, pr.Trials*len(seeders), cfg.Workers)
	rep.Seeds = labels(g, sel.Seeds)
	for i, v := range sel.Seeds {
		c := 0.0
		if costs != nil {
			c = costs[v]
		}
		rep.Chosen = append(rep.Chosen, chosenJSON{Label: g.Label(v), Cost: num(c), Gain: num(sel.Gains[i])})
	}
	best := -1
	for i, r := range pr.Plans {
		out := outcome(names[i], specs[i], bound[i], r.Summary, cfg.Theta, bound[i].MinStarts())
		if costs != nil && specs[i] != "" && !strings.HasPrefix(specs[i], "band:") {
			out.Cost = num(setCost(g, costs, bound[i], specs[i]))
			out.CostPer = num(float64(out.Cost) / float64(out.Reach.Mean))
		}
		rep.Plans = append(rep.Plans, out)
		if i > 0 && (best < 0 || r.Summary.Reach.Mean > pr.Plans[best].Summary.Reach.Mean) {
			best = i
		}
	}
	ratio, threshold := ratioOf(rep.Model, o.model.behavioursSet()), sim.ThresholdModel(m.Name())
	for i, r := range pr.Plans {
		rep.Plans[i].Notes = sim.Notes(r.Summary, ratio, threshold)
	}
	rec := rep.Plans[0]
	rep.Reach, rep.PCascade, rep.Cost = rec.Reach, rec.PCascade, rec.Cost
	rep.ReachPerCost = num(float64(rec.Reach.Mean) / float64(rec.Cost))
	rep.Plan = names[0] + "=" + specs[0]
	if best > 0 {
		d, err := pr.Diff(0, best)
		if err != nil {
			return err
		}
		rep.BestHeuristic = names[best]
		rep.VsBest = diffJSON{Plan: names[0], Vs: names[best], Mean: num(d.Mean), CI95: ci(d),
			Ratio: num(float64(rec.Cost) / float64(rep.Plans[best].Cost))}
	}
	guarantee := "(1 − 1/e − ε)·OPT"
	if o.budget > 0 {
		guarantee = "((1 − 1/e)/2 − ε)·OPT"
	}
	st := res.Stats
	rep.Selection = selectionJSON{
		Algorithm: "IMM (Tang, Shi & Xiao 2015; final RR sets drawn afresh, Chen 2018)", Rule: sel.Rule,
		Epsilon: num(o.epsilon), Ell: num(o.ell), Guarantee: guarantee, Guaranteed: st.Guaranteed,
		EpsilonReached: num(st.Epsilon), Capped: st.Capped,
		RRSets: st.Theta, RREntries: st.Entries, StoreBytes: st.StoreBytes, IndexBytes: st.IndexBytes,
		LowerBound: num(st.LowerBound), RREstimate: num(sel.Reach), Seconds: num(selSecs),
	}
	if st.Capped {
		rep.Selection.RRSets = res.Store.Sets()
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("the RR sets reached --max-rr-entries: the guarantee holds for ε = %.3g, not %.3g", st.Epsilon, o.epsilon))
	}
	if s.folder != nil && runErr == nil {
		if err := o.curves(ctx, s, kernel, res, heur, costs, &rep); err != nil {
			return err
		}
	}
	err = o.emit(e, &rep.header, rep,
		func(w io.Writer) error { return writeOutcomesCSV(w, textsFor(o.out.lang), rep.Plans, rep.Trials) },
		func(w io.Writer) { writePlanText(w, planTextsFor(o.out.lang), textsFor(o.out.lang), &rep, o.out.dir) })
	if err != nil {
		return err
	}
	if err := o.writeFolder(s, &rep); err != nil {
		return err
	}
	return interrupted(textsFor(o.out.lang), runErr, pr.Trials, cfg.Trials)
}

// labelSpec is a seed selector naming the nodes.
func labelSpec(g *graph.CSR, ids []uint32) string {
	return sim.Selector{Kind: sim.SelectLabels, Labels: labels(g, ids)}.String()
}

// setCost is the price of a plan's fixed seeds under the node costs.
func setCost(g *graph.CSR, costs []float64, bp *sim.BoundPlan, spec string) float64 {
	sel, err := sim.ParseSeeds(spec)
	if err != nil || sel.Kind != sim.SelectLabels {
		return bp.Cost()
	}
	total := 0.0
	for _, l := range sel.Labels {
		if v, ok := g.Labels().ID(l); ok {
			total += costs[v]
		}
	}
	return total
}

// costs returns each node's price: from --cost-file, or the cost model of
// --cost-per-seed and --cost-per-follower; nil without --budget and costs.
func (o *planOptions) costs(g *graph.CSR) ([]float64, error) {
	cm := sim.CostModel{PerSeed: o.plans.perSeed, PerFollower: o.plans.perFollower}
	if err := cm.Validate(); err != nil {
		return nil, usagef("%v", strings.TrimPrefix(err.Error(), "sim: "))
	}
	if o.costFile != "" {
		f, err := os.Open(o.costFile)
		if err != nil {
			return nil, usagef("--cost-file: %v", err)
		}
		defer f.Close()
		r, _, _, err := graph.DecodeText(f, o.costFile, o.graph.encoding)
		if err != nil {
			return nil, usagef("--cost-file: %v", err)
		}
		costs, err := influence.ReadCosts(r, o.costFile, g)
		if err != nil {
			return nil, &usageError{msg: err.Error()}
		}
		return costs, nil
	}
	if cm == (sim.CostModel{}) {
		return nil, nil
	}
	costs := make([]float64, g.N())
	for v := range costs {
		costs[v] = cm.Seed(g, uint32(v))
	}
	return costs, nil
}

// heuristics returns the baseline plans; rankings are computed once. kmax
// is the most seeds any plan may need (rankings are cut there).
func (o *planOptions) heuristics(s *session, g *graph.CSR, chosen int) ([]heuristic, error) {
	kmax := o.k
	if o.budget > 0 {
		kmax = g.N()
	}
	lo, hi, _ := parseBand(o.band)
	n := planTextsFor(o.out.lang).Names
	hs := []heuristic{{name: n[1], ranking: influence.TopDegree(g)}}
	hs = append(hs, heuristic{name: n[2], ranking: influence.DegreeDiscount(g, min(kmax, max(chosen, o.k, 4*chosen)), o.model.strength)})
	pr, err := influence.PageRank(g)
	if err != nil {
		return nil, err
	}
	hs = append(hs, heuristic{name: n[3], ranking: pr})
	hubs, err := influence.CommunityHubs(g, s.src.communities)
	if err != nil {
		return nil, err
	}
	hs = append(hs, heuristic{name: n[4], ranking: hubs})
	if o.costFile == "" {
		hs = append(hs, heuristic{name: n[5], spec: func(k int) string { return fmt.Sprintf("band:%d:%d-%d", k, lo, hi) },
			budget: func(b float64) string {
				// As many KOCs as the budget buys at the band's dearest price.
				c := sim.CostModel{PerSeed: o.plans.perSeed, PerFollower: o.plans.perFollower}
				k := int(b / (c.PerSeed + c.PerFollower*float64(hi)))
				if k < 1 {
					return ""
				}
				return fmt.Sprintf("band:%d:%d-%d", k, lo, hi)
			}})
	}
	return hs, nil
}

// specAt returns heuristic h's seed selector for k seeds (budget 0) or for
// what budget buys; "" when it has no plan there.
func specAt(h heuristic, g *graph.CSR, costs []float64, k int, budget float64) string {
	if h.ranking == nil {
		if budget > 0 {
			return h.budget(budget)
		}
		return h.spec(k)
	}
	ids := h.ids(costs, k, budget)
	if len(ids) == 0 {
		return ""
	}
	return labelSpec(g, ids)
}

// ids returns a ranking heuristic's seeds: the best it can afford under
// budget (budget > 0), else its first k; nil for a selector-only heuristic
// or a ranking shorter than k.
func (h heuristic) ids(costs []float64, k int, budget float64) []uint32 {
	switch {
	case h.ranking == nil:
		return nil
	case budget > 0:
		return influence.Affordable(h.ranking, costs, budget, 0)
	case k <= len(h.ranking):
		return h.ranking[:k]
	}
	return nil
}

// bindAll binds each plan; a heuristic the graph cannot serve (a KOC band
// with too few members) is left out with a warning, the recommended plan
// never.
func (o *planOptions) bindAll(s *session, names, specs []string) ([]*sim.BoundPlan, []sim.Seeder, []string, []string, []string) {
	var bound []*sim.BoundPlan
	var seeders []sim.Seeder
	var keptN, keptS, warnings []string
	for i := range names {
		_, bp, err := o.plan(s, names[i], specs[i])
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("%s left out: %v", names[i], err))
			continue
		}
		bound, seeders = append(bound, bp), append(seeders, bp)
		keptN, keptS = append(keptN, names[i]), append(keptS, specs[i])
	}
	return bound, seeders, keptN, keptS, warnings
}

// curves evaluates every plan at --points values of the seed count or the
// budget, for the reach-against-budget figure: the recommended plan is the
// greedy prefix (seed count) or the budgeted greedy on the same RR sets.
func (o *planOptions) curves(ctx context.Context, s *session, kernel sim.Kernel, res *influence.Result, heur []heuristic, costs []float64, rep *planReport) error {
	g := s.src.g
	names := make([]string, len(rep.Plans))
	for i, p := range rep.Plans {
		names[i] = p.Name
	}
	curves := make([]curveJSON, len(names))
	for i := range curves {
		curves[i].Name = names[i]
	}
	var xs []float64
	for i := 1; i <= o.points; i++ {
		var x float64
		if o.budget > 0 {
			x = o.budget * float64(i) / float64(o.points)
		} else {
			x = math.Round(float64(o.k) * float64(i) / float64(o.points))
			if x < 1 || (len(xs) > 0 && x <= xs[len(xs)-1]) {
				continue
			}
		}
		specs := make([]string, len(names))
		if o.budget > 0 {
			if sel, err := res.Coverage.Budgeted(costs, x); err == nil && len(sel.Seeds) > 0 {
				specs[0] = labelSpec(g, sel.Seeds)
			}
		} else {
			specs[0] = labelSpec(g, res.Selection.Seeds[:int(x)])
		}
		budget := 0.0
		if o.budget > 0 {
			budget = x
		}
		for j := 1; j < len(names); j++ {
			for _, h := range heur {
				if h.name == names[j] {
					specs[j] = specAt(h, g, costs, int(x), budget)
				}
			}
		}
		var idx []int
		var seeders []sim.Seeder
		for j, spec := range specs {
			if spec == "" {
				continue
			}
			if _, bp, err := o.plan(s, names[j], spec); err == nil {
				idx, seeders = append(idx, j), append(seeders, bp)
			}
		}
		xs = append(xs, x)
		for j := range curves {
			curves[j].Reach = append(curves[j].Reach, num(math.NaN()))
			curves[j].CI95 = append(curves[j].CI95, interval{num(math.NaN()), num(math.NaN())})
		}
		if len(seeders) == 0 {
			continue
		}
		cfg := s.cfg
		cfg.Progress = nil
		pr, err := sim.RunPaired(ctx, kernel, seeders, cfg)
		if err != nil {
			return err
		}
		for a, j := range idx {
			sum := pr.Plans[a].Summary
			last := len(xs) - 1
			curves[j].Reach[last], curves[j].CI95[last] = num(sum.Reach.Mean), ci(sum.Reach)
		}
	}
	for _, x := range xs {
		rep.Axis = append(rep.Axis, num(x))
	}
	rep.Curves = curves
	return nil
}

// writeFolder writes the plan figure, the reach-against-budget figure, the
// chosen seeds and the summary into --out.
func (o *planOptions) writeFolder(s *session, rep *planReport) error {
	d := s.folder
	if d == nil {
		return nil
	}
	var data results.Plans
	for _, p := range rep.Plans {
		// A Wilson bound at k = n can come out a rounding step inside the
		// estimate (0.9999999999999998 < 1); the figure wants it ordered.
		pc := float64(p.PCascade.Estimate)
		data.Plans = append(data.Plans, results.Plan{
			Name: p.Name, Reach: float64(p.Reach.Mean), ReachLo: float64(p.Reach.CI95[0]), ReachHi: float64(p.Reach.CI95[1]),
			Cost:     float64(p.Cost),
			PCascade: pc, PCascadeLo: min(pc, float64(p.PCascade.CI95[0])), PCascadeHi: max(pc, float64(p.PCascade.CI95[1])),
			HasPCascade: true,
		})
	}
	capt := d.caption(s.src, rep.Model, rep.Trials, rep.Seed, false)
	fig, err := results.NewPlanFigure(d.style, data, capt)
	if err != nil {
		return err
	}
	if err := d.figure("plan", fig, data); err != nil {
		return err
	}
	if len(rep.Axis) >= 2 {
		bc := results.BudgetCurves{Axis: results.Seeds}
		if o.budget > 0 {
			bc.Axis = results.Budget
		}
		for _, x := range rep.Axis {
			bc.X = append(bc.X, float64(x))
		}
		for _, c := range rep.Curves {
			cur := results.BudgetCurve{Name: c.Name}
			for i := range c.Reach {
				cur.Reach = append(cur.Reach, float64(c.Reach[i]))
				cur.ReachLo = append(cur.ReachLo, float64(c.CI95[i][0]))
				cur.ReachHi = append(cur.ReachHi, float64(c.CI95[i][1]))
			}
			bc.Curves = append(bc.Curves, cur)
		}
		fig, err := results.NewBudgetFigure(d.style, bc, capt)
		if err != nil {
			return err
		}
		if err := d.figure("budget", fig, bc); err != nil {
			return err
		}
	}
	pt := planTextsFor(o.out.lang)
	err = d.write("seeds.csv", "data", func(w io.Writer) error {
		rows := make([][]string, len(rep.Chosen))
		for i, c := range rep.Chosen {
			rows[i] = []string{strconv.Itoa(i + 1), c.Label, strconv.FormatFloat(float64(c.Cost), 'g', -1, 64), strconv.FormatFloat(float64(c.Gain), 'g', 6, 64)}
		}
		return results.WriteCSV(w, pt.SeedColumns, rows)
	})
	if err != nil {
		return err
	}
	return d.finish(rep, &rep.header)
}

// planTexts are plan's own words (the table reuses compare's).
type planTexts struct {
	Header      string // model, strength, trials, seed, partial mark
	ChosenK     string // k, guarantee, ε, ℓ
	ChosenB     string // n seeds, budget, guarantee, ε, ℓ
	Sets        string // sets, MB, seconds
	Seed        string // rank, label, cost, gain
	SeedFree    string // rank, label, gain
	Total       string // reach, lo, hi, cost, cost per person reached
	TotalFree   string // reach, lo, hi
	VsBest      string // heuristic, more, lo, hi
	VsWorse     string // heuristic, fewer, lo, hi
	NotClear    string
	Paste       string // plan string
	SeedColumns []string
	// Names of the plans: recommended, top degree, degree discount,
	// PageRank, community hubs, KOC band (also in JSON and --plan).
	Names []string
}

func planTextsFor(lang results.Lang) *planTexts {
	if lang == results.Chinese {
		return &planTexts{
			Header:      "ripple plan — %s 模型，传播动力 %g，每个方案 %s 次试验（共用随机数，与选点所用样本无关），随机种子 %d%s",
			ChosenK:     "推荐的 %d 个启动点（IMM，保证 ≥ %s，ε = %g，ℓ = %g）：",
			ChosenB:     "预算 %[2]s 内推荐的 %[1]d 个启动点（IMM，保证 ≥ %[3]s，ε = %[4]g，ℓ = %[5]g）：",
			Sets:        "  反向可达集 %s 个（%.0f MB），选点用时 %.1f 秒",
			Seed:        "  %3d. %-20s 成本 %-10s 边际触达 +%s",
			SeedFree:    "  %3d. %-20s 边际触达 +%s",
			Total:       "推荐方案：平均触达 %s 人（95%% 置信区间 %s–%s），成本 %s，每触达一人 %.3g",
			TotalFree:   "推荐方案：平均触达 %s 人（95%% 置信区间 %s–%s）",
			VsBest:      "比最好的启发式方案（%s）多触达 %s 人（95%% 置信区间 %s 至 %s）",
			VsWorse:     "比最好的启发式方案（%s）少触达 %s 人（95%% 置信区间 %s 至 %s）",
			NotClear:    "（差别不明显）",
			Paste:       "在 ripple compare 中使用：--plan '%s'",
			SeedColumns: []string{"顺序", "启动点", "成本", "边际触达"},
			Names:       []string{"推荐", "粉丝最多", "度折扣", "PageRank", "社群领袖", "KOC区间"},
		}
	}
	return &planTexts{
		Header:      "ripple plan — %s at strength %g, %s trials per plan on common random numbers (apart from the selection's samples), seed %d%s",
		ChosenK:     "recommended %d seeds (IMM, guarantee ≥ %s, ε = %g, ℓ = %g):",
		ChosenB:     "recommended %d seeds within budget %s (IMM, guarantee ≥ %s, ε = %g, ℓ = %g):",
		Sets:        "  %s reverse-reachable sets (%.0f MB), chosen in %.1f s",
		Seed:        "  %3d. %-20s cost %-10s adds +%s",
		SeedFree:    "  %3d. %-20s adds +%s",
		Total:       "recommended plan: mean reach %s people (95%% CI %s–%s), cost %s, %.3g per person reached",
		TotalFree:   "recommended plan: mean reach %s people (95%% CI %s–%s)",
		VsBest:      "it reaches %[2]s more people than the best heuristic, %[1]s (95%% CI %[3]s to %[4]s)",
		VsWorse:     "it reaches %[2]s fewer people than the best heuristic, %[1]s (95%% CI %[3]s to %[4]s)",
		NotClear:    " — not a clear difference",
		Paste:       "to use it in ripple compare: --plan '%s'",
		SeedColumns: []string{"rank", "seed", "cost", "marginal_gain"},
		Names:       []string{"recommended", "top degree", "degree discount", "pagerank", "community hubs", "koc band"},
	}
}

func writePlanText(w io.Writer, pt *planTexts, t *texts, r *planReport, dir string) {
	fmt.Fprintf(w, pt.Header+"\n", r.Model.Name, r.Model.Strength, people(float64(r.Trials)), r.Seed, r.partialMark(t))
	fmt.Fprintf(w, "%s%s"+t.GraphLine+"\n\n", t.Graph, t.Colon, t.graphName(r.Graph.Name), t.persons(float64(r.Graph.Nodes)), t.links(r.Graph.Edges, r.Graph.Directed))
	sel := r.Selection
	if r.Budget > 0 {
		fmt.Fprintf(w, pt.ChosenB+"\n", len(r.Seeds), people(float64(r.Budget)), sel.Guarantee, float64(sel.Epsilon), float64(sel.Ell))
	} else {
		fmt.Fprintf(w, pt.ChosenK+"\n", len(r.Seeds), sel.Guarantee, float64(sel.Epsilon), float64(sel.Ell))
	}
	const show = 20
	for i, c := range r.Chosen[:min(show, len(r.Chosen))] {
		if r.Cost > 0 {
			fmt.Fprintf(w, pt.Seed+"\n", i+1, c.Label, people(float64(c.Cost)), people(float64(c.Gain)))
		} else {
			fmt.Fprintf(w, pt.SeedFree+"\n", i+1, c.Label, people(float64(c.Gain)))
		}
	}
	if len(r.Chosen) > show {
		fmt.Fprintf(w, "  … (%d)\n", len(r.Chosen))
	}
	fmt.Fprintf(w, pt.Sets+"\n\n", people(float64(sel.RRSets)), float64(sel.StoreBytes+sel.IndexBytes)/(1<<20), float64(sel.Seconds))
	tb := table{right: []bool{false, true, true, false, true, true, true}}
	tb.row(t.Columns[:7]...)
	for _, p := range r.Plans {
		cost, per := "–", "–"
		if p.Cost > 0 {
			cost, per = people(float64(p.Cost)), fmt.Sprintf("%.3g", float64(p.CostPer))
		}
		tb.row(p.Name,
			fmt.Sprintf("%s (%s–%s)", people(float64(p.Reach.Mean)), people(float64(p.Reach.CI95[0])), people(float64(p.Reach.CI95[1]))),
			fmt.Sprintf("%.3f (%.3f–%.3f)", float64(p.PCascade.Estimate), float64(p.PCascade.CI95[0]), float64(p.PCascade.CI95[1])),
			t.verdictWord(p.Verdict), fmt.Sprintf("%.2f", float64(p.Branching)), cost, per)
	}
	tb.write(w)
	for _, p := range r.Plans {
		for _, n := range t.planNotes(p, ratioOf(r.Model, false)) {
			fmt.Fprintf(w, "%s%s%s%s%s\n", t.Note, t.Colon, p.Name, t.Colon, n)
		}
	}
	fmt.Fprintln(w)
	if r.Cost > 0 {
		fmt.Fprintf(w, pt.Total+"\n", people(float64(r.Reach.Mean)), people(float64(r.Reach.CI95[0])), people(float64(r.Reach.CI95[1])), people(float64(r.Cost)), float64(r.Cost)/float64(r.Reach.Mean))
	} else {
		fmt.Fprintf(w, pt.TotalFree+"\n", people(float64(r.Reach.Mean)), people(float64(r.Reach.CI95[0])), people(float64(r.Reach.CI95[1])))
	}
	if d := r.VsBest; d.Vs != "" {
		if d.Mean >= 0 {
			fmt.Fprintf(w, pt.VsBest, d.Vs, people(float64(d.Mean)), people(float64(d.CI95[0])), people(float64(d.CI95[1])))
		} else {
			fmt.Fprintf(w, pt.VsWorse, d.Vs, people(-float64(d.Mean)), people(float64(d.CI95[0])), people(float64(d.CI95[1])))
		}
		if d.CI95[0] <= 0 && d.CI95[1] >= 0 {
			fmt.Fprint(w, pt.NotClear)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, pt.Paste+"\n", r.Plan)
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "%s%s%s\n", t.Warning, t.Colon, warn)
	}
	if dir != "" {
		fmt.Fprintf(w, t.FiguresDir+"\n", dir)
	}
}
