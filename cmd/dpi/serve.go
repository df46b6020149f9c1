package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/laocai-dpi/dpi/portal"
	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
	"github.com/laocai-dpi/dpi/warehouse"
)

func newServeCmd(g *globals) *cobra.Command {
	var addr, baseURL string
	var proxies, origins []string
	var https bool
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "Chạy máy chủ web / run the web server",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			wh, err := warehouse.Open(ctx, g.dataDir, warehouse.Options{})
			if err != nil {
				return err
			}
			defer wh.Close()
			log := slog.New(slog.NewTextHandler(os.Stderr, nil))
			// The content store (news, accounts, sessions, audit) beside the warehouse.
			cs, err := sqlite.Open(ctx, g.dataDir)
			if err != nil {
				return err
			}
			defer cs.Close()
			// `dpi backup` asks this server through the control socket.
			if err := serveControl(ctx, g.dataDir, &heldStores{warehouse: wh, content: cs}, log); err != nil {
				log.Warn("control socket: `dpi backup` cannot work while this server runs", "err", err)
			}
			svc := content.NewService(cs, content.NewFiles(g.dataDir))
			au := auth.New(cs)
			go runScheduler(ctx, svc, au, log)
			srv := newHTTPServer(addr, portal.New(wh.DB(), portal.Options{Logger: log, Content: svc, Auth: au,
				TrustedProxies: proxies, TrustedOrigins: origins, BaseURL: baseURL, HTTPS: https}))
			errc := make(chan error, 1)
			go func() { errc <- srv.ListenAndServe() }()
			fmt.Fprintf(os.Stderr, "Đang phục vụ / serving on http://%s (data: %s)\n", addr, g.dataDir)
			select {
			case err := <-errc:
				if !errors.Is(err, http.ErrServerClosed) {
					return err
				}
			case <-ctx.Done():
				shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				return srv.Shutdown(shut)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "địa chỉ lắng nghe / listen address")
	f.StringSliceVar(&proxies, "trusted-proxy", nil, "địa chỉ (IP/CIDR) của proxy ngược được tin X-Forwarded-For / reverse proxies trusted for X-Forwarded-For")
	f.StringSliceVar(&origins, "trusted-origin", nil, "nguồn khác được gửi biểu mẫu (https://...) / other origins allowed to POST")
	f.StringVar(&baseURL, "base-url", "", "địa chỉ công khai cho Atom và sitemap (https://...) / public address for feeds and the sitemap")
	f.BoolVar(&https, "https", false, "phục vụ qua HTTPS sau proxy: cookie __Host- và Secure / served over HTTPS behind a proxy: __Host- Secure cookies")
	return cmd
}

// newHTTPServer bounds every phase of a connection, so a slow or idle
// client cannot hold a connection for ever (slowloris).
func newHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second, // forms with files get longer (portal/upload.go)
		WriteTimeout:      10 * time.Minute, // large exports stream
		IdleTimeout:       2 * time.Minute,
	}
}

// runScheduler publishes scheduled items at start (those whose time passed
// while the server was down, marked late) and every minute, and sweeps
// expired sessions every hour, until ctx ends.
func runScheduler(ctx context.Context, svc *content.Service, au *auth.Service, log *slog.Logger) {
	go svc.RunScheduler(ctx, time.Minute, func(items []*content.Item, err error) {
		for _, it := range items {
			if it.PublishedLate {
				log.Warn("scheduled item published late (the server was not running at its time)", "item", it.ID, "title", it.Title, "late_by", it.LateBy.Round(time.Second))
			} else {
				log.Info("scheduled item published", "item", it.ID, "title", it.Title)
			}
		}
		if err != nil {
			log.Error("scheduler", "err", err)
		}
	})
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := au.SweepSessions(ctx); err != nil && ctx.Err() == nil {
			log.Error("sweep sessions", "err", err)
		} else if n > 0 {
			log.Info("expired sessions removed", "n", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
