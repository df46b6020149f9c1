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
	"github.com/laocai-dpi/dpi/warehouse"
)

func newServeCmd(g *globals) *cobra.Command {
	var addr string
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
			srv := &http.Server{
				Addr:              addr,
				Handler:           portal.New(wh.DB(), portal.Options{Logger: log}),
				ReadHeaderTimeout: 10 * time.Second,
				ReadTimeout:       60 * time.Second,
				WriteTimeout:      10 * time.Minute, // large exports stream
				IdleTimeout:       2 * time.Minute,
			}
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
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "địa chỉ lắng nghe / listen address")
	return cmd
}
