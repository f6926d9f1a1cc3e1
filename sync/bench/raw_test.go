//go:build bench

package bench

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"huddle/internal/crdt"
	"huddle/localdb"
)

// rawWindow is how many raw publishes are in flight at once.
const rawWindow = 1024

// rawMsg is one message of the workspace stream as the relay stored it.
type rawMsg struct {
	subject string
	doc     string
	data    []byte
	header  nats.Header
}

// measureRaw reports the raw replay and publish rates over the stream messages (base, last]
// — the changes B catches up with — and returns those messages and the ones before them.
func measureRaw(t *testing.T, obs *observer, base, last uint64) (msgs, prefix []rawMsg) {
	ctx := context.Background()
	n := int(last - base)

	// Replay: an ordered consumer reads them all, as the replicator does but with nothing
	// applied. The first run keeps the messages for the other measurements.
	var replay []float64
	for i := range rawRuns {
		t0 := time.Now()
		got, err := readStream(ctx, obs, base+1, last, i == 0)
		took := time.Since(t0)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			msgs = got
		}
		replay = append(replay, perSecond(n, took))
		t.Logf("raw replay %d: %d messages in %.2f s (%.0f/s)", i+1, n, took.Seconds(), perSecond(n, took))
	}
	report("raw_jetstream_replay_per_s", medianF(replay), "msgs/s")
	logBatchShape(t, msgs)

	// Publish: the same messages, async, into a stream of their own on the same relay. The
	// relay fsyncs every message, so one run over all of them takes half a minute: each run
	// publishes a different third, into a fresh stream.
	var publish []float64
	for i := range rawRuns {
		part := msgs[i*n/rawRuns : (i+1)*n/rawRuns]
		took, err := publishRaw(ctx, obs, part, i)
		if err != nil {
			t.Fatal(err)
		}
		publish = append(publish, perSecond(len(part), took))
		t.Logf("raw publish %d: %d messages in %.2f s (%.0f/s)", i+1, len(part), took.Seconds(), perSecond(len(part), took))
	}
	report("raw_jetstream_publish_per_s", medianF(publish), "msgs/s")

	prefix, err := readStream(ctx, obs, 1, base, true)
	if err != nil {
		t.Fatal(err)
	}
	return msgs, prefix
}

// rawApply times crdt.Doc.Apply of msgs, in stream order, into in-memory documents that hold
// what the stream had before them (prefix, applied first, untimed), and returns the rate.
func rawApply(t *testing.T, prefix, msgs []rawMsg) float64 {
	took, docs, err := applyRaw(prefix, msgs)
	if err != nil {
		t.Fatal(err)
	}
	rate := perSecond(len(msgs), took)
	t.Logf("raw apply: %d changes into %d documents in %.2f s (%.0f/s); RSS %.0f MiB",
		len(msgs), docs, took.Seconds(), rate, rssMB())
	collect() // the documents' C memory goes with their finalizers
	return rate
}

// readStream reads the workspace stream from sequence from through to with an ordered
// consumer, keeping the messages when keep is set.
func readStream(ctx context.Context, obs *observer, from, to uint64, keep bool) ([]rawMsg, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	cons, err := obs.js.OrderedConsumer(ctx, obs.stream, jetstream.OrderedConsumerConfig{
		DeliverPolicy: jetstream.DeliverByStartSequencePolicy, OptStartSeq: from})
	if err != nil {
		return nil, err
	}
	it, err := cons.Messages()
	if err != nil {
		return nil, err
	}
	defer it.Stop()
	var out []rawMsg
	if keep {
		out = make([]rawMsg, 0, to-from+1)
	}
	for {
		msg, err := it.Next(jetstream.NextContext(ctx))
		if err != nil {
			return nil, err
		}
		meta, err := msg.Metadata()
		if err != nil {
			return nil, err
		}
		if keep {
			subj := msg.Subject()
			out = append(out, rawMsg{subject: subj, doc: subj[strings.LastIndexByte(subj, '.')+1:],
				data: msg.Data(), header: msg.Headers()})
		}
		if meta.Sequence.Stream >= to {
			return out, nil
		}
	}
}

