package main

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
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
	o.addModelFlags(fs)
	o.engine.AddFlags(fs, 2000)
	o.graph.AddFlags(fs)
	o.out.AddFlags(fs)
}

// addModelFlags registers the model flags contain can use: the race is
// always ic in generations, so --model, --delay and the other models'
// parameters are not offered.
func (o *containOptions) addModelFlags(fs *pflag.FlagSet) {
	m := &o.model
	m.model, m.delay = "ic", "generation"
	spec, _ := sim.LookupModel("ic")
	w, _ := spec.Param("weighting")
	fs.Var(&strengthValue{m}, "strength", fmt.Sprintf("spread strength (传播动力) `s` in [0,1]: the chance that one exposure makes the receiver pass it on (default %g)", scenarios.Default().Strength))
	m.strength = scenarios.Default().Strength // after Var, as in modelFlags.AddFlags
	fs.StringVar(&m.weighting, "weighting", w.Default, w.Help)
	fs.StringVar(&m.zombies, "zombies", "", "zombie followers (僵尸粉) who see but never share: a fraction like 0.1, or a file of labels with @file")
	fs.Float64Var(&m.decay, "decay", 0, "freshness (保鲜度): strength multiplied by `d` per generation (0 = no decay)")
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
	// Saved is the baseline's mean backlash reach minus this plan's, and
	// SavedCI95 its paired 95% interval (the same evaluation trials,
	// differences taken trial by trial).
	Saved     num      `json:"saved"`
	SavedCI95 interval `json:"saved_ci95"`
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
	Best             *containBestJSON  `json:"best,omitempty"`
}

// containBestJSON compares the plan with the least backlash reach to the
// runner-up (to doing nothing when it is the only plan): Difference is the
// runner-up's mean backlash reach minus the best's on the same trials, with
// its paired 95% interval; Clear says that the interval excludes 0, the only
// case in which a winner is named.
type containBestJSON struct {
	Strategy   string   `json:"strategy"`
	RunnerUp   string   `json:"runner_up"`
	Difference num      `json:"difference"`
	CI95       interval `json:"ci95"`
	Clear      bool     `json:"clear"`
}

// bestPlan compares the plan with the least mean backlash reach to the
// next (to the baseline when there is one plan) on paired differences.
func bestPlan(base contain.Evaluation, plans []contain.Evaluation) (*containBestJSON, error) {
	if len(plans) == 0 {
		return nil, nil
	}
	order := make([]int, len(plans))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(plans[a].Backlash.Mean, plans[b].Backlash.Mean) })
	best, next := plans[order[0]], base
	if len(plans) > 1 {
		next = plans[order[1]]
	}
	d, err := contain.Paired(next, best)
	if err != nil {
		return nil, err
	}
	return &containBestJSON{Strategy: string(best.Strategy), RunnerUp: string(next.Strategy), Difference: num(d.Mean), CI95: ci(d), Clear: d.Lo > 0}, nil
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
	plan := sim.Plan{Name: "backlash"}
	for _, gs := range groups {
		gr, err := sim.ParseGroup(gs)
		if err != nil {
			return usagef("--backlash: %v", err)
		}
		gr.Time = 0
		plan.Groups = append(plan.Groups, gr)
	}
	bp, err := s.bind(plan)
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
	if rep.Baseline, err = planJSON(g, base, base); err != nil {
		return err
	}
	for _, pl := range plans {
		pj, err := planJSON(g, pl, base)
		if err != nil {
			return err
		}
		rep.Plans = append(rep.Plans, pj)
	}
	if rep.Best, err = bestPlan(base, plans); err != nil {
		return err
	}
	t := containTextsFor(o.out.lang)
	err = o.emit(e, &rep.header, rep,
		func(w io.Writer) error { return writeContainCSV(w, t, rep) },
		func(w io.Writer) { writeContainText(w, textsFor(o.out.lang), t, rep) })
	if err != nil {
		return err
	}
	return s.folder.writeContain(&rep, s.src)
}

