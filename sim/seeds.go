package sim

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ripple-sim/ripple/graph"
)

// SelectorKind says how a seed group picks its start points.
type SelectorKind int

const (
	// SelectLabels picks the nodes named in Labels.
	SelectLabels SelectorKind = iota
	// SelectRandom picks K distinct nodes uniformly, anew in every trial.
	SelectRandom
	// SelectTopDegree picks the K nodes of largest out-degree (most
	// followers), ties broken by smaller id.
	SelectTopDegree
	// SelectTopInDegree picks the K nodes of largest in-degree.
	SelectTopInDegree
	// SelectTopPageRank picks the K nodes of largest PageRank.
	SelectTopPageRank
	// SelectBand picks K distinct nodes uniformly, anew in every trial, among
	// those with out-degree (follower count) in [Min, Max]: KOC-like seeding.
	SelectBand
	// SelectCommunity picks one node per community, the one of largest
	// out-degree, in the K largest communities.
	SelectCommunity
)

var selectorNames = [...]string{
	SelectLabels:      "labels",
	SelectRandom:      "random",
	SelectTopDegree:   "top-degree",
	SelectTopInDegree: "top-indegree",
	SelectTopPageRank: "top-pagerank",
	SelectBand:        "band",
	SelectCommunity:   "community",
}

// Selector says which start points a seed group uses. ParseSeeds reads it
// from the strings the CLI and scenarios pass verbatim.
type Selector struct {
	Kind SelectorKind
	// K is the number of seeds (every kind but SelectLabels).
	K int
	// Labels are the node names of SelectLabels.
	Labels []string
	// Min and Max bound the out-degree of SelectBand, inclusive.
	Min, Max int
}

// ParseSeeds parses a seed selector:
//
//	a,b,c                explicit node labels
//	labels:a,b,c         the same, for labels that look like a selector
//	random:K             K distinct random nodes, drawn anew in every trial
//	top-degree:K         the K nodes with most followers (out-degree)
//	top-indegree:K       the K nodes following most others (in-degree)
//	top-pagerank:K       the K best-placed sources: largest PageRank on the reversed graph
//	band:K:MIN-MAX       K random nodes with out-degree in [MIN, MAX] (KOC)
//	community:K          the top node of each of the K largest communities
//
// In a label list, commas (or full-width commas ，as a Chinese keyboard
// types them) separate labels and spaces around a label are dropped; a label
// that contains a comma or a backslash writes it as \, \， or \\. A spec is
// a label list unless it starts with one of the prefixes above followed by
// a colon (a full-width colon ： is read as one); a prefix within two edits
// of a selector's name ("top-dgree:1") is an error that suggests it, and
// labels:... names a node that really is called so.
func ParseSeeds(spec string) (Selector, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return Selector{}, fmt.Errorf("sim: empty seed selector")
	}
	kind, rest, colon := strings.Cut(strings.Replace(spec, "：", ":", 1), ":")
	k := slices.Index(selectorNames[:], strings.TrimSpace(kind))
	bad := func(why string) (Selector, error) {
		return Selector{}, fmt.Errorf("sim: bad seed selector %q: %s", spec, why)
	}
	if k < 0 && colon {
		if near := nearSelector(kind); near != "" {
			return bad(fmt.Sprintf("unknown selector %q (did you mean %s?); to name a node, write labels:%s", kind, near, spec))
		}
	}
	if k < 0 || !colon {
		k, rest = int(SelectLabels), spec
	}
	sel := Selector{Kind: SelectorKind(k)}
	switch sel.Kind {
	case SelectLabels:
		labels, err := splitLabels(rest)
		if err != nil {
			return bad(err.Error())
		}
		sel.Labels = labels
		return sel, nil
	case SelectBand:
		ks, rng, ok := strings.Cut(rest, ":")
		lo, hi, ok2 := strings.Cut(rng, "-")
		if !ok || !ok2 {
			return bad("want band:K:MIN-MAX")
		}
		var err1, err2 error
		sel.Min, err1 = strconv.Atoi(strings.TrimSpace(lo))
		sel.Max, err2 = strconv.Atoi(strings.TrimSpace(hi))
		if err1 != nil || err2 != nil || sel.Min < 0 || sel.Min > sel.Max {
			return bad(fmt.Sprintf("follower band %q is not MIN-MAX with 0 ≤ MIN ≤ MAX", rng))
		}
		rest = ks
	}
	n, err := strconv.Atoi(strings.TrimSpace(rest))
	if err != nil || n < 1 {
		return bad(fmt.Sprintf("K=%q is not a whole number ≥ 1", rest))
	}
	sel.K = n
	return sel, nil
}

