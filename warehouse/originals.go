package warehouse

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// execer is what both a *sql.Tx and a *sql.Conn inside BEGIN … COMMIT offer.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// keepOriginal stores the file's bytes under originals/, named by sha256.
// Content-addressed, so writing it before the transaction is harmless if
// the load then fails.
func (w *Warehouse) keepOriginal(name, sha string, data []byte) error {
	st, err := w.stageOriginal(name, sha, bytes.NewReader(data))
	if err != nil {
		return err
	}
	return st.keep()
}

// stagedOriginal is an original copied into originals/ under a temporary
// name: keep puts it in place, drop removes it.
type stagedOriginal struct {
	sha        string
	tmp, final string // tmp is empty when the original is already there
}

// originalPath is where the original of a file named name with that sha256
// is kept.
func (w *Warehouse) originalPath(sha, name string) string {
	return filepath.Join(w.dir, "originals", sha+strings.ToLower(filepath.Ext(name)))
}

// stageOriginal streams r into a temporary file in originals/ and checks that
// its sha256 is the one the original will be named by; with sha "", the
// original is named by the sha256 of what r gave.
func (w *Warehouse) stageOriginal(name, sha string, r io.Reader) (*stagedOriginal, error) {
	dir := filepath.Join(w.dir, "originals")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	st := &stagedOriginal{sha: sha, final: w.originalPath(sha, name)}
	if _, err := os.Stat(st.final); err == nil && sha != "" {
		return st, nil
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	_, err = io.CopyBuffer(io.MultiWriter(tmp, h), r, make([]byte, 1<<20)) // big reads: a register is hundreds of MB
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && sha != "" && hex.EncodeToString(h.Sum(nil)) != sha {
		err = fmt.Errorf("tệp đã thay đổi trong khi nạp / the file changed while loading (sha256 is now %x, not %s)", h.Sum(nil), sha)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("keep original: %w", err)
	}
	if sha == "" {
		st.sha = hex.EncodeToString(h.Sum(nil))
		st.final = w.originalPath(st.sha, name)
		if _, err := os.Stat(st.final); err == nil {
			os.Remove(tmp.Name()) // kept already
			return st, nil
		}
	}
	os.Chmod(tmp.Name(), 0o444)
	st.tmp = tmp.Name()
	return st, nil
}

func (st *stagedOriginal) keep() error {
	if st.tmp == "" {
		return nil
	}
	err := os.Rename(st.tmp, st.final)
	st.tmp = ""
	return err
}

func (st *stagedOriginal) drop() {
	if st != nil && st.tmp != "" {
		os.Remove(st.tmp)
		st.tmp = ""
	}
}
