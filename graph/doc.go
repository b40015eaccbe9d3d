// Package graph holds ripple's social graph: an immutable compressed-sparse-row
// (CSR) form with dense uint32 vertex ids, out- and in-adjacency, optional
// float32 trust weights and a label table that maps the user's node names to ids
// and back.
//
// Graphs come from a Builder (which validates and records Stats), from the
// loaders (SNAP/KONECT edge lists, CSV/TSV with a header, GraphML, GEXF, and
// ripple's binary snapshot; gzip is detected by its magic bytes) or from the
// generators (Erdős–Rényi, Barabási–Albert, Watts–Strogatz, configuration
// model, planted communities), each seeded by an injected *rand.Rand.
//
// Direction: an arc u→v means that v sees what u shares, so content flows
// from u to v. An undirected graph stores every edge as two arcs.
//
// This package imports nothing else of ripple's.
package graph
