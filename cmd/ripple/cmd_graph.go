package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/results"
	"github.com/spf13/pflag"
)

func graphCommand() command {
	var gens strings.Builder
	for _, g := range graph.Generators() {
		fmt.Fprintf(&gens, "  %s — %s\n%s", g.Name, g.Summary, g.Help())
	}
	return command{
		Name:  "graph",
		Usage: "info FILE | generate MODEL [name=value,...] -o FILE | convert IN OUT",
		Short: "inspect, generate and convert social graphs",
		Long: `Actions:
  info FILE                 nodes, edges, degrees, reciprocity (--format json for scripts)
  generate MODEL [PARAMS]   a random graph, written with -o (format from the extension)
  convert IN OUT            rewrite a graph in another format (from OUT's extension:
                            .txt edge list, .csv, .tsv, .graphml, .gexf, .rgraph snapshot)

Examples:
  ripple graph info soc-Epinions1.txt.gz
  ripple graph generate community n=20000,communities=30 -o club.rgraph
  ripple graph generate community --seed 2026 -o builtin.gexf   # the built-in graph, for Gephi
  ripple graph convert follows.csv --reverse follows.gexf     # open it in Gephi

Models and their parameters (name, default, meaning):
` + gens.String(),
		Options: func() options { return &graphOptions{} },
	}
}

type graphOptions struct {
	load      loadFlags
	format    string
	out       string
	seed      uint64
	maxMemory string
	lang      results.Lang
}

func (o *graphOptions) AddFlags(fs *pflag.FlagSet) {
	o.lang = results.English
	fs.StringVar(&o.format, "format", "text", "info output `format`: text or json")
	fs.StringVarP(&o.out, "out", "o", "", "generate: output `file` (format from its extension; .gz compresses)")
	fs.Uint64Var(&o.seed, "seed", 1, "generate: random `seed`")
	fs.StringVar(&o.maxMemory, "max-memory", "auto", "generate: refuse a graph whose generation needs more memory than this `size` (e.g. 8GiB, 500MB); auto: 3/4 of the machine's memory")
	fs.Var(&o.lang, "lang", "language of the text output: en or zh (中文)")
	o.load.AddFlags(fs)
}

func (o *graphOptions) Run(_ context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return usagef("graph: missing action: info, generate or convert")
	}
	switch action, rest := args[0], args[1:]; action {
	case "info":
		if len(rest) != 1 {
			return usagef("graph info: want one FILE, got %d arguments", len(rest))
		}
		return o.info(rest[0], e.stdout, e.stderr)
	case "generate":
		if len(rest) < 1 || len(rest) > 2 {
			return usagef("graph generate: want MODEL [name=value,...]")
		}
		params := ""
		if len(rest) == 2 {
			params = rest[1]
		}
		return o.generate(rest[0], params, e)
	case "convert":
		if len(rest) != 2 {
			return usagef("graph convert: want IN OUT, got %d arguments", len(rest))
		}
		return o.convert(rest[0], rest[1], e)
	default:
		return usagef("graph: unknown action %q (want info, generate or convert)", action)
	}
}

func (o *graphOptions) loadFile(path string, info *graph.LoadInfo) (*graph.CSR, error) {
	lo, err := o.load.options()
	if err != nil {
		return nil, err
	}
	lo.Info = info
	return graph.LoadFile(path, lo)
}

// readJSON is how graph info --format json says the file was read.
type readJSON struct {
	Format           string `json:"format"`
	Encoding         string `json:"encoding,omitempty"`
	EncodingDetected bool   `json:"encoding_detected,omitempty"`
	// From and To are the columns (CSV) or fields (edge list: "1", "2")
	// holding the two ends of each arc from→to.
	From       string `json:"from,omitempty"`
	To         string `json:"to,omitempty"`
	Weight     string `json:"weight,omitempty"`
	ByPosition bool   `json:"by_position,omitempty"`
}

// newReadJSON says how a file was read, from what the loader reported;
// reverse is --reverse, which turns an edge list's fields around.
func newReadJSON(info *graph.LoadInfo, reverse bool) readJSON {
	read := readJSON{Format: info.Format.String(), Encoding: info.Encoding, EncodingDetected: info.Detected,
		From: info.From, To: info.To, Weight: info.Weight, ByPosition: info.ByPosition}
	if info.Format == graph.FormatEdgeList {
		read.From, read.To = "1", "2"
		if reverse {
			read.From, read.To = "2", "1"
		}
	}
	return read
}