// publishRaw publishes msgs asynchronously into a new stream (configured as the replicator
// configures the workspace stream: file storage on the relay, which fsyncs every write) and
// returns the time until the relay acknowledged them all.
func publishRaw(ctx context.Context, obs *observer, msgs []rawMsg, run int) (time.Duration, error) {
	js, err := jetstream.New(obs.nc, jetstream.WithPublishAsyncMaxPending(2*rawWindow))
	if err != nil {
		return 0, err
	}
	root := fmt.Sprintf("rawbench%d", run)
	st, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: root, Subjects: []string{root + ".>"},
		Storage: jetstream.FileStorage, Retention: jetstream.LimitsPolicy, Discard: jetstream.DiscardOld,
		Duplicates: time.Hour, MaxMsgSize: localdb.MaxRemoteItem, AllowDirect: true})
	if err != nil {
		return 0, err
	}
	defer js.DeleteStream(ctx, root)
	out := make([]*nats.Msg, len(msgs))
	for i, m := range msgs {
		nm := nats.NewMsg(root + "." + m.subject)
		nm.Data = m.data
		for k, v := range m.header {
			nm.Header[k] = v
		}
		nm.Header.Set(jetstream.MsgIDHeader, crdt.Digest(m.data))
		out[i] = nm
	}
	// A sliding window of rawWindow messages in flight: the relay's fsync of every message
	// makes acknowledgements slower than a client can publish, and without a window the
	// client stalls (ErrTooManyStalledMsgs).
	futures := make([]jetstream.PubAckFuture, len(out))
	wait := func(f jetstream.PubAckFuture) error {
		select {
		case <-f.Ok():
			return nil
		case err := <-f.Err():
			return err
		case <-time.After(time.Minute):
			return fmt.Errorf("raw publish: no acknowledgement within a minute")
		}
	}
	t0 := time.Now()
	for i, m := range out {
		if i >= rawWindow {
			if err := wait(futures[i-rawWindow]); err != nil {
				return 0, err
			}
		}
		if futures[i], err = js.PublishMsgAsync(m, jetstream.WithExpectStream(root)); err != nil {
			return 0, err
		}
	}
	for _, f := range futures[max(0, len(futures)-rawWindow):] {
		if err := wait(f); err != nil {
			return 0, err
		}
	}
	took := time.Since(t0)
	info, err := st.Info(ctx)
	if err != nil {
		return 0, err
	}
	if info.State.Msgs != uint64(len(msgs)) {
		return 0, fmt.Errorf("raw publish: the stream holds %d of %d messages", info.State.Msgs, len(msgs))
	}
	return took, nil
}

// applyRaw builds in-memory documents from prefix (untimed), then times crdt.Doc.Apply of
// every change of msgs in order.
func applyRaw(prefix, msgs []rawMsg) (time.Duration, int, error) {
	docs := map[string]*crdt.Doc{}
	doc := func(id string) (*crdt.Doc, error) {
		d := docs[id]
		if d == nil {
			var err error
			if d, err = crdt.New(id, ""); err != nil {
				return nil, err
			}
			docs[id] = d
		}
		return d, nil
	}
	for _, m := range prefix {
		d, err := doc(m.doc)
		if err != nil {
			return 0, 0, err
		}
		if err := d.Apply(m.data); err != nil {
			return 0, 0, err
		}
	}
	t0 := time.Now()
	for _, m := range msgs {
		d, err := doc(m.doc)
		if err != nil {
			return 0, 0, err
		}
		if err := d.Apply(m.data); err != nil {
			return 0, 0, err
		}
	}
	return time.Since(t0), len(docs), nil
}

// logBatchShape logs the average change size and, for a few window sizes, how many document
// loads and projections a window of that many stream messages costs per change: the store
// merges every item of one document in a window with one load and one projection (window in
// sync/replicator/consume.go).
func logBatchShape(t *testing.T, msgs []rawMsg) {
	bytes := 0
	for _, m := range msgs {
		bytes += len(m.data)
	}
	t.Logf("the %d changes average %d bytes", len(msgs), bytes/max(1, len(msgs)))
	for _, size := range []int{256, 4096, 1 << 16} {
		docs := 0
		for i := 0; i < len(msgs); i += size {
			seen := map[string]bool{}
			for _, m := range msgs[i:min(len(msgs), i+size)] {
				seen[m.doc] = true
			}
			docs += len(seen)
		}
		t.Logf("  windows of %5d messages: %.2f document loads and projections per change", size, float64(docs)/float64(len(msgs)))
	}
}
