package results

import "strings"

// reportWords are the words of the report page in one language. Formats
// take their arguments in the order documented beside each field.
type reportWords struct {
	HTMLLang                          string
	Heading                           string
	Verdicts, Tables, Figures, Method string
	Reproduce                         string
	Command, Version, Seed            string
	Graph                             string
	GraphLine                         string // source, people, arcs
	Checksum                          string
	Scenario                          string // SHA-256 of a sweep's scenario file
	TitlePlans                        string // plans, model, strength, trials
	TitleTipping                      string // plan, axis, model
	TitleSweep                        string // points, parameters
	TitleOther                        string // command
	NoVerdict                         string
	PlansTable, PointsTable           string
	PlanCols, TipCols, SweepCols      []string
	PlanVerdict                       string // plan, mean, lo, hi, P(cascade) percent, verdict sentence
	MoreReach                         string // plan, people, other plan
	SameReach                         string // plan, other plan
	PerCost                           string // plan, factor, other plan
	BothCross, AllCross, NoneCross    string
	SomeCross                         string // crossed, plans
	TipFound                          string // axis, estimate, lo, hi
	TipNotFound                       string // axis
	TipAnalytic                       string // estimate, method
	SweepVerdict                      string // plan, points crossed, points
	Crossed, NotCrossed, Uncertain    string
	CrossedLong, NotCrossedLong       string
	UncertainLong                     string
	MethodLines                       []string
	FigureNote                        string
	// Methods translates the engine's names of analytic methods (nil: as is).
	Methods *strings.Replacer
}

func (w reportWords) verdict(v string) string {
	switch v {
	case "crossed":
		return w.Crossed
	case "not_crossed":
		return w.NotCrossed
	case "uncertain":
		return w.Uncertain
	}
	return v
}

func (w reportWords) verdictLong(v string) string {
	switch v {
	case "crossed":
		return w.CrossedLong
	case "not_crossed":
		return w.NotCrossedLong
	case "uncertain":
		return w.UncertainLong
	}
	return v
}

// method names an analytic method in the page's language: the engine's
// names ("spectral-radius, trust weights") word by word.
func (w reportWords) method(m string) string {
	if w.Methods == nil {
		return m
	}
	return w.Methods.Replace(m)
}

func reportWordsFor(l Lang) reportWords {
	if l == Chinese {
		return reportZh
	}
	return reportEn
}

var reportEn = reportWords{
	HTMLLang: "en", Heading: "ripple report",
	Verdicts: "Verdict", Tables: "Numbers", Figures: "Figures", Method: "Method and assumptions",
	Reproduce: "To reproduce", Command: "Command", Version: "Version", Seed: "Seed",
	Graph: "Graph", GraphLine: "%s: %d people, %d arcs", Checksum: "Graph checksum", Scenario: "Scenario file SHA-256",
	TitlePlans:   "%d plan(s), model %s at strength %.4g, %d trials",
	TitleTipping: "Tipping point of %s along %s (model %s)",
	TitleSweep:   "Sweep of %d points over %s",
	TitleOther:   "Results of ripple %s",
	NoVerdict:    "This page shows the figures and reproduction facts of the folder; see its summary for the numbers.",
	PlansTable:   "Plans", PointsTable: "Points",
	PlanCols:     []string{"plan", "reach, mean (95% CI)", "P(cascade) (95% CI)", "verdict", "cost", "cost per person reached"},
	TipCols:      []string{"trials", "P(cascade) (95% CI)", "reach, mean (95% CI)", "verdict"},
	SweepCols:    []string{"point", "plan", "trials", "reach, mean (95% CI)", "P(cascade) (95% CI)", "verdict"},
	PlanVerdict:  "%s reaches %s people on average (95%% CI %s–%s); it cascades in %.1f%% of launches: %s",
	MoreReach:    "%s reaches %s more people on average than %s (paired on the same random worlds; the 95%% interval of the difference excludes 0).",
	SameReach:    "%s and %s reach no clearly different numbers of people (the 95%% interval of the paired difference includes 0).",
	PerCost:      "%s reaches %.2f× more people per unit of cost than %s.",
	BothCross:    "Both plans cross the tipping point.",
	AllCross:     "Every plan crosses the tipping point.",
	NoneCross:    "No plan clearly crosses the tipping point.",
	SomeCross:    "%d of %d plans clearly cross the tipping point.",
	TipFound:     "P(cascade) crosses 1/2 at %s = %s (bracketed by %s–%s).",
	TipNotFound:  "P(cascade) does not clearly cross 1/2 within the swept range of %s.",
	TipAnalytic:  "The analytic estimate is %s (%s).",
	SweepVerdict: "%s clearly crosses the tipping point at %d of %d points.",
	Crossed:      "crossed", NotCrossed: "not crossed", Uncertain: "uncertain",
	CrossedLong:    "it crosses the tipping point (the whole 95% interval of P(cascade) lies above 1/2).",
	NotCrossedLong: "it does not cross the tipping point (the whole 95% interval of P(cascade) lies below 1/2).",
	UncertainLong:  "too close to call (the 95% interval of P(cascade) contains 1/2; run more trials).",
	MethodLines: []string{
		"Monte Carlo simulation of the spread on the graph: each trial launches the plan on one random world; the figures and numbers are over all trials.",
		"Reach counts people who adopted the content, start points included; intervals are 95% confidence intervals of the mean.",
		"A launch cascades when the spread beyond the first level (people reached through someone who is neither a start point nor reached directly by one) reaches the threshold θ·n; P(cascade) carries a Wilson interval.",
		"A plan crosses the tipping point only when the whole interval of P(cascade) lies above 1/2; the verdict follows the interval, never the point estimate alone.",
		"Plans compared in one run play trial by trial on the same random worlds (common random numbers), so their differences are paired.",
		"Assumptions: the graph is the whole audience and fixed during the spread; people act independently given the model's probabilities; the spread strength is the same for every tie unless trust weights say otherwise.",
		"The same seed gives the same numbers byte for byte on any number of workers or machines.",
	},
	FigureNote: "Figures are the folder's own SVG files, inlined unchanged.",
}

