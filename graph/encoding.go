package graph

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Text encodings a loader can decode, as LoadInfo names them.
const (
	encodingUTF8    = "UTF-8"
	encodingGB18030 = "GB18030"
)

// encodingSample is how much of a file auto-detection looks at.
const encodingSample = 1 << 16

// textEncoding returns the reader of a text file's bytes as UTF-8: br
// itself for UTF-8, else a GB18030 decoder over it, per o.Encoding (see
// LoadOptions.Encoding), and records the choice in o.Info.
func textEncoding(br *bufio.Reader, name string, o LoadOptions) (*bufio.Reader, error) {
	enc := encodingUTF8
	detected := false
	switch strings.ToLower(strings.TrimSpace(o.Encoding)) {
	case "", "auto":
		head, _ := br.Peek(encodingSample)
		bad := invalidUTF8(head, len(head) < encodingSample)
		if bad < 0 {
			break
		}
		if !readsAsGB18030(head, len(head) < encodingSample) {
			return nil, &ParseError{File: name, Line: 1 + bytes.Count(head[:bad], []byte{'\n'}), Field: "encoding",
				Err: fmt.Errorf("byte %#02x is not UTF-8 text, nor GB18030; save the file as UTF-8 (in Excel: CSV UTF-8)", head[bad])}
		}
		enc, detected = encodingGB18030, true
	case "utf-8", "utf8":
	case "gb18030", "gbk", "gb2312", "cp936":
		enc = encodingGB18030
	default:
		return nil, fmt.Errorf("graph: unknown encoding %q (want auto, utf-8 or gb18030)", o.Encoding)
	}
	if info := o.Info; info != nil {
		info.Encoding, info.Detected = enc, detected
	}
	if enc == encodingGB18030 {
		return bufio.NewReaderSize(transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), 1<<16), nil
	}
	return br, nil
}

// DecodeText returns r's text as UTF-8 by the rules of
// LoadOptions.Encoding, for any text file beside a graph (plans, costs,
// labels): encoding "" or "auto" keeps UTF-8 and decodes GB18030 when the
// start of r is not UTF-8 but reads as GB18030; "utf-8" and "gb18030"
// (also "gbk", "gb2312", "cp936") force one. It also reports the encoding
// read ("UTF-8" or "GB18030") and whether it was detected rather than
// asked for, which a person should be told. Text that is neither is an
// error naming name and the line. A UTF-8 byte-order mark is left in place.
func DecodeText(r io.Reader, name, encoding string) (text io.Reader, enc string, detected bool, err error) {
	var info LoadInfo
	br, err := textEncoding(bufio.NewReaderSize(r, encodingSample), name, LoadOptions{Encoding: encoding, Info: &info})
	if err != nil {
		return nil, "", false, err
	}
	return br, info.Encoding, info.Detected, nil
}

// invalidUTF8 returns the offset of the first byte of b that is not valid
// UTF-8, or -1. Unless whole, b may end in the middle of a character,
// which is not counted against it.
func invalidUTF8(b []byte, whole bool) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			if !whole && len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]) {
				return -1
			}
			return i
		}
		i += size
	}
	return -1
}

// readsAsGB18030 reports whether b decodes as GB18030 without a
// replacement character (unless whole, but for a character cut at the end
// of b) or a NUL.
func readsAsGB18030(b []byte, whole bool) bool {
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b)
	if err != nil {
		return false
	}
	if !whole {
		out = bytes.TrimSuffix(out, []byte("\ufffd"))
	}
	return !bytes.ContainsRune(out, utf8.RuneError) && bytes.IndexByte(out, 0) < 0
}

// notUTF8 is the error for a name that is not valid UTF-8 text.
func notUTF8[T ~string | ~[]byte](tok T) error {
	return fmt.Errorf("%q is not UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8), or give its encoding with --encoding gb18030", tok)
}
