package device_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/ports"
	"huddle/internal/team"
	"huddle/localdb"
	"huddle/sync/device"
	"huddle/sync/relay"
	"huddle/sync/synctest"
)

// wait bounds every poll in these tests: a guard against hangs, never a measurement.
const wait = 30 * time.Second

// eventually polls cond until it holds, failing with what it last said after wait.
func eventually(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	synctest.Eventually(t, wait, what, cond)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// node is one computer: a real store in its own folder and the Device over it, with the use
// cases a person works through.
type node struct {
	t    *testing.T
	name string
	dir  string
	opts device.Options // Store and DataDir are filled in by open

	db     *localdb.DB
	dev    *device.Device
	team   *team.Service
	inbox  *inbox.Service
	cancel context.CancelFunc
	open   bool
}

// newNode opens a computer with an empty store and starts its device.
func newNode(t *testing.T, name string, opts device.Options) *node {
	t.Helper()
	opts.DeviceName, opts.Log = name, synctest.Log
	n := &node{t: t, name: name, dir: t.TempDir(), opts: opts}
	n.start()
	t.Cleanup(n.stop)
	return n
}

// start opens the store and starts the device, as Huddle does when it starts.
func (n *node) start() {
	n.t.Helper()
	db, err := localdb.Open(n.dir, localdb.Options{NoSync: true, Logger: synctest.Log})
	must(n.t, err)
	opts := n.opts
	opts.Store, opts.DataDir = db, n.dir
	dev := device.New(opts)
	ctx, cancel := context.WithCancel(context.Background())
	must(n.t, dev.Start(ctx))
	clock := ports.SystemClock{}
	n.db, n.dev, n.cancel, n.open = db, dev, cancel, true
	n.team, n.inbox = team.New(db, clock), inbox.New(db, clock)
}

// stop closes the device and the store, as Huddle does when it quits.
func (n *node) stop() {
	if !n.open {
		return
	}
	n.open = false
	n.dev.Close()
	n.cancel()
	if err := n.db.Close(); err != nil {
		n.t.Errorf("%s: close store: %v", n.name, err)
	}
}

// restart quits and starts the computer again on the same folder.
func (n *node) restart() {
	n.t.Helper()
	n.stop()
	n.start()
}

func (n *node) waitState(want model.SyncState) {
	n.t.Helper()
	eventually(n.t, n.name+" is "+string(want), func() (bool, string) {
		st := n.dev.Status()
		return st.State == want, fmt.Sprintf("%+v", st)
	})
}

// note writes an internal note as member into thread.
func (n *node) note(member, thread, body string) {
	n.t.Helper()
	_, err := n.inbox.AddNote(context.Background(), member, thread, body)
	must(n.t, err)
}

// waitNote waits until the store shows body in thread's timeline.
func (n *node) waitNote(thread, body string) {
	n.t.Helper()
	eventually(n.t, n.name+" shows "+fmt.Sprintf("%q", body), func() (bool, string) {
		msgs, err := n.db.Messages(thread)
		if err != nil {
			return false, err.Error()
		}
		var bodies []string
		for _, m := range msgs {
			if m.Body == body {
				return true, ""
			}
			bodies = append(bodies, m.Body)
		}
		return false, strings.Join(bodies, " | ")
	})
}

// relayPort is the port of the relay the node syncs through, from its status.
func (n *node) relayPort() string {
	n.t.Helper()
	st := n.dev.Status()
	_, port, err := net.SplitHostPort(strings.TrimPrefix(st.Relay, "nats://"))
	if err != nil {
		n.t.Fatalf("%s: relay address %q: %v", n.name, st.Relay, err)
	}
	return port
}

// waitSynced waits until every node is online and caught up, has sent everything, and all
// hold the same heads for every document.
func waitSynced(t *testing.T, nodes ...*node) {
	t.Helper()
	eventually(t, "devices converge", func() (bool, string) {
		for _, n := range nodes {
			st := n.dev.Status()
			if st.State != model.SyncOnline || st.CatchUp != nil {
				return false, fmt.Sprintf("%s: %+v", n.name, st)
			}
			if k, _ := n.db.OutboxLen(); k > 0 {
				return false, fmt.Sprintf("%s has %d changes to send", n.name, k)
			}
		}
		first := synctest.Heads(t, nodes[0].db)
		for _, n := range nodes[1:] {
			if other := synctest.Heads(t, n.db); !reflect.DeepEqual(first, other) {
				return false, fmt.Sprintf("%s has %d documents, %s %d, or their heads differ",
					nodes[0].name, len(first), n.name, len(other))
			}
		}
		return true, ""
	})
}

// shop is a workspace created on the host computer, with a teammate, a client and a thread,
// and a front-desk computer that joined it with an invite.
type shop struct {
	t          *testing.T
	host, desk *node
	ws         model.Workspace
	owner, ana model.Member
	thread     model.Thread
	proxy      *proxy // between the desk and the host's relay, when asked for
}

type shopOptions struct {
	heartbeat time.Duration
	proxy     bool // the desk reaches the relay through a proxy the test can cut
}

func newShop(t *testing.T, o shopOptions) *shop {
	t.Helper()
	ctx := context.Background()
	s := &shop{t: t}
	s.host = newNode(t, "Office PC", device.Options{Listen: "127.0.0.1:0", Heartbeat: o.heartbeat})
	var err error
	s.ws, s.owner, err = s.host.team.CreateWorkspace(ctx, team.NewWorkspace{Name: "Salon", OwnerName: "Olga Owner", FirstBrand: "Downtown"})
	must(t, err)
	s.ana, err = s.host.team.AddMember(ctx, s.owner.ID, team.NewMember{Name: "Ana Silva", Role: model.RoleAgent,
		Brands: []string{s.ws.Brands[0].ID}})
	must(t, err)
	client, err := s.host.inbox.CreateClient(ctx, s.owner.ID, inbox.NewClient{BrandID: s.ws.Brands[0].ID, Name: "Mia Client"})
	must(t, err)
	s.thread, err = s.host.inbox.StartThread(ctx, s.owner.ID, client.ID, model.ChannelSMS, "Booking")
	must(t, err)
	_, err = s.host.inbox.Reply(ctx, s.owner.ID, s.thread.ID, "Friday at 3pm works.")
	must(t, err)
	s.host.waitState(model.SyncOnline)

	code := s.invite("Front desk")
	if o.proxy {
		s.proxy = startProxy(t, strings.TrimPrefix(s.host.dev.Status().Relay, "nats://"))
		code = withURLs(t, code, s.proxy.URL())
	}
	s.desk = newNode(t, "Front desk", device.Options{Heartbeat: o.heartbeat})
	must(t, s.desk.dev.Join(ctx, code))
	waitSynced(t, s.host, s.desk)
	return s
}

func (s *shop) invite(name string) string {
	s.t.Helper()
	inv, err := s.host.dev.Invite(name)
	must(s.t, err)
	return inv.Code
}

// withURLs returns the invite code with its relay addresses replaced.
func withURLs(t *testing.T, code string, urls ...string) string {
	t.Helper()
	inv, err := relay.DecodeInvite(code)
	must(t, err)
	inv.URLs = urls
	return inv.Encode()
}

// codeOf returns err's code and sentence, failing the test for an error without them.
func codeOf(t *testing.T, err error) (model.Code, string) {
	t.Helper()
	var e *model.Error
	if !errors.As(err, &e) {
		t.Fatalf("error without a code: %v", err)
	}
	return e.Code, e.Message
}

// proxy forwards TCP connections to a relay until cut: then it drops every connection and
// refuses new ones, like a cable pulled out, without either side closing anything itself.
type proxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex // mu protects down, conns
	down  bool
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

func startProxy(t *testing.T, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	p := &proxy{ln: ln, target: target, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() {
		ln.Close()
		p.cut()
		p.wg.Wait()
	})
	return p
}

func (p *proxy) URL() string { return "nats://" + p.ln.Addr().String() }

func (p *proxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[up] = struct{}{}, struct{}{}
		p.mu.Unlock()
		for _, pair := range [][2]net.Conn{{c, up}, {up, c}} {
			p.wg.Add(1)
			go func() {
				defer p.wg.Done()
				_, _ = io.Copy(pair[0], pair[1])
				pair[0].Close()
				pair[1].Close()
			}()
		}
	}
}

// cut drops every connection and refuses new ones.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		c.Close()
	}
	p.conns = map[net.Conn]struct{}{}
}

// restore forwards new connections again.
func (p *proxy) restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}
