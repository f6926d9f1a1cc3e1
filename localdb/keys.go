package localdb

import (
	"encoding/binary"
	"math"
	"strings"

	"huddle/internal/model"
)

// The whole key schema of a Huddle data folder lives in this file, with the one file Huddle
// itself adds to the folder: markerFile, written before Badger first touches an empty folder,
// so Open can refuse a folder that is not a Huddle store without letting Badger change it; an
// open store holds an exclusive lock on it.
//
// Variable parts are separated by 0x00, which IDs never contain (keyPart strips it), so a
// prefix scan of one part never runs into a neighbour whose ID merely starts the same way.
// Numbers are big-endian so byte order is numeric order.
//
//	meta/format                      format marker (formatVersion); absent only in a new store
//	meta/device                      this device's Automerge actor ID
//	meta/outseq                      last outbox sequence handed out (u64)
//	meta/outack                      every outbox entry up to this sequence is acknowledged (u64)
//	meta/stale                       present while the view counters need a rebuild
//	meta/ixver                       index layout version (u64, indexVersion); absent: 0
//	meta/sync                        sync cursor: last relay stream sequence applied (u64), then
//	                                 the identity of that stream (written with the changes it covers)
//	set/<key>                        device-local setting, never synced
//
//	doc/<docID>                      document meta: next change seq (u64), changes since snapshot (u32)
//	snap/<docID>                     latest snapshot (Automerge Save)
//	chg/<docID> 0 <seq u64>          a change saved since the snapshot, in commit order
//	pend/<docID> 0 <hash>            a remote change parked until its dependencies arrive: its
//	                                 stream sequence (u64), then the change bytes (remote.go)
//
//	ws                               workspace row (JSON)
//	th/<threadID>                    thread summary row (codec.go)
//	msg/<threadID> 0 <createdAt u64> <msgID>   message row (codec.go): a prefix scan is the timeline
//	cl/<clientID>                    client row (codec.go)
//	tk/<taskID>                      task row (codec.go)
//
//	ix/t/<o|r>/<dim>/<arg> 0 <^lastActivity u64> <threadID>   thread indexes (empty values)
//	ix/c/<*|b/brand> 0 <lower(name)> 0 <clientID>              client name indexes
//	ix/c/g/<brand> 0 <tag> 0 <lower(name)> 0 <clientID>        clients by tag, per brand: the tags in use
//	ix/k/<o|d>/<dim>/<arg> 0 <due u64, none = max> <taskID>    task due-date indexes
//	ixn/<index prefix>               number of entries under that index prefix (i64)
//	sx/<m|t|c>/<token> 0 <sort>      search index (empty values; searchindex.go): messages by
//	                                 newest, thread subjects by newest, clients by name
//	cnt/<memberID> 0 <view> 0 <t|u>  per-member view counter: total or unread (i64)
//
//	nf/<memberID> 0 <^at u64> <notificationID>   a member's notification (JSON; notify.go)
//	na/<seq u64>                     a notification new to this device, for the native notifier:
//	                                 the key of its nf/ row; taken in order, then deleted
//	pm/<memberID>                    a member's private state: preferences, read marks (JSON)
//	ix/r/<memberID> 0 <remindAt u64> <taskID>  reminders to come or due, of tasks not done
//	ix/s/<sendAt u64> <createdAt u64> <threadID> 0 <msgID>  scheduled replies waiting to go
//
//	out/<seq u64>                    outbox entry (binary, see outbox.go), FIFO by seq
//	quar/<n u64>                     a remote item set aside as bad (binary, see quarantine.go);
//	                                 n counts up on this device, because stream sequences start
//	                                 again at 1 on a new relay stream; the oldest go first
const formatVersion = "huddle.localdb.1"

// indexVersion numbers the index layout within a format. A store with an older one gains the
// missing indexes when it opens (upgradeIndexes), so no folder has to be rebuilt.
//
//	1  threads by client (threadDimClient)
//	2  search index (sx/)
//	3  search index without stop words (rebuilt)
//	4  threads by client tag (threadDimTag), clients by tag (clientTagIndex)
//	5  notifications (nf/, from the message rows) and reminders (ix/r/)
const indexVersion = 5

