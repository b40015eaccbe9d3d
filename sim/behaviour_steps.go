package sim

import "math"

// Generation-synchronous play, shared by the threshold models (LT, Watts,
// complex contagion): at step t every node that became active at t shares
// once with all its out-neighbours; nodes pushed over their threshold by the
// shares of step t become active at step t+1. Start points join at the first
// step ≥ their Time.

// stepFront is a node of the active frontier with its generation.
type stepFront struct{ v, gen uint32 }

// stepModel is the model-specific half of a generation-synchronous runner.
type stepModel interface {
	// reset prepares v's per-trial state when v is first exposed in a trial
	// (draws its threshold, zeroes its influence).
	reset(v uint32)
	// share plays node u of generation gen sharing at step: exposes and
	// influences u's out-neighbours, and activates (through s.activate) the
	// ones that cross their threshold, at step+1.
	share(u, gen uint32, step int, s *steps, rec *Recorder)
}

// steps is the scratch of a generation-synchronous runner. Marks are stamped
// with the runner's epoch, so nothing is cleared between trials.
type steps struct {
	key       uint64
	track     bool // report exposures to the Recorder
	epoch     uint32
	seen      []uint32 // seen[v] == epoch: v was exposed in this trial
	active    []uint32 // active[v] == epoch: v adopted (or will at the next step)
	zombie    []bool
	cur, next []stepFront
}

func newSteps(n int, zombie []bool) steps {
	return steps{
		seen:   make([]uint32, n),
		active: make([]uint32, n),
		zombie: zombie,
		cur:    make([]stepFront, 0, 64),
		next:   make([]stepFront, 0, 64),
	}
}

// begin starts a trial: a new epoch invalidates every mark at once.
func (s *steps) begin(key uint64, track bool) {
	s.key, s.track = key, track
	s.epoch++
	if s.epoch == 0 { // wrapped after 2³² trials: clear once
		clear(s.seen)
		clear(s.active)
		s.epoch = 1
	}
	s.cur, s.next = s.cur[:0], s.next[:0]
}

// expose marks v's first exposure in the trial: it resets v's state and
// reports the exposure when the Recorder tracks exposures.
func (s *steps) expose(v uint32, m stepModel, rec *Recorder) {
	if s.seen[v] != s.epoch {
		s.seen[v] = s.epoch
		m.reset(v)
		if s.track {
			rec.Expose(v)
		}
	}
}

// blocked reports whether v cannot adopt: it is active already or a zombie.
func (s *steps) blocked(v uint32) bool {
	return s.active[v] == s.epoch || (s.zombie != nil && s.zombie[v])
}

// activate makes v active at step with generation gen; it will share at step.
func (s *steps) activate(v, gen uint32, step int, rec *Recorder) {
	s.active[v] = s.epoch
	rec.Activate(v, int(gen), float64(step))
	s.next = append(s.next, stepFront{v, gen})
}

// stepOf is the step at which a start at time t joins, in every model with
// the Generations clock: ⌈t⌉, the first step at or after t (0 for t ≤ 0,
// capped at 2³⁰).
func stepOf(t float64) int {
	if !(t > 0) {
		return 0
	}
	if t >= 1<<30 {
		return 1 << 30
	}
	return int(math.Ceil(t))
}

// play runs one trial of m from starts.
func (s *steps) play(m stepModel, t *Trial, rec *Recorder) {
	s.begin(t.Key, rec.Exposures())
	starts := t.Starts
	i := 0
	step := 0
	if len(starts) > 0 {
		step = stepOf(starts[0].Time)
	}
	for {
		// Starts joining at this step land in next, which becomes the
		// frontier of this step together with what the last step activated.
		for i < len(starts) && stepOf(starts[i].Time) <= step {
			st := starts[i]
			i++
			s.expose(st.Node, m, rec)
			if st.Active && s.active[st.Node] != s.epoch { // starts adopt, zombie or not
				s.activate(st.Node, 0, step, rec)
			}
		}
		if len(s.next) == 0 {
			if i == len(starts) {
				return
			}
			step = stepOf(starts[i].Time)
			continue
		}
		s.cur, s.next = s.next, s.cur[:0]
		for _, f := range s.cur {
			m.share(f.v, f.gen, step, s, rec)
		}
		step++
	}
}
