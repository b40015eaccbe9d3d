package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ripple-sim/ripple/contain"
	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/scenarios"
	"github.com/ripple-sim/ripple/sim"
	"github.com/spf13/pflag"
)

func containCommand() command {
	return command{
		Name:  "contain",
		Usage: "--backlash SEEDS [flags]",
		Short: "choose the accounts for a clarification that contains a backlash (负能量)",
		Long: `A backlash (a complaint, a rumour, a parody) starts from --backlash at
generation --backlash-at; our clarification starts from --accounts K accounts at
generation --clarify-at, and the two race through the relationship chains:
first arrival wins (competing independent cascade, time in generations).
Each strategy chooses K accounts; every plan is then evaluated on fresh trials
(a seed the choices never saw), beside doing nothing, with 95% intervals.

Strategies: top-degree, backlash-neighbours (the people the backlash reaches
first), community-hubs, ris (reverse-reachable blocking sets), and on request
greedy-mc (the Monte Carlo reference: slow on large graphs, bounded by --pool).

Examples:
  ripple contain --backlash top-degree:3 --accounts 5
  ripple contain --graph follows.csv --reverse --backlash "小李,小张" --clarify-at 1 --accounts 10 --lang zh --out 澄清
  ripple contain --backlash random:5 --convert 0.2 --strategies ris,top-degree --format json`,
		Options: func() options { return &containOptions{} },
	}
}

type containOptions struct {
	simFlags
	backlash          string
	backlashAt        float64
	backlashStrength  float64
	k                 int
	clarifyAt         float64
	clarifyStrength   float64
	convert           float64
	strategies        string
	pool, selectTrial int
	rrSets            int
	budget            float64
}

func (o *containOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.backlash, "backlash", "", "the backlash's start points (负能量引爆源): labels, top-degree:K, random:K (drawn once from --seed), ...")
	fs.Float64Var(&o.backlashAt, "backlash-at", 0, "`generation` at which the backlash starts")
	fs.Float64Var(&o.backlashStrength, "backlash-strength", -1, "the backlash's spread strength (default --strength)")
	fs.IntVar(&o.k, "accounts", 5, "number `K` of accounts to carry the clarification (with --budget: the most to take, 0 for no cap)")
	fs.Float64Var(&o.budget, "budget", 0, "total price the accounts may cost, priced by --cost-per-seed and --cost-per-follower (0 = no budget: K accounts)")
	fs.Float64Var(&o.plans.perSeed, "cost-per-seed", 0, "price of each account (fixed part of a KOL/KOC quote)")
	fs.Float64Var(&o.plans.perFollower, "cost-per-follower", 0, "price per follower of each account")
	fs.Float64Var(&o.clarifyAt, "clarify-at", 1, "`generation` at which our clarification starts")
	fs.Float64Var(&o.clarifyStrength, "clarify-strength", -1, "our clarification's spread strength (default --strength)")
	fs.Float64Var(&o.convert, "convert", 0, "chance `q` that our clarification converts someone who already holds the backlash when it reaches them later")
	fs.StringVar(&o.strategies, "strategies", "top-degree,backlash-neighbours,community-hubs,ris", "strategies to compare, comma-separated (add greedy-mc for the Monte Carlo reference: slow on large graphs)")
	fs.IntVar(&o.pool, "pool", 20, "greedy-mc: candidates scored at each step (the most followed, plus the backlash's neighbours)")
	fs.IntVar(&o.selectTrial, "select-trials", 200, "greedy-mc: trials per candidate score")
	fs.IntVar(&o.rrSets, "rr-sets", 20000, "ris: reverse-reachable sets to sample")
	o.model.AddFlags(fs, scenarios.Default().Strength)
	o.engine.AddFlags(fs, 2000)
	o.graph.AddFlags(fs)
	o.out.AddFlags(fs)
}

