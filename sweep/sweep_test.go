package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/scenarios"
	"github.com/ripple-sim/ripple/sim"
)

const small = "testdata/small.yaml"

func prepare(t *testing.T, path string, block int) *Sweep {
	t.Helper()
	s, err := Load(path, block)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// outputs renders every file a sweep writes from a whole set.
func outputs(t *testing.T, set *Set) map[string][]byte {
	t.Helper()
	rs, err := set.Results()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for name, f := range map[string]func(io.Writer) error{
		ShardFile:      set.Write,
		"results.csv":  func(w io.Writer) error { return WriteResultsCSV(w, &set.Header, rs, results.English) },
		"summary.csv":  func(w io.Writer) error { return WriteSummaryCSV(w, &set.Header, rs, results.Chinese) },
		"results.json": func(w io.Writer) error { return WriteResultsJSON(w, &set.Header, rs) },
	} {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatal(err)
		}
		out[name] = b.Bytes()
	}
	return out
}

func sameOutputs(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s: %s differs from the uninterrupted, unsharded sweep's", what, name)
		}
	}
}

// TestBlocksMatchRunPoint: a point split into blocks of 64 trials (4 units
// of 200 trials) and merged gives exactly the summaries of the point run in
// one piece by scenarios.RunPoint, on any worker count.
func TestBlocksMatchRunPoint(t *testing.T) {
	for _, tc := range []struct {
		name           string
		block, workers int
	}{{"one unit per point", 0, 1}, {"blocks of 64, 1 worker", 64, 1}, {"blocks of 64, 3 workers", 64, 3}, {"blocks of 7", 7, 2}} {
		t.Run(tc.name, func(t *testing.T) {
			s := prepare(t, small, tc.block)
			set, err := s.Run(context.Background(), Options{Workers: tc.workers})
			if err != nil {
				t.Fatal(err)
			}
			rs, err := set.Results()
			if err != nil {
				t.Fatal(err)
			}
			g, member, err := s.Scenario.Graph.Build("testdata")
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range s.Points {
				want, err := scenarios.RunPoint(context.Background(), p, g, scenarios.RunOptions{Communities: member})
				if err != nil {
					t.Fatal(err)
				}
				gotJ, _ := json.Marshal(rs[i].Summaries)
				wantJ, _ := json.Marshal(want.Summaries)
				if !bytes.Equal(gotJ, wantJ) {
					t.Errorf("point %s: merged blocks differ from RunPoint:\ngot=%s\nwant=%s", p.Label(), gotJ, wantJ)
				}
			}
			if tc.block == 64 && s.Header.Points[0].Blocks != 4 {
				t.Errorf("got=%d blocks, want=4 (200 trials in blocks of 64)", s.Header.Points[0].Blocks)
			}
		})
	}
}

