package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/results"
)

// ErrUnfinished is returned by OpenStore when an earlier sweep into the
// same folder was interrupted and resume was not asked for.
var ErrUnfinished = errors.New("an interrupted sweep left finished units")

// Store is a folder of checkpoints: one file per finished unit, each
// written atomically (temporary file, fsync, rename, folder fsync), beside
// a checkpoint header naming the sweep and part.
type Store struct {
	dir   string
	units map[unitKey]*UnitResult
	// write writes a file atomically; tests replace it to simulate a full
	// disk.
	write func(path string, w func(io.Writer) error) error
}

// StoreDir returns the checkpoint folder of the results folder out: a
// hidden sibling, ".NAME.ripple-sweep", so that the results folder is
// replaced as a whole while checkpoints outlive a killed process.
func StoreDir(out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	dir, base := filepath.Split(filepath.Clean(abs))
	return filepath.Join(dir, "."+base+".ripple-sweep")
}

type storeHeader struct {
	Header
	Part Part `json:"part"`
}

// OpenStore opens the checkpoint folder dir for part p of the sweep h.
// Without resume, a folder holding checkpoints fails with ErrUnfinished
// (nothing is removed). With resume, its finished units are loaded; a
// folder from another sweep fails with ErrForeign, naming the points that
// changed (the sweep refuses rather than mixing results of an edited file).
func OpenStore(dir string, h Header, p Part, resume bool) (*Store, error) {
	s := &Store{dir: dir, units: map[unitKey]*UnitResult{}, write: results.WriteFileAtomic}
	b, err := os.ReadFile(filepath.Join(dir, "sweep.json"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("sweep: checkpoints %s: %w", dir, err)
		}
		if err := s.write(filepath.Join(dir, "sweep.json"), func(w io.Writer) error {
			return writeJSON(w, storeHeader{h, p})
		}); err != nil {
			return nil, fmt.Errorf("sweep: checkpoints: %w", err)
		}
		return s, nil
	case err != nil:
		return nil, fmt.Errorf("sweep: checkpoints %s: %w", dir, err)
	}
	var old storeHeader
	if err := json.Unmarshal(b, &old); err != nil {
		return nil, fmt.Errorf("sweep: checkpoints %s/sweep.json: %w", dir, err)
	}
	names, err := unitFiles(dir)
	if err != nil {
		return nil, err
	}
	if !resume {
		return nil, fmt.Errorf("sweep: %s: %w (%d); run again with --resume to continue, or remove that folder to start over", dir, ErrUnfinished, len(names))
	}
	if err := sameSweep(old.Header, h, dir); err != nil {
		return nil, err
	}
	if old.Part != p {
		return nil, fmt.Errorf("sweep: %s holds part %s, not %s: %w", dir, old.Part, p, ErrForeign)
	}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("sweep: checkpoint %s: %w", name, err)
		}
		var r UnitResult
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("sweep: checkpoint %s/%s: %w", dir, name, err)
		}
		if err := h.checkUnit(&r); err != nil {
			return nil, fmt.Errorf("sweep: checkpoint %s/%s: %w", dir, name, err)
		}
		s.units[unitKey{r.Point, r.Block}] = &r
	}
	return s, nil
}

// unitFiles lists the unit checkpoints of dir in name order.
func unitFiles(dir string) ([]string, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("sweep: checkpoints %s: %w", dir, err)
	}
	var names []string
	for _, e := range es {
		if n := e.Name(); strings.HasPrefix(n, "u-") && strings.HasSuffix(n, ".json") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, nil
}

// Done returns the number of units the store holds.
func (s *Store) Done() int { return len(s.units) }

// Save writes r as a checkpoint, atomically.
func (s *Store) Save(r *UnitResult) error {
	name := "u-" + r.Point + "-" + strconv.Itoa(r.Block) + ".json"
	if err := s.write(filepath.Join(s.dir, name), func(w io.Writer) error { return json.NewEncoder(w).Encode(r) }); err != nil {
		return fmt.Errorf("sweep: checkpoint: %w", err)
	}
	return nil
}

// Remove deletes the checkpoint folder (after the results are in place).
func (s *Store) Remove() error {
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("sweep: checkpoints: %w", err)
	}
	return nil
}

// sameSweep reports, as an ErrForeign error, how old differs from h: the
// points added or removed (an edited point has a new id, so shows as both).
func sameSweep(old, h Header, where string) error {
	if old.Schema != h.Schema {
		return fmt.Errorf("sweep: %s: format %d, this ripple writes %d: %w", where, old.Schema, h.Schema, ErrForeign)
	}
	if old.Version != h.Version {
		return fmt.Errorf("sweep: %s: written by ripple %s, this is %s: %w", where, old.Version, h.Version, ErrForeign)
	}
	if old.Sweep == h.Sweep {
		return nil
	}
	ids := func(ps []PointInfo) map[string]string {
		m := map[string]string{}
		for _, p := range ps {
			m[p.ID] = p.Label
		}
		return m
	}
	was, is := ids(old.Points), ids(h.Points)
	var gone, added []string
	for _, p := range old.Points {
		if _, ok := is[p.ID]; !ok {
			gone = append(gone, p.Label+" ["+p.ID+"]")
		}
	}
	for _, p := range h.Points {
		if _, ok := was[p.ID]; !ok {
			added = append(added, p.Label+" ["+p.ID+"]")
		}
	}
	msg := fmt.Sprintf("sweep: %s: the scenario changed", where)
	if len(gone) > 0 {
		msg += fmt.Sprintf("; points no longer in the file: %s", strings.Join(gone, "; "))
	}
	if len(added) > 0 {
		msg += fmt.Sprintf("; points new or edited: %s", strings.Join(added, "; "))
	}
	if len(gone) == 0 && len(added) == 0 {
		msg += fmt.Sprintf(" (block size %d, now %d, or a graph's content)", old.Block, h.Block)
	}
	return fmt.Errorf("%s: %w", msg, ErrForeign)
}

// checkUnit verifies that r is a unit of h with one accumulator per plan.
func (h *Header) checkUnit(r *UnitResult) error {
	for _, p := range h.Points {
		if p.ID != r.Point {
			continue
		}
		if r.Block < 0 || r.Block >= p.Blocks {
			return fmt.Errorf("unit %s/%d: no such block (point has %d)", r.Point, r.Block, p.Blocks)
		}
		if len(r.Accs) != len(p.Plans) || slices.Contains(r.Accs, nil) {
			return fmt.Errorf("unit %s/%d: %d accumulators for %d plans", r.Point, r.Block, len(r.Accs), len(p.Plans))
		}
		for j, a := range r.Accs {
			c := a.Config
			hits := 0
			if c.Hits {
				hits = c.Nodes
			}
			if len(a.GenSums) != c.Generations || len(a.BinSums) != c.Bins || len(a.Curve) != c.Bins || len(a.Ended) != c.Bins || len(a.Hits) != hits {
				return fmt.Errorf("unit %s/%d plan %d: accumulator does not match its config", r.Point, r.Block, j+1)
			}
		}
		for _, ps := range r.Pairs {
			if ps.A < 0 || ps.B <= ps.A || ps.B >= len(p.Plans) {
				return fmt.Errorf("unit %s/%d: bad plan pair %d, %d", r.Point, r.Block, ps.A, ps.B)
			}
		}
		return nil
	}
	return fmt.Errorf("unit %s/%d: no such point", r.Point, r.Block)
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
