// Package cascades reads observed information cascades (who adopted a piece
// of content, and when, after its first poster) in the formats of the public
// data sets ripple is calibrated on:
//
//   - infvae: Inf-VAE's StackExchange files (Sankar et al., WSDM 2020), one
//     cascade per line "seed u1 t1 u2 t2 …", times in seconds after the
//     seed's post; the only format whose users match a shipped graph;
//   - weibo: the DeepHawkes Sina Weibo file (Cao et al., CIKM 2017), five
//     tab-separated fields per cascade, participants "path:seconds";
//   - forest: FOREST's preprocessed Twitter and MemeTracker sequences (Yang
//     et al., IJCAI 2019), "user,time" pairs in adoption order (times in the
//     file's own unit: milliseconds for Twitter, hours for MemeTracker);
//   - marref: Gleeson et al.'s Twitter retweet trees (J. Complex Networks
//     2020), CSV rows "child,parent,tree_id,generation", one per retweet.
//
// Decode streams its input (gzip is detected by its magic bytes), caps the
// length of a line and of a token so that a hostile file cannot exhaust
// memory on one line, and reports bad input as a *ParseError naming the
// file, line and field, like the graph loaders. It depends on nothing else
// in ripple: cascades are data, the graph they spread on is the caller's.
package cascades
