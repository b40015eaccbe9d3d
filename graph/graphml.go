package graph

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// graphmlKey is one <key> declaration.
type graphmlKey struct {
	id, domain, name, def string
	hasDef                bool
}

// xmlDecoder wraps an encoding/xml decoder with the file name for errors.
type xmlDecoder struct {
	d     *xml.Decoder
	name  string
	depth int // elements open
}

// maxXMLDepth bounds the nesting of elements, which the XML decoder keeps
// on a stack: GraphML and GEXF nest a handful deep.
const maxXMLDepth = 256

func newXMLDecoder(r io.Reader, name string) *xmlDecoder {
	d := xml.NewDecoder(newRunReader(r, name, false))
	d.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return input, nil
		}
		return nil, fmt.Errorf("encoding %q not supported (save the file as UTF-8)", charset)
	}
	return &xmlDecoder{d: d, name: name}
}

func (x *xmlDecoder) line() int {
	l, _ := x.d.InputPos()
	return l
}

// token returns the next token, turning syntax and read errors into a
// *ParseError. It returns io.EOF at the end of a well-formed document.
func (x *xmlDecoder) token() (xml.Token, error) {
	t, err := x.d.Token()
	switch t.(type) {
	case xml.StartElement:
		if x.depth++; x.depth > maxXMLDepth {
			return nil, x.errorf("xml", "elements nested more than %d deep: not a graph file", maxXMLDepth)
		}
	case xml.EndElement:
		x.depth--
	}
	if err == nil || err == io.EOF {
		return t, err
	}
	var se *xml.SyntaxError
	var own *ParseError
	if errors.As(err, &own) {
		return nil, own
	}
	if errors.As(err, &se) {
		return nil, &ParseError{File: x.name, Line: se.Line, Field: "xml", Err: errors.New(se.Msg)}
	}
	return nil, &ParseError{File: x.name, Line: x.line(), Err: err}
}

func (x *xmlDecoder) errorf(field, format string, args ...any) error {
	return &ParseError{File: x.name, Line: x.line(), Field: field, Err: fmt.Errorf(format, args...)}
}

