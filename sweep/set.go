package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ripple-sim/ripple/sim"
)

// ShardFile is the name of the file in which a sweep's results folder
// records what it holds (see Set).
const ShardFile = "shard.json"

// maxShard bounds what ReadShard reads (a shard of 10,000 points is far
// smaller).
const maxShard = 2 << 30

// Set is what a sweep, or one part of it, holds: the sweep's header, the
// part, and the finished units of that part in unit order. It is written
// as shard.json so that parts merge exactly (see Merge).
type Set struct {
	Header Header        `json:"header"`
	Part   Part          `json:"part"`
	Units  []*UnitResult `json:"units"`
	// Name is where the set was read from (for messages).
	Name string `json:"-"`
}

// Write writes s as JSON.
func (s *Set) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("sweep: shard: %w", err)
	}
	return nil
}

// ReadSet reads a set written by Write; name is for messages.
func ReadSet(r io.Reader, name string) (*Set, error) {
	var s Set
	dec := json.NewDecoder(io.LimitReader(r, maxShard))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("sweep: %s: not a ripple shard: %w", name, err)
	}
	s.Name = name
	if s.Header.Schema != Schema || s.Header.Tool != "ripple" {
		return nil, fmt.Errorf("sweep: %s: not a ripple shard of format %d", name, Schema)
	}
	if s.Part.Of < 1 || s.Part.Index < 1 || s.Part.Index > s.Part.Of {
		return nil, fmt.Errorf("sweep: %s: bad part %s", name, s.Part)
	}
	if err := s.Header.check(); err != nil {
		return nil, fmt.Errorf("sweep: %s: %w", name, err)
	}
	want := s.Header.PartUnits(s.Part)
	if len(want) != len(s.Units) {
		return nil, fmt.Errorf("sweep: %s: holds %d units, part %s has %d", name, len(s.Units), s.Part, len(want))
	}
	for i, u := range want {
		r := s.Units[i]
		if r == nil || r.Point != s.Header.Points[u.Point].ID || r.Block != u.Block {
			return nil, fmt.Errorf("sweep: %s: unit %d is not part %s's", name, i, s.Part)
		}
		if err := s.Header.checkUnit(r); err != nil {
			return nil, fmt.Errorf("sweep: %s: %w", name, err)
		}
	}
	return &s, nil
}

// maxUnits bounds the units of a sweep read from a file.
const maxUnits = 1 << 24

// check verifies that the header's points split into units as a sweep
// splits them, and that there are not unboundedly many.
func (h *Header) check() error {
	if h.Block < 1 {
		return fmt.Errorf("bad block size %d", h.Block)
	}
	units := 0
	for _, p := range h.Points {
		whole := (p.Trials + h.Block - 1) / h.Block
		if p.Trials < 1 || (p.Blocks != 1 && p.Blocks != whole) || len(p.Plans) == 0 {
			return fmt.Errorf("point %s: %d trials in %d blocks of %d, %d plans", p.ID, p.Trials, p.Blocks, h.Block, len(p.Plans))
		}
		if units += p.Blocks; units > maxUnits {
			return fmt.Errorf("more than %d units", maxUnits)
		}
	}
	return nil
}

// ReadShardDir reads DIR/shard.json.
func ReadShardDir(dir string) (*Set, error) {
	f, err := os.Open(filepath.Join(dir, ShardFile))
	if err != nil {
		return nil, fmt.Errorf("sweep: %s: no shard here (%w)", dir, err)
	}
	defer f.Close()
	return ReadSet(f, dir)
}

// ErrShards is returned by Merge for overlapping or missing parts.
var ErrShards = errors.New("shards do not make one whole sweep")