// TestShardsMergeExactly: the merge of n shards is byte-identical to the
// unsharded sweep, for n = 1, 3, 7 (7 is more than the 12 units / 2).
func TestShardsMergeExactly(t *testing.T) {
	s := prepare(t, small, 64)
	whole, err := s.Run(context.Background(), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := outputs(t, whole)
	for _, n := range []int{1, 3, 7} {
		var sets []*Set
		for i := n; i >= 1; i-- { // merge order does not matter
			part, err := s.Run(context.Background(), Options{Part: Part{i, n}, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			// Through the file format, as merge reads shards.
			var b bytes.Buffer
			if err := part.Write(&b); err != nil {
				t.Fatal(err)
			}
			back, err := ReadSet(&b, "shard"+part.Part.String())
			if err != nil {
				t.Fatal(err)
			}
			sets = append(sets, back)
		}
		merged, err := Merge(sets)
		if err != nil {
			t.Fatal(err)
		}
		sameOutputs(t, "merge of shards 1..n of "+Part{n, n}.String(), outputs(t, merged), want)
	}
}

// TestMergeRefuses: overlapping, missing and foreign shards are named.
func TestMergeRefuses(t *testing.T) {
	s := prepare(t, small, 64)
	part := func(s *Sweep, i, n int, name string) *Set {
		set, err := s.Run(context.Background(), Options{Part: Part{i, n}, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		set.Name = name
		return set
	}
	a, b, c := part(s, 1, 3, "A"), part(s, 2, 3, "B"), part(s, 3, 3, "C")
	src, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Prepare(bytes.Replace(src, []byte("seed: 42"), []byte("seed: 43"), 1), small, 64)
	if err != nil {
		t.Fatal(err)
	}
	f := part(other, 3, 3, "F")
	for _, tc := range []struct {
		name  string
		sets  []*Set
		is    error
		names []string
	}{
		{"overlap", []*Set{a, b, c, b}, ErrShards, []string{"B", "2/3", "overlap"}},
		{"missing", []*Set{a, c}, ErrShards, []string{"missing part 2/3"}},
		{"foreign", []*Set{a, b, f}, ErrForeign, []string{"A", "F"}},
		{"different split", []*Set{a, part(s, 2, 2, "H")}, ErrShards, []string{"A", "H", "1/3", "2/2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Merge(tc.sets)
			if !errors.Is(err, tc.is) {
				t.Fatalf("got=%v, want %v", err, tc.is)
			}
			for _, n := range tc.names {
				if !strings.Contains(err.Error(), n) {
					t.Errorf("error %q does not name %q", err, n)
				}
			}
		})
	}
	if _, err := Merge([]*Set{a, b, c}); err != nil {
		t.Errorf("the three parts: %v", err)
	}
}

// TestResume: a sweep stopped after some units (as by kill: only the
// checkpoints on disk survive) resumes to byte-identical results; a new
// sweep into the folder refuses without --resume; an edited file refuses,
// naming the points that changed.
func TestResume(t *testing.T) {
	s := prepare(t, small, 64)
	whole, err := s.Run(context.Background(), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := outputs(t, whole)

	dir := filepath.Join(t.TempDir(), "ck")
	st, err := OpenStore(dir, s.Header, Part{1, 1}, false)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	units := 0
	_, err = s.Run(ctx, Options{Workers: 1, Store: st, Progress: func(done, total int) {
		if done > 0 {
			units++
		}
		if units == 5 {
			cancel()
		}
	}})
	cancel()
	if err == nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("got=%v, want an interruption", err)
	}
	if _, err := OpenStore(dir, s.Header, Part{1, 1}, false); !errors.Is(err, ErrUnfinished) {
		t.Fatalf("without resume: got=%v, want ErrUnfinished", err)
	}
	st, err = OpenStore(dir, s.Header, Part{1, 1}, true)
	if err != nil {
		t.Fatal(err)
	}
	if st.Done() != 5 {
		t.Errorf("got=%d checkpoints, want=5", st.Done())
	}
	ran := 0
	got, err := s.Run(context.Background(), Options{Workers: 2, Store: st, Progress: func(done, total int) { ran++ }})
	if err != nil {
		t.Fatal(err)
	}
	if ran != 1+12-5 {
		t.Errorf("resume reported %d times, want 1 + the 7 units left", ran)
	}
	sameOutputs(t, "resumed", outputs(t, got), want)

	src, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	edited, err := Prepare(bytes.Replace(src, []byte("0.3]"), []byte("0.35]"), 1), small, 64)
	if err != nil {
		t.Fatal(err)
	}
	_, err = OpenStore(dir, edited.Header, Part{1, 1}, true)
	if !errors.Is(err, ErrForeign) || !strings.Contains(err.Error(), "model.strength=0.3 [") || !strings.Contains(err.Error(), "model.strength=0.35 [") {
		t.Errorf("edited file: got=%v, want a refusal naming the old and new point", err)
	}
	// A comment changes the file but no point: resume proceeds.
	commented, err := Prepare(append([]byte("# note\n"), src...), small, 64)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenStore(dir, commented.Header, Part{1, 1}, true); err != nil {
		t.Errorf("a comment-only edit: %v", err)
	}
}

// TestFullDisk: a checkpoint that cannot be written stops the sweep with
// the error; the units saved before stay and a resume finishes the sweep
// to the same bytes.
func TestFullDisk(t *testing.T) {
	s := prepare(t, small, 64)
	whole, err := s.Run(context.Background(), Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ck")
	st, err := OpenStore(dir, s.Header, Part{1, 1}, false)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	st.write = func(path string, w func(io.Writer) error) error {
		if n++; n > 3 {
			return errors.New("no space left on device")
		}
		return results.WriteFileAtomic(path, w)
	}
	if _, err := s.Run(context.Background(), Options{Workers: 1, Store: st}); err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("got=%v, want the disk's error", err)
	}
	st, err = OpenStore(dir, s.Header, Part{1, 1}, true)
	if err != nil {
		t.Fatal(err)
	}
	if st.Done() != 3 {
		t.Errorf("got=%d units kept, want=3", st.Done())
	}
	got, err := s.Run(context.Background(), Options{Workers: 2, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, "after a full disk", outputs(t, got), outputs(t, whole))
}

// TestParsePart covers the --shard syntax.
func TestParsePart(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Part
		ok   bool
	}{{"1/1", Part{1, 1}, true}, {"3/7", Part{3, 7}, true}, {"0/3", Part{}, false}, {"4/3", Part{}, false}, {"a/b", Part{}, false}, {"3", Part{}, false}, {"1/0", Part{}, false}} {
		got, err := ParsePart(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParsePart(%q): got=%v, %v, want=%v ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// TestCSVNeutralisesFormulas: a plan name or swept value that a
// spreadsheet would run as a formula is written with a leading quote, in
// both tables, which start with a UTF-8 BOM.
func TestCSVNeutralisesFormulas(t *testing.T) {
	h := &Header{Params: []string{"plans.x.seeds"}}
	rs := []PointResult{{
		Info:      PointInfo{ID: "00", Settings: []scenarios.Setting{{Param: "plans.x.seeds", Value: "=1+1"}}, Plans: []string{"=HYPERLINK(\"http://x\")"}},
		Summaries: []sim.Summary{{Trials: 1}},
	}}
	for name, write := range map[string]func(io.Writer) error{
		"results.csv": func(w io.Writer) error { return WriteResultsCSV(w, h, rs, results.English) },
		"summary.csv": func(w io.Writer) error { return WriteSummaryCSV(w, h, rs, results.English) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		s := b.String()
		if !strings.HasPrefix(s, "\ufeff") {
			t.Errorf("%s: no BOM", name)
		}
		if !strings.Contains(s, "'=1+1") || !strings.Contains(s, "'=HYPERLINK") {
			t.Errorf("%s: formulas not neutralised:\n%s", name, s)
		}
	}
}
