package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/sim"
)

// texts are the words of the text summaries of run and compare, in one
// language (--lang). Formats take their arguments in the order documented
// beside each field.
type texts struct {
	RunHeader     string // model, strength, trials, seed, partial mark
	CompareHeader string // model, strength, trials, seed, partial mark
	Graph         string // label
	Colon         string // after a label that starts a line
	LabelWidth    int    // display columns of the label column
	GraphLine     string // name, people (persons), links (links)
	// Arcs, Edges and their singulars Arc, Edge format a count of links.
	Arcs, Edges, Arc, Edge string
	StartPoints            string
	Reach                  string // label
	ReachLine              string // mean, lo, hi, share of the graph
	ReachLine2             string // median, p90, largest
	PLarge                 string // label with the cascade size
	PCascade               string // label
	ProbLine               string // estimate, lo, hi
	CascadeRule            string // cascade size; appended to ProbLine for P(cascade)
	Verdict                string
	Exposures              string // label
	ExposuresLine          string // mean, lo, hi
	FirstLevel             string // label
	FirstLine              string // mean
	// Person and People format a count of people (one, or any other).
	Person, People string
	Branching      string
	Cost           string // label
	CostLine       string // cost, cost per person
	Analytic       string // label
	Behaviours     string // appended when zombies or decay are set
	AtCritical     string // ratio
	Note           string
	CurveCut       string
	Warning        string
	Figures        string
	// Verdicts and branching, in a strategist's words.
	CrossedWord, NotCrossedWord, UncertainWord string
	Crossed, NotCrossed, Uncertain             string
	// Notes word each sim.Note (see texts.notes): first-level spread and
	// θ·n (persons) for the branching notes, the ratio for the analytic ones.
	Notes map[sim.Note]string
	// Super (factor twice), Near, Sub and Below (factor) gloss the
	// branching factor; Sub only beside a verdict it agrees with, Below
	// otherwise; ThresholdGloss (factor) for threshold models.
	Super, Near, Sub, Below, ThresholdGloss string
	// compare
	Columns    []string
	Best       string // plan
	NoBest     string // plan with the highest mean
	BestCost   string // plan, cost per person
	Same       string // plan, other plan
	TimingOnly string
	More       string // plan, people, other plan, lo, hi
	OfCost     string // percent
	TimesCost  string // ratio
	NotClear   string
	FiguresDir string // dir
	// Partial is the header's mark of an interrupted run.
	Partial string
	// WarnStarts: start points (persons), cascade size. WarnPrecision:
	// target, trials, reached.
	WarnStarts, WarnPrecision string
	// NodesColumns head nodes.csv; OutcomeColumns the --format csv table,
	// whose unnamed plan is named by its description.
	NodesColumns, OutcomeColumns []string
	// CaptionModel (model, strength) and CaptionSwept (model) name the
	// model in figure captions.
	CaptionModel, CaptionSwept string
	// zh is true for the Chinese texts.
	zh bool
	// Interrupted (trials done, planned) and TipInterrupted (points done)
	// report Ctrl-C.
	Interrupted, TipInterrupted string
	// Broadcast names an unnamed broadcast channel.
	Broadcast string
	// BuiltIn names the built-in graph (number of communities).
	BuiltIn string
	// Models and Methods name models and analytic estimates; names not
	// listed print as they are.
	Models, Methods map[string]string
	// tipping
	TipHeader   string            // model, axis, lo, hi, trials, at-most note, seed, partial mark
	TipAtMost   string            // after the trials per point when points stop early
	TipGraph    string            // graph line (GraphLine's), start points
	TipColumns  []string          // after the axis name
	Axes        map[string]string // axis names
	TipLabel    int               // display columns of the tipping labels
	TipPoint    string            // label
	TipFound    string            // axis, estimate, lo, hi, open marks
	TipOpen     string            // appended for an open side
	TipNotFound string            // lo, hi, min P, max P, hint
	TipWiden    string
	TipFull     string
	TipAnalytic string // label
	TipAnaLine  string // value, method
	NoGiant     string // in place of an analytic threshold that does not exist
	TipVariance string // label
	TipVarLine  string // axis value
	// TipCSVColumns head tipping's --format csv table.
	TipCSVColumns []string
}