// containPlanJSON is one plan's outcome in ripple contain's JSON.
type containPlanJSON struct {
	Strategy      string       `json:"strategy"`
	Accounts      []string     `json:"accounts"`
	Backlash      estimateJSON `json:"backlash_reach"`
	BacklashP     estimateJSON `json:"backlash_p_cascade"`
	Clarify       estimateJSON `json:"clarify_reach"`
	ClarifyShare  estimateJSON `json:"clarify_share"`
	BacklashShare estimateJSON `json:"backlash_share"`
	// Saved is the baseline's mean backlash reach minus this plan's (the
	// same evaluation trials).
	Saved num `json:"saved"`
	// Cost is the accounts' total price.
	Cost num `json:"cost"`
}

// containReport is ripple contain's JSON output.
type containReport struct {
	header
	Backlash         []string          `json:"backlash"`
	BacklashAt       float64           `json:"backlash_at"`
	BacklashStrength float64           `json:"backlash_strength"`
	ClarifyAt        float64           `json:"clarify_at"`
	ClarifyStrength  float64           `json:"clarify_strength"`
	K                int               `json:"k"`
	Convert          float64           `json:"convert"`
	Budget           float64           `json:"budget,omitempty"`
	Baseline         containPlanJSON   `json:"baseline"`
	Plans            []containPlanJSON `json:"plans"`
}

// strategyList parses --strategies.
func strategyList(s string) ([]contain.Strategy, error) {
	var out []contain.Strategy
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		ok := false
		for _, st := range contain.Strategies {
			ok = ok || string(st) == part
		}
		if !ok {
			return nil, usagef("--strategies: unknown strategy %q (want any of top-degree, backlash-neighbours, community-hubs, ris, greedy-mc)", part)
		}
		out = append(out, contain.Strategy(part))
	}
	if len(out) == 0 {
		return nil, usagef("--strategies: none given")
	}
	return out, nil
}

func (o *containOptions) Run(ctx context.Context, args []string, e *env) error {
	if err := noArgs("contain", args); err != nil {
		return err
	}
	if strings.TrimSpace(o.backlash) == "" {
		return usagef("contain: --backlash is required: the accounts the backlash starts from")
	}
	strategies, err := strategyList(o.strategies)
	if err != nil {
		return err
	}
	if o.model.model != "ic" || (o.model.delay != "generation" && o.model.delay != "") {
		return usagef("contain: needs --model ic with --delay generation (time in generations)")
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"--backlash-at", o.backlashAt}, {"--clarify-at", o.clarifyAt}} {
		if !(f.v >= 0) {
			return usagef("%s %v: want a generation ≥ 0", f.name, f.v)
		}
	}
	if o.backlashStrength < 0 {
		o.backlashStrength = o.model.strength
	}
	if o.clarifyStrength < 0 {
		o.clarifyStrength = o.model.strength
	}
	s, err := o.prepare(e)
	if err != nil {
		return err
	}
	g := s.src.g
	m, err := o.model.build(o.model.strength)
	if err != nil {
		return err
	}
	groups := sim.SplitGroups(o.backlash)
	plan := sim.Plan{Name: "backlash", Communities: s.src.communities}
	for _, gs := range groups {
		gr, err := sim.ParseGroup(gs)
		if err != nil {
			return usagef("--backlash: %v", err)
		}
		gr.Time = 0
		plan.Groups = append(plan.Groups, gr)
	}
	bp, err := bindPlan(plan, g)
	if err != nil {
		return err
	}
	starts, _ := bp.Starts(nil, rand.New(rand.NewPCG(o.engine.seed, 0x6261636b)), 0)
	var seeds []uint32
	for _, st := range starts {
		seeds = append(seeds, st.Node)
	}
	p := contain.Problem{
		Graph: g, IC: m.(sim.IC), Behaviours: s.b,
		Backlash: seeds, BacklashStart: o.backlashAt, BacklashStrength: o.backlashStrength,
		ClarifyStart: o.clarifyAt, ClarifyStrength: o.clarifyStrength, Convert: o.convert, K: o.k,
		Budget: o.budget, Cost: sim.CostModel{PerSeed: o.plans.perSeed, PerFollower: o.plans.perFollower},
	}
	if err := p.Validate(); err != nil {
		return &usageError{msg: err.Error()}
	}
	opts := contain.Options{Seed: o.engine.seed, Trials: o.engine.trials, SelectTrials: o.selectTrial, Pool: o.pool,
		RRSets: o.rrSets, Workers: o.engine.workers, Theta: o.engine.threshold}
	start := time.Now()
	base, plans, err := contain.Plans(ctx, p, strategies, opts)
	if err != nil {
		return err
	}
	rep := containReport{header: o.header(e, s, m), BacklashAt: o.backlashAt, BacklashStrength: o.backlashStrength,
		ClarifyAt: o.clarifyAt, ClarifyStrength: o.clarifyStrength, K: o.k, Convert: o.convert, Budget: o.budget}
	rep.Trials = o.engine.trials
	rep.Timing = newTiming(time.Since(start).Seconds(), o.engine.trials*(len(plans)+1), o.engine.workers)
	rep.Backlash = labels(g, seeds)
	rep.Baseline = planJSON(g, base, base)
	for _, pl := range plans {
		rep.Plans = append(rep.Plans, planJSON(g, pl, base))
	}
	t := containTextsFor(o.out.lang)
	err = o.emit(e, &rep.header, rep,
		func(w io.Writer) error { return writeContainCSV(w, rep) },
		func(w io.Writer) { writeContainText(w, textsFor(o.out.lang), t, rep) })
	if err != nil {
		return err
	}
	return s.folder.writeContain(&rep, s.src)
}

