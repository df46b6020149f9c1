// Package ingest holds what every loader shares: the error that names the
// file, sheet, row and column of a problem, and the file's fingerprint.
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
)

// Error is a problem at a place in an input file. Row and Col are 0-based;
// -1 means "not about one row/column". It prints them as a spreadsheet user
// sees them: row 1-based, column as a letter.
type Error struct {
	File   string
	Sheet  string
	Row    int
	Col    int
	Reason string // Vietnamese first, then " / " and English
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		fmt.Fprintf(&b, ": sheet %q", e.Sheet)
	}
	if e.Row >= 0 {
		fmt.Fprintf(&b, ", row %d", e.Row+1)
	}
	if e.Col >= 0 {
		fmt.Fprintf(&b, ", column %s", ColumnName(e.Col))
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// Errorf builds an Error; pass row or col -1 when it is not about one.
func Errorf(file, sheet string, row, col int, format string, args ...any) *Error {
	return &Error{File: file, Sheet: sheet, Row: row, Col: col, Reason: fmt.Sprintf(format, args...)}
}

// ColumnName turns a 0-based column index into a spreadsheet letter: 0 → A, 27 → AB.
func ColumnName(c int) string {
	if c < 0 {
		return ""
	}
	name := ""
	for c++; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return name
}

// SHA256 is the hex fingerprint that names an original file in the data folder.
func SHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// SHA256File fingerprints a file without reading it whole into memory.
func SHA256File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
