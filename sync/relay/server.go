package relay

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nats-server/v2/server"

	"huddle/internal/model"
)

const (
	defaultListen = "0.0.0.0:4222"
	// readyTimeout bounds the wait for the listener after Start; JetStream has already
	// recovered its store by then, so this is about the socket, not about the data.
	readyTimeout = 10 * time.Second
	lockFile     = "relay.lock"
)

// Config configures the embedded relay.
type Config struct {
	Dir    string       // JetStream store folder, created if missing
	Listen string       // "host:port"; port 0 picks a free port; "" means "0.0.0.0:4222"
	Trust  Trust        // which workspaces' devices may connect
	Log    *slog.Logger // nil discards the relay's logs
}

// Server is a running relay. Its methods are safe for concurrent use.
type Server struct {
	ns   *server.Server
	lock *os.File
	host string
	port int

	stop sync.Once
}

// Start runs a NATS server in operator mode that admits only devices with user JWTs signed by
// one of cfg.Trust's accounts, with JetStream storing in cfg.Dir and fsyncing every write. It
// returns once clients can connect, or with an error a person can act on.
func Start(cfg Config) (*Server, error) {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tc, err := cfg.Trust.claims()
	if err != nil {
		return nil, err
	}
	host, port, err := parseListen(cfg.Listen)
	if err != nil {
		return nil, err
	}
	if cfg.Dir == "" {
		return nil, errors.New("relay: Start needs Config.Dir")
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, model.Wrap(model.CodeUnavailable, err, "The relay cannot create its folder %s. "+
			"Check that the disk is connected and writable, or choose another folder.", cfg.Dir)
	}
	lock, err := lockStore(filepath.Join(cfg.Dir, lockFile))
	if errors.Is(err, errStoreLocked) {
		return nil, model.Wrap(model.CodeLocked, err, "Another relay is already using the folder %s. "+
			"Stop it first, or give this relay another folder.", cfg.Dir)
	} else if err != nil {
		return nil, model.Wrap(model.CodeUnavailable, err, "The relay cannot use its folder %s. "+
			"Check that the folder is writable, or choose another folder.", cfg.Dir)
	}

	ns, nl, err := newNATSServer(cfg, tc, host, port, log)
	if err != nil {
		lock.Close()
		return nil, err
	}
	ns.Start()
	if err := waitReady(ns, nl); err != nil {
		ns.Shutdown()
		ns.WaitForShutdown()
		lock.Close()
		return nil, explainStartError(err, cfg, host, port)
	}
	s := &Server{ns: ns, lock: lock, host: host, port: ns.Addr().(*net.TCPAddr).Port}
	log.Debug("relay started", "listen", net.JoinHostPort(host, strconv.Itoa(s.port)), "store", cfg.Dir)
	return s, nil
}

// newNATSServer builds the server without starting it.
func newNATSServer(cfg Config, tc trustClaims, host string, port int, log *slog.Logger) (*server.Server, *natsLogger, error) {
	// MemAccResolver is the embedded equivalent of "resolver: MEMORY" + resolver_preload:
	// the accounts are fixed for the life of the server.
	resolver := &server.MemAccResolver{}
	for pub, accJWT := range tc.preload(cfg.Trust) {
		if err := resolver.Store(pub, accJWT); err != nil {
			return nil, nil, fmt.Errorf("relay: load account: %w", err)
		}
	}
	if port == 0 {
		port = server.RANDOM_PORT // in Options, 0 means the default port 4222
	}
	opts := &server.Options{
		Host:                   host,
		Port:                   port,
		JetStream:              true,
		StoreDir:               cfg.Dir,
		SyncAlways:             true,
		NoSigs:                 true, // the app (or Main) owns signals
		TrustedOperators:       []*jwt.OperatorClaims{tc.operator},
		AccountResolver:        resolver,
		SystemAccount:          tc.system.Subject,
		DisableJetStreamBanner: true,
	}
	ns, err := server.NewServer(opts)
	if err != nil {
		return nil, nil, model.Wrap(model.CodeInternal, err, "The relay's settings were refused; this is a bug in Huddle.")
	}
	nl := &natsLogger{log: log}
	ns.SetLogger(nl, nl.debugEnabled(), false)
	return ns, nl, nil
}