// planJSON describes plan e beside the baseline base: the people it saves
// is their paired difference.
func planJSON(g interface{ Label(uint32) string }, e, base contain.Evaluation) (containPlanJSON, error) {
	est := func(x sim.Estimate) estimateJSON { return estimateJSON{num(x.Mean), ci(x)} }
	saved := sim.Estimate{}
	if e.Strategy != base.Strategy {
		var err error
		if saved, err = contain.Paired(base, e); err != nil {
			return containPlanJSON{}, err
		}
	}
	return containPlanJSON{
		Strategy: string(e.Strategy), Accounts: labels(g, e.Seeds),
		Backlash: est(e.Backlash), BacklashP: est(e.BacklashCascade), Clarify: est(e.Clarify),
		ClarifyShare: est(e.ClarifyShare), BacklashShare: est(e.BacklashShare),
		Saved: num(saved.Mean), SavedCI95: ci(saved), Cost: num(e.Cost),
	}, nil
}

// containTexts are the words of ripple contain's summary. The sentences
// are methods with constant formats, so that go vet checks every verb.
type containTexts struct {
	zh bool
	// Backlash and Clarify label the two contents' lines.
	Backlash, Clarify string
	// Columns head the table; CostColumn is added before the accounts with
	// --budget.
	Columns    []string
	CostColumn string
	// Strategies name the strategies in the summary's language.
	Strategies map[string]string
}

func containTextsFor(lang results.Lang) *containTexts {
	if lang == results.Chinese {
		return &containTexts{zh: true, Backlash: "负能量", Clarify: "澄清",
			Columns:    []string{"方案", "负能量触达（95% 置信区间）", "比不澄清少触达（95% 置信区间）", "我方先到占比（95% 置信区间）", "账号"},
			CostColumn: "成本",
			Strategies: map[string]string{
				string(contain.TopDegree): "粉丝最多", string(contain.Neighbours): "负能量源的邻居", string(contain.CommunityHubs): "社群中心",
				string(contain.RIS): "反向可达抽样", string(contain.Greedy): "贪心蒙特卡洛", "none": "不澄清",
			}}
	}
	return &containTexts{Backlash: "backlash", Clarify: "clarification",
		Columns:    []string{"plan", "backlash reach (95% CI)", "saved vs doing nothing (95% CI)", "ours first (95% CI)", "accounts"},
		CostColumn: "cost",
		Strategies: map[string]string{"none": "do nothing"}}
}

// strategy names a strategy: under zh its Chinese name with the
// --strategies value beside it ("社群中心 community-hubs"); the baseline
// by the word for doing nothing.
func (ct *containTexts) strategy(s string) string {
	name, ok := ct.Strategies[s]
	switch {
	case !ok:
		return s
	case s == "none" || !ct.zh:
		return name
	}
	return name + " " + s
}

func (ct *containTexts) header(model string, strength float64, trials string, seed uint64) string {
	if ct.zh {
		return fmt.Sprintf("ripple contain — %s，传播动力 %g，每个方案 %s 次试验（与选点所用随机数不同，各方案用同一批试验），随机种子 %d", model, strength, trials, seed)
	}
	return fmt.Sprintf("ripple contain — %s at strength %g, %s trials per plan (fresh, not those the choices used; the same for every plan), seed %d", model, strength, trials, seed)
}

func (ct *containTexts) backlashLine(accounts string, at, strength float64) string {
	if ct.zh {
		return fmt.Sprintf("%s，第 %g 代开始，传播动力 %g", accounts, at, strength)
	}
	return fmt.Sprintf("%s, from generation %g, strength %g", accounts, at, strength)
}

func (ct *containTexts) clarifyLine(k int, at, strength float64) string {
	if ct.zh {
		return fmt.Sprintf("%d 个账号，第 %g 代开始，传播动力 %g", k, at, strength)
	}
	return fmt.Sprintf("%d accounts, from generation %g, strength %g", k, at, strength)
}