func (o *graphOptions) info(path string, w, stderr io.Writer) error {
	if o.format != "text" && o.format != "json" {
		return usagef("graph info: --format %q: want text or json", o.format)
	}
	var info graph.LoadInfo
	g, err := o.loadFile(path, &info)
	if err != nil {
		return err
	}
	t := graphTextsFor(o.lang)
	read := newReadJSON(&info, o.load.reverse)
	if o.format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			File     string      `json:"file"`
			Checksum string      `json:"checksum"`
			Nodes    int         `json:"nodes"`
			Edges    int         `json:"edges"` // undirected edges counted once
			Arcs     int         `json:"arcs"`
			Read     readJSON    `json:"read"`
			Stats    graph.Stats `json:"stats"` // its "edges" counts arcs
		}{path, g.Checksum(), g.N(), edges(g), g.M(), read, g.Stats()})
	}
	t.loadNotes(stderr, path, &info)
	ioTextsFor(o.lang).weightNotes(stderr, path, g)
	t.writeStats(w, path, g, &read)
	return nil
}

func (o *graphOptions) generate(model, params string, e *env) error {
	if o.out == "" {
		return usagef("graph generate: missing -o FILE")
	}
	gen, err := graph.LookupGenerator(model)
	if err != nil {
		return usagef("graph generate: %v", err)
	}
	p, err := gen.ParseParams(params)
	if err != nil {
		return usagef("graph generate: %v", err)
	}
	if err := checkOutputPath(o.out); err != nil {
		return err
	}
	limit, err := memoryLimit(o.maxMemory)
	if err != nil {
		return err
	}
	if size := gen.Estimate(p); size.Bytes > limit {
		t := graphTextsFor(o.lang)
		return fmt.Errorf(t.TooBig, model, params, results.FormatCount(size.Arcs), formatBytes(size.Bytes), formatBytes(limit))
	}
	g, err := gen.Generate(p, rand.New(rand.NewPCG(o.seed, 0)))
	if err != nil {
		return err
	}
	return o.save(e, o.out, g)
}

// checkOutputPath rejects a graph file name whose extension says no format.
func checkOutputPath(path string) error {
	if graph.FormatFromExt(path) == graph.FormatAuto {
		return usagef("%s: unknown graph format; end the name in .txt, .csv, .tsv, .graphml, .gexf or .rgraph (.gz compresses)", path)
	}
	return nil
}

// save writes g to path, warns when the format cannot hold all of it, and
// prints its statistics.
func (o *graphOptions) save(e *env, path string, g *graph.CSR) error {
	if err := graph.SaveFile(path, g); err != nil {
		return err
	}
	t := graphTextsFor(o.lang)
	switch f := graph.FormatFromExt(path); f {
	case graph.FormatEdgeList, graph.FormatCSV, graph.FormatTSV:
		if iso := g.Stats().Isolated; iso > 0 && f != graph.FormatEdgeList {
			fmt.Fprintf(e.stderr, t.IsolatedWarning+"\n", path, iso)
		}
		if !g.Directed() {
			fmt.Fprintf(e.stderr, t.UndirectedNote+"\n", path)
		}
	}
	t.writeStats(e.stdout, path, g, nil)
	return nil
}

func (o *graphOptions) convert(in, out string, e *env) error {
	if err := checkOutputPath(out); err != nil {
		return err
	}
	var info graph.LoadInfo
	g, err := o.loadFile(in, &info)
	if err != nil {
		return err
	}
	graphTextsFor(o.lang).loadNotes(e.stderr, in, &info)
	return o.save(e, out, g)
}

