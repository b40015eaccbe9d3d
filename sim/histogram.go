package sim

import (
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
)

// Histogram counts non-negative integers (reach, people) in HDR-style
// buckets: values below 256 each have a bucket of their own, and every
// octave [2^k, 2^(k+1)) above is split into 128 equal buckets, so a bucket is
// at most 1/128 (0.8%) of its values wide. Counts are integers, so merging is
// exact and order-free. The zero Histogram is empty and ready to use; it
// grows to the largest value added (about 3,500 buckets for values near
// 2^32).
type Histogram struct {
	counts []uint64
	total  uint64
}

const (
	histSubBits = 7
	histSub     = 1 << histSubBits // buckets per octave
	histExact   = 2 * histSub      // values below are exact
)

// histIndex returns the bucket of v.
func histIndex(v uint64) int {
	if v < histExact {
		return int(v)
	}
	e := bits.Len64(v) - histSubBits - 1
	return e<<histSubBits + int(v>>uint(e))
}

// HistBucket returns the values [lo, hi) that bucket i holds.
func HistBucket(i int) (lo, hi uint64) {
	if i < histExact {
		return uint64(i), uint64(i) + 1
	}
	e := uint(i>>histSubBits - 1)
	m := uint64(i - int(e)<<histSubBits)
	return m << e, (m + 1) << e
}

// Add counts one occurrence of v.
func (h *Histogram) Add(v uint64) { h.AddN(v, 1) }

// AddN counts k occurrences of v.
func (h *Histogram) AddN(v, k uint64) {
	i := histIndex(v)
	if i >= len(h.counts) {
		h.grow(i)
	}
	h.counts[i] += k
	h.total += k
}

func (h *Histogram) grow(i int) {
	if i < cap(h.counts) {
		h.counts = h.counts[:i+1]
		return
	}
	c := make([]uint64, i+1, max(i+1, 2*cap(h.counts), 64))
	copy(c, h.counts)
	h.counts = c
}

// Total returns the number of values counted.
func (h *Histogram) Total() uint64 { return h.total }

// Len returns the number of buckets in use: every bucket index below Len may
// be passed to Count and HistBucket.
func (h *Histogram) Len() int { return len(h.counts) }

// Count returns the count of bucket i (0 beyond Len).
func (h *Histogram) Count(i int) uint64 {
	if i < 0 || i >= len(h.counts) {
		return 0
	}
	return h.counts[i]
}

// Reset empties h, keeping its memory.
func (h *Histogram) Reset() {
	clear(h.counts)
	h.counts = h.counts[:0]
	h.total = 0
}

// Merge adds the counts of o to h.
func (h *Histogram) Merge(o *Histogram) {
	if len(o.counts) > len(h.counts) {
		h.grow(len(o.counts) - 1)
	}
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.total += o.total
}

// Quantile returns the q-quantile: the smallest value whose cumulative count
// reaches ceil(q·Total) (at least one; a product within floating error of a
// whole number counts as that number, as in CascadeThreshold). Values of 256
// and more are reported as the midpoint of their bucket (relative error
// below 0.4%). It returns NaN when h is empty and panics unless 0 ≤ q ≤ 1.
func (h *Histogram) Quantile(q float64) float64 {
	if !(q >= 0 && q <= 1) {
		panic(fmt.Sprintf("sim: histogram: bad quantile: q=%v", q))
	}
	if h.total == 0 {
		return math.NaN()
	}
	rank := max(uint64(ceilWhole(q*float64(h.total))), 1)
	var cum uint64
	for i, c := range h.counts {
		cum += c
		if cum >= rank {
			lo, hi := HistBucket(i)
			if hi-lo == 1 {
				return float64(lo)
			}
			return float64(lo) + float64(hi-1-lo)/2
		}
	}
	panic("sim: histogram: total does not match counts")
}

// histJSON is the wire form: non-empty buckets as [index, count] pairs.
type histJSON struct {
	Total   uint64      `json:"total"`
	Buckets [][2]uint64 `json:"buckets"`
}

// MarshalJSON writes the non-empty buckets as [index, count] pairs.
func (h Histogram) MarshalJSON() ([]byte, error) {
	w := histJSON{Total: h.total, Buckets: [][2]uint64{}}
	for i, c := range h.counts {
		if c != 0 {
			w.Buckets = append(w.Buckets, [2]uint64{uint64(i), c})
		}
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads what MarshalJSON wrote, checking that the bucket
// counts add up to the total.
func (h *Histogram) UnmarshalJSON(b []byte) error {
	var w histJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("sim: histogram: %w", err)
	}
	*h = Histogram{}
	var sum uint64
	for _, p := range w.Buckets {
		if p[0] > 1<<16 {
			return fmt.Errorf("sim: histogram: bad bucket index: %d", p[0])
		}
		i := int(p[0])
		h.grow(max(i, len(h.counts)-1))
		h.counts[i] += p[1]
		sum += p[1]
	}
	if sum != w.Total {
		return fmt.Errorf("sim: histogram: counts sum to %d, total says %d", sum, w.Total)
	}
	h.total = w.Total
	return nil
}
