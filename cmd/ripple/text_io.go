package main

import (
	"fmt"
	"io"

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
}

// ioTextsFor returns the words of lang (English for anything but zh).
func ioTextsFor(lang results.Lang) *ioTexts {
	if lang == results.Chinese {
		return &ioTexts{
			TrustOverOne: "%d 条有向关系（共 %d 条）的权重大于 1（最大 %g）：--weighting trust 下每条关系以概率 s·w 传递，s·w 超过 1 时一律按 1 计；" +
				"如果权重是互动次数之类的计数，请先除以最大值，使其落在 (0,1] 内，或改用 --weighting wc",
			InfoOverOne: "注意：%s 中 %d 条有向关系（共 %d 条）的权重大于 1（最大 %g）；--weighting trust 把权重当作概率（s·w，至多为 1）：" +
				"请先把权重缩放到 (0,1] 内，或改用 --weighting wc",
			OneWayNote: "说明：%s 按有向网络读取，但没有任何一对人互相连接（互相关注比例为 0）；如果每行是只存了一次的好友关系（如 SNAP 的 facebook_combined），请加 --undirected",
		}
	}
	return &ioTexts{
		TrustOverOne: "%d of %d arcs weigh more than 1 (the largest %g): --weighting trust passes content along an arc with probability s·w, " +
			"taken as 1 wherever s·w > 1; if the weights are counts (interactions), divide them by their maximum to bring them into (0,1], or use --weighting wc",
		InfoOverOne: "warning: %s: %d of %d arcs weigh more than 1 (the largest %g); --weighting trust reads weights as probabilities (s·w, at most 1): " +
			"scale them into (0,1], or use --weighting wc",
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