func attr(se xml.StartElement, name string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// resolveDirection combines the file's declared direction with the
// caller's override.
func resolveDirection(o LoadOptions, fileUndirected bool) LoadOptions {
	switch {
	case o.Undirected:
	case o.Directed:
		o.Undirected = false
	default:
		o.Undirected = fileUndirected
	}
	return o
}

// decodeGraphML reads a GraphML document as Gephi, NetworkX and igraph write
// it: <key> declarations, one <graph> whose edgedefault gives the
// direction (unless o overrides it), <node id> and <edge source target>
// elements, the edge weight in the <data> of the key whose attr.name is
// o.Weight ("weight" by default; keys are matched case-insensitively, by
// name first, then by id). A weighted edge without that <data> takes the
// key's <default> and is an error when there is none. Edges may name nodes
// not declared; hyperedges and nested graphs are rejected. Node ids are the
// vertex names.
func decodeGraphML(r io.Reader, name string, o LoadOptions) (*CSR, error) {
	x := newXMLDecoder(r, name)
	wantWeight := o.Weight
	if wantWeight == "" {
		wantWeight = "weight"
	}
	var (
		keys       []graphmlKey
		wkey       *graphmlKey // the weight key, once the graph starts
		l          *loader
		fileUndir  bool
		rootSeen   bool
		inEdge     bool
		edgeLine   int
		u, v       uint32
		inWeight   bool
		wtext      []byte
		haveWeight bool
		curKey     *graphmlKey
		inDefault  bool
		lkey       *graphmlKey // the key whose values name the vertices
		curNode    string      // id of the current <node>, while in it
		inLabel    bool
		labels     = map[string]string{}
	)
	for {
		t, err := x.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			el := t.Name.Local
			if !rootSeen {
				if el != "graphml" {
					return nil, x.errorf(el, "root element is <%s>, want <graphml>", el)
				}
				rootSeen = true
				continue
			}
			switch el {
			case "key":
				id, _ := attr(t, "id")
				domain, _ := attr(t, "for")
				kname, _ := attr(t, "attr.name")
				keys = append(keys, graphmlKey{id: id, domain: domain, name: kname})
				curKey = &keys[len(keys)-1]
			case "default":
				inDefault = curKey != nil
			case "graph":
				if l != nil || inEdge {
					return nil, x.errorf("graph", "nested or second graph not supported")
				}
				ed, _ := attr(t, "edgedefault")
				switch ed {
				case "directed", "":
				case "undirected":
					fileUndir = true
				default:
					return nil, x.errorf("graph", "edgedefault %q is neither directed nor undirected", ed)
				}
				l = newLoader(name, resolveDirection(o, fileUndir))
				if o.Label != "" {
					if lkey = findGraphMLKey(keys, o.Label, "node"); lkey == nil {
						return nil, x.errorf("key", "no node key named %q (node keys: %s)", o.Label, keyNames(keys, "node"))
					}
				}
				if !o.IgnoreWeights {
					wkey = findGraphMLKey(keys, wantWeight, "edge")
					if wkey == nil && o.Weight != "" {
						return nil, x.errorf("key", "no edge key named %q (edge keys: %s)", o.Weight, keyNames(keys, "edge"))
					}
				}
			case "node":
				if l == nil {
					return nil, x.errorf("node", "outside a <graph>")
				}
				id, ok := attr(t, "id")
				if !ok || id == "" {
					return nil, x.errorf("node", "no id attribute, or an empty one")
				}
				if _, dup := lookupID(l, id); dup {
					return nil, x.errorf("node", "id %q declared twice", id)
				}
				nodeID(l, id)
				curNode = id
			case "edge":
				if l == nil {
					return nil, x.errorf("edge", "outside a <graph>")
				}
				src, ok1 := attr(t, "source")
				dst, ok2 := attr(t, "target")
				if !ok1 || !ok2 || src == "" || dst == "" {
					return nil, x.errorf("edge", "source or target attribute missing or empty")
				}
				if d, ok := attr(t, "directed"); ok && !o.Directed && !o.Undirected {
					if (d == "true") == fileUndir || (d != "true" && d != "false") {
						return nil, x.errorf("edge", "directed=%q in a graph whose edgedefault is %s; mixed graphs are not supported (set Directed or Undirected)", d, map[bool]string{true: "undirected", false: "directed"}[fileUndir])
					}
				}
				inEdge, edgeLine, haveWeight = true, x.line(), false
				u, v = nodeID(l, src), nodeID(l, dst)
			case "data":
				if k, _ := attr(t, "key"); curNode != "" && lkey != nil && k == lkey.id {
					inLabel = true
					wtext = wtext[:0]
				}
				if inEdge && wkey != nil {
					if k, _ := attr(t, "key"); k == wkey.id {
						inWeight, haveWeight = true, true
						wtext = wtext[:0]
					}
				}
			case "hyperedge":
				return nil, x.errorf("hyperedge", "hyperedges are not supported")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "key":
				curKey = nil
			case "default":
				inDefault = false
			case "data":
				if inLabel {
					labels[curNode] = string(wtext)
				}
				inWeight, inLabel = false, false
			case "node":
				curNode = ""
			case "edge":
				inEdge = false
				if wkey == nil {
					l.addEdge(u, v)
					break
				}
				s := string(wtext)
				if !haveWeight {
					if !wkey.hasDef {
						return nil, &ParseError{File: name, Line: edgeLine, Field: wkey.name, Err: fmt.Errorf("missing, and key %q has no <default>", wkey.id)}
					}
					s = wkey.def
				}
				w, err := weight(l, s)
				if err != nil {
					return nil, &ParseError{File: name, Line: edgeLine, Field: wkey.name, Err: err}
				}
				l.addWeightedEdge(u, v, w)
			}
		case xml.CharData:
			switch {
			case inWeight || inLabel:
				wtext = append(wtext, t...)
			case inDefault:
				curKey.def += string(t)
				curKey.hasDef = true
			}
		}
	}
	if !rootSeen {
		return nil, &ParseError{File: name, Field: "graphml", Err: errors.New("no <graphml> element: not a GraphML document")}
	}
	if l == nil {
		return nil, &ParseError{File: name, Field: "graph", Err: errors.New("no <graph> element")}
	}
	g, err := l.build()
	if err != nil || lkey == nil {
		return g, err
	}
	return relabel(g, name, o.Label, labels, lkey.def)
}

