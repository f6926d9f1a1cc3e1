package localdb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"huddle/internal/model"
	"huddle/internal/ports"
)

func TestSecondOpenOfSameFolderFailsWithLockedError(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir)
	before := folderContents(t, dir)
	_, err := Open(dir, Options{Logger: quiet})
	if model.CodeOf(err) != model.CodeLocked {
		t.Fatalf("second open: %v, want CodeLocked", err)
	}
	var e *model.Error
	errors.As(err, &e)
	want := "Huddle is already running with this data folder (" + dir + "). Close the other Huddle window, or start this one with --data pointing at another folder."
	if e.Message != want {
		t.Fatalf("message %q\nwant    %q", e.Message, want)
	}
	if after := folderContents(t, dir); !reflect.DeepEqual(before, after) {
		t.Fatal("the failed open changed the folder")
	}
}

func TestOpenOfUnreadableFolderFailsWithCorruptErrorAndChangesNothing(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, dir string)
		says   string
	}{
		{"garbage manifest", func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "MANIFEST"), []byte("not a manifest at all"), 0o600))
		}, "damaged or unreadable"},
		{"manifest replaced by a folder", func(t *testing.T, dir string) {
			must(t, os.Remove(filepath.Join(dir, "MANIFEST")))
			must(t, os.Mkdir(filepath.Join(dir, "MANIFEST"), 0o700))
		}, "damaged or unreadable"},
		{"truncated table", func(t *testing.T, dir string) {
			for _, f := range glob(t, dir, "*.sst") {
				must(t, os.Truncate(f, 100))
			}
		}, "damaged or unreadable"},
		{"empty table", func(t *testing.T, dir string) {
			for _, f := range glob(t, dir, "*.sst") {
				must(t, os.Truncate(f, 0))
			}
		}, "damaged or unreadable"},
		{"garbled table", func(t *testing.T, dir string) {
			for _, f := range glob(t, dir, "*.sst") {
				b, err := os.ReadFile(f)
				must(t, err)
				for i := len(b) - 64; i < len(b); i++ {
					b[i] ^= 0x5a
				}
				must(t, os.WriteFile(f, b, 0o600))
			}
		}, "damaged or unreadable"},
		{"garbage key registry", func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "KEYREGISTRY"), []byte("x"), 0o600))
		}, "damaged or unreadable"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := storeWithData(t)
			if len(glob(t, dir, "*.sst")) == 0 {
				t.Fatal("fixture store has no table files")
			}
			c.damage(t, dir)
			assertOpenRefused(t, dir, c.says)
		})
	}
}

func TestOpenOfFolderThatIsNotAHuddleStoreFailsWithCorruptError(t *testing.T) {
	cases := []struct {
		name string
		fill func(t *testing.T, dir string)
	}{
		{"someone's documents", func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "taxes.pdf"), []byte("%PDF-1.4"), 0o600))
			must(t, os.Mkdir(filepath.Join(dir, "photos"), 0o700))
		}},
		{"another program's Badger store", func(t *testing.T, dir string) {
			bdb, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
			must(t, err)
			must(t, bdb.Update(func(txn *badger.Txn) error { return txn.Set([]byte("k"), []byte("v")) }))
			must(t, bdb.Close())
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			c.fill(t, dir)
			assertOpenRefused(t, dir, "is not a Huddle data folder")
		})
	}
}

func TestOpenOfStoreWithoutFormatMarkerButWithDataFailsWithCorruptError(t *testing.T) {
	dir := storeWithData(t)
	db := openTest(t, dir)
	must(t, db.bdb.Update(func(txn *badger.Txn) error { return txn.Delete(keyFormat) }))
	must(t, db.Close())
	_, err := Open(dir, Options{Logger: quiet})
	if model.CodeOf(err) != model.CodeCorrupt || !strings.Contains(err.Error(), "not a Huddle data folder") {
		t.Fatalf("open: %v", err)
	}
}

func TestOpenOfStoreFromAnotherFormatVersionFailsWithCorruptError(t *testing.T) {
	dir := storeWithData(t)
	db := openTest(t, dir)
	must(t, db.bdb.Update(func(txn *badger.Txn) error { return txn.Set(keyFormat, []byte("huddle.localdb.99")) }))
	must(t, db.Close())
	_, err := Open(dir, Options{Logger: quiet})
	if model.CodeOf(err) != model.CodeCorrupt || !strings.Contains(err.Error(), "another version of Huddle") {
		t.Fatalf("open: %v", err)
	}
}

func TestOpenCreatesMissingFolderAndDeviceIDIsKept(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "data")
	db := openTest(t, dir)
	id := db.DeviceID()
	if len(id) != 32 {
		t.Fatalf("device ID %q", id)
	}
	must(t, db.Close())
	db = openTest(t, dir)
	if db.DeviceID() != id {
		t.Fatalf("device ID changed from %s to %s", id, db.DeviceID())
	}
	if other := openTest(t, t.TempDir()); other.DeviceID() == id {
		t.Fatal("two stores share a device ID")
	}
}

