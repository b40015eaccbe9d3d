package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/results"
)

// ioTexts are the words of the warnings about how a graph's file reads,
// in one language (--lang). Formats take their arguments in the order
// documented beside each field.
type ioTexts struct {
	// TrustOverOne: arcs above 1, all arcs, largest weight.
	TrustOverOne string
	// InfoOverOne: file, arcs above 1, all arcs, largest weight.
	InfoOverOne string
	// OneWayNote: file.
	OneWayNote string
	// TextEncodingNote: file.
	TextEncodingNote string
}

// ioTextsFor returns the words of lang (English for anything but zh).
func ioTextsFor(lang results.Lang) *ioTexts {
	if lang == results.Chinese {
		return &ioTexts{
			TrustOverOne: "%d 条有向关系（共 %d 条）的权重大于 1（最大 %g）：--weighting trust 下每条关系以概率 s·w 传递，s·w 超过 1 时一律按 1 计；" +
				"如果权重是互动次数之类的计数，请先除以最大值，使其落在 (0,1] 内，或改用 --weighting wc",
			InfoOverOne: "注意：%s 中 %d 条有向关系（共 %d 条）的权重大于 1（最大 %g）；--weighting trust 把权重当作概率（s·w，至多为 1）：" +
				"请先把权重缩放到 (0,1] 内，或改用 --weighting wc",
			TextEncodingNote: "%s 不是 UTF-8 编码，已按 GB18030 读取（中文版记事本或 Excel 保存的文件即是如此）；可用 --encoding 指定",
			OneWayNote:       "说明：%s 按有向网络读取，但没有任何一对人互相连接（互相关注比例为 0）；如果每行是只存了一次的好友关系（如 SNAP 的 facebook_combined），请加 --undirected",
		}
	}
	return &ioTexts{
		TrustOverOne: "%d of %d arcs weigh more than 1 (the largest %g): --weighting trust passes content along an arc with probability s·w, " +
			"taken as 1 wherever s·w > 1; if the weights are counts (interactions), divide them by their maximum to bring them into (0,1], or use --weighting wc",
		InfoOverOne: "warning: %s: %d of %d arcs weigh more than 1 (the largest %g); --weighting trust reads weights as probabilities (s·w, at most 1): " +
			"scale them into (0,1], or use --weighting wc",
		TextEncodingNote: "%s is not UTF-8: read it as GB18030 (as Notepad or Excel on Chinese Windows saves text); --encoding chooses",
		OneWayNote: "note: %s was read as directed and no link goes both ways (reciprocity 0): if each line is a friendship stored once " +
			"(as SNAP's facebook_combined), add --undirected",
	}
}

// weightNotes prints to w, for graph info, what in a graph's file may not
// mean what the reader thinks: weights above 1, which trust weighting caps,
// and a directed graph without a single reciprocated link, which is most
// often an undirected one stored once.
func (t *ioTexts) weightNotes(w io.Writer, path string, g *graph.CSR) {
	if n, largest := g.WeightsAbove(1); n > 0 {
		fmt.Fprintf(w, "ripple: "+t.InfoOverOne+"\n", path, n, g.M(), largest)
	}
	if s := g.Stats(); s.Directed && s.Edges > 0 && s.Reciprocity == 0 {
		fmt.Fprintf(w, "ripple: "+t.OneWayNote+"\n", path)
	}
}

// textFiles reads the text files beside a graph (labels of --zombies
// @file) in the encoding of --encoding, and tells the user on notes, in
// lang, when it decoded one as GB18030 without being asked.
type textFiles struct {
	encoding string
	notes    io.Writer
	lang     results.Lang
}

