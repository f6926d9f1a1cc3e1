package localdb

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/y"
	"google.golang.org/protobuf/proto"
)

// checkTables reads the footer and index of every table file the way Badger will, and checks
// the index checksum. Badger trusts these footers and panics on a truncated or garbled one in
// a goroutine of its own, which no recover can catch: a damaged file would crash Huddle at
// every start instead of producing an error a person can act on.
func checkTables(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.sst"))
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := checkTable(f); err != nil {
			return fmt.Errorf("table %s: %w", filepath.Base(f), err)
		}
	}
	return nil
}

func checkTable(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	read := func(off, n int64) ([]byte, error) {
		if off < 0 || n < 0 || off+n > st.Size() {
			return nil, fmt.Errorf("footer points outside the file")
		}
		b := make([]byte, n)
		_, err := f.ReadAt(b, off)
		return b, err
	}
	pos := st.Size() - 4
	b, err := read(pos, 4)
	if err != nil {
		return err
	}
	chkLen := int64(binary.BigEndian.Uint32(b))
	pos -= chkLen
	b, err = read(pos, chkLen)
	if err != nil {
		return err
	}
	var chk pb.Checksum
	if err := proto.Unmarshal(b, &chk); err != nil {
		return err
	}
	pos -= 4
	b, err = read(pos, 4)
	if err != nil {
		return err
	}
	idxLen := int64(binary.BigEndian.Uint32(b))
	idx, err := read(pos-idxLen, idxLen)
	if err != nil {
		return err
	}
	return y.VerifyChecksum(idx, &chk)
}
