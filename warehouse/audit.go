package warehouse

import (
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"time"
)

// Attempt is one line of logs/ingest.jsonl: every ingest attempt, including
// those that changed nothing or were rejected (which never touch the warehouse).
type Attempt struct {
	Time     time.Time `json:"time"`
	Kind     string    `json:"kind"`
	File     string    `json:"file"`
	SHA256   string    `json:"sha256,omitempty"`
	Outcome  string    `json:"outcome"`
	Years    []int     `json:"years,omitempty"`
	IngestID int64     `json:"ingest_id,omitempty"`
	Message  string    `json:"message,omitempty"`
	By       string    `json:"by"`
}

// Audit appends an attempt to the data folder's ingest audit file.
func Audit(dir string, a Attempt) error {
	if a.Time.IsZero() {
		a.Time = time.Now()
	}
	logDir := filepath.Join(dir, "logs")
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(logDir, "ingest.jsonl"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	line, err := json.Marshal(a)
	if err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
