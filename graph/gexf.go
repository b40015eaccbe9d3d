package graph

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"encoding/xml"
)

// decodeGEXF reads a GEXF 1.1–1.3 document as Gephi writes it. The graph's
// defaultedgetype (undirected when absent, as the GEXF schema says; "mutual"
// counts as undirected) gives the direction unless o overrides it. Node ids
// are the vertex names; every edge must join declared nodes. The weight is
// the edge's weight attribute (1 when absent, as in GEXF) or, when o.Weight
// names another attribute, the <attvalue> of the edge attribute with that
// title. Hierarchical (nested) nodes are rejected.
func decodeGEXF(r io.Reader, name string, o LoadOptions) (*CSR, error) {
	x := newXMLDecoder(r, name)
	attrWeight := o.Weight != "" && !strings.EqualFold(o.Weight, "weight")
	var (
		l          *loader
		rootSeen   bool
		class      string // of the current <attributes>
		weightID   string // id of the edge attribute named o.Weight
		nodeDepth  int
		inEdge     bool
		edgeLine   int
		u, v       uint32
		edgeWeight string
		haveWeight bool
		fileUndir  bool
		labelID    string // id of the node attribute named o.Label
		nodeName   string // id of the current <node>
		labels     = map[string]string{}
		byLabel    = strings.EqualFold(o.Label, "label")
	)
	addEdge := func() error {
		if !haveWeight || o.IgnoreWeights {
			l.addEdge(u, v)
			return nil
		}
		w, err := weight(l, edgeWeight)
		if err != nil {
			return &ParseError{File: name, Line: edgeLine, Field: "weight", Err: err}
		}
		l.addWeightedEdge(u, v, w)
		return nil
	}
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
				if el != "gexf" {
					return nil, x.errorf(el, "root element is <%s>, want <gexf>", el)
				}
				rootSeen = true
				continue
			}
			switch el {
			case "graph":
				if l != nil {
					return nil, x.errorf("graph", "second graph not supported")
				}
				switch et, _ := attr(t, "defaultedgetype"); et {
				case "undirected", "mutual", "":
					fileUndir = true
				case "directed":
				default:
					return nil, x.errorf("graph", "defaultedgetype %q is not directed, undirected or mutual", et)
				}
				l = newLoader(name, resolveDirection(o, fileUndir))
			case "attributes":
				class, _ = attr(t, "class")
			case "attribute":
				title, _ := attr(t, "title")
				if class == "edge" && attrWeight && strings.EqualFold(title, o.Weight) {
					weightID, _ = attr(t, "id")
				}
				if class == "node" && o.Label != "" && !byLabel && strings.EqualFold(title, o.Label) {
					labelID, _ = attr(t, "id")
				}
			case "nodes":
				if nodeDepth > 0 {
					return nil, x.errorf("nodes", "hierarchical graphs (nodes inside a node) are not supported")
				}
			case "node":
				if l == nil {
					return nil, x.errorf("node", "outside a <graph>")
				}
				nodeDepth++
				id, ok := attr(t, "id")
				if !ok || id == "" {
					return nil, x.errorf("node", "no id attribute, or an empty one")
				}
				if _, dup := lookupID(l, id); dup {
					return nil, x.errorf("node", "id %q declared twice", id)
				}
				nodeID(l, id)
				nodeName = id
				if s, ok := attr(t, "label"); ok && byLabel {
					labels[id] = s
				}
			case "edges":
				if attrWeight && weightID == "" && !o.IgnoreWeights {
					return nil, x.errorf("attributes", "no edge attribute titled %q", o.Weight)
				}
			case "edge":
				if l == nil {
					return nil, x.errorf("edge", "outside a <graph>")
				}
				src, ok1 := attr(t, "source")
				dst, ok2 := attr(t, "target")
				if !ok1 || !ok2 || src == "" || dst == "" {
					return nil, x.errorf("edge", "source or target attribute missing or empty")
				}
				var ok bool
				if u, ok = lookupID(l, src); !ok {
					return nil, x.errorf("source", "node %q is not declared in <nodes>", src)
				}
				if v, ok = lookupID(l, dst); !ok {
					return nil, x.errorf("target", "node %q is not declared in <nodes>", dst)
				}
				if et, ok := attr(t, "type"); ok && !o.Directed && !o.Undirected {
					undir := et == "undirected" || et == "mutual"
					if undir != fileUndir || (!undir && et != "directed") {
						return nil, x.errorf("edge", "type=%q in a graph whose defaultedgetype is %s; mixed graphs are not supported (set Directed or Undirected)", et, map[bool]string{true: "undirected", false: "directed"}[fileUndir])
					}
				}
				inEdge, edgeLine = true, x.line()
				edgeWeight, haveWeight = attr(t, "weight")
				if attrWeight {
					edgeWeight, haveWeight = "", false
				}
			case "attvalue":
				if f, _ := attr(t, "for"); nodeDepth > 0 && labelID != "" && f == labelID {
					labels[nodeName], _ = attr(t, "value")
				}
				if inEdge && attrWeight {
					if f, _ := attr(t, "for"); f == weightID {
						edgeWeight, haveWeight = attr(t, "value")
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "attributes":
				class = ""
			case "node":
				nodeDepth--
			case "edge":
				inEdge = false
				if err := addEdge(); err != nil {
					return nil, err
				}
			}
		}
	}
	if !rootSeen {
		return nil, &ParseError{File: name, Field: "gexf", Err: errors.New("no <gexf> element: not a GEXF document")}
	}
	if l == nil {
		return nil, &ParseError{File: name, Field: "graph", Err: errors.New("no <graph> element")}
	}
	if o.Label != "" && !byLabel && labelID == "" {
		return nil, &ParseError{File: name, Field: "attributes", Err: fmt.Errorf("no node attribute titled %q", o.Label)}
	}
	g, err := l.build()
	if err != nil || o.Label == "" {
		return g, err
	}
	return relabel(g, name, o.Label, labels, "")
}