// model names a model in the summary's language.
func (t *texts) model(name string) string { return named(t.Models, name) }

// method names an analytic estimate in the summary's language.
func (t *texts) method(name string) string { return named(t.Methods, name) }

// axis names a swept axis.
func (t *texts) axis(name string) string { return named(t.Axes, name) }

// named returns words's entry for name, or name itself when it has none.
func named(words map[string]string, name string) string {
	if w, ok := words[name]; ok {
		return w
	}
	return name
}

// planPhrases translate the English phrases of sim.BoundPlan.Launches.
var planPhrases = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`: (\d+) drawn per trial`), "：每次试验随机抽取 $1 人"},
	{regexp.MustCompile(` from (\d+) candidates`), "（候选 $1 人）"},
	{regexp.MustCompile(`, … \((\d+) in all\)`), "，…（共 $1 人）"},
	{regexp.MustCompile(`(^|; )broadcast( at t=| f=)`), "${1}广播${2}"},
	{regexp.MustCompile(` at t=([0-9.e+-]+)`), " 于 t=$1"},
	{regexp.MustCompile(`, cost ([0-9.e+-]+)`), "，成本 $1"},
	{regexp.MustCompile(` \+ followers`), " + 按粉丝计费"},
	{regexp.MustCompile(`; fixed cost ([0-9.e+-]+)$`), "；固定成本 $1"},
}

// planText gives a plan's launches (sim.BoundPlan.Launches) in the
// summary's language.
func (t *texts) planText(s string) string {
	if !t.zh {
		return s
	}
	for _, p := range planPhrases {
		s = p.re.ReplaceAllString(s, p.zh)
	}
	return s
}

// graphName names a graph in the summary's language: a file name as it is,
// the built-in graph's description translated.
func (t *texts) graphName(name string) string {
	var k int
	if _, err := fmt.Sscanf(name, "built-in graph of %d communities", &k); err == nil && fmt.Sprintf("built-in graph of %d communities", k) == name {
		return fmt.Sprintf(t.BuiltIn, k)
	}
	return name
}