var reportZh = reportWords{
	HTMLLang: "zh-CN", Heading: "ripple 报告",
	Verdicts: "结论", Tables: "数据", Figures: "图", Method: "方法与假设",
	Reproduce: "复现", Command: "命令", Version: "版本", Seed: "随机种子",
	Graph: "关系图", GraphLine: "%s：%d 人，%d 条有向边", Checksum: "关系图校验值", Scenario: "场景文件 SHA-256",
	TitlePlans:   "%d 个方案，模型 %s，传播动力 %.4g，%d 次试验",
	TitleTipping: "%s 沿 %s 的引爆点（模型 %s）",
	TitleSweep:   "批量扫描：%d 个点，参数 %s",
	TitleOther:   "ripple %s 的结果",
	NoVerdict:    "本页列出该文件夹的图和复现信息；数字见其汇总文件。",
	PlansTable:   "方案", PointsTable: "各点",
	PlanCols:     []string{"方案", "平均触达（95% 区间）", "引爆概率（95% 区间）", "结论", "成本", "每触达一人的成本"},
	TipCols:      []string{"试验次数", "引爆概率（95% 区间）", "平均触达（95% 区间）", "结论"},
	SweepCols:    []string{"点", "方案", "试验次数", "平均触达（95% 区间）", "引爆概率（95% 区间）", "结论"},
	PlanVerdict:  "%s 平均触达 %s 人（95%% 区间 %s–%s）；%.1f%% 的投放形成自发传播：%s",
	MoreReach:    "%[1]s 平均比 %[3]s 多触达 %[2]s 人（同一批随机世界上逐次配对比较，95%% 区间不含 0）。",
	SameReach:    "%s 与 %s 的触达人数没有明显差别（配对差的 95%% 区间包含 0）。",
	PerCost:      "%[1]s 的单位成本触达人数是 %[3]s 的 %.2[2]f 倍。",
	BothCross:    "两个方案都越过了引爆点。",
	AllCross:     "所有方案都越过了引爆点。",
	NoneCross:    "没有方案明确越过引爆点。",
	SomeCross:    "%[2]d 个方案中有 %[1]d 个明确越过引爆点。",
	TipFound:     "引爆概率在 %s = %s 处越过 1/2（区间 %s–%s）。",
	TipNotFound:  "在 %s 的扫描范围内，引爆概率没有明确越过 1/2。",
	TipAnalytic:  "解析估计为 %s（%s）。",
	SweepVerdict: "%s 在 %d/%d 个点上明确越过引爆点。",
	Crossed:      "越过", NotCrossed: "未越过", Uncertain: "不确定",
	CrossedLong:    "越过引爆点（引爆概率的整个 95% 区间高于 1/2）。",
	NotCrossedLong: "未越过引爆点（引爆概率的整个 95% 区间低于 1/2）。",
	UncertainLong:  "尚难判断（引爆概率的 95% 区间包含 1/2，需要更多试验）。",
	MethodLines: []string{
		"在关系图上做蒙特卡罗模拟：每次试验在一个随机世界里投放方案；图和数字是所有试验的统计。",
		"触达人数是采纳内容的人数，含启动点；区间为均值的 95% 置信区间。",
		"一次投放的一级传播之外的扩散（经由既非启动点、也非启动点直接触达者传开的人）达到阈值 θ·n 时，记为形成自发传播；引爆概率附 Wilson 区间。",
		"只有引爆概率的整个区间高于 1/2，方案才算越过引爆点；结论依据区间，而不是单个估计值。",
		"同一次运行中比较的方案在同一批随机世界上逐次试验（公共随机数），差值为配对差。",
		"假设：关系图就是全部受众，传播期间不变；给定模型的概率，每个人独立行动；除非设置了信任权重，每条关系的传播动力相同。",
		"相同的随机种子在任意线程数、任意机器数上给出逐字节相同的结果。",
	},
	FigureNote: "图为该文件夹自带的 SVG 文件，原样内嵌。",
	Methods: strings.NewReplacer("configuration-model", "配置模型", "spectral-radius", "谱半径",
		"trust weights", "信任权重", "s/in-degree", "s/入度", ", ", "，"),
}