// encodeGEXF writes g as GEXF 1.2, which Gephi opens directly: node ids and
// labels are the vertex names, weights go to the edges' weight attribute and
// each NodeAttr becomes a double node attribute. An undirected graph writes
// each edge once.
func encodeGEXF(w io.Writer, g *CSR, attrs []NodeAttr) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	kind := "directed"
	if !g.Directed() {
		kind = "undirected"
	}
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">` + "\n" +
		"  <meta><creator>ripple</creator></meta>\n")
	fmt.Fprintf(bw, "  <graph mode=\"static\" defaultedgetype=%q>\n", kind)
	if len(attrs) > 0 {
		bw.WriteString("    <attributes class=\"node\">\n")
		for i, a := range attrs {
			fmt.Fprintf(bw, `      <attribute id="%d" title="`, i)
			xmlEscape(bw, a.Name)
			bw.WriteString("\" type=\"double\"/>\n")
		}
		bw.WriteString("    </attributes>\n")
	}
	bw.WriteString("    <nodes>\n")
	var num []byte
	for u := uint32(0); int(u) < g.N(); u++ {
		bw.WriteString(`      <node id="`)
		xmlEscape(bw, g.Label(u))
		bw.WriteString(`" label="`)
		xmlEscape(bw, g.Label(u))
		if len(attrs) == 0 {
			bw.WriteString("\"/>\n")
			continue
		}
		bw.WriteString(`"><attvalues>`)
		for i, a := range attrs {
			fmt.Fprintf(bw, `<attvalue for="%d" value="`, i)
			num = strconv.AppendFloat(num[:0], a.Values[u], 'g', -1, 64)
			bw.Write(num)
			bw.WriteString(`"/>`)
		}
		bw.WriteString("</attvalues></node>\n")
	}
	bw.WriteString("    </nodes>\n    <edges>\n")
	id := 0
	for u := uint32(0); int(u) < g.N(); u++ {
		ws := g.Out.NeighborWeights(u)
		for j, v := range g.Out.Neighbors(u) {
			if !g.Directed() && v < u {
				continue
			}
			fmt.Fprintf(bw, `      <edge id="%d" source="`, id)
			id++
			xmlEscape(bw, g.Label(u))
			bw.WriteString(`" target="`)
			xmlEscape(bw, g.Label(v))
			if ws != nil {
				bw.WriteString(`" weight="`)
				num = strconv.AppendFloat(num[:0], float64(ws[j]), 'g', -1, 32)
				bw.Write(num)
			}
			bw.WriteString("\"/>\n")
		}
	}
	bw.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}
