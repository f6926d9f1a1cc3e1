package relay

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"huddle/internal/model"
)

// trustFileName is the copy of the trust kept in the relay's data folder, so that restarts
// need only --data.
const trustFileName = "relay-trust.json"

const helpText = `Usage: huddle relay --data DIR [--trust FILE] [--listen HOST:PORT] [--print-config]

A relay passes a workspace's changes between its devices and keeps them, so a device that
was switched off catches up when it comes back. Normally the workspace's first computer
runs the relay inside Huddle, so devices sync only while that computer is on. Run
"huddle relay" on a machine that is always on (a small server, a NAS, a cloud VM) so devices
can sync at any time; it has no window.

Only devices invited to the workspace can connect: the relay is given the workspace's public
keys (the "relay trust file"), which let it recognise invited devices but not invite new
ones. It does store the workspace's changes and, for now, receives them unencrypted: run it
on a machine and network you trust.

To set one up: in Huddle, an Owner opens the relay settings and saves the relay trust file;
copy it to the always-on machine and start:

    huddle relay --data /var/lib/huddle-relay --trust relay-trust.json

then point the workspace's devices at the address it prints.

Options:
  --data DIR          folder where the relay keeps messages (required; created if missing)
  --trust FILE        the relay trust file exported from Huddle; needed the first time only,
                      the relay keeps a copy in DIR
  --listen HOST:PORT  address to listen on (default 0.0.0.0:4222: every network interface)
  --print-config      print a nats-server configuration for this trust and exit, to run the
                      relay on your own NATS server, cluster or leaf node instead
  --help              show this help

Stop the relay with Ctrl-C or SIGTERM; it finishes writing before it exits.
Exit status: 0 after a clean stop, 1 when the relay fails, 2 for wrong options.
`

// Main runs `huddle relay`, a headless always-on relay, and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("huddle relay", flag.ContinueOnError)
	fset.SetOutput(io.Discard) // errors are printed below, as sentences
	data := fset.String("data", "", "")
	listen := fset.String("listen", defaultListen, "")
	trustPath := fset.String("trust", "", "")
	printConfig := fset.Bool("print-config", false, "")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, helpText)
			return 0
		}
		return usage(stderr, "%v.", err)
	}
	if fset.NArg() > 0 {
		return usage(stderr, "huddle relay does not take %q; options start with --.", fset.Arg(0))
	}
	if _, _, err := parseListen(*listen); err != nil {
		return usage(stderr, "%s", message(err))
	}
	if *data == "" && !(*printConfig && *trustPath != "") {
		return usage(stderr, "huddle relay needs --data DIR: the folder where the relay keeps the workspace's messages.")
	}

	trust, err := loadTrust(*data, *trustPath)
	if errors.Is(err, errNoTrust) {
		return usage(stderr, "huddle relay needs --trust FILE the first time it uses %s: the relay trust file an Owner "+
			"saves from Huddle's relay settings. Later runs find the copy kept in that folder.", *data)
	} else if err != nil {
		return fail(stderr, err)
	}
	if *printConfig {
		return printNATSConfig(stdout, stderr, trust, *listen, *data)
	}
	return serve(stderr, trust, *data, *trustPath != "", *listen)
}

// serve runs the relay until SIGINT or SIGTERM.
func serve(stderr io.Writer, trust Trust, dir string, keepTrust bool, listen string) int {
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	srv, err := Start(Config{Dir: dir, Listen: listen, Trust: trust, Log: log})
	if errors.Is(err, ErrPortInUse) {
		_, port, _ := parseListen(listen)
		return fail(stderr, fmt.Errorf("another program is using port %d. Stop it, or start the relay with "+
			"--listen HOST:PORT to use another port", port))
	} else if err != nil {
		return fail(stderr, err)
	}
	if keepTrust {
		if err := saveTrust(dir, trust); err != nil {
			// The relay works without the copy; only the next start needs --trust again.
			log.Warn("could not keep a copy of the trust file; give --trust again next time", "err", err)
		}
	}
	log.Info("relay ready", "urls", srv.URLs(), "workspaces", trust.WorkspaceNames(), "data", dir)
	<-ctx.Done()
	log.Info("relay stopping")
	srv.Shutdown()
	log.Info("relay stopped")
	return 0
}

var errNoTrust = errors.New("no trust file given or kept")

// loadTrust reads the trust from path, or else from the copy kept in dir.
func loadTrust(dir, path string) (Trust, error) {
	if path == "" {
		if dir == "" {
			return Trust{}, errNoTrust
		}
		path = filepath.Join(dir, trustFileName)
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && path == filepath.Join(dir, trustFileName) {
		return Trust{}, errNoTrust
	} else if err != nil {
		return Trust{}, model.Wrap(model.CodeUnavailable, err, "Cannot read the relay trust file %s.", path)
	}
	t, err := ParseTrust(b)
	if err != nil {
		return Trust{}, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// saveTrust keeps the trust in dir, replacing an older copy: an Owner who passes --trust
// again means the new one. Write-then-rename so a crash never leaves half a file.
func saveTrust(dir string, t Trust) error {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, trustFileName+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, trustFileName))
}

// printNATSConfig writes the trust as a nats-server.conf; the store folder is made absolute
// because nats-server resolves relative paths against its own working folder.
func printNATSConfig(stdout, stderr io.Writer, t Trust, listen, dir string) int {
	if dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return fail(stderr, err)
		}
		dir = abs
	}
	fmt.Fprint(stdout, t.NATSConfig(listen, dir))
	return 0
}

func usage(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "huddle relay: "+format+"\nRun \"huddle relay --help\" to see how to use it.\n", args...)
	return 2
}

func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "huddle relay: %s\n", err)
	return 1
}

// message is the sentence of a coded error, without its technical cause.
func message(err error) string {
	var e *model.Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return err.Error()
}