// Merge combines the parts of one sweep into the whole (part 1/1). It
// refuses sets of another sweep or version (ErrForeign, naming them), two
// sets of the same part (overlap) and missing parts (ErrShards, naming
// them). The result is byte-identical to the unsharded sweep's set.
func Merge(sets []*Set) (*Set, error) {
	if len(sets) == 0 {
		return nil, fmt.Errorf("sweep: merge: no shard: %w", ErrShards)
	}
	h := sets[0].Header
	of := sets[0].Part.Of
	for _, s := range sets[1:] {
		if s.Header.Sweep != h.Sweep || s.Header.Version != h.Version {
			return nil, fmt.Errorf("sweep: merge: %s (scenario %.12s, ripple %s) and %s (scenario %.12s, ripple %s): %w",
				sets[0].Name, h.Scenario, h.Version, s.Name, s.Header.Scenario, s.Header.Version, ErrForeign)
		}
		if s.Part.Of != of {
			return nil, fmt.Errorf("sweep: merge: %s is part %s but %s is part %s: %w", sets[0].Name, sets[0].Part, s.Name, s.Part, ErrShards)
		}
	}
	byPart := make([]*Set, of+1)
	for _, s := range sets {
		if o := byPart[s.Part.Index]; o != nil {
			return nil, fmt.Errorf("sweep: merge: %s and %s both hold part %s (overlap): %w", o.Name, s.Name, s.Part, ErrShards)
		}
		byPart[s.Part.Index] = s
	}
	var missing []string
	for i := 1; i <= of; i++ {
		if byPart[i] == nil {
			missing = append(missing, fmt.Sprintf("%d/%d", i, of))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("sweep: merge: missing part %s (run ripple sweep --shard for it): %w", strings.Join(missing, ", "), ErrShards)
	}
	out := &Set{Header: h, Part: Part{1, 1}}
	pos := make([]int, of+1)
	for k := range h.Units() {
		i := k%of + 1
		out.Units = append(out.Units, byPart[i].Units[pos[i]])
		pos[i]++
	}
	return out, nil
}

// PointResult is one point's statistics: per plan in file order, the
// merged accumulator and its summary, and the paired reach differences.
type PointResult struct {
	Info      PointInfo
	Accs      []*sim.Accumulator
	Summaries []sim.Summary
	Pairs     []sim.PairSums
}

// Results merges each point's units in block order (exact integer sums)
// and summarises them. The set must be whole (part 1/1, as Run with no
// part or Merge give).
func (s *Set) Results() ([]PointResult, error) {
	if s.Part.Of != 1 {
		return nil, fmt.Errorf("sweep: %s holds part %s only; merge every part first", s.Name, s.Part)
	}
	out := make([]PointResult, len(s.Header.Points))
	k := 0
	for i, info := range s.Header.Points {
		pr := PointResult{Info: info}
		for b := range info.Blocks {
			u := s.Units[k]
			k++
			if b == 0 {
				for _, a := range u.Accs {
					m := sim.NewAccumulator(a.Config)
					pr.Accs = append(pr.Accs, m)
				}
				pr.Pairs = slices.Clone(u.Pairs)
				for j := range pr.Pairs {
					pr.Pairs[j].Sum, pr.Pairs[j].Sq = sim.U128{}, sim.U128{}
				}
			}
			for j, a := range u.Accs {
				if err := pr.Accs[j].Merge(a); err != nil {
					return nil, fmt.Errorf("sweep: point %s block %d plan %d: %w", info.Label, b, j+1, err)
				}
			}
			if len(u.Pairs) != len(pr.Pairs) {
				return nil, fmt.Errorf("sweep: point %s block %d: %d pairs, block 0 has %d", info.Label, b, len(u.Pairs), len(pr.Pairs))
			}
			for j, p := range u.Pairs {
				pr.Pairs[j].Sum.AddU128(p.Sum)
				pr.Pairs[j].Sq.AddU128(p.Sq)
			}
		}
		for _, a := range pr.Accs {
			pr.Summaries = append(pr.Summaries, a.Summarize())
		}
		out[i] = pr
	}
	return out, nil
}