// splitLabels splits a label list on unescaped commas.
func splitLabels(s string) ([]string, error) {
	var labels []string
	var b strings.Builder
	flush := func() error {
		l := strings.TrimSpace(b.String())
		b.Reset()
		if l == "" {
			return fmt.Errorf("empty label in list")
		}
		labels = append(labels, l)
		return nil
	}
	const wide = "，"
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			switch {
			case strings.HasPrefix(s[i+1:], wide):
				b.WriteString(wide)
				i += len(wide)
			case i+1 < len(s) && (s[i+1] == ',' || s[i+1] == '\\'):
				i++
				b.WriteByte(s[i])
			default:
				return nil, fmt.Errorf(`backslash must escape a comma or a backslash (\, \， or \\)`)
			}
		case c == ',' || strings.HasPrefix(s[i:], wide):
			if c != ',' {
				i += len(wide) - 1
			}
			if err := flush(); err != nil {
				return nil, err
			}
		default:
			b.WriteByte(c)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return labels, nil
}

// String returns sel in the form ParseSeeds reads.
func (sel Selector) String() string {
	switch sel.Kind {
	case SelectLabels:
		parts := make([]string, len(sel.Labels))
		for i, l := range sel.Labels {
			parts[i] = strings.NewReplacer(`\`, `\\`, `,`, `\,`, "，", `\，`).Replace(l)
		}
		s := strings.Join(parts, ",")
		if k, _, ok := strings.Cut(strings.Replace(s, "：", ":", 1), ":"); ok && (slices.Contains(selectorNames[:], strings.TrimSpace(k)) || nearSelector(k) != "") {
			s = "labels:" + s
		}
		return s
	case SelectBand:
		return fmt.Sprintf("band:%d:%d-%d", sel.K, sel.Min, sel.Max)
	}
	if int(sel.Kind) < len(selectorNames) {
		return selectorNames[sel.Kind] + ":" + strconv.Itoa(sel.K)
	}
	return fmt.Sprintf("selector(%d)", sel.Kind)
}

// nearSelector returns the selector name within two edits of kind (a typo
// such as top-dgree), or "" when there is none or kind is a name, too short
// to judge (under four letters) or a label list.
func nearSelector(kind string) string {
	kind = strings.TrimSpace(kind)
	if utf8.RuneCountInString(kind) < 4 || strings.ContainsAny(kind, ",，") || slices.Contains(selectorNames[:], kind) {
		return ""
	}
	kind = strings.ToLower(kind)
	for _, name := range selectorNames {
		if EditDistance(kind, name) <= 2 {
			return name
		}
	}
	return ""
}

// topByScore returns the k ids of largest score, ties broken by smaller id.
func topByScore(n, k int, score func(v uint32) float64) []uint32 {
	return RankByScore(n, score)[:k:k]
}

// RankByScore returns the ids 0..n−1 ordered by score, largest first, ties
// broken by smaller id: the order of the top-degree, top-indegree and
// top-pagerank selectors. Cost O(n log n) calls of score.
func RankByScore(n int, score func(v uint32) float64) []uint32 {
	ids := make([]uint32, n)
	for i := range ids {
		ids[i] = uint32(i)
	}
	slices.SortFunc(ids, func(a, b uint32) int {
		if c := cmp.Compare(score(b), score(a)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return ids
}

// communityTops returns the node of largest out-degree (ties: smaller id) of
// each of the k largest communities (ties: smaller community id), in that
// order.
func communityTops(g *graph.CSR, member []int, k int) ([]uint32, error) {
	if len(member) != g.N() {
		return nil, fmt.Errorf("%d community memberships for %d nodes", len(member), g.N())
	}
	hubs := CommunityHubs(g, member)
	if k > len(hubs) {
		return nil, fmt.Errorf("community:%d asks for more communities than the graph has (%d)", k, len(hubs))
	}
	return hubs[:k:k], nil
}

// CommunityHubs returns the hub of every community of member (its node of
// largest out-degree, ties: smaller id), larger communities first (ties:
// smaller community id): the order of the community selector. member[v] is
// v's community and must have g.N() entries.
func CommunityHubs(g *graph.CSR, member []int) []uint32 {
	size := map[int]int{}
	top := map[int]uint32{}
	for v, c := range member {
		u := uint32(v)
		if t, ok := top[c]; !ok || g.Out.Degree(u) > g.Out.Degree(t) {
			top[c] = u
		}
		size[c]++
	}
	ids := make([]int, 0, len(size))
	for c := range size {
		ids = append(ids, c)
	}
	slices.SortFunc(ids, func(a, b int) int {
		if c := cmp.Compare(size[b], size[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	out := make([]uint32, len(ids))
	for i, c := range ids {
		out[i] = top[c]
	}
	return out
}

// floydBitmaps lends zeroed floydBitmaps to Floyd's algorithm for large K; they are
// cleared bit by bit before they go back, so a trial costs O(K).
var floydBitmaps sync.Pool

// pickDistinct appends to dst k distinct values of [0, n), each k-subset
// equally likely (R. W. Floyd's algorithm, Bentley & Floyd, "A sample of
// brilliance", CACM 30, 1987), mapped through pool when pool is not nil, as
// active starts at time t. It draws k numbers from rnd; membership is a scan
// of the values chosen so far for small k and a pooled bitmap otherwise, so
// it allocates nothing in steady state.
func pickDistinct(dst []Start, rnd *rand.Rand, n, k int, pool []uint32, t float64) []Start {
	base := len(dst)
	var bits []uint64
	var bp *[]uint64
	if k > 64 {
		bp, _ = floydBitmaps.Get().(*[]uint64)
		if bp == nil || len(*bp) < (n+63)/64 {
			b := make([]uint64, (n+63)/64)
			bp = &b
		}
		bits = *bp
	}
	has := func(x uint32) bool {
		if bits != nil {
			return bits[x/64]&(1<<(x%64)) != 0
		}
		for _, s := range dst[base:] {
			if s.Node == x {
				return true
			}
		}
		return false
	}
	for j := n - k; j < n; j++ {
		x := uint32(rnd.IntN(j + 1))
		if has(x) {
			x = uint32(j)
		}
		if bits != nil {
			bits[x/64] |= 1 << (x % 64)
		}
		dst = append(dst, Start{Node: x, Time: t, Active: true})
	}
	if bits != nil {
		for _, s := range dst[base:] {
			bits[s.Node/64] = 0
		}
		floydBitmaps.Put(bp)
	}
	if pool != nil {
		for i := base; i < len(dst); i++ {
			dst[i].Node = pool[dst[i].Node]
		}
	}
	return dst
}

// resolveLabels maps node names to ids. Unknown names are an error listing
// the first few of them, each with close matches from g's label table.
func resolveLabels(g *graph.CSR, labels []string) ([]uint32, error) {
	l := g.Labels()
	ids := make([]uint32, 0, len(labels))
	var unknown []string
	seen := make(map[uint32]bool, len(labels))
	for _, name := range labels {
		id, ok := l.ID(name)
		if !ok {
			unknown = append(unknown, name)
			continue
		}
		if seen[id] {
			return nil, fmt.Errorf("node %s listed twice", strconv.Quote(name))
		}
		seen[id] = true
		ids = append(ids, id)
	}
	if len(unknown) == 0 {
		return ids, nil
	}
	const show = 3
	var b strings.Builder
	fmt.Fprintf(&b, "%d unknown node label", len(unknown))
	if len(unknown) > 1 {
		b.WriteString("s")
	}
	for i, name := range unknown[:min(show, len(unknown))] {
		if i > 0 {
			b.WriteString(";")
		}
		fmt.Fprintf(&b, " %s", strconv.Quote(name))
		if l.Names() == nil {
			fmt.Fprintf(&b, " (nodes are named by id, 0 to %d)", l.Len()-1)
		} else if s := suggest(l.Names(), name, 3); len(s) > 0 {
			q := make([]string, len(s))
			for j, x := range s {
				q[j] = strconv.Quote(x)
			}
			fmt.Fprintf(&b, " (did you mean %s?)", strings.Join(q, " or "))
		}
	}
	if len(unknown) > show {
		fmt.Fprintf(&b, "; and %d more", len(unknown)-show)
	}
	return nil, fmt.Errorf("%s", b.String())
}

// suggest returns up to k names close to name: equal ignoring case, then
// names that start with it or that it starts with, then by edit distance
// (at most max(1, len/3) edits), ties by name.
func suggest(names []string, name string, k int) []string {
	type cand struct {
		d int
		s string
	}
	lname := strings.ToLower(name)
	nr := utf8.RuneCountInString(lname)
	bound := max(1, nr/3)
	var best []cand
	for _, s := range names {
		ls := strings.ToLower(s)
		d := -1
		switch {
		case ls == lname:
			d = 0
		case strings.HasPrefix(ls, lname) || strings.HasPrefix(lname, ls) && ls != "":
			d = 1
		default:
			if absInt(utf8.RuneCountInString(ls)-nr) > bound {
				continue
			}
			d = EditDistance(lname, ls) + 1
			if d-1 > bound {
				continue
			}
		}
		best = append(best, cand{d, s})
		if len(best) > 4*k { // keep the list short on huge tables
			slices.SortFunc(best, func(x, y cand) int { return cmp.Or(cmp.Compare(x.d, y.d), cmp.Compare(x.s, y.s)) })
			best = best[:k]
		}
	}
	slices.SortFunc(best, func(x, y cand) int { return cmp.Or(cmp.Compare(x.d, y.d), cmp.Compare(x.s, y.s)) })
	out := make([]string, 0, k)
	for _, c := range best[:min(k, len(best))] {
		out = append(out, c.s)
	}
	return out
}

// EditDistance returns the Levenshtein distance of a and b, counted in
// runes (insertions, deletions and substitutions of one rune each). Cost
// O(len(a)·len(b)) time, O(len(b)) memory.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			sub := prev[j-1]
			if ra[i-1] != rb[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