const markerFile = "HUDDLE"

var (
	keyFormat    = []byte("meta/format")
	keyDevice    = []byte("meta/device")
	keyOutSeq    = []byte("meta/outseq")
	keyOutAcked  = []byte("meta/outack")
	keyStale     = []byte("meta/stale")
	keyIxVersion = []byte("meta/ixver")
	keySync      = []byte("meta/sync")
	keyWorkspace = []byte("ws")
	// keyArrivalSeq holds the last notification arrival sequence handed out (u64).
	keyArrivalSeq = []byte("meta/naseq")

	prefixSetting    = "set/"
	prefixDocMeta    = "doc/"
	prefixSnapshot   = "snap/"
	prefixChange     = "chg/"
	prefixThread     = "th/"
	prefixMessage    = "msg/"
	prefixClient     = "cl/"
	prefixTask       = "tk/"
	prefixIndex      = "ix/"
	prefixIndexN     = "ixn/"
	prefixCounter    = "cnt/"
	prefixOutbox     = "out/"
	prefixParked     = "pend/"
	prefixQuarantine = "quar/"
	prefixNotify     = "nf/"
	prefixArrival    = "na/"
	prefixMember     = "pm/"
	prefixReminderIx = prefixIndex + "r/"
	prefixScheduleIx = prefixIndex + "s/"
	prefixThreadIx   = prefixIndex + "t/"
	prefixClientIx   = prefixIndex + "c/"
	prefixTaskIx     = prefixIndex + "k/"
	sep              = "\x00"
	noneArg          = "-" // the "nobody" assignee in the assignee index
	unreadSuffix     = "u"
	totalSuffix      = "t"
	maxSortU64       = uint64(math.MaxUint64)
	threadDimAll     = "*"
	threadDimAssign  = "as" // by assignee, noneArg for unassigned
	threadDimAnyAs   = "ay" // assigned to anyone
	threadDimBrand   = "br"
	threadDimLabel   = "lb"
	threadDimChan    = "ch"
	threadDimMention = "mn"
	threadDimFollow  = "fo"
	threadDimPart    = "pa" // participants and watchers: access outside the member's brands
	threadDimClient  = "cl" // by client: what renaming or deleting a client must reach
	threadDimTag     = "tg" // by the client's tags, which live on the client (tags.go)
	taskDimAll       = "*"
	taskDimAssign    = "as"
	taskDimThread    = "th"
	taskDimClient    = "cl"
)

// keyPart makes a stored string safe to embed in a key.
func keyPart(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, sep, "")
}

func keySetting(k string) []byte   { return []byte(prefixSetting + keyPart(k)) }
func keyDocMeta(id string) []byte  { return []byte(prefixDocMeta + keyPart(id)) }
func keySnapshot(id string) []byte { return []byte(prefixSnapshot + keyPart(id)) }
func prefixChanges(id string) []byte {
	return []byte(prefixChange + keyPart(id) + sep)
}
func keyChange(id string, seq uint64) []byte { return appendU64(prefixChanges(id), seq) }

func keyThread(id string) []byte { return []byte(prefixThread + keyPart(id)) }
func keyClient(id string) []byte { return []byte(prefixClient + keyPart(id)) }
func keyTask(id string) []byte   { return []byte(prefixTask + keyPart(id)) }

func prefixMessages(threadID string) []byte {
	return []byte(prefixMessage + keyPart(threadID) + sep)
}

func keyMessage(threadID string, createdAt int64, msgID string) []byte {
	k := appendU64(prefixMessages(threadID), clampU64(createdAt))
	return append(k, keyPart(msgID)...)
}

// threadIndex is the prefix of one thread index; status is 'o' (open) or 'r' (resolved).
func threadIndex(status byte, dim, arg string) string {
	return prefixThreadIx + string(status) + "/" + dim + "/" + keyPart(arg) + sep
}

