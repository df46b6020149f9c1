package warehouse_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/warehouse"
)

// A copy made inside Quiesced opens as a warehouse with everything committed
// before it, and no query runs while fn holds the file.
func TestQuiescedCopy(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w, err := warehouse.Open(ctx, dir, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.DB().ExecContext(ctx, "CREATE TABLE t AS SELECT range AS n FROM range(1000)"); err != nil {
		t.Fatal(err)
	}
	copyDir := t.TempDir()
	queried := make(chan time.Time, 1)
	var released time.Time
	err = w.Quiesced(ctx, func(path string) error {
		go func() { // a query of the server's meanwhile: it waits
			w.DB().QueryRowContext(ctx, "SELECT 1").Scan(new(int))
			queried <- time.Now()
		}()
		time.Sleep(200 * time.Millisecond)
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(filepath.Join(copyDir, warehouse.FileName))
		if err != nil {
			return err
		}
		defer out.Close()
		_, err = io.Copy(out, in)
		released = time.Now()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if q := <-queried; q.Before(released) {
		t.Fatal("a query ran while the file was being copied")
	}
	c, err := warehouse.Open(ctx, copyDir, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var n, sum int
	if err := c.DB().QueryRowContext(ctx, "SELECT count(*), sum(n) FROM t").Scan(&n, &sum); err != nil || n != 1000 || sum != 499500 {
		t.Fatalf("the copy holds %d rows (sum %d), %v", n, sum, err)
	}
}