// memoryLimit parses --max-memory: a size such as 8GiB, 500MB or a plain
// number of bytes, or "auto" for 3/4 of the machine's memory (8 GiB when
// it cannot be read).
func memoryLimit(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "auto") || s == "" {
		if total, ok := physicalMemory(); ok {
			return 0.75 * total, nil
		}
		return 8 << 30, nil
	}
	units := []struct {
		suffix string
		scale  float64
	}{
		{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
		{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
		{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40}, {"b", 1},
	}
	num, scale := strings.ToLower(s), 1.0
	for _, u := range units {
		if rest, ok := strings.CutSuffix(num, u.suffix); ok {
			num, scale = strings.TrimSpace(rest), u.scale
			break
		}
	}
	x, err := strconv.ParseFloat(num, 64)
	if err != nil || !(x > 0) || math.IsInf(x, 0) {
		return 0, usagef("--max-memory %q: want a size such as 8GiB or 500MB, or auto", s)
	}
	return x * scale, nil
}

// physicalMemory returns the machine's memory in bytes from /proc/meminfo.
func physicalMemory() (float64, bool) {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb * 1024, err == nil && kb > 0
		}
	}
	return 0, false
}

// formatBytes formats a memory size in binary units: "1.5 GiB".
func formatBytes(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	return strconv.FormatFloat(b, 'f', min(i, 1), 64) + " " + units[i]
}

// graphTexts are the words of the graph command and of the notes any
// command prints about a graph file, in one language (--lang). Formats
// take their arguments in the order documented beside each field.
type graphTexts struct {
	// Labels of the statistics table.
	Graph, Kind, Nodes, Arcs, Edges, MeanDegree, SecondMoment, MaxDegree string
	Reciprocity, Isolated, SelfLoops, Duplicates, Checksum, ReadAs       string
	Directed, Undirected, Weighted                                       string
	EdgesValue                                                           string // edges, arcs
	// EdgeList names the edge-list format in the read-as line.
	EdgeList string
	// ReadLine: format, encoding. Columns: from, to. EdgeListColumns: from
	// field, to field. Weight: column.
	ReadLine, Columns, EdgeListColumns, WeightColumn, Semicolon string
	// EncodingNote: file. ByPositionNote: file, first column, second column.
	EncodingNote, ByPositionNote string
	// TooBig: model, params, arcs, bytes, limit.
	TooBig string
	// IsolatedWarning: file, count. UndirectedNote: file.
	IsolatedWarning, UndirectedNote string
}

// graphTextsFor returns the words of lang (English for anything but zh).
func graphTextsFor(lang results.Lang) *graphTexts {
	if lang == results.Chinese {
		return &graphTexts{
			Graph: "网络", Kind: "类型", Nodes: "人数", Arcs: "有向关系", Edges: "关系",
			MeanDegree: "平均关系数 <k>", SecondMoment: "<k²>", MaxDegree: "最多 转出 / 转入",
			Reciprocity: "互相关注比例", Isolated: "孤立的人", SelfLoops: "去掉的自环",
			Duplicates: "合并的重复关系", Checksum: "校验和", ReadAs: "读取方式",
			Directed: "有向", Undirected: "无向", Weighted: "带权重", EdgesValue: "%d（%d 条有向关系）", EdgeList: "边列表",
			ReadLine: "%s，%s 编码", Semicolon: "；", Columns: "列 %s → 列 %s（内容从 %[1]s 传给 %[2]s）",
			EdgeListColumns: "每行第 %s 个名字 → 第 %s 个（内容从前者传给后者）", WeightColumn: "，权重取自列 %s",
			EncodingNote:    "%s 不是 UTF-8 编码，已按 GB18030 读取（中文版 Excel 保存的 CSV 即是如此）；可用 --encoding 指定",
			ByPositionNote:  "%s 的表头没有说明哪一列是传播方，已把第一列 %s 当作传播方、第二列 %s 当作接收方；如果方向相反请加 --reverse，或用 --source-col/--target-col 指定",
			TooBig:          "graph generate：%s %s 预计有约 %s 条有向关系，生成时需要约 %s 内存，超过上限 %s（--max-memory）；请减小 n 或连边概率",
			IsolatedWarning: "注意：%s 只记录关系，其中没有 %d 个孤立的人（用 .txt、.rgraph、.graphml 或 .gexf 可保留他们）",
			UndirectedNote:  "说明：%s 不记录网络是无向的：读回时请加 --undirected",
		}
	}
	return &graphTexts{
		Graph: "graph", Kind: "kind", Nodes: "nodes", Arcs: "arcs", Edges: "edges",
		MeanDegree: "mean degree <k>", SecondMoment: "<k²>", MaxDegree: "max out / in degree",
		Reciprocity: "reciprocity", Isolated: "isolated nodes", SelfLoops: "self-loops dropped",
		Duplicates: "duplicates merged", Checksum: "checksum", ReadAs: "read as",
		Directed: "directed", Undirected: "undirected", Weighted: "weighted", EdgesValue: "%d (%d arcs)", EdgeList: "edgelist",
		ReadLine: "%s, %s", Semicolon: "; ", Columns: "column %s → column %s (content flows from %[1]s to %[2]s)",
		EdgeListColumns: "name %s → name %s of each line (content flows from the first to the second)", WeightColumn: ", weights from column %s",
		EncodingNote:    "%s is not UTF-8: read it as GB18030 (as Excel on Chinese Windows saves CSV); --encoding chooses",
		ByPositionNote:  "the header of %s does not say which column shares: read the first, %s, as the one who shares and the second, %s, as the one who sees it; add --reverse if it is the other way, or name them with --source-col/--target-col",
		TooBig:          "graph generate: %s %s would hold about %s arcs and need about %s of memory at its peak, more than the limit of %s (--max-memory); lower n or the density",
		IsolatedWarning: "warning: %s lists edges only: its %d isolated nodes are not in it (use .txt, .rgraph, .graphml or .gexf to keep them)",
		UndirectedNote:  "note: %s does not record that the graph is undirected: read it back with --undirected",
	}
}

