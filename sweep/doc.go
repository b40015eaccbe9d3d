// Package sweep runs a scenario file's run points as one batch: it loads
// each distinct graph once, splits the work into units of (point, block of
// trials), runs them in parallel, checkpoints every finished unit atomically
// so that an interrupted sweep resumes where it stopped, and splits the
// units into disjoint shards that merge exactly.
//
// A unit plays the trials [First, First+Trials) of one point on the point's
// seed, so its accumulators are the same whichever process, worker count or
// shard played it; a point's statistics are the integer sums of its units'
// accumulators, merged in block order. A sweep, its resumed continuation and
// the merge of its shards therefore give byte-identical results.
//
// A point with a precision target (early stop) is one unit: where it stops
// depends on the trials seen in order, which blocks would change.
//
// The flow is: Prepare (load, validate, expand, preflight: every problem of
// the file at once, before any trial) → Sweep.Run (units of one part, with a
// Store of checkpoints) → Set (what a shard holds, written as shard.json) →
// Merge (sets of all parts) → Results (per point and plan summaries) and
// its writers (results.csv, summary.csv, results.json).
package sweep
