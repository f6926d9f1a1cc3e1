package crdt

import "encoding/binary"

// chunkReader reads the LEB128 numbers and byte runs of an Automerge chunk, remembering the
// first error: a short chunk makes every later read return zero.
type chunkReader struct {
	b   []byte
	err error
}

func (r *chunkReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.err = errShortChunk
		return 0
	}
	r.b = r.b[k:]
	return v
}

// varint reads a signed LEB128 number (two's complement, not Go's zig-zag Varint).
func (r *chunkReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	var v int64
	var shift uint
	for i, c := range r.b {
		if i == 10 {
			break
		}
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			r.b = r.b[i+1:]
			return v
		}
	}
	r.err = errShortChunk
	return 0
}

// take returns the next n bytes.
func (r *chunkReader) take(n uint64) []byte {
	if r.err == nil && n > uint64(len(r.b)) {
		r.err = errShortChunk
	}
	if r.err != nil {
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *chunkReader) skip(n uint64) { r.take(n) }

// columns reads column metadata: a count, then (spec, length) pairs.
func (r *chunkReader) columns() []colMeta {
	n := r.uvarint()
	if r.err == nil && n > uint64(len(r.b)) {
		r.err = errShortChunk
	}
	var out []colMeta
	for i := uint64(0); i < n && r.err == nil; i++ {
		out = append(out, colMeta{spec: r.uvarint(), length: r.uvarint()})
	}
	return out
}
