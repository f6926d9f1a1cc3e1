package crdt

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
)

// Automerge core 0.5 trusts parts of the chunks it loads: a change whose operations name an
// actor index past its actor list, or a document whose action column holds an unknown action
// or an increment by something that is not an integer, reaches an index out of bounds or an
// unreachable!() in Rust, which aborts the whole process (a Rust panic cannot be recovered from
// Go). Changes and snapshots come from other devices through the relay, so their operation
// columns are checked here first (both panics were found by the fuzz tests beside this file).
//
// A column spec is id<<4 | deflate<<3 | type; the data of a deflated column is raw DEFLATE.
// Integer and actor columns are run-length encoded uLEB values.

const (
	colDeflate   = 1 << 3
	colTypeMask  = 7
	colTypeActor = 1
	colAction    = 4<<4 | 2 // operation action: uLEB
	colValueMeta = 5<<4 | 6 // value metadata: length<<4 | type code

	maxAction      = 7
	actionIncrease = 5
	valueTypeUint  = 3
	valueTypeInt   = 4

	// maxInflated bounds what a deflated column may grow to: an item is at most about a
	// megabyte, and a small DEFLATE stream must not become gigabytes in memory.
	maxInflated = 64 << 20
	// maxRows bounds the rows a column may claim: a run of a billion nulls is a few bytes, and
	// Automerge would build every one of them.
	maxRows = 1 << 24
)

var errShortChunk = errors.New("chunk ends early")

// checkDocumentOps checks a document chunk body (what follows the chunk length):
//
//	actors: uLEB count, then uLEB-length-prefixed actor IDs
//	heads:  uLEB count, then 32-byte hashes
//	change column metadata, then operation column metadata: uLEB count, (spec, length) pairs
//	change column data, then operation column data, then head indexes
func checkDocumentOps(body []byte) error {
	r := &chunkReader{b: body}
	nActors := r.uvarint()
	for i := uint64(0); i < nActors && r.err == nil; i++ {
		r.skip(r.uvarint())
	}
	nHeads := r.uvarint()
	if r.err == nil && nHeads > uint64(len(r.b)/32) {
		r.err = errShortChunk
	}
	r.skip(nHeads * 32)
	changeCols, opCols := r.columns(), r.columns()
	changeData, opData := r.take(total(changeCols)), r.take(total(opCols))
	if r.err != nil {
		return r.err
	}
	if _, err := checkColumns(changeCols, changeData, nActors); err != nil {
		return err
	}
	cols, err := checkColumns(opCols, opData, nActors)
	if err != nil {
		return err
	}
	return checkActions(cols[colAction], cols[colValueMeta])
}

// checkChangeOps checks what follows the sequence number of a change chunk:
//
//	start op: uLEB; time: signed LEB; message: uLEB-length-prefixed
//	other actors: uLEB count, then uLEB-length-prefixed actor IDs (the author is index 0)
//	operation column metadata: uLEB count, (spec, length) pairs; column data; extra bytes
//
// It returns the change's message.
func checkChangeOps(rest []byte) (string, error) {
	r := &chunkReader{b: rest}
	r.uvarint()
	r.varint()
	msg := r.take(r.uvarint())
	others := r.uvarint()
	for i := uint64(0); i < others && r.err == nil; i++ {
		r.skip(r.uvarint())
	}
	opCols := r.columns()
	opData := r.take(total(opCols))
	if r.err != nil {
		return "", r.err
	}
	cols, err := checkColumns(opCols, opData, others+1)
	if err != nil {
		return "", err
	}
	return string(msg), checkActions(cols[colAction], cols[colValueMeta])
}

// checkColumns splits data into the columns metas describes, checks that every actor column
// names only the nActors actors there are, and returns the decoded action and value metadata
// columns, by spec without the deflate bit.
func checkColumns(metas []colMeta, data []byte, nActors uint64) (map[uint64][]run, error) {
	out := map[uint64][]run{}
	seen := map[uint64]bool{}
	for _, c := range metas {
		if c.length > uint64(len(data)) { // the lengths' sum overflowed
			return nil, errShortChunk
		}
		raw := data[:c.length]
		data = data[c.length:]
		spec := c.spec &^ colDeflate
		if seen[spec] {
			// Which of two copies Automerge would read is its business; refuse both.
			return nil, fmt.Errorf("column %d appears twice", spec)
		}
		seen[spec] = true
		if spec != colAction && spec != colValueMeta && spec&colTypeMask != colTypeActor {
			continue
		}
		runs, err := column(raw, c.spec&colDeflate != 0)
		if err != nil {
			return nil, err
		}
		if spec&colTypeMask == colTypeActor {
			for _, x := range runs {
				if !x.null && x.v >= nActors {
					return nil, fmt.Errorf("an operation names actor %d of %d", x.v, nActors)
				}
			}
		}
		out[spec] = runs
	}
	return out, nil
}

// checkActions refuses the operations Automerge 0.5 cannot build: unknown actions, and
// increments by anything but an integer. Both columns are runs, walked side by side.
func checkActions(actions, metas []run) error {
	var row, metaEnd uint64 // metas[0] covers rows [metaEnd-metas[0].n, metaEnd)
	if len(metas) > 0 {
		metaEnd = metas[0].n
	}
	for _, a := range actions {
		if !a.null && a.v > maxAction {
			return fmt.Errorf("unknown action %d", a.v)
		}
		if !a.null && a.v == actionIncrease {
			for r := row; r < row+a.n; r = metaEnd {
				for len(metas) > 0 && r >= metaEnd {
					if metas = metas[1:]; len(metas) > 0 {
						metaEnd += metas[0].n
					}
				}
				if len(metas) == 0 || metas[0].null || (metas[0].v&0xf != valueTypeInt && metas[0].v&0xf != valueTypeUint) {
					return errors.New("an increment by something that is not a number")
				}
			}
		}
		row += a.n
	}
	return nil
}

type colMeta struct{ spec, length uint64 }

func total(cs []colMeta) uint64 {
	var n uint64
	for _, c := range cs {
		n += c.length
	}
	return n
}

// column decodes a run-length encoded uLEB column.
func column(raw []byte, deflated bool) ([]run, error) {
	if deflated {
		inflated, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw)), maxInflated+1))
		if err != nil || len(inflated) > maxInflated {
			return nil, fmt.Errorf("a compressed column does not inflate (%v)", err)
		}
		raw = inflated
	}
	return decodeRLE(raw)
}

// run is n rows of the value v, or n nulls.
type run struct {
	v, n uint64
	null bool
}

// decodeRLE decodes a run-length encoded column of uLEB values. A run is a signed LEB count:
// n > 0 repeats the next value n times, n < 0 is followed by -n literal values, 0 is followed
// by a uLEB number of nulls.
func decodeRLE(b []byte) ([]run, error) {
	r := &chunkReader{b: b}
	var out []run
	var rows uint64
	for len(r.b) > 0 && r.err == nil {
		n := r.varint()
		switch {
		case n > 0:
			out = append(out, run{v: r.uvarint(), n: uint64(n)})
		case n < 0:
			if uint64(-n) > uint64(len(r.b)) { // each literal takes a byte at least
				return nil, errShortChunk
			}
			for range -n {
				out = append(out, run{v: r.uvarint(), n: 1})
			}
		default:
			out = append(out, run{n: r.uvarint(), null: true})
		}
		if rows += out[len(out)-1].n; rows > maxRows {
			return nil, errors.New("a column claims too many rows")
		}
	}
	return out, r.err
}