// threadSort orders threads by last activity, newest first, then by ID.
func threadSort(lastActivity int64, id string) string {
	return string(appendU64(nil, ^clampU64(lastActivity))) + keyPart(id)
}

// threadIDFromSort returns the thread ID of a thread sort key.
func threadIDFromSort(s string) string { return s[8:] }

func clientIndex(brandID string) string {
	if brandID == "" {
		return prefixClientIx + "*" + sep
	}
	return prefixClientIx + "b/" + keyPart(brandID) + sep
}

// clientTags is the prefix of the tag index of one brand; clientTagIndex, of one tag in it.
func clientTags(brandID string) string { return prefixClientIx + "g/" + keyPart(brandID) + sep }
func clientTagIndex(brandID, tag string) string {
	return clientTags(brandID) + keyPart(tag) + sep
}

func clientSort(name, id string) string {
	return keyPart(strings.ToLower(name)) + sep + keyPart(id)
}

func clientIDFromSort(s string) string { return s[strings.LastIndexByte(s, 0)+1:] }

// taskIndex is the prefix of one task index; status is 'o' (open) or 'd' (done).
func taskIndex(status byte, dim, arg string) string {
	return prefixTaskIx + string(status) + "/" + dim + "/" + keyPart(arg) + sep
}

// taskSort orders tasks by due date, tasks without one last, then by ID.
func taskSort(dueAt int64, id string) string {
	due := maxSortU64
	if dueAt > 0 {
		due = uint64(dueAt)
	}
	return string(appendU64(nil, due)) + keyPart(id)
}

func taskIDFromSort(s string) string { return s[8:] }

// taskDueBound is the first sort key of tasks due at or after dueAt (dueAt > 0): the sort keys
// of tasks due before it are all smaller.
func taskDueBound(dueAt int64) string { return string(appendU64(nil, uint64(dueAt))) }

func keyIndexCount(indexPrefix string) []byte { return []byte(prefixIndexN + indexPrefix) }

func prefixCounters(member string) []byte {
	return []byte(prefixCounter + keyPart(member) + sep)
}

func keyCounter(member, view string, unread bool) string {
	suffix := totalSuffix
	if unread {
		suffix = unreadSuffix
	}
	return prefixCounter + keyPart(member) + sep + view + sep + suffix
}

func keyOutbox(seq uint64) []byte { return appendU64([]byte(prefixOutbox), seq) }

func prefixParkedOf(docID string) []byte { return []byte(prefixParked + keyPart(docID) + sep) }

func keyParked(docID, hash string) []byte { return append(prefixParkedOf(docID), hash...) }

func keyQuarantine(n uint64) []byte { return appendU64([]byte(prefixQuarantine), n) }

func appendU64(b []byte, v uint64) []byte { return binary.BigEndian.AppendUint64(b, v) }

func clampU64(v int64) uint64 {
	if v < 0 {
		return 0
	}
	return uint64(v)
}

func u64(b []byte) uint64 {
	if len(b) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// prefixEnd returns the smallest key greater than every key starting with p, for reverse scans.
func prefixEnd(p []byte) []byte {
	end := append([]byte(nil), p...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

func prefixNotifications(member string) []byte {
	return []byte(prefixNotify + keyPart(member) + sep)
}

func keyNotification(member string, at int64, id string) []byte {
	return append(appendU64(prefixNotifications(member), ^clampU64(at)), keyPart(id)...)
}

func keyArrival(seq uint64) []byte { return appendU64([]byte(prefixArrival), seq) }

func keyMemberState(member string) []byte { return []byte(prefixMember + keyPart(member)) }

// reminderIndex is the prefix of a member's reminders, by time.
func reminderIndex(member string) string { return prefixReminderIx + keyPart(member) + sep }

func scheduledSort(m *model.Message) string {
	b := appendU64(appendU64(nil, clampU64(m.SendAt)), clampU64(m.CreatedAt))
	return string(b) + keyPart(m.ThreadID) + sep + keyPart(m.ID)
}

func reminderSort(remindAt int64, taskID string) string {
	return string(appendU64(nil, clampU64(remindAt))) + keyPart(taskID)
}