func (ct *containTexts) convert(p string) string {
	if ct.zh {
		return fmt.Sprintf("已接收负能量的人再收到澄清时，有 %s 的概率被转化", p)
	}
	return fmt.Sprintf("someone who already holds the backlash converts with chance %s when ours reaches them later", p)
}

func (ct *containTexts) budget(b string) string {
	if ct.zh {
		return fmt.Sprintf("预算 %s（账号总价不超过预算）", b)
	}
	return fmt.Sprintf("budget %s: the accounts cost no more in all", b)
}

// best states the comparison of the best plan with the runner-up (or with
// doing nothing): a winner only when the paired interval excludes 0.
func (ct *containTexts) best(b *containBestJSON) string {
	best, next := ct.strategy(b.Strategy), ct.strategy(b.RunnerUp)
	d, lo, hi := people(float64(b.Difference)), people(float64(b.CI95[0])), people(float64(b.CI95[1]))
	switch {
	case b.Clear && b.RunnerUp == "none" && ct.zh:
		return fmt.Sprintf("最能遏制负能量的方案：%s，比不澄清平均少触达 %s 人（配对差，95%% 置信区间 %s–%s）", best, d, lo, hi)
	case b.Clear && b.RunnerUp == "none":
		return fmt.Sprintf("best containment: %s, %s fewer people reached by the backlash than doing nothing (paired difference, 95%% CI %s–%s)", best, d, lo, hi)
	case b.Clear && ct.zh:
		return fmt.Sprintf("最能遏制负能量的方案：%s，比次优的 %s 平均少触达 %s 人（配对差，95%% 置信区间 %s–%s）", best, next, d, lo, hi)
	case b.Clear:
		return fmt.Sprintf("best containment: %s, %s fewer people reached by the backlash than the runner-up %s (paired difference, 95%% CI %s–%s)", best, d, next, lo, hi)
	case ct.zh:
		return fmt.Sprintf("%s 与 %s：没有明显差别（%s 平均少触达 %s 人，配对差的 95%% 置信区间 %s–%s 包含 0）", best, next, best, d, lo, hi)
	}
	return fmt.Sprintf("%s and %s: no clear difference (%s fewer reached with %s on average, but the paired 95%% CI %s–%s includes 0)", best, next, d, best, lo, hi)
}

func shortList(names []string) string {
	const show = 6
	if len(names) <= show {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:show], ", ") + fmt.Sprintf(", … (%d)", len(names))
}

func writeContainText(w io.Writer, t *texts, ct *containTexts, r containReport) {
	fmt.Fprintln(w, ct.header(t.model(r.Model.Name), r.Model.Strength, people(float64(r.Trials)), r.Seed))
	t.line(w, t.Graph, t.GraphLine, t.graphName(r.Graph.Name), t.persons(float64(r.Graph.Nodes)), t.links(r.Graph.Edges, r.Graph.Directed))
	t.line(w, ct.Backlash, "%s", ct.backlashLine(shortList(r.Backlash), r.BacklashAt, r.BacklashStrength))
	t.line(w, ct.Clarify, "%s", ct.clarifyLine(r.K, r.ClarifyAt, r.ClarifyStrength))
	if r.Budget > 0 {
		t.line(w, "", "%s", ct.budget(people(r.Budget)))
	}
	if r.Convert > 0 {
		t.line(w, "", "%s", ct.convert(percent(r.Convert)))
	}
	head := slices.Clone(ct.Columns)
	if r.Budget > 0 {
		head = slices.Insert(head, len(head)-1, ct.CostColumn)
	}
	tb := &table{rows: [][]string{head}, right: []bool{false, false, false}}
	span := func(e estimateJSON, f func(float64) string) string {
		return fmt.Sprintf("%s (%s–%s)", f(float64(e.Mean)), f(float64(e.CI95[0])), f(float64(e.CI95[1])))
	}
	row := func(p containPlanJSON, saved string) {
		cells := []string{ct.strategy(p.Strategy), span(p.Backlash, people), saved, span(p.ClarifyShare, percent)}
		if r.Budget > 0 {
			cells = append(cells, people(float64(p.Cost)))
		}
		tb.row(append(cells, shortList(p.Accounts))...)
	}
	row(r.Baseline, "—")
	for _, p := range r.Plans {
		row(p, span(estimateJSON{p.Saved, p.SavedCI95}, people))
	}
	tb.write(w)
	if r.Best != nil {
		fmt.Fprintln(w, ct.best(r.Best))
	}
}

