package results

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Lang selects the language of every title, axis label, legend entry and caption
// of a figure and of the CSV headers. It implements pflag.Value, so the CLI can
// bind it to a --lang flag directly.
type Lang string

// The supported languages.
const (
	English Lang = "en"
	Chinese Lang = "zh"
)

// ParseLang returns the Lang named by s ("en" or "zh", case-insensitive; "zh-CN",
// "zh_CN" and "cn" mean Chinese). An empty string means English.
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "en", "en-us", "en_us", "en-gb", "english", "英文", "英语":
		return English, nil
	case "zh", "zh-cn", "zh_cn", "zh-hans", "cn", "chinese", "中文", "汉语", "简体中文":
		return Chinese, nil
	}
	return "", fmt.Errorf("results: unknown language %q (want en or zh, 中文)", s)
}

// String returns the language code.
func (l Lang) String() string { return string(l) }

// Set parses s into l; it implements pflag.Value.
func (l *Lang) Set(s string) error {
	v, err := ParseLang(s)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Type names the flag value type; it implements pflag.Value.
func (l *Lang) Type() string { return "lang" }

// texts is the table of every user-visible string of one language. Strings with
// verbs are fmt formats; their arguments are documented beside each field.
type texts struct {
	// Caption: graph, model, trials (formatted), seed.
	Caption string
	// Partial is appended to the caption of a figure from an interrupted run.
	Partial string
	// CaptionNodes follows the graph's name: its number of people.
	CaptionNodes string

	ReachTitle, ReachX, ReachY string
	ThetaLine                  string // θ (percent), people
	Fizzles, Cascades          string // share of trials (percent)
	// Half labels the 1/2 line of the P(cascade) panel.
	Half string
	// Launches labels the launch events of the spread figure.
	Launches string

	SpreadTitle, SpreadXGen, SpreadXHours, SpreadY string
	Mean, Median, Band50, Band90                   string
	SelfSustaining                                 string // time (formatted)
	MinorityGrowth                                 string
	GenerationAt, HourAt                           string // time

	TippingTitle, TippingPTitle, TippingPY, TippingReachTitle, TippingReachY string
	AxisStrength, AxisSeeds, AxisBudget, AxisBroadcast                       string
	Interval95, TippingPoint, Analytic                                       string // TippingPoint: value (lo–hi); Analytic: value

	PlanTitle, PlanReachTitle, PlanReachY, PlanPTitle, PlanCostTitle, PlanCostY string // PlanCostY: currency
	DefaultCurrency                                                             string

	// CSV headers.
	ColReachLo, ColReachHi, ColTrials, ColFraction                         string
	ColTime, ColMean, ColP5, ColP25, ColP50, ColP75, ColP95                string
	ColAxis                                                                [4]string // by Axis
	ColP, ColPLo, ColPHi, ColReach, ColReachCILo, ColReachCIHi             string
	ColPlan, ColCost, ColCostPerReached, ColCostPerReachedLo, ColCostPerHi string
}

var textTables = map[Lang]*texts{
	English: {
		Caption:      "Graph: %s  ·  Model: %s  ·  %s trials  ·  seed %d",
		Partial:      "  ·  PARTIAL: the run was interrupted",
		CaptionNodes: " (%s people)",

		ReachTitle: "Reach distribution",
		ReachX:     "Reach (people, log scale)",
		ReachY:     "Share of trials (%)",
		ThetaLine:  "θ = %s (%s people)",
		Fizzles:    "reach below θ·n: %s of trials",
		Cascades:   "reach ≥ θ·n: %s of trials",
		Half:       "1/2: a plan crosses when its whole interval lies right of it",
		Launches:   "later launches",

		SpreadTitle:    "Spread over time",
		SpreadXGen:     "Generation",
		SpreadXHours:   "Time (hours)",
		SpreadY:        "Cumulative reach (people)",
		Mean:           "Mean",
		Median:         "Median",
		Band50:         "50% of trials",
		Band90:         "90% of trials",
		SelfSustaining: "self-sustaining from %s",
		MinorityGrowth: "no self-sustaining point: the median launch fizzles; a minority of large cascades lifts the mean",
		GenerationAt:   "generation %s",
		HourAt:         "hour %s",

		TippingTitle:      "Tipping curve",
		TippingPTitle:     "Probability of a cascade",
		TippingPY:         "P(cascade) (%)",
		TippingReachTitle: "Mean reach",
		TippingReachY:     "Mean reach (people)",
		AxisStrength:      "Spread strength s",
		AxisSeeds:         "Number of start points",
		AxisBudget:        "Budget",
		AxisBroadcast:     "Broadcast fraction (%)",
		Interval95:        "95% interval",
		TippingPoint:      "Tipping point %s (%s–%s)",
		Analytic:          "Analytic threshold %s",

		PlanTitle:       "Plan comparison",
		PlanReachTitle:  "Mean reach",
		PlanPTitle:      "Probability of a cascade",
		PlanReachY:      "People reached",
		PlanCostTitle:   "Cost per person reached",
		PlanCostY:       "Cost per person (%s)",
		DefaultCurrency: "cost units",

		ColReachLo: "reach_from", ColReachHi: "reach_to", ColTrials: "trials", ColFraction: "fraction",
		ColTime: "time", ColMean: "mean", ColP5: "p5", ColP25: "p25", ColP50: "p50", ColP75: "p75", ColP95: "p95",
		ColAxis: [4]string{"strength", "seeds", "budget", "broadcast_fraction"}, ColP: "p_cascade", ColPLo: "p_cascade_lo", ColPHi: "p_cascade_hi",
		ColReach: "reach_mean", ColReachCILo: "reach_ci95_lo", ColReachCIHi: "reach_ci95_hi",
		ColPlan: "plan", ColCost: "cost", ColCostPerReached: "cost_per_reached",
		ColCostPerReachedLo: "cost_per_reached_lo", ColCostPerHi: "cost_per_reached_hi",
	},
	Chinese: {
		Caption:      "网络：%s  ·  模型：%s  ·  %s 次试验  ·  随机种子 %d",
		Partial:      "  ·  未完成：运行被中断",
		CaptionNodes: "（%s 人）",

		ReachTitle: "触达人数分布",
		ReachX:     "触达人数（人，对数刻度）",
		ReachY:     "试验占比（%）",
		ThetaLine:  "θ = %s（%s 人）",
		Fizzles:    "触达低于 θ·n：%s 的试验",
		Cascades:   "触达 ≥ θ·n：%s 的试验",
		Half:       "1/2：整个区间在其右侧即越过引爆点",
		Launches:   "后续启动",

		SpreadTitle:    "传播随时间的变化",
		SpreadXGen:     "传播代数",
		SpreadXHours:   "时间（小时）",
		SpreadY:        "累计触达人数（人）",
		Mean:           "均值",
		Median:         "中位数",
		Band50:         "50% 的试验",
		Band90:         "90% 的试验",
		SelfSustaining: "自发传播起点：%s",
		MinorityGrowth: "无自发传播起点：中位数试验未扩散，均值由少数大规模引爆拉高",
		GenerationAt:   "第 %s 代",
		HourAt:         "第 %s 小时",

		TippingTitle:      "引爆曲线",
		TippingPTitle:     "引爆概率",
		TippingPY:         "引爆概率（%）",
		TippingReachTitle: "平均触达",
		TippingReachY:     "平均触达人数（人）",
		AxisStrength:      "传播动力 s",
		AxisSeeds:         "启动点数量",
		AxisBudget:        "预算",
		AxisBroadcast:     "广播覆盖比例（%）",
		Interval95:        "95% 置信区间",
		TippingPoint:      "引爆点 %s（%s–%s）",
		Analytic:          "理论阈值 %s",

		PlanTitle:       "方案对比",
		PlanReachTitle:  "平均触达人数",
		PlanPTitle:      "引爆概率",
		PlanReachY:      "触达人数（人）",
		PlanCostTitle:   "每触达一人的成本",
		PlanCostY:       "每人成本（%s）",
		DefaultCurrency: "成本单位",

		ColReachLo: "触达下限", ColReachHi: "触达上限", ColTrials: "试验次数", ColFraction: "占比",
		ColTime: "时间", ColMean: "均值", ColP5: "5%分位数", ColP25: "25%分位数", ColP50: "中位数", ColP75: "75%分位数", ColP95: "95%分位数",
		ColAxis: [4]string{"传播动力", "启动点数量", "预算", "广播覆盖比例"}, ColP: "引爆概率", ColPLo: "引爆概率下限", ColPHi: "引爆概率上限",
		ColReach: "平均触达", ColReachCILo: "平均触达下限", ColReachCIHi: "平均触达上限",
		ColPlan: "方案", ColCost: "成本", ColCostPerReached: "每人成本",
		ColCostPerReachedLo: "每人成本下限", ColCostPerHi: "每人成本上限",
	},
}

// text returns the string table of l, falling back to English for an unknown Lang.
func (l Lang) text() *texts {
	if t, ok := textTables[l]; ok {
		return t
	}
	return textTables[English]
}

// FormatCount formats a count of people with thousands separators: 1234567 → "1,234,567".
// Non-integers are rounded; NaN gives "–".
func FormatCount(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return groupThousands(v < 0 && math.Round(v) != 0, strconv.FormatInt(int64(math.Round(math.Abs(v))), 10))
}

// groupThousands writes the decimal digits with a comma before every third
// from the right, after a minus sign when neg: "1234567" → "1,234,567".
func groupThousands(neg bool, digits string) string {
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// formatPercent formats a fraction as a percentage with at most one decimal:
// 0.384 → "38.4%", 0.5 → "50%".
func formatPercent(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	// Round f itself to three decimals, as the text summaries print it
	// (%.3f), and move the point: 0.1865 reads 0.186 there and 18.6% here,
	// where rounding 100·f (18.650000000000002) said 18.7%.
	s := strconv.FormatFloat(f, 'f', 3, 64)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	pct := strings.TrimLeft(whole+frac[:2], "0")
	if pct == "" {
		pct = "0"
	}
	if frac[2] != '0' {
		pct += "." + frac[2:]
	}
	if pct == "0" {
		sign = ""
	}
	return sign + pct + "%"
}

// formatValue formats an axis value with up to 3 significant digits: 0.0825 → "0.0825",
// 12.5 → "12.5", 15000 → "15,000".
func formatValue(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if math.Abs(v) >= 1000 {
		return FormatCount(v)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}