// waitReady waits for the client listener, giving up early on a failure the server logged.
func waitReady(ns *server.Server, nl *natsLogger) error {
	deadline := time.Now().Add(readyTimeout)
	for {
		if err := nl.failure(); err != nil {
			return err
		}
		if ns.ReadyForConnections(50 * time.Millisecond) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the relay did not start listening within %s", readyTimeout)
		}
	}
}

// explainStartError turns a server failure into a sentence that says what to do.
func explainStartError(err error, cfg Config, host string, port int) error {
	if isAddrInUse(err) {
		return model.Wrap(model.CodeUnavailable, fmt.Errorf("%w: %w", ErrPortInUse, err),
			"Another program is using port %d, so the relay cannot listen on %s. Close that program, "+
				"or start Huddle with --relay-listen HOST:PORT to use another port.",
			port, net.JoinHostPort(host, strconv.Itoa(port)))
	}
	if strings.Contains(err.Error(), "JetStream") {
		return model.Wrap(model.CodeUnavailable, err, "The relay cannot open its message store in %s. "+
			"Check that the folder is writable and the disk is not full.", cfg.Dir)
	}
	return model.Wrap(model.CodeInternal, err, "The relay could not start.")
}

// isAddrInUse recognises "address already in use" on every platform; Windows reports it as
// WSAEADDRINUSE, which the syscall package does not name.
func isAddrInUse(err error) bool {
	if errors.Is(err, syscall.EADDRINUSE) {
		return true
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "address already in use") ||
		strings.Contains(msg, "only one usage of each socket address")
}

// parseListen splits "host:port"; an empty host means every interface.
func parseListen(listen string) (string, int, error) {
	if listen == "" {
		listen = defaultListen
	}
	host, p, err := net.SplitHostPort(listen)
	port, perr := strconv.Atoi(p)
	if err != nil || perr != nil || port < 0 || port > 65535 {
		return "", 0, model.Wrap(model.CodeInvalid, ErrBadListen,
			"%q is not a relay address. Give a HOST:PORT such as 0.0.0.0:4222.", listen)
	}
	if host == "" {
		host = "0.0.0.0"
	}
	return host, port, nil
}

// Port returns the port the relay listens on (the chosen one when Listen asked for port 0).
func (s *Server) Port() int { return s.port }

// URLs returns the addresses other devices can try, best first, for invites. A relay on every
// interface is reachable at each of this machine's non-loopback IPv4 addresses; the loopback
// address comes last, for a second Huddle on the same machine.
func (s *Server) URLs() []string {
	if !isUnspecified(s.host) {
		return []string{natsURL(s.host, s.port)}
	}
	var urls []string
	for _, ip := range lanIPv4s() {
		urls = append(urls, natsURL(ip.String(), s.port))
	}
	return append(urls, natsURL("127.0.0.1", s.port))
}

// ClientURL returns the URL this device's own connection should use: loopback when the relay
// listens on every interface, so the local connection never depends on the network.
func (s *Server) ClientURL() string {
	if isUnspecified(s.host) {
		return natsURL("127.0.0.1", s.port)
	}
	return natsURL(s.host, s.port)
}

// Sync reports whether JetStream fsyncs every write, as the relay requires.
func (s *Server) Sync() bool {
	cfg := s.ns.JetStreamConfig()
	return cfg != nil && cfg.SyncAlways
}

// Shutdown stops the relay, closing client connections and flushing the store, and returns
// when it has stopped. Calling it again does nothing.
func (s *Server) Shutdown() {
	s.stop.Do(func() {
		s.ns.Shutdown()
		s.ns.WaitForShutdown()
		s.lock.Close()
	})
}

func natsURL(host string, port int) string {
	return "nats://" + net.JoinHostPort(host, strconv.Itoa(port))
}

func isUnspecified(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsUnspecified()
}

// lanIPv4s lists the IPv4 addresses of interfaces that are up, skipping loopback and
// link-local (169.254.x.x) ones, which other devices usually cannot reach.
func lanIPv4s() []net.IP {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip4 := ipn.IP.To4()
			if ip4 == nil || ip4.IsLoopback() || ip4.IsLinkLocalUnicast() {
				continue
			}
			ips = append(ips, ip4)
		}
	}
	return ips
}