// labels returns the names of vs.
func labels(g interface{ Label(uint32) string }, vs []uint32) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = g.Label(v)
	}
	return out
}

func planJSON(g interface{ Label(uint32) string }, e, base contain.Evaluation) containPlanJSON {
	est := func(x sim.Estimate) estimateJSON { return estimateJSON{num(x.Mean), ci(x)} }
	return containPlanJSON{
		Strategy: string(e.Strategy), Accounts: labels(g, e.Seeds),
		Backlash: est(e.Backlash), BacklashP: est(e.BacklashCascade), Clarify: est(e.Clarify),
		ClarifyShare: est(e.ClarifyShare), BacklashShare: est(e.BacklashShare),
		Saved: num(base.Backlash.Mean - e.Backlash.Mean), Cost: num(e.Cost),
	}
}

// containTexts are the words of ripple contain's summary.
type containTexts struct {
	Header   string // model, strength, trials, seed
	Backlash string // label
	BLine    string // accounts, generation, strength
	Clarify  string // label
	CLine    string // k, generation, strength
	Columns  []string
	Convert  string // percent
	Budget   string // budget
	Nothing  string
	Best     string // strategy, people saved
}

func containTextsFor(lang results.Lang) *containTexts {
	if lang == results.Chinese {
		return &containTexts{
			Header:   "ripple contain — %s 模型，传播动力 %g，每个方案 %s 次试验（与选点所用随机数不同），随机种子 %d",
			Backlash: "负能量", BLine: "%s，第 %g 代开始，传播动力 %g",
			Clarify: "澄清", CLine: "%d 个账号，第 %g 代开始，传播动力 %g",
			Columns: []string{"方案", "负能量触达（95% CI）", "减少", "我方先到占比（95% CI）", "账号"},
			Convert: "已接收负能量的人再收到澄清时，有 %s 的概率被转化",
			Budget:  "预算 %s（账号总价不超过预算）",
			Nothing: "不澄清", Best: "最能遏制负能量的方案：%s，平均少触达 %s 人",
		}
	}
	return &containTexts{
		Header:   "ripple contain — %s at strength %g, %s trials per plan (fresh, not those the choices used), seed %d",
		Backlash: "backlash", BLine: "%s, from generation %g, strength %g",
		Clarify: "clarification", CLine: "%d accounts, from generation %g, strength %g",
		Columns: []string{"plan", "backlash reach (95% CI)", "saved", "ours first (95% CI)", "accounts"},
		Convert: "someone who already holds the backlash converts with chance %s when ours reaches them later",
		Budget:  "budget %s: the accounts cost no more in all",
		Nothing: "do nothing", Best: "best containment: %s, %s fewer people reached by the backlash on average",
	}
}

func shortList(names []string) string {
	const show = 6
	if len(names) <= show {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:show], ", ") + fmt.Sprintf(", … (%d)", len(names))
}

