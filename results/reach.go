package results

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// binsPerDecade is the resolution of the reach histogram: five log-spaced bins per
// factor of ten, fine enough to show the gap between fizzles and cascades and
// coarse enough that a few thousand trials fill the bins.
const binsPerDecade = 5

// ReachCounter holds the reach of many trials as counted buckets: bucket i
// holds Count trials whose reach lies in [Lo, Hi). Empty buckets are allowed.
// The engine's HDR histogram (exact below 256 people, buckets at most 0.8%
// wide above) fits it directly; TrialReach adapts a list of per-trial reaches.
type ReachCounter interface {
	Len() int
	Bucket(i int) (lo, hi float64, count uint64)
}

// TrialReach is a ReachCounter holding one trial per element: the reach of that
// trial.
type TrialReach []float64

// Len returns the number of trials.
func (r TrialReach) Len() int { return len(r) }

// Bucket returns trial i as the bucket [r[i], r[i]+1) holding one trial.
func (r TrialReach) Bucket(i int) (lo, hi float64, count uint64) { return r[i], r[i] + 1, 1 }

// Reach is the input of the reach-distribution figure.
type Reach struct {
	// Trials holds the reach of the trials: people activated, start points
	// included.
	Trials ReachCounter
	// Nodes is the number of people in the graph.
	Nodes int
	// Theta is the cascade threshold as a fraction of Nodes: a trial cascades
	// when its reach is at least Theta·Nodes.
	Theta float64
	// Cascades, when KnownCascades is set, is the exact number of trials
	// whose reach is at least θ·n, as the engine counted them (its P(reach
	// ≥ θ·n); the verdict's P(cascade) counts only spread beyond the first
	// level and is not drawn here). Bucketed input cannot tell on which side
	// of θ·n the trials of a bucket straddling it fall; with the exact count
	// the bars split exactly at θ·n and the legend agrees with the text.
	Cascades      uint64
	KnownCascades bool
}

// ReachBin is one bar of the reach histogram: Count trials reached at least Lo
// and fewer than Hi people.
type ReachBin struct {
	Lo, Hi   float64
	Count    uint64
	Fraction float64 // Count / trials
}

// cut returns θ·n, the reach from which a trial counts toward P(reach ≥
// θ·n); a product within a relative 1e-12 of a whole number is that number,
// as sim.CascadeThreshold has it (0.07·100 is 7, not 7.000000000000001).
func (r Reach) cut() float64 {
	x := r.Theta * float64(r.Nodes)
	if w := math.Round(x); math.Abs(x-w) <= 1e-12*math.Max(1, x) {
		return w
	}
	return x
}

// reachBucket is one non-empty input bucket, placed by its lower bound.
type reachBucket struct {
	at    float64
	count uint64
}

// validate checks the input and returns its non-empty buckets and their total.
func (r Reach) validate() ([]reachBucket, uint64, error) {
	if r.Trials == nil {
		return nil, 0, fmt.Errorf("results: reach: no trials")
	}
	if r.Nodes <= 0 {
		return nil, 0, fmt.Errorf("results: reach: bad graph size: nodes=%d", r.Nodes)
	}
	if !(r.Theta > 0 && r.Theta <= 1) {
		return nil, 0, fmt.Errorf("results: reach: bad threshold: theta=%v (want 0 < θ ≤ 1)", r.Theta)
	}
	var (
		buckets []reachBucket
		total   uint64
	)
	for i := range r.Trials.Len() {
		lo, _, n := r.Trials.Bucket(i)
		if n == 0 {
			continue
		}
		if !isFinite(lo) || lo < 0 {
			return nil, 0, fmt.Errorf("results: reach: bad reach in bucket %d: %v", i, lo)
		}
		buckets = append(buckets, reachBucket{lo, n})
		total += n
	}
	if total == 0 {
		return nil, 0, fmt.Errorf("results: reach: no trials")
	}
	return buckets, total, nil
}

