package warehouse

import (
	"context"
	"fmt"
	"path/filepath"
)

// Quiesced runs fn while the warehouse file on disk holds everything and
// nothing can change it: a CHECKPOINT moves the write-ahead log into the
// file, and fn runs while this process keeps its only connection, so every
// other query and load waits until fn returns. fn gets the file's path (to
// copy it: the backup of a running server).
func (w *Warehouse) Quiesced(ctx context.Context, fn func(path string) error) error {
	conn, err := w.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if !w.readOnly {
		if _, err := conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
	}
	return fn(filepath.Join(w.dir, FileName))
}