func TestDocumentsWrittenHereCarryTheDeviceActor(t *testing.T) {
	db := openTest(t, t.TempDir())
	seedWorkspace(t, db)
	out, err := db.Outbox(0, 1)
	must(t, err)
	info := inspect(t, out[0].Change)
	if info.Actor != db.DeviceID() {
		t.Fatalf("change actor %s, device %s", info.Actor, db.DeviceID())
	}
}

func TestLocalSettingsPersistAndNeverReachTheOutbox(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	v, err := db.LocalSetting("member")
	if err != nil || v != "" {
		t.Fatalf("unset setting: %q %v", v, err)
	}
	must(t, db.SetLocalSetting("member", ana))
	must(t, db.Close())
	db = openTest(t, dir)
	if v, _ := db.LocalSetting("member"); v != ana {
		t.Fatalf("setting after reopen: %q", v)
	}
	if n, _ := db.OutboxLen(); n != 0 {
		t.Fatalf("outbox has %d entries", n)
	}
	must(t, db.SetLocalSetting("member", ""))
	if v, _ := db.LocalSetting("member"); v != "" {
		t.Fatalf("cleared setting: %q", v)
	}
}

func TestCloseTwiceIsHarmlessAndWritesAfterCloseFail(t *testing.T) {
	db := openTest(t, t.TempDir())
	must(t, db.Close())
	must(t, db.Close())
	err := db.Update(t.Context(), at(1), func(tx ports.Tx) error { return nil })
	if model.CodeOf(err) != model.CodeUnavailable {
		t.Fatalf("update after close: %v", err)
	}
}

// storeWithData returns a closed store holding a workspace and some threads, flushed to tables.
func storeWithData(t *testing.T) string {
	dir := t.TempDir()
	db := openTest(t, dir)
	seedWorkspace(t, db)
	for i := range 20 {
		createThread(t, db, threadSpec{id: fmt.Sprintf("th_%02d", i), brand: brand1, createdAt: int64(10 + i)})
	}
	must(t, db.Close())
	return dir
}

func assertOpenRefused(t *testing.T, dir, says string) {
	t.Helper()
	before := folderContents(t, dir)
	db, err := Open(dir, Options{Logger: quiet})
	if err == nil {
		db.Close()
		t.Fatal("open succeeded")
	}
	if model.CodeOf(err) != model.CodeCorrupt {
		t.Fatalf("open: %v, want CodeCorrupt", err)
	}
	var e *model.Error
	errors.As(err, &e)
	if !strings.Contains(e.Message, says) || !strings.Contains(e.Message, "Nothing was changed") || !strings.Contains(e.Message, dir) {
		t.Fatalf("message %q does not say %q, that nothing changed and which folder", e.Message, says)
	}
	if after := folderContents(t, dir); !reflect.DeepEqual(before, after) {
		t.Fatalf("the failed open changed the folder:\nbefore %v\nafter  %v", before, after)
	}
}

// folderContents maps every path under dir to its bytes.
func folderContents(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	must(t, filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() {
			out[p] = "<dir>"
			return nil
		}
		b, err := os.ReadFile(p)
		out[p] = string(b)
		return err
	}))
	return out
}

func glob(t *testing.T, dir, pattern string) []string {
	m, err := filepath.Glob(filepath.Join(dir, pattern))
	must(t, err)
	return m
}

// levelRecorder keeps the level of every record it handles.
type levelRecorder struct{ levels *[]slog.Level }

func (r levelRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (r levelRecorder) Handle(_ context.Context, rec slog.Record) error {
	*r.levels = append(*r.levels, rec.Level)
	return nil
}
func (r levelRecorder) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r levelRecorder) WithGroup(string) slog.Handler      { return r }

func TestBadgerCacheMetricsGoToDebugWhileRealWarningsStay(t *testing.T) {
	var levels []slog.Level
	l := badgerLogger{slog.New(levelRecorder{&levels})}
	// The formats Badger's monitorCache uses once a minute, then a compaction failure.
	l.Warningf("%s might be too small. Metrics: %s\n", "Block cache", "hit: 1 miss: 9")
	l.Warningf("Cache life expectancy (in seconds): %+v\n", "histogram")
	l.Warningf("While running doCompact: %v\n", errors.New("disk trouble"))
	l.Errorf("Failure: %v", errors.New("bad"))
	l.Infof("Replaying file id: %d", 1)
	want := []slog.Level{slog.LevelDebug, slog.LevelDebug, slog.LevelWarn, slog.LevelError, slog.LevelDebug}
	if !reflect.DeepEqual(levels, want) {
		t.Fatalf("levels %v, want %v", levels, want)
	}
}
