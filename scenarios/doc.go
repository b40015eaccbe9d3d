// Package scenarios describes what ripple simulates as a file: the graph,
// the model, the behaviours, the launch channels, the named seeding plans,
// the engine settings, the outputs and the sweep axes. It also holds the
// built-in demo scenario that ripple runs when given no graph.
//
// A scenario file is YAML, read strictly (an unknown or misspelt key is an
// error naming its line, the keys allowed there and the closest one):
//
//	# What the study asks, in a comment.
//	name: KOL vs fifty KOCs            # optional, for people
//	graph:                             # one of: {} (built-in graph),
//	  file: follows.csv                #   a file with load options
//	  reverse: true                    #   (undirected, reverse, directed, header,
//	                                   #   ignore_weights, format, source_col,
//	                                   #   target_col, weight_col, label_attr),
//	  # generator: ba                  #   or a generator (gnp, gnm, ba, ws,
//	  # params: {n: 10000, m: 3}       #   powerlaw, community) with params
//	  # seed: 1                        #   and the seed it is drawn from
//	model:
//	  name: ic                         # ic, lt, watts, complex, sir (sim.Models)
//	  strength: 0.065                  # default: the model's (1 for watts, complex)
//	  params: {weighting: trust, delay: "exp:2"}   # the model's parameters
//	behaviours: {zombies: 0.1, decay: 0.9, half_life: 6}
//	channels:                          # launch channels every plan has
//	  - {name: tv, f: 0.3, q: 0.001, at: 0, cost: 50000}
//	plans:                             # compared on common random numbers
//	  - name: kol
//	    seeds: "top-degree:1;band:5:10-40@2"   # groups as ripple run --seeds
//	    groups: [{seeds: "community:3", at: 4, cost: 100}]
//	    channels: [{name: hot list, f: 0.1, q: 0.01, at: 3, cost: 15000}]
//	    cost_per_seed: 2000
//	    cost_per_follower: 4
//	    strength: 0.08                 # a what-if strength of this plan only
//	  - spec: "kocs=band:50:10-40 | cost-per-seed=120"   # compare's --plan form
//	rivals:                            # optional competing contents (model ic,
//	  - name: backlash                 #   in generations): each plan races
//	    seeds: band:5:20-40            #   them, first arrival wins a person
//	    start: 1                       # generation it starts (ours: 0)
//	    strength: 0.08                 # default: the model's
//	    convert: 0.1                   # chance a later exposure converts
//	threshold: 0.05                    # θ: a cascade reaches θ·n people
//	trials: 2000                       # per point (the cap with precision)
//	precision: 0.02                    # optional early stop
//	seed: 1                            # master seed
//	output: {formats: [text, csv, png], lang: zh}
//	sweep:                             # cartesian product, first axis slowest
//	  - param: model.strength          # any numeric or listed parameter:
//	    from: 0.04                     #   model.name, graph, graph.params.n,
//	    to: 0.12                       #   behaviours.zombies, plans.kol.seeds,
//	    steps: 5                       #   plans.0.strength, trials, ...
//	  - zip:                           # axes that move together
//	      - {param: behaviours.decay, values: [0.9, 0.8]}
//	      - {param: plans.kol.seeds, values: ["top-degree:1", "top-degree:2"]}
//
// DefaultScenario gives the defaults a file is read over; Parse reads a
// file from a reader and Load only opens one; Validate reports every
// problem of the file and of every run point at once, each a *FieldError
// with file, line and field (as Problems), before any trial runs. Expand
// turns the sweep into run points. A point's ID is derived from its own
// resolved parameters (not from its place in the file) and its seed from
// (master seed, ID), so editing or reordering a file never changes a point
// that was not edited. Point.Setup returns the sim values that run a point;
// Preflight binds every point to its graph before any trial (unknown labels,
// more seeds than people); RunPoint runs every plan of a point on the same
// random worlds; with rivals, each plan races them (PointResult.Races), and
// every plan meets the same rival worlds.
//
// scenarios/examples holds studies a strategist can copy; each says in its
// opening comment what it asks.
package scenarios
