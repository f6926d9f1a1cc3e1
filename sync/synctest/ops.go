package synctest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/tasks"
	"huddle/localdb"
)

// World is what random operations act on: members to act as, labels, clients. Threads are
// whatever the device's store has when an operation runs.
type World struct {
	Members []string `json:"members"`
	Labels  []string `json:"labels"`
	Clients []string `json:"clients"`
}

// MaxThreads is how many threads random operations grow a workspace to; past it they
// stop starting new ones.
const MaxThreads = 48

// Operator runs random operations of the real use cases against one store. Keep one per
// device: it remembers the store's threads for a few operations (threads are never deleted
// here), which saves most of the reading an operation would otherwise do.
type Operator struct {
	DB    *localdb.DB // may be swapped for the same device's reopened store
	Clock ports.Clock
	World World
	Rand  *rand.Rand

	known     []string    // threads of the store, as last listed
	knownFrom *localdb.DB // the store they were listed from
	stale     int         // operations until known is listed again
}

// Op runs one random operation and returns the ID of the message it wrote, if it wrote one.
// Every operation is one the member may do on a thread the store has, so any error is a
// failure.
func (o *Operator) Op(ctx context.Context) (string, error) {
	in, tk := inbox.New(o.DB, o.Clock), tasks.New(o.DB, o.Clock)
	who := o.pick(o.World.Members)
	threads, err := o.threads()
	if err != nil {
		return "", err
	}
	n := o.Rand.IntN(100)
	if len(threads) == 0 || (n < 3 && len(threads) < MaxThreads) {
		channels := []model.Channel{model.ChannelSMS, model.ChannelEmail, model.ChannelWhatsApp}
		th, err := in.StartThread(ctx, who, o.pick(o.World.Clients), channels[o.Rand.IntN(len(channels))], o.words(3))
		if err == nil {
			o.known = append(o.known, th.ID)
		}
		return "", opError("start a thread", err)
	}
	th := o.pick(threads)
	switch {
	case n < 35:
		m, err := in.Reply(ctx, who, th, o.words(1+o.Rand.IntN(12)))
		return m.ID, opError("reply", err)
	case n < 65:
		body := o.words(1 + o.Rand.IntN(12))
		if o.Rand.IntN(3) == 0 {
			body += " @ana"
		}
		m, err := in.AddNote(ctx, who, th, body)
		return m.ID, opError("add a note", err)
	case n < 73:
		to := ""
		if o.Rand.IntN(4) > 0 {
			to = o.pick(o.World.Members)
		}
		return "", opError("assign", in.Assign(ctx, who, th, to))
	case n < 80:
		return "", opError("label", in.SetLabel(ctx, who, th, o.pick(o.World.Labels), o.Rand.IntN(2) == 0))
	case n < 86:
		return "", opError("resolve", in.Resolve(ctx, who, th))
	case n < 91:
		return "", opError("reopen", in.Reopen(ctx, who, th))
	case n < 95:
		return "", opError("mark read", in.MarkRead(ctx, who, th))
	default:
		_, err := tk.Create(ctx, who, tasks.NewTask{Title: o.words(3), ThreadID: th, AssigneeID: o.pick(o.World.Members)})
		return "", opError("create a task", err)
	}
}

// threads lists the store's threads, afresh every so often.
func (o *Operator) threads() ([]string, error) {
	if o.knownFrom == o.DB && o.stale > 0 {
		o.stale--
		return o.known, nil
	}
	ids, err := o.DB.DocIDs(threadPrefix)
	if err != nil {
		return nil, err
	}
	o.known, o.knownFrom, o.stale = ids, o.DB, 20
	return ids, nil
}

func (o Operator) pick(xs []string) string { return xs[o.Rand.IntN(len(xs))] }

var vocabulary = strings.Fields("hello booking tomorrow cut colour nails at ten thanks see you soon " +
	"can we move it friday price deposit confirmed running late parking card")

func (o Operator) words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = vocabulary[o.Rand.IntN(len(vocabulary))]
	}
	return strings.Join(w, " ")
}

func opError(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
