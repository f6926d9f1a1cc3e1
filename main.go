// Huddle: a local-first team inbox for small service businesses. main only wires the parts:
// the local store (localdb), the use cases (internal/), the Wails façade (app/) and the window.
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"huddle/app"
	"huddle/internal/demo"
	"huddle/internal/desktop"
	"huddle/internal/inbox"
	"huddle/internal/model"
	"huddle/internal/notify"
	"huddle/internal/ports"
	"huddle/internal/schedule"
	"huddle/internal/tasks"
	"huddle/internal/team"
	"huddle/localdb"
	"huddle/sync/device"
	"huddle/sync/relay"
)

//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/appicon.png
var icon []byte

type config struct {
	dataDir     string
	demo        bool
	relayListen string
}

func parseFlags() config {
	var c config
	flag.StringVar(&c.dataDir, "data", defaultDataDir(), "folder for this device's Huddle data (env HUDDLE_DATA)")
	flag.BoolVar(&c.demo, "demo", false, "on first start, fill the workspace with a sample salon")
	flag.StringVar(&c.relayListen, "relay-listen", os.Getenv("HUDDLE_RELAY_LISTEN"),
		"where this computer's relay listens when it hosts the workspace, HOST:PORT (default 0.0.0.0:4222; env HUDDLE_RELAY_LISTEN)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: huddle [--data DIR] [--demo] [--relay-listen HOST:PORT]\n"+
			"       huddle relay --help   (run a headless relay for the workspace on an always-on computer)\n\n"+
			"Huddle is a local-first team inbox. Two Huddles can run side by side with different --data folders.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	return c
}

// defaultDataDir is the OS user data folder: $XDG_DATA_HOME/huddle on Linux, the user config
// folder elsewhere (Application Support on macOS, AppData on Windows).
func defaultDataDir() string {
	if d := os.Getenv("HUDDLE_DATA"); d != "" {
		return d
	}
	if runtime.GOOS == "linux" {
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "huddle")
		}
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share", "huddle")
		}
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "Huddle")
	}
	return "huddle-data"
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "relay" {
		os.Exit(relay.Main(os.Args[2:], os.Stdout, os.Stderr))
	}
	cfg := parseFlags()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	slog.SetDefault(log)

	a, closeAll, err := wire(cfg, log)
	if err != nil {
		// Still open the window: someone who started Huddle from an icon reads why it cannot
		// run (another Huddle has this data, the data is damaged) instead of seeing nothing.
		fmt.Fprintln(os.Stderr, "Huddle could not start:", err)
		a, closeAll = app.NewFailed(err, log), func() {}
	}
	defer closeAll()

	err = wails.Run(&options.App{
		Title:            "Huddle",
		Width:            1280,
		Height:           800,
		MinWidth:         960,
		MinHeight:        600,
		BackgroundColour: options.NewRGB(246, 247, 251),
		AssetServer:      &assetserver.Options{Assets: assets},
		OnStartup:        a.Startup,
		OnShutdown:       a.Shutdown,
		Bind:             a.Services(),
		Linux:            &linux.Options{Icon: icon, ProgramName: "huddle"},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "Huddle could not open its window:", err)
		closeAll()
		os.Exit(1)
	}
	if a.Failed() {
		closeAll()
		os.Exit(1)
	}
}

// wire opens the store and builds the services. In the bindings build it only returns an
// unwired app whose method signatures Wails reads.
func wire(cfg config, log *slog.Logger) (*app.App, func(), error) {
	if bindingsOnly {
		return app.ForBindings(), func() {}, nil
	}
	if err := os.MkdirAll(cfg.dataDir, 0o700); err != nil {
		return nil, nil, model.Wrap(model.CodeUnavailable, err, "Huddle cannot create its data folder (%s). "+
			"Check that the disk is not full and that you may write there, or start Huddle with --data pointing at another folder.", cfg.dataDir)
	}
	if cfg.demo {
		if err := seedDemo(cfg.dataDir, log); err != nil {
			return nil, nil, err
		}
	}
	db, err := localdb.Open(cfg.dataDir, localdb.Options{Logger: log})
	if err != nil {
		return nil, nil, err
	}
	clock := ports.SystemClock{}
	dev := device.New(device.Options{Store: db, DataDir: cfg.dataDir, Listen: cfg.relayListen, Log: log})
	ib := inbox.New(db, clock)
	d := app.Deps{Store: db, Log: log, Sync: dev,
		Team: team.New(db, clock), Inbox: ib, Tasks: tasks.New(db, clock),
		Notify: notify.New(db, clock), Notices: db, Desktop: desktop.New(log),
		Schedule: schedule.New(db, ib, dev, db.DeviceID()),
		Sender:   schedule.NewRunner(db, ib, dev, db.DeviceID(), clock, log)}
	a, err := app.New(d)
	if err != nil {
		_ = db.Close()
		return nil, nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := dev.Start(ctx); err != nil {
		// Sync stays off; the inbox works, and the status bar says why.
		log.Error("sync could not start", "err", err)
	}
	log.Info("huddle started", "data", cfg.dataDir, "device", db.DeviceID())
	return a, func() {
		cancel()
		dev.Close()
		if err := db.Close(); err != nil {
			log.Error("closing the store", "err", err)
		}
	}, nil
}

// seedDemo fills an empty store with the sample salon and signs its owner in; a store that
// already has a workspace is left as it is. It writes without fsync, then closes the store,
// which flushes everything to disk once: seeding is a few hundred commits, and waiting for the
// disk on each made a loaded machine take a minute.
func seedDemo(dir string, log *slog.Logger) error {
	db, err := localdb.Open(dir, localdb.Options{Logger: log, NoSync: true})
	if err != nil {
		return err
	}
	err = seedEmpty(db, log)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

func seedEmpty(db *localdb.DB, log *slog.Logger) error {
	if _, err := db.Workspace(); model.CodeOf(err) != model.CodeNoWorkspace {
		return err
	}
	log.Info("seeding the demo workspace")
	clock := demo.NewClock(ports.SystemClock{})
	sum, err := demo.Seed(context.Background(), team.New(db, clock), inbox.New(db, clock), tasks.New(db, clock), clock, 1)
	if err != nil {
		return model.Wrap(model.CodeInternal, err, "Huddle could not create the demo workspace. Start it with an empty --data folder to try again.")
	}
	log.Info("demo workspace ready", "clients", sum.Clients, "threads", sum.Threads, "messages", sum.Messages)
	return db.SetLocalSetting(app.SettingMember, sum.OwnerID)
}