// loadNotes prints to w what the loader decided without being asked and
// a person should know.
func (t *graphTexts) loadNotes(w io.Writer, path string, info *graph.LoadInfo) {
	if info.Detected {
		fmt.Fprintf(w, "ripple: "+t.EncodingNote+"\n", path)
	}
	if info.ByPosition {
		fmt.Fprintf(w, "ripple: "+t.ByPositionNote+"\n", path, info.From, info.To)
	}
}

// readLine says in words how a file was read: its format, encoding,
// columns (and so the direction content flows) and weight column.
func (t *graphTexts) readLine(read *readJSON) string {
	format := read.Format
	if format == graph.FormatEdgeList.String() {
		format = t.EdgeList
	}
	how := fmt.Sprintf(t.ReadLine, format, read.Encoding)
	if read.Encoding == "" {
		how = format
	}
	switch {
	case read.Format == graph.FormatEdgeList.String():
		how += t.Semicolon + fmt.Sprintf(t.EdgeListColumns, read.From, read.To)
	case read.From != "":
		how += t.Semicolon + fmt.Sprintf(t.Columns, read.From, read.To)
	}
	if read.Weight != "" {
		how += fmt.Sprintf(t.WeightColumn, read.Weight)
	}
	return how
}

// writeStats prints a graph's statistics as an aligned table, and how it
// was read when read is not nil.
func (t *graphTexts) writeStats(w io.Writer, name string, g *graph.CSR, read *readJSON) {
	s := g.Stats()
	kind := t.Directed
	if !s.Directed {
		kind = t.Undirected
	}
	if s.Weighted {
		kind += ", " + t.Weighted
	}
	var rows [][2]string
	add := func(label, format string, args ...any) {
		rows = append(rows, [2]string{label, fmt.Sprintf(format, args...)})
	}
	add(t.Graph, "%s", name)
	if read != nil {
		add(t.ReadAs, "%s", t.readLine(read))
	}
	add(t.Kind, "%s", kind)
	add(t.Nodes, "%d", s.Nodes)
	if s.Directed {
		add(t.Arcs, "%d", s.Edges)
	} else {
		add(t.Edges, t.EdgesValue, s.Edges/2, s.Edges)
	}
	add(t.MeanDegree, "%.3f", s.MeanDegree)
	add(t.SecondMoment, "%.1f", s.SecondMoment)
	add(t.MaxDegree, "%d / %d", s.MaxOut, s.MaxIn)
	add(t.Reciprocity, "%.3f", s.Reciprocity)
	add(t.Isolated, "%d", s.Isolated)
	add(t.SelfLoops, "%d", s.SelfLoops)
	add(t.Duplicates, "%d", s.Duplicates)
	add(t.Checksum, "%s", g.Checksum()[:16])
	width := 0
	for _, r := range rows {
		width = max(width, displayWidth(r[0]))
	}
	for _, r := range rows {
		fmt.Fprintf(w, "%s%s  %s\n", r[0], strings.Repeat(" ", width-displayWidth(r[0])), r[1])
	}
}