// readLines reads the non-blank lines of the text file at path that do not
// start with #, trimmed, with their line numbers, as the package's readLines
// does, decoding GB18030 as graph.DecodeText does. A UTF-8 byte-order mark
// is dropped.
func (tf textFiles) readLines(path string) ([]line, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, _, detected, err := graph.DecodeText(f, path, tf.encoding)
	if err != nil {
		return nil, err
	}
	if detected {
		fmt.Fprintf(tf.notes, "ripple: "+ioTextsFor(tf.lang).TextEncodingNote+"\n", path)
	}
	var lines []line
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		s := sc.Text()
		if n == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		if s = strings.TrimSpace(s); s != "" && !strings.HasPrefix(s, "#") {
			lines = append(lines, line{n, s})
		}
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return nil, fmt.Errorf("%s:%d: a line longer than %d bytes: is this a text file of one entry per line?", path, len(lines)+1, bufio.MaxScanTokenSize)
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return lines, nil
}

// readLabels reads node labels, one per line (see readLines).
func (tf textFiles) readLabels(path string) ([]string, error) {
	lines, err := tf.readLines(path)
	var labels []string
	for _, l := range lines {
		labels = append(labels, l.text)
	}
	return labels, err
}

// settingTexts name, in one language, the settings that change a result
// beside the model and its strength, for text headers and figure captions.
type settingTexts struct {
	// Settings labels the line of a text output that lists them.
	Settings string
	// Sep separates two settings.
	Sep string
	// Each format takes the setting's value.
	Weighting, Delay, Phi, K, Infectious, Zombies, Decay, HalfLife, Broadcast string
	// WeightingNames translate the values of --weighting.
	WeightingNames map[string]string
}

// settingTextsFor returns the words of lang (English for anything but zh).
func settingTextsFor(lang results.Lang) *settingTexts {
	if lang == results.Chinese {
		return &settingTexts{
			Settings: "设置", Sep: "，",
			Weighting: "权重方式 %s", Delay: "转发延迟 %s", Phi: "采纳阈值 φ %s", K: "需 %s 次接触", Infectious: "保鲜 %s 小时",
			Zombies: "僵尸粉 %s", Decay: "每代衰减 %s", HalfLife: "半衰期 %s 小时", Broadcast: "启动渠道 %s",
			WeightingNames: map[string]string{"trust": "信任度 s·w", "wc": "按入度均分（1/入度）", "uniform": "均匀"},
		}
	}
	return &settingTexts{
		Settings: "settings", Sep: ", ",
		Weighting: "weighting %s", Delay: "delay %s", Phi: "φ %s", K: "k = %s", Infectious: "infectious %s h",
		Zombies: "zombies %s", Decay: "decay %s", HalfLife: "half-life %s h", Broadcast: "broadcast %s",
		WeightingNames: map[string]string{"trust": "trust (s·w)", "wc": "wc (1/in-degree)", "uniform": "uniform"},
	}
}

// settings lists, in a fixed order, every setting in params (a model's
// parameters and behaviours, as modelFlags.params gives them) and every
// broadcast channel that changes a result beyond the model's name and
// strength: IC's weighting and delay when not the defaults (uniform, one
// generation), the parameters of the other models, zombies, freshness.
// It returns "" when there are none.
func (t *settingTexts) settings(params map[string]any, broadcasts []string) string {
	str := func(v any) string {
		if x, ok := v.(float64); ok {
			return strconv.FormatFloat(x, 'g', 4, 64)
		}
		return fmt.Sprint(v)
	}
	var out []string
	add := func(key, format string, skip string) {
		if v, ok := params[key]; ok && str(v) != skip {
			s := str(v)
			if key == "weighting" {
				s = named(t.WeightingNames, s)
			}
			out = append(out, fmt.Sprintf(format, s))
		}
	}
	add("weighting", t.Weighting, "uniform")
	add("delay", t.Delay, "generation")
	add("phi", t.Phi, "")
	add("k", t.K, "")
	add("infectious_hours", t.Infectious, "")
	add("zombies", t.Zombies, "")
	add("decay", t.Decay, "")
	add("half_life_hours", t.HalfLife, "")
	for _, b := range broadcasts {
		out = append(out, fmt.Sprintf(t.Broadcast, b))
	}
	return strings.Join(out, t.Sep)
}
