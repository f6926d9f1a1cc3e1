package synctest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/internal/model"
	"huddle/sync/replicator"
)

// The relay as a test sees it from outside: its own connection, with device credentials, to
// look at the workspace stream and to publish to it what a device (a buggy or hostile one
// included) could.

// JetStream returns the test's own JetStream connection to the relay, made on first use with
// fresh device credentials. It reconnects by itself across relay restarts, so it can be kept.
func (r *Relay) JetStream() jetstream.JetStream {
	r.t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.js != nil {
		return r.js
	}
	nc, err := nats.Connect(r.URL(), r.Creds("synctest").Option(), nats.MaxReconnects(-1),
		nats.RetryOnFailedConnect(true), nats.ReconnectWait(50*time.Millisecond), nats.Name("synctest"))
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		r.t.Fatal(err)
	}
	r.js = js
	return js
}

// Conn returns the NATS connection under JetStream.
func (r *Relay) Conn() *nats.Conn { return r.JetStream().Conn() }

// StreamInfo returns the workspace stream's state; with filter (a subject, wildcards
// allowed) State.Subjects counts the messages of each matching subject.
func (r *Relay) StreamInfo(workspaceID, filter string) jetstream.StreamState {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := r.JetStream().Stream(ctx, replicator.StreamName(workspaceID))
	if err != nil {
		r.t.Fatalf("stream of workspace %s: %v", workspaceID, err)
	}
	var opts []jetstream.StreamInfoOpt
	if filter != "" {
		opts = append(opts, jetstream.WithSubjectFilter(filter))
	}
	info, err := st.Info(ctx, opts...)
	if err != nil {
		r.t.Fatalf("stream info of workspace %s: %v", workspaceID, err)
	}
	return info.State
}

// DocCounts says how many changes and snapshots of one document the relay's stream holds.
func (r *Relay) DocCounts(workspaceID, brandID string, docID string) (changes, snapshots uint64) {
	r.t.Helper()
	t := model.TypeOf(docID)
	st := r.StreamInfo(workspaceID, Subject(workspaceID, "*", brandID, t, docID))
	return st.Subjects[Subject(workspaceID, KindChange, brandID, t, docID)],
		st.Subjects[Subject(workspaceID, KindSnapshot, brandID, t, docID)]
}

// The wire format's subject kinds (see replicator/protocol.go). The tests spell the format
// out again on purpose: a change to it that devices in the field would not understand should
// fail a test, not pass silently.
const (
	KindChange   = "chg"
	KindSnapshot = "snap"
)

// Subject is the stream subject of a document's messages of kind; brandID "" for none.
func Subject(workspaceID, kind, brandID string, t model.DocType, docID string) string {
	if brandID == "" {
		brandID = "_"
	}
	return strings.Join([]string{"huddle", workspaceID, kind, brandID, string(t), docID}, ".")
}

// Publish puts one raw message on the relay's stream as a device could, with the headers a
// device sets, and returns the relay's acknowledgement. msgID "" publishes without a
// Nats-Msg-Id; extra headers are given as name, value pairs.
func (r *Relay) Publish(subject string, data []byte, msgID string, header ...string) *jetstream.PubAck {
	r.t.Helper()
	m := nats.NewMsg(subject)
	m.Data = data
	m.Header.Set("Huddle-Device", "synctest")
	m.Header.Set("Huddle-Version", "1")
	for i := 0; i+1 < len(header); i += 2 {
		m.Header.Set(header[i], header[i+1])
	}
	var opts []jetstream.PublishOpt
	if msgID != "" {
		opts = append(opts, jetstream.WithMsgID(msgID))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ack, err := r.JetStream().PublishMsg(ctx, m, opts...)
	if err != nil {
		r.t.Fatalf("publish on %s: %v", subject, err)
	}
	return ack
}

// CaughtUp waits until every device has applied the workspace stream up to its last message
// as it is when CaughtUp is called.
func CaughtUp(t testing.TB, timeout time.Duration, devices ...*Device) {
	t.Helper()
	if len(devices) == 0 {
		return
	}
	last := devices[0].relay.StreamInfo(devices[0].Workspace, "").LastSeq
	deadline := time.Now().Add(timeout)
	for _, d := range devices {
		for d.Cursor().Seq < last {
			if time.Now().After(deadline) {
				t.Fatalf("%s did not read the stream up to %d within %v: its cursor is %+v",
					d.Name, last, timeout, d.Cursor())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// LastData returns the data of the last message on a subject of the workspace stream.
func (r *Relay) LastData(workspaceID, subject string) []byte {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := r.JetStream().Stream(ctx, replicator.StreamName(workspaceID))
	if err != nil {
		r.t.Fatal(err)
	}
	m, err := st.GetLastMsgForSubject(ctx, subject)
	if err != nil {
		r.t.Fatalf("last message on %s: %v", subject, err)
	}
	return m.Data
}
