package localdb

import (
	"sort"
	"sync"

	"huddle/internal/model"
)

// Subscribe returns a channel of committed writes, local and remote, and a function that ends
// the subscription and closes the channel. A subscriber that falls behind never slows a writer:
// the changes it has not taken yet are merged (by document, local and remote kept apart), so it
// receives fewer, larger Change values and never misses a document.
func (db *DB) Subscribe() (<-chan model.Change, func()) { return db.hub.subscribe() }

// hub owns one goroutine per subscriber, which hands that subscriber its merged changes;
// close stops them all.
type hub struct {
	mu     sync.Mutex // mu guards subs and closed
	subs   map[*sub]struct{}
	closed bool
	wg     sync.WaitGroup
}

type sub struct {
	out  chan model.Change
	wake chan struct{} // capacity 1: "pending has something"
	done chan struct{}
	once sync.Once

	mu      sync.Mutex         // mu guards pending
	pending [2]map[string]bool // [0] local, [1] remote document IDs not yet delivered
}

func newHub() *hub { return &hub{subs: map[*sub]struct{}{}} }

func (h *hub) subscribe() (<-chan model.Change, func()) {
	s := &sub{out: make(chan model.Change, 1), wake: make(chan struct{}, 1), done: make(chan struct{})}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(s.out)
		return s.out, func() {}
	}
	h.subs[s] = struct{}{}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		s.run()
	}()
	return s.out, func() {
		h.mu.Lock()
		delete(h.subs, s)
		h.mu.Unlock()
		s.stop()
	}
}

func (h *hub) publish(c model.Change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		s.add(c)
	}
}

func (h *hub) close() {
	h.mu.Lock()
	h.closed = true
	for s := range h.subs {
		s.stop()
	}
	h.subs = nil
	h.mu.Unlock()
	h.wg.Wait()
}

func (s *sub) stop() { s.once.Do(func() { close(s.done) }) }

func (s *sub) add(c model.Change) {
	i := 0
	if c.Remote {
		i = 1
	}
	s.mu.Lock()
	if s.pending[i] == nil {
		s.pending[i] = map[string]bool{}
	}
	for _, id := range c.DocIDs {
		s.pending[i][id] = true
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default: // already woken; the loop will take everything pending
	}
}

func (s *sub) run() {
	defer close(s.out)
	for {
		select {
		case <-s.wake:
		case <-s.done:
			return
		}
		s.mu.Lock()
		pending := s.pending
		s.pending = [2]map[string]bool{}
		s.mu.Unlock()
		for i, ids := range pending {
			if len(ids) == 0 {
				continue
			}
			c := model.Change{Remote: i == 1, DocIDs: make([]string, 0, len(ids))}
			for id := range ids {
				c.DocIDs = append(c.DocIDs, id)
			}
			sort.Strings(c.DocIDs)
			select {
			case s.out <- c:
			case <-s.done:
				return
			}
		}
	}
}