// textsFor returns the words of lang (English for anything but zh).
func textsFor(lang results.Lang) *texts {
	if lang == results.Chinese {
		return &texts{
			zh:            true,
			RunHeader:     "ripple run — %s，传播动力 %g，%s 次试验，随机种子 %d%s",
			CompareHeader: "ripple compare — %s，传播动力 %g，每个方案 %s 次试验（共用随机数），随机种子 %d%s",
			Colon:         "：", LabelWidth: 24,
			Graph: "网络", GraphLine: "%s：%s，%s", Arcs: "%s 条有向关系", Edges: "%s 条关系", Arc: "%s 条有向关系", Edge: "%s 条关系",
			StartPoints: "启动点",
			Reach:       "触达", ReachLine: "%s（95%% 置信区间 %s–%s），占网络 %s",
			ReachLine2: "中位数 %s，90%% 的投放触达 ≤ %s，最多 %s",
			PLarge:     "触达 ≥ %s 人的概率", PCascade: "引爆概率", ProbLine: "%.3f（95%% 置信区间 %.3f–%.3f）",
			CascadeRule: "：一级传播之外再扩散 ≥ %s", Verdict: "结论",
			Exposures: "曝光", ExposuresLine: "%s看到（95%% 置信区间 %s–%s）",
			FirstLevel: "一级传播", FirstLine: "%s由启动点直接带动",
			Person: "%s 人", People: "%s 人",
			Branching: "传播系数", Cost: "成本", CostLine: "%s，每触达一人 %.3g",
			Analytic: "理论阈值（平均场估计）", Behaviours: "；僵尸粉和保鲜度衰减使实际传播动力低于 --strength",
			AtCritical: "：本次传播动力为该估计的 %.2f 倍（针对网络的最大连通部分，未考虑投放方案）", Note: "说明",
			CurveCut: "传播在最后一个时间段之后仍在继续，曲线截止于此", Warning: "注意", Figures: "图表与数据",
			CrossedWord: "越过引爆点", NotCrossedWord: "未越过引爆点", UncertainWord: "难以判断",
			Crossed: "多数投放在一级传播之外扩散到 θ·n 人以上", NotCrossed: "多数投放在一级传播之外达不到 θ·n 人",
			Uncertain: "请增加试验次数或调整方案",
			Notes: map[sim.Note]string{
				sim.NoteFirstLevelCarries: "传播系数低于 1，但一级传播（%s）已不少于 θ·n（%s）：庞大的一级传播带出的下一级就足以越过 θ·n，之后才逐代衰减",
				sim.NoteSlowDecay:         "传播系数 %[3]s 低于 1，一级传播（%[1]s）也小于 θ·n（%[2]s），但之后各代衰减得足够慢，累计超过 θ·n：传播在逐渐熄灭的过程中越过了引爆规模",
				sim.NoteLateGrowth:        "前三代的传播系数低于 1，一级传播（%s）也小于 θ·n（%s），但多数投放在一级传播之外仍扩散到 θ·n 人：传播在更晚的代际（触及大号或紧密社群后）才加速",
				sim.NoteStalls:            "早期传播者平均带动一人以上，但多数投放在一级传播之外达不到 θ·n 人：传播在做大之前就停滞了（社群边界、饱和）；增加启动点或提高传播动力可能引爆",
				sim.NoteBelowAnalytic:     "传播动力低于理论阈值（为其 %.2f 倍），但多数投放仍越过引爆点：理论阈值是针对网络最大连通部分的平均场估计，未考虑投放方案和社群结构",
				sim.NoteAboveAnalytic:     "传播动力高于理论阈值（为其 %.2f 倍），但多数投放未越过引爆点：理论阈值只说明大规模扩散有可能发生，是未考虑投放方案的平均场估计",
				sim.NoteThresholdModel:    "阈值模型中，一个人在足够多的关注对象采纳后才采纳：传播系数不能判断传播会否持续，以结论为准",
			},
			Super: "%.2f（超临界：一级传播之后，每个传播者再带动 %.2f 人）", Near: "%.2f（接近临界）",
			Sub:            "%.2f（亚临界：一级传播之后逐代衰减）",
			Below:          "%.2f（低于 1：第 1–3 代每个传播者平均带动不到一人）",
			ThresholdGloss: "%.2f（阈值模型：不作为增长判据）",
			Columns:        []string{"方案", "触达（95% CI）", "引爆概率（95% CI）", "结论", "传播系数", "成本", "人均成本", "启动点"},
			Best:           "平均触达最多的方案：%s", NoBest: "没有明显最好的方案：%s 平均触达最多，但与其他方案的差别不明显", More: "%s 比 %s 多触达 %s（95%% 置信区间 %s 至 %s）",
			OfCost: "，成本为其 %.0f%%", TimesCost: "，成本为其 %.3g 倍", NotClear: "（差别不明显）",
			FiguresDir:     "图表与数据：%s/",
			Partial:        "（未完成：运行被中断）",
			WarnStarts:     "方案从 %s启动，不少于引爆规模 θ·n = %d：触达 ≥ θ·n 的概率必然为 1；引爆只计一级传播之外的扩散",
			WarnPrecision:  "在 %[2]d 次试验内未达到精度目标 ±%[1]g（实际 ±%.3[3]g）；请增加 --trials",
			BuiltIn:        "内置网络（%d 个社群）",
			Interrupted:    "已中断：完成 %s / %s 次试验；结果不完整（输出中已标注）",
			TipInterrupted: "已中断：完成 %d 个扫描点；结果不完整（输出中已标注）",
			Broadcast:      "广播",
			Same:           "%s 与 %s 在每次试验中触达人数完全相同：没有哪个更好",
			TimingOnly: "这些方案只差启动时间（@T）。没有保鲜度衰减（--decay、--half-life）时，错峰启动只改变人们何时采纳，不改变多少人采纳：" +
				"同步与错峰的触达必然相同",
			BestCost:      "人均成本最低的方案：%s（每触达一人 %.3g）",
			TipCSVColumns: []string{"扫描值", "试验次数", "引爆概率", "引爆概率下限", "引爆概率上限", "平均触达", "触达下限", "触达上限", "触达标准差", "结论"},
			CaptionModel:  "%s，s = %s", CaptionSwept: "%s，传播动力扫描",
			NodesColumns: []string{"用户", "粉丝数", "关注数", "采纳概率"},
			OutcomeColumns: []string{"方案", "启动点", "试验次数", "平均触达", "触达下限", "触达上限", "触达标准差", "触达中位数", "触达90分位",
				"引爆概率", "引爆概率下限", "引爆概率上限", "触达≥θn概率", "结论", "一级传播", "传播系数", "成本", "人均成本"},
			Models: map[string]string{"ic": "独立级联（IC）", "lt": "线性阈值（LT）", "watts": "阈值比例（Watts）",
				"complex": "复杂传染", "sir": "SIR 传播"},
			Methods: map[string]string{"configuration-model": "配置模型估计", "directed-configuration-model": "有向配置模型估计",
				"spectral-radius": "谱半径估计"},
			TipHeader:  "ripple tipping — %s，沿%s在 [%.4g, %.4g] 扫描，每点 %s 次试验%s，随机种子 %d%s",
			TipAtMost:  "（至多；结论已明确的点提前停止）",
			TipGraph:   "网络%s；启动点 %s",
			TipColumns: []string{"试验次数", "引爆概率", "95% 置信区间", "平均触达", "标准差", "结论"},
			Axes:       map[string]string{"strength": "传播动力", "seeds": "启动点数", "budget": "预算", "broadcast": "广播覆盖率"},
			TipLabel:   12, TipPoint: "引爆点",
			TipFound:    "%s ≈ %s（95%% 区间 %s–%s）%s%s",
			TipOpen:     "（开区间：这一侧没有明确越过 1/2 的点）",
			TipNotFound: "不在 [%.4g, %.4g] 内：引爆概率在 %.3f–%.3f 之间%s",
			TipWiden:    "；请扩大 --from/--to 的范围",
			TipFull:     "；即使传播动力为 1，多数投放也不会引爆：请增加启动点或降低 --threshold",
			TipAnalytic: "理论阈值", TipAnaLine: "%.4g（平均场估计，%s；针对网络的最大连通部分，未考虑投放方案；高于此值才可能出现大规模扩散）",
			NoGiant:     "无（网络没有最大连通部分可供大规模扩散）",
			TipVariance: "方差峰值", TipVarLine: "%s（触达最难预测之处）",
		}
	}
	return &texts{
		RunHeader:     "ripple run — %s at strength %g, %s trials, seed %d%s",
		CompareHeader: "ripple compare — %s at strength %g, %s trials per plan on common random numbers, seed %d%s",
		Colon:         ": ", LabelWidth: 20,
		Graph: "graph", GraphLine: "%s: %s, %s", Arcs: "%s arcs", Edges: "%s edges", Arc: "%s arc", Edge: "%s edge",
		StartPoints: "start points",
		Reach:       "reach", ReachLine: "%s (95%% CI %s–%s), %s of the graph",
		ReachLine2: "median %s, 90%% of launches reach ≤ %s, largest %s",
		PLarge:     "P(reach ≥ %s)", PCascade: "P(cascade)", ProbLine: "%.3f (95%% CI %.3f–%.3f)",
		CascadeRule: ": ≥ %s beyond the first level", Verdict: "verdict",
		Exposures: "exposures", ExposuresLine: "%s saw it (95%% CI %s–%s)",
		FirstLevel: "first-level spread", FirstLine: "%s activated directly by the start points",
		Person: "%s person", People: "%s people",
		Branching: "branching factor", Cost: "cost", CostLine: "%s, %.3g per person reached",
		Analytic: "analytic threshold", Behaviours: "; zombies and freshness decay lower the effective strength below --strength",
		AtCritical: ": this run's strength is %.2f× this mean-field estimate (for the graph's giant component; it ignores the plan)", Note: "note",
		CurveCut: "the spread goes on past the last time bin; the curve stops there", Warning: "warning", Figures: "figures and data",
		CrossedWord: "crossed", NotCrossedWord: "not_crossed", UncertainWord: "uncertain",
		Crossed:    "crossed the tipping point: most launches spread to θ·n people or more beyond the first level",
		NotCrossed: "did not cross the tipping point: most launches spread to fewer than θ·n people beyond the first level",
		Uncertain:  "too close to call: run more trials or change the plan",
		Notes: map[sim.Note]string{
			sim.NoteFirstLevelCarries: "the branching factor is below 1, but the first level (%s) is already at least θ·n (%s): " +
				"the next level it brings in passes θ·n before the spread shrinks",
			sim.NoteSlowDecay: "the branching factor %[3]s is below 1 and the first level (%[1]s) is below θ·n (%[2]s), " +
				"but later generations shrink slowly enough to add up past θ·n: the spread passes θ·n while dying out",
			sim.NoteLateGrowth: "the branching factor of generations 1–3 is below 1 and the first level (%s) is below θ·n (%s), " +
				"yet most launches spread to θ·n people beyond the first level: the spread speeds up later, once it reaches hubs or dense communities",
			sim.NoteStalls: "early sharers pass it on to more than one person each, yet most launches stay below θ·n people beyond the first level: " +
				"the spread stalls before it grows that large (communities, saturation); more start points or a higher strength may tip it",
			sim.NoteBelowAnalytic: "the strength is below the analytic threshold (%.2f× it), yet most launches cross: the threshold is a mean-field " +
				"estimate for the graph's giant component that ignores the plan and the communities",
			sim.NoteAboveAnalytic: "the strength is above the analytic threshold (%.2f× it), yet most launches do not cross: the threshold only says " +
				"large outbreaks become possible; it is a mean-field estimate that ignores the plan",
			sim.NoteThresholdModel: "in a threshold model a person adopts once enough of the people they follow have: " +
				"the branching factor is no test of whether the spread goes on; trust the verdict",
		},
		Super: "%.2f (supercritical: past the first level each sharer brings in %.2f more)", Near: "%.2f (near critical)",
		Sub:            "%.2f (subcritical: past the first level spread dies out generation by generation)",
		Below:          "%.2f (below 1: in generations 1–3 each sharer brings in fewer than one more on average)",
		ThresholdGloss: "%.2f (threshold model: not a test of growth)",
		Columns:        []string{"plan", "reach (95% CI)", "P(cascade) (95% CI)", "verdict", "branching", "cost", "cost/person", "seeds"},
		Best:           "best plan by mean reach: %s", NoBest: "no clear best plan by reach: %s has the highest mean, but not clearly above every other plan", More: "%s reaches %[3]s more than %[2]s (95%% CI %[4]s to %[5]s)",
		OfCost: " at %.0f%% of the cost", TimesCost: " at %.3g× the cost", NotClear: " — not a clear difference",
		FiguresDir: "figures and data: %s/",
		Partial:    " (PARTIAL: interrupted)",
		WarnStarts: "the plan launches from %s, at least the cascade size θ·n = %d: P(reach ≥ θ·n) is 1 by construction; " +
			"P(cascade) counts only the spread beyond the first level",
		WarnPrecision:  "the precision target ±%g was not met within %d trials (reached ±%.3g); raise --trials",
		BuiltIn:        "built-in graph of %d communities",
		Interrupted:    "interrupted after %s of %s trials; the results are partial (marked so in the outputs)",
		TipInterrupted: "interrupted after %d of the sweep's points; the results are partial (marked so in the outputs)",
		Broadcast:      "broadcast",
		Same:           "%s and %s reach exactly as many people in every trial: neither is better",
		TimingOnly: "these plans differ only in launch times (@T); without freshness decay (--decay, --half-life) a staggered launch " +
			"changes when people adopt, never how many, so synchronised and staggered launches reach the same",
		BestCost:      "best plan by cost per person reached: %s (%.3g per person)",
		TipCSVColumns: []string{"x", "trials", "p_cascade", "p_cascade_lo", "p_cascade_hi", "reach_mean", "reach_lo", "reach_hi", "reach_sd", "verdict"},
		CaptionModel:  "%s, s = %s", CaptionSwept: "%s, s swept",
		NodesColumns: []string{"node", "followers", "follows", "p_activated"},
		OutcomeColumns: []string{"plan", "seeds", "trials", "reach_mean", "reach_lo", "reach_hi", "reach_sd", "reach_median", "reach_p90",
			"p_cascade", "p_cascade_lo", "p_cascade_hi", "p_large", "verdict", "first_level", "branching", "cost", "cost_per_reached"},
		TipHeader:  "ripple tipping — %s along %s in [%.4g, %.4g], %s trials per point%s, seed %d%s",
		TipAtMost:  " at most (fewer where the verdict was clear)",
		TipGraph:   "graph%s; start points %s",
		TipColumns: []string{"trials", "P(cascade)", "95% CI", "mean reach", "sd", "verdict"},
		TipLabel:   17, TipPoint: "tipping point",
		TipFound:    "%s ≈ %s (95%% bracket %s–%s)%s%s",
		TipOpen:     " (open: no point on that side was clearly past 1/2)",
		TipNotFound: "not in [%.4g, %.4g]: P(cascade) ranged %.3f–%.3f%s",
		TipWiden:    "; widen --from/--to",
		TipFull:     "; even full strength does not make most launches cascade: add start points or lower --threshold",
		TipAnalytic: "analytic", TipAnaLine: "%.4g (mean-field estimate, %s, for the graph's giant component, ignoring the plan; large outbreaks become possible above it)",
		NoGiant:     "none (no giant component: no strength gives a large outbreak)",
		TipVariance: "variance peak", TipVarLine: "%s (where the reach is most unpredictable)",
	}
}