// captionModel states both contents' strengths in the figure's caption:
// model is the caption's "IC, s = …", whose model name it keeps.
func (ct *containTexts) captionModel(model string, rep *containReport) string {
	sep := ", "
	if ct.zh {
		sep = "，"
	}
	name, _, _ := strings.Cut(model, sep)
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
	return strings.Join([]string{name, ct.Clarify + " s = " + f(rep.ClarifyStrength), ct.Backlash + " s = " + f(rep.BacklashStrength)}, sep)
}

// containCSVHeader heads ripple contain's CSV in the summary's language.
func (ct *containTexts) csvHeader() []string {
	if ct.zh {
		return []string{"方案", "账号", "成本", "负能量触达", "负能量触达下限", "负能量触达上限", "负能量引爆概率", "比不澄清少触达", "少触达下限", "少触达上限",
			"澄清触达", "我方先到比例", "我方先到比例下限", "我方先到比例上限"}
	}
	return []string{"strategy", "accounts", "cost", "backlash_reach", "backlash_lo", "backlash_hi", "backlash_p_cascade", "saved", "saved_lo", "saved_hi",
		"clarify_reach", "clarify_share", "clarify_share_lo", "clarify_share_hi"}
}

// writeContainCSV prints one row per plan, the baseline first, in the
// summary's language (the strategy's --strategies value beside its Chinese
// name under zh).
func writeContainCSV(w io.Writer, ct *containTexts, r containReport) error {
	cw := csv.NewWriter(w)
	cw.Write(ct.csvHeader())
	for _, p := range append([]containPlanJSON{r.Baseline}, r.Plans...) {
		cw.Write([]string{ct.strategy(p.Strategy), strings.Join(p.Accounts, ";"), fmtNum(p.Cost), fmtNum(p.Backlash.Mean), fmtNum(p.Backlash.CI95[0]), fmtNum(p.Backlash.CI95[1]),
			fmtNum(p.BacklashP.Mean), fmtNum(p.Saved), fmtNum(p.SavedCI95[0]), fmtNum(p.SavedCI95[1]),
			fmtNum(p.Clarify.Mean), fmtNum(p.ClarifyShare.Mean), fmtNum(p.ClarifyShare.CI95[0]), fmtNum(p.ClarifyShare.CI95[1])})
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
	ct := containTextsFor(d.style.Lang())
	for _, p := range append([]containPlanJSON{rep.Baseline}, rep.Plans...) {
		name := ct.strategy(p.Strategy)
		if zh, ok := ct.Strategies[p.Strategy]; ok && ct.zh {
			name = zh // the figure's rows are narrow: the Chinese name alone
		}
		sh.Plans = append(sh.Plans, results.SharePlan{Name: name,
			Reach: float64(p.Backlash.Mean), ReachLo: float64(p.Backlash.CI95[0]), ReachHi: float64(p.Backlash.CI95[1]),
			Ours: float64(p.ClarifyShare.Mean), OursLo: float64(p.ClarifyShare.CI95[0]), OursHi: float64(p.ClarifyShare.CI95[1]),
			Backlash: float64(p.BacklashShare.Mean), BacklashLo: float64(p.BacklashShare.CI95[0]), BackHi: float64(p.BacklashShare.CI95[1])})
	}
	c := d.caption(src, rep.Model, rep.Trials, rep.Seed, false)
	c.Model = ct.captionModel(c.Model, rep)
	fig, err := results.NewSharesFigure(d.style, sh, c)
	if err != nil {
		return err
	}
	if err := d.figure("containment", fig, sh); err != nil {
		return err
	}
	return d.finish(rep, &rep.header)
}