func writeContainText(w io.Writer, t *texts, ct *containTexts, r containReport) {
	fmt.Fprintf(w, ct.Header+"\n", r.Model.Name, r.Model.Strength, people(float64(r.Trials)), r.Seed)
	t.line(w, t.Graph, t.GraphLine, t.graphName(r.Graph.Name), t.persons(float64(r.Graph.Nodes)), t.links(r.Graph.Edges, r.Graph.Directed))
	t.line(w, ct.Backlash, ct.BLine, shortList(r.Backlash), r.BacklashAt, r.BacklashStrength)
	t.line(w, ct.Clarify, ct.CLine, r.K, r.ClarifyAt, r.ClarifyStrength)
	if r.Budget > 0 {
		t.line(w, "", ct.Budget, people(r.Budget))
	}
	if r.Convert > 0 {
		t.line(w, "", ct.Convert, percent(r.Convert))
	}
	tb := &table{rows: [][]string{ct.Columns}, right: []bool{false, false, true}}
	row := func(name string, p containPlanJSON, saved string) {
		tb.row(name,
			fmt.Sprintf("%s (%s–%s)", people(float64(p.Backlash.Mean)), people(float64(p.Backlash.CI95[0])), people(float64(p.Backlash.CI95[1]))),
			saved,
			fmt.Sprintf("%s (%s–%s)", percent(float64(p.ClarifyShare.Mean)), percent(float64(p.ClarifyShare.CI95[0])), percent(float64(p.ClarifyShare.CI95[1]))),
			shortList(p.Accounts))
	}
	row(ct.Nothing, r.Baseline, "—")
	best := -1
	for i, p := range r.Plans {
		row(p.Strategy, p, people(float64(p.Saved)))
		if best < 0 || p.Backlash.Mean < r.Plans[best].Backlash.Mean {
			best = i
		}
	}
	tb.write(w)
	if best >= 0 {
		fmt.Fprintf(w, ct.Best+"\n", r.Plans[best].Strategy, people(float64(r.Plans[best].Saved)))
	}
}

// writeContainCSV prints one row per plan, the baseline first.
func writeContainCSV(w io.Writer, r containReport) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"strategy", "accounts", "cost", "backlash_reach", "backlash_lo", "backlash_hi", "backlash_p_cascade", "saved",
		"clarify_reach", "clarify_share", "clarify_share_lo", "clarify_share_hi"})
	for _, p := range append([]containPlanJSON{r.Baseline}, r.Plans...) {
		cw.Write([]string{p.Strategy, strings.Join(p.Accounts, ";"), fmtNum(p.Cost), fmtNum(p.Backlash.Mean), fmtNum(p.Backlash.CI95[0]), fmtNum(p.Backlash.CI95[1]),
			fmtNum(p.BacklashP.Mean), fmtNum(p.Saved), fmtNum(p.Clarify.Mean), fmtNum(p.ClarifyShare.Mean), fmtNum(p.ClarifyShare.CI95[0]), fmtNum(p.ClarifyShare.CI95[1])})
	}
	cw.Flush()
	return cw.Error()
}

// writeContain writes the containment figure and data, the summary and the
// manifest; a nil folder writes nothing.
func (d *folder) writeContain(rep *containReport, src *sourceGraph) error {
	if d == nil {
		return nil
	}
	var sh results.Shares
	for _, p := range append([]containPlanJSON{rep.Baseline}, rep.Plans...) {
		sh.Plans = append(sh.Plans, results.SharePlan{Name: p.Strategy,
			Ours: float64(p.ClarifyShare.Mean), OursLo: float64(p.ClarifyShare.CI95[0]), OursHi: float64(p.ClarifyShare.CI95[1]),
			Backlash: float64(p.BacklashShare.Mean), BacklashLo: float64(p.BacklashShare.CI95[0]), BackHi: float64(p.BacklashShare.CI95[1])})
	}
	fig, err := results.NewSharesFigure(d.style, sh, d.caption(src, rep.Model, rep.Trials, rep.Seed, false))
	if err != nil {
		return err
	}
	if err := d.figure("containment", fig, sh); err != nil {
		return err
	}
	return d.finish(rep, &rep.header)
}