// persons formats a count of people with its noun: "1 person",
// "2.4 people", "1,785 people" ("1 人" in Chinese).
func (t *texts) persons(x float64) string {
	if x == 1 {
		return fmt.Sprintf(t.Person, people(x))
	}
	return fmt.Sprintf(t.People, people(x))
}

// line prints one labelled line of a summary, the label padded to a column
// by display width (Chinese labels are two columns a character).
func (t *texts) line(w io.Writer, label, format string, args ...any) {
	labelled(w, "  ", t.LabelWidth, label, format, args...)
}

// tipLine prints one labelled line of the tipping summary.
func (t *texts) tipLine(w io.Writer, label, format string, args ...any) {
	labelled(w, "", t.TipLabel, label, format, args...)
}

// labelled prints indent, label padded to width display columns (at least
// one space after it), and the formatted value.
func labelled(w io.Writer, indent string, width int, label, format string, args ...any) {
	pad := max(1, width-displayWidth(label))
	fmt.Fprintf(w, "%s%s%s%s\n", indent, label, strings.Repeat(" ", pad), fmt.Sprintf(format, args...))
}

// links formats a graph's number of links with their noun: arcs of a
// directed graph, edges otherwise, singular for one.
func (t *texts) links(n int, directed bool) string {
	f := t.Edges
	switch {
	case directed && n == 1:
		f = t.Arc
	case directed:
		f = t.Arcs
	case n == 1:
		f = t.Edge
	}
	return fmt.Sprintf(f, people(float64(n)))
}

// termSafe returns s with everything a terminal would act on escaped: C0
// controls but newline and tab, DEL, C1 controls, Unicode bidirectional
// overrides and invalid UTF-8 are written as Go escapes (\x1b, \u202e), so
// that a label from a graph file cannot recolour the terminal, move the
// cursor or reverse the text around it.
func termSafe(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports whether a terminal may act on r (see termSafe).
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e || r == 0x200f, r == 0x061c:
		return true
	case r == utf8.RuneError:
		return true
	}
	return false
}

// termWriter escapes what it writes with termSafe. Each Write must hold
// whole runes, as fmt's writes do.
type termWriter struct{ w io.Writer }

func (t termWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(t.w, termSafe(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
