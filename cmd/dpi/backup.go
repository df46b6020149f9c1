package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
	"github.com/laocai-dpi/dpi/warehouse"
)

// ManifestName is the list of a backup's files and their sha256 sums.
const ManifestName = "manifest.json"

// backupDirs are the folders of the data folder a backup copies as they are:
// the immutable originals of every ingested file, the attachments, the
// ingest log.
var backupDirs = []string{"originals", content.FilesDir, "logs"}

type manifestFile struct {
	Path   string `json:"path"` // slash-separated, relative to the backup
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

type manifest struct {
	Format    int            `json:"format"`
	CreatedAt time.Time      `json:"created_at"`
	Source    string         `json:"source"`
	Files     []manifestFile `json:"files"`
}

func newBackupCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "backup DIR",
		Short: "Sao lưu toàn bộ dữ liệu / back up the warehouse, the content store, originals and attachments",
		Long: `Sao lưu kho dữ liệu (DuckDB), cơ sở nội dung (SQLite), tệp gốc và tệp đính kèm vào DIR
(thư mục mới hoặc rỗng), kèm manifest.json ghi sha256 của từng tệp.
Khi máy chủ (dpi serve) đang chạy trên cùng thư mục dữ liệu, lệnh nhờ máy chủ sao lưu
qua ổ cắm điều khiển (serve.sock) của máy chủ.
Backs up the warehouse (DuckDB), the content store (SQLite, with VACUUM INTO),
the originals and the attachments into DIR (new or empty), with manifest.json
listing every file's sha256. The warehouse is copied after a CHECKPOINT while
its one connection is held. When dpi serve runs on the same data folder, it
holds the warehouse, so this command asks it (through its control socket,
serve.sock) to take the backup itself; queries wait while the warehouse file
is copied.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			// A running server holds the warehouse: it takes the backup itself.
			m, err := askServerBackup(c.Context(), g.dataDir, args[0])
			if errors.Is(err, errNoServer) {
				m, err = backup(c.Context(), g.dataDir, args[0], nil)
			} else if err == nil {
				fmt.Fprintln(os.Stderr, "Máy chủ đang chạy đã sao lưu / taken by the running server (dpi serve)")
			}
			if err != nil {
				return err
			}
			var total int64
			for _, f := range m.Files {
				total += f.Size
			}
			fmt.Fprintf(os.Stderr, "Đã sao lưu / backed up %d files, %d bytes into %s\n", len(m.Files), total, args[0])
			return nil
		},
	}
}

func newRestoreCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "restore DIR",
		Short: "Khôi phục bản sao lưu vào thư mục dữ liệu rỗng / restore a backup into an empty data folder",
		Long: `Khôi phục bản sao lưu DIR vào thư mục dữ liệu (--data), thư mục này phải rỗng hoặc chưa có.
Mọi tệp được kiểm tra sha256 theo manifest trước và sau khi chép.
Restores the backup DIR into the data folder (--data), which must be empty or
absent. Every file is checked against the manifest's sha256 before and after
copying; then both stores are opened to prove they work.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			m, err := restore(c.Context(), args[0], g.dataDir)
			if err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "Đã khôi phục / restored %d files (backup of %s) into %s\n", len(m.Files), m.CreatedAt.In(content.ICT).Format("2006-01-02 15:04 MST"), g.dataDir)
			return nil
		},
	}
}

// emptyDir creates dir or checks that it is empty.
func emptyDir(dir, what string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	} else if err != nil {
		return err
	}
	if len(entries) > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%s %s không rỗng / %s is not empty", what, dir, dir)}
	}
	return nil
}

// heldStores are the stores a running server holds; a backup taken by the
// server copies them through its own connections.
type heldStores struct {
	warehouse *warehouse.Warehouse
	content   *sqlite.DB
}

