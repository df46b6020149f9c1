package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// The control socket lets the operator's commands ask a running server to
// do what needs the stores it holds: DuckDB lets one process open the
// warehouse read-write, so `dpi backup` while `dpi serve` runs asks the
// server to take the backup through its own connections. It is a Unix
// socket in the data folder, readable and writable by the server's user
// only: whoever may use it may already read the whole data folder.
const controlSocketName = "serve.sock"

// controlSocket is where the server of dataDir listens. A Unix socket's path
// is limited (108 bytes on Linux): a data folder with a long path gets one
// in the temporary folder, named by the folder's absolute path.
func controlSocket(dataDir string) string {
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		abs = dataDir
	}
	p := filepath.Join(abs, controlSocketName)
	if len(p) < 100 {
		return p
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(os.TempDir(), "dpi-"+hex.EncodeToString(sum[:8])+".sock")
}

// serveControl answers the control socket until ctx ends. The caller holds
// the warehouse, so a socket file left by a server that died is stale.
func serveControl(ctx context.Context, dataDir string, held *heldStores, log *slog.Logger) error {
	path := controlSocket(dataDir)
	os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return err
	}
	var mu sync.Mutex // one backup at a time
	mux := http.NewServeMux()
	mux.HandleFunc("POST /backup", func(w http.ResponseWriter, r *http.Request) {
		dest := r.FormValue("dest")
		if !filepath.IsAbs(dest) {
			http.Error(w, "dest: cần đường dẫn tuyệt đối / an absolute path is needed", http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		start := time.Now()
		m, err := backup(r.Context(), dataDir, dest, held)
		if err != nil {
			log.Error("backup through the control socket", "dest", dest, "err", err)
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		log.Info("backup taken", "dest", dest, "files", len(m.Files), "took", time.Since(start).Round(time.Millisecond))
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(m)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
		os.Remove(path)
	}()
	go srv.Serve(ln)
	return nil
}

// errNoServer: no server answers on the data folder's control socket.
var errNoServer = errors.New("no server")

// askServerBackup asks the server holding dataDir to back it up into dest.
func askServerBackup(ctx context.Context, dataDir, dest string) (*manifest, error) {
	path := controlSocket(dataDir)
	if _, err := os.Stat(path); err != nil {
		return nil, errNoServer
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", path)
	}}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://dpi-serve/backup", strings.NewReader(url.Values{"dest": {abs}}.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := hc.Do(req)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Op == "dial" {
			return nil, errNoServer // a socket left by a server that is gone
		}
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, &exitError{code: 1, err: fmt.Errorf("máy chủ không sao lưu được / the server could not back up: %s", strings.TrimSpace(string(b)))}
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return &m, nil
}