// Histogram returns the log-spaced histogram of the reach: edges at 10^(k/5)
// from the edge at or below the smallest reach (1 when a trial reached
// nobody) up to the largest reach, with θ·n inserted as an edge so that no
// bar mixes trials below and above it. An input bucket counts in the bar
// holding its lower bound (exact for per-trial input; for the engine's
// histogram a bucket is at most 0.8% wide, so at most one bucket near each
// edge is misplaced by less than its width). With KnownCascades the bars at
// and above θ·n hold exactly Cascades trials: the trials of the bucket that
// straddles θ·n that lie above it move across. Reach below 1 counts in the
// first bar.
func (r Reach) Histogram() ([]ReachBin, error) {
	buckets, total, err := r.validate()
	if err != nil {
		return nil, err
	}
	cut := r.cut()
	top := cut
	for _, b := range buckets {
		top = math.Max(top, b.at)
	}
	top++
	low := math.Inf(1)
	for _, b := range buckets {
		low = math.Min(low, math.Max(b.at, 1))
	}
	var edges []float64
	for k := int(math.Floor(binsPerDecade*math.Log10(low) + 1e-9)); ; k++ {
		e := math.Pow(10, float64(k)/binsPerDecade)
		// Drop edges within a tenth of a bin of θ·n: they would leave a sliver.
		if cut > 1 && math.Abs(math.Log10(e/cut)) < 0.1/binsPerDecade {
			continue
		}
		edges = append(edges, e)
		if e > top {
			break
		}
	}
	if cut > 1 {
		edges = append(edges, cut)
		slices.Sort(edges)
	}
	bins := make([]ReachBin, len(edges)-1)
	for i := range bins {
		bins[i].Lo, bins[i].Hi = edges[i], edges[i+1]
	}
	for _, b := range buckets {
		i, found := slices.BinarySearch(edges, b.at)
		if !found {
			i-- // edges[i-1] < at < edges[i]
		}
		bins[min(max(i, 0), len(bins)-1)].Count += b.count
	}
	if r.KnownCascades && cut > 1 {
		j, _ := slices.BinarySearchFunc(bins, cut, func(b ReachBin, c float64) int {
			switch {
			case b.Lo < c:
				return -1
			case b.Lo > c:
				return 1
			}
			return 0
		})
		var above uint64
		for _, b := range bins[j:] {
			above += b.Count
		}
		if move := r.Cascades - min(r.Cascades, above); j > 0 && j < len(bins) && move > 0 && move <= bins[j-1].Count {
			bins[j-1].Count -= move
			bins[j].Count += move
		}
	}
	for i := range bins {
		bins[i].Fraction = float64(bins[i].Count) / float64(total)
	}
	return bins, nil
}

// shares returns the fraction of trials below θ·n (fizzles) and at or above it (cascades).
func (r Reach) shares(buckets []reachBucket, total uint64) (fizzle, cascade float64) {
	if r.KnownCascades {
		cascade = float64(r.Cascades) / float64(total)
		return 1 - cascade, cascade
	}
	cut := r.cut()
	var n uint64
	for _, b := range buckets {
		if b.at >= cut {
			n += b.count
		}
	}
	cascade = float64(n) / float64(total)
	return 1 - cascade, cascade
}

// NewReachFigure returns the reach distribution: the share of trials per
// log-spaced reach bin, fizzles in grey and cascades in blue, the threshold θ·n
// as a dashed orange line, and the share of each in the legend.
func NewReachFigure(s *Style, r Reach, c Caption) (*Figure, error) {
	buckets, total, err := r.validate()
	if err != nil {
		return nil, err
	}
	bins, err := r.Histogram()
	if err != nil {
		return nil, err
	}
	t := s.t
	p := s.newPlot("", t.ReachX, t.ReachY)
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = logTicks{}
	p.Add(grid())

	cut := r.cut()
	var fizzle, cascade []plotter.HistogramBin
	ymax := 0.0
	for _, b := range bins {
		hb := plotter.HistogramBin{Min: b.Lo, Max: b.Hi, Weight: 100 * b.Fraction}
		ymax = math.Max(ymax, hb.Weight)
		if b.Count == 0 {
			continue // an empty bar would still draw its outline
		}
		if b.Lo >= cut {
			cascade = append(cascade, hb)
		} else {
			fizzle = append(fizzle, hb)
		}
	}
	var legend []LegendEntry
	fz, cs := r.shares(buckets, total)
	for _, part := range []struct {
		bins  []plotter.HistogramBin
		color color.NRGBA
		label string
	}{
		{fizzle, colorFizzle, fmt.Sprintf(t.Fizzles, formatPercent(fz))},
		{cascade, colorMain, fmt.Sprintf(t.Cascades, formatPercent(cs))},
	} {
		if len(part.bins) == 0 {
			continue
		}
		h := &plotter.Histogram{Bins: part.bins, FillColor: part.color}
		h.LineStyle.Color = color.White
		h.LineStyle.Width = vg.Points(0.5)
		p.Add(h)
		legend = append(legend, LegendEntry{part.label, []plot.Thumbnailer{h}})
	}
	p.Y.Min, p.Y.Max = 0, 1.08*ymax
	p.X.Min, p.X.Max = bins[0].Lo, bins[len(bins)-1].Hi
	line := vline(cut, 0, p.Y.Max, colorAccent, vg.Points(1.6), true)
	p.Add(line)
	legend = append(legend, LegendEntry{fmt.Sprintf(t.ThetaLine, formatPercent(r.Theta), FormatCount(cut)), []plot.Thumbnailer{line}})

	f := newFigure(s, t.ReachTitle, c, p)
	f.Legend = legend
	return f, nil
}

// WriteCSV writes the histogram behind the reach figure: one row per bin with
// its reach range, the number of trials and their fraction.
func (r Reach) WriteCSV(w io.Writer, l Lang) error {
	bins, err := r.Histogram()
	if err != nil {
		return err
	}
	t := l.text()
	rows := make([][]string, len(bins))
	for i, b := range bins {
		rows[i] = []string{csvNumber(b.Lo), csvNumber(b.Hi), strconv.FormatUint(b.Count, 10), csvNumber(b.Fraction)}
	}
	return WriteCSV(w, []string{t.ColReachLo, t.ColReachHi, t.ColTrials, t.ColFraction}, rows)
}