// findGraphMLKey returns the key for domain ("node" or "edge") named want,
// by attr.name and then by id.
func findGraphMLKey(keys []graphmlKey, want, domain string) *graphmlKey {
	for _, byID := range []bool{false, true} {
		for i := range keys {
			k := &keys[i]
			if k.domain != domain && k.domain != "all" {
				continue
			}
			if (!byID && strings.EqualFold(k.name, want)) || (byID && strings.EqualFold(k.id, want)) {
				return k
			}
		}
	}
	return nil
}

func keyNames(keys []graphmlKey, domain string) string {
	var names []string
	for _, k := range keys {
		if k.domain == domain || k.domain == "all" {
			names = append(names, strconv.Quote(k.name))
		}
	}
	if names == nil {
		return "none"
	}
	return strings.Join(names, ", ")
}

// xmlEscape writes s escaped for XML text or a quoted attribute.
func xmlEscape(w *bufio.Writer, s string) {
	xml.EscapeText(w, []byte(s))
}

// encodeGraphML writes g as GraphML that Gephi, NetworkX and igraph read:
// node ids are the vertex names (repeated in a "label" attribute for Gephi),
// edge weights go to a "weight" key and each NodeAttr to a double key. An
// undirected graph writes each edge once.
func encodeGraphML(w io.Writer, g *CSR, attrs []NodeAttr) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	bw.WriteString(`  <key id="label" for="node" attr.name="label" attr.type="string"/>` + "\n")
	if g.Weighted() {
		bw.WriteString(`  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>` + "\n")
	}
	for i, a := range attrs {
		fmt.Fprintf(bw, `  <key id="a%d" for="node" attr.name="`, i)
		xmlEscape(bw, a.Name)
		bw.WriteString(`" attr.type="double"/>` + "\n")
	}
	kind := "directed"
	if !g.Directed() {
		kind = "undirected"
	}
	fmt.Fprintf(bw, "  <graph id=\"G\" edgedefault=%q>\n", kind)
	var num []byte
	for u := uint32(0); int(u) < g.N(); u++ {
		bw.WriteString(`    <node id="`)
		xmlEscape(bw, g.Label(u))
		bw.WriteString(`"><data key="label">`)
		xmlEscape(bw, g.Label(u))
		bw.WriteString(`</data>`)
		for i, a := range attrs {
			fmt.Fprintf(bw, `<data key="a%d">`, i)
			num = strconv.AppendFloat(num[:0], a.Values[u], 'g', -1, 64)
			bw.Write(num)
			bw.WriteString(`</data>`)
		}
		bw.WriteString("</node>\n")
	}
	for u := uint32(0); int(u) < g.N(); u++ {
		ws := g.Out.NeighborWeights(u)
		for j, v := range g.Out.Neighbors(u) {
			if !g.Directed() && v < u {
				continue
			}
			bw.WriteString(`    <edge source="`)
			xmlEscape(bw, g.Label(u))
			bw.WriteString(`" target="`)
			xmlEscape(bw, g.Label(v))
			if ws == nil {
				bw.WriteString("\"/>\n")
				continue
			}
			bw.WriteString(`"><data key="weight">`)
			num = strconv.AppendFloat(num[:0], float64(ws[j]), 'g', -1, 32)
			bw.Write(num)
			bw.WriteString("</data></edge>\n")
		}
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}
