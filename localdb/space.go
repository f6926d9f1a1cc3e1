package localdb

import "huddle/internal/model"

// minFreeBytes is the free space a write needs before it starts. Badger writes its log and
// builds its tables through memory maps, and a memory-mapped write to a full disk kills the
// process (SIGBUS) instead of returning an error: refusing writes while there is still room
// for the pending log, a memtable flush and a compaction turns a full disk into a sentence.
const minFreeBytes = 128 << 20

// checkSpace refuses a write when the data folder's disk is nearly full.
func (db *DB) checkSpace() error {
	free, err := db.freeSpace(db.dir)
	if err != nil || free >= minFreeBytes {
		return nil // unknown free space must not block writes
	}
	return model.Errorf(model.CodeUnavailable, "The disk is full: free some space and try again. Nothing was lost.")
}