// backup copies the data folder into dest, opening the stores itself (no
// server may hold the warehouse), or through held (a server's own backup).
func backup(ctx context.Context, dataDir, dest string, held *heldStores) (*manifest, error) {
	if _, err := os.Stat(dataDir); err != nil {
		return nil, fmt.Errorf("thư mục dữ liệu / data folder: %w", err)
	}
	if err := emptyDir(dest, "Thư mục sao lưu / backup folder"); err != nil {
		return nil, err
	}
	m := &manifest{Format: 1, CreatedAt: time.Now().UTC()}
	if abs, err := filepath.Abs(dataDir); err == nil {
		m.Source = abs
	}
	add := func(rel string) error {
		f, err := hashFile(filepath.Join(dest, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		f.Path = rel
		m.Files = append(m.Files, f)
		return nil
	}

	// The warehouse first: the originals it names are on disk before a load
	// commits, so the folders copied after it hold them all. Checkpointed and
	// copied while its one connection is held, so nothing writes meanwhile.
	if _, err := os.Stat(filepath.Join(dataDir, warehouse.FileName)); err == nil {
		wh := (*warehouse.Warehouse)(nil)
		if held != nil {
			wh = held.warehouse
		} else if wh, err = warehouse.Open(ctx, dataDir, warehouse.Options{}); err != nil {
			return nil, err
		}
		err = wh.Quiesced(ctx, func(path string) error {
			return copyFile(path, filepath.Join(dest, warehouse.FileName))
		})
		if held == nil {
			if cerr := wh.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			return nil, fmt.Errorf("sao lưu kho dữ liệu / warehouse backup: %w", err)
		}
		if err := add(warehouse.FileName); err != nil {
			return nil, err
		}
	}

	// The content store: VACUUM INTO, a consistent copy even while a server writes.
	if _, err := os.Stat(filepath.Join(dataDir, sqlite.FileName)); err == nil {
		db := (*sqlite.DB)(nil)
		if held != nil {
			db = held.content
		} else if db, err = sqlite.Open(ctx, dataDir); err != nil {
			return nil, err
		}
		err = db.Backup(ctx, filepath.Join(dest, sqlite.FileName))
		if held == nil {
			if cerr := db.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			return nil, fmt.Errorf("sao lưu cơ sở nội dung / content store backup: %w", err)
		}
		if err := add(sqlite.FileName); err != nil {
			return nil, err
		}
	}

	// Originals, attachments, logs: copied as they are (temporary uploads skipped).
	for _, d := range backupDirs {
		root := filepath.Join(dataDir, d)
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if errors.Is(err, os.ErrNotExist) && p == root {
				return fs.SkipDir
			}
			if err != nil {
				return err
			}
			if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
				return nil
			}
			rel, err := filepath.Rel(dataDir, p)
			if err != nil {
				return err
			}
			out := filepath.Join(dest, rel)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return err
			}
			if err := copyFile(p, out); err != nil {
				return err
			}
			return add(filepath.ToSlash(rel))
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })

	// The manifest last: a backup without one was interrupted.
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	tmp := filepath.Join(dest, ManifestName+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return nil, err
	}
	return m, os.Rename(tmp, filepath.Join(dest, ManifestName))
}

func restore(ctx context.Context, src, dataDir string) (*manifest, error) {
	b, err := os.ReadFile(filepath.Join(src, ManifestName))
	if err != nil {
		return nil, &exitError{code: 1, err: fmt.Errorf("không có manifest / no manifest in %s (an interrupted backup?): %w", src, err)}
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format != 1 {
		return nil, &exitError{code: 1, err: fmt.Errorf("manifest không đọc được / unreadable manifest: %v", err)}
	}
	// Verify the whole backup before touching the target.
	listed := map[string]bool{ManifestName: true}
	for _, f := range m.Files {
		clean := path.Clean(f.Path)
		if clean != f.Path || path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(clean, "\\") {
			return nil, &exitError{code: 1, err: fmt.Errorf("manifest: đường dẫn không hợp lệ / unsafe path %q", f.Path)}
		}
		got, err := hashFile(filepath.Join(src, filepath.FromSlash(f.Path)))
		if err != nil {
			return nil, &exitError{code: 1, err: fmt.Errorf("bản sao lưu thiếu tệp / backup lacks %s: %w", f.Path, err)}
		}
		if got.SHA256 != f.SHA256 || got.Size != f.Size {
			return nil, &exitError{code: 1, err: fmt.Errorf("%s: sha256 khác manifest / differs from the manifest (%s, want %s)", f.Path, got.SHA256, f.SHA256)}
		}
		listed[f.Path] = true
	}
	err = filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if !listed[filepath.ToSlash(rel)] {
			return &exitError{code: 1, err: fmt.Errorf("tệp không có trong manifest / %s is not in the manifest", rel)}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := emptyDir(dataDir, "Thư mục dữ liệu / data folder"); err != nil {
		return nil, err
	}
	for _, f := range m.Files {
		out := filepath.Join(dataDir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return nil, err
		}
		if err := copyFile(filepath.Join(src, filepath.FromSlash(f.Path)), out); err != nil {
			return nil, err
		}
		got, err := hashFile(out)
		if err != nil {
			return nil, err
		}
		if got.SHA256 != f.SHA256 {
			return nil, fmt.Errorf("%s: bản chép khác bản sao lưu / the copy differs from the backup", f.Path)
		}
	}
	// Both stores open (and the content store passes its integrity check).
	if listed[warehouse.FileName] {
		wh, err := warehouse.Open(ctx, dataDir, warehouse.Options{ReadOnly: true})
		if err != nil {
			return nil, fmt.Errorf("kho dữ liệu khôi phục không mở được / restored warehouse does not open: %w", err)
		}
		wh.Close()
	}
	if listed[sqlite.FileName] {
		db, err := sqlite.Open(ctx, dataDir)
		if err != nil {
			return nil, fmt.Errorf("cơ sở nội dung khôi phục không mở được / restored content store does not open: %w", err)
		}
		err = db.IntegrityCheck(ctx)
		db.Close()
		if err != nil {
			return nil, err
		}
	}
	return &m, nil
}

func hashFile(p string) (manifestFile, error) {
	f, err := os.Open(p)
	if err != nil {
		return manifestFile{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return manifestFile{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, err
}

// copyFile copies src to dst through a temporary name, synced, then renamed.
func copyFile(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := dst + ".part"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			out.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = io.Copy(out, in); err != nil {
		return err
	}
	if err = out.Sync(); err != nil {
		return err
	}
	if err = out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}
