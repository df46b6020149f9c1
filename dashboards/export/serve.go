package export

import (
	"bufio"
	"log/slog"
	"net/http"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Serve answers an HTTP request with src written in format, as a download
// named filename (the format's extension is added when missing).
//
// The response is committed (status 200 and headers sent) as soon as the
// source has produced its first batch of rows, so a client sees a million-
// row export begin within the query's own start-up time. A failure before
// that is a plain 500 (nothing was sent). A failure after it must never end
// as a complete-looking file: Serve then breaks the transfer. On HTTP/1.x
// it hijacks the connection (from net/http's own writer, under any
// wrapper that has Unwrap) and closes it without the final chunk (the
// client sees an incomplete body: curl exits 18, Go's client gets
// "unexpected EOF"); then it panics with http.ErrAbortHandler, on which
// net/http resets an HTTP/2 stream.
//
// gin's Recovery middleware (gin.Recovery, gin.CustomRecovery…) recovers
// http.ErrAbortHandler as a "broken pipe" and lets the handler return
// normally, which would end the response cleanly: on HTTP/1.x the hijack
// above already broke the connection, so the file still fails; on HTTP/2
// (where there is no hijack) a recovery middleware must re-panic
// http.ErrAbortHandler for the stream to be reset. The tests run both
// through a real gin engine.
func Serve(w http.ResponseWriter, r *http.Request, format string, filename string, src Source, meta Meta) {
	if serve(w, r, format, filename, src, meta) {
		abortResponse(w)
	}
}

// serve writes the response; it reports a failure after the response
// began, which the caller must turn into a broken transfer.
func serve(w http.ResponseWriter, r *http.Request, format string, filename string, src Source, meta Meta) (abort bool) {
	ct := ContentType(format)
	if ct == "" {
		http.Error(w, "Định dạng không hỗ trợ / Unsupported format", http.StatusNotFound)
		return false
	}
	if !strings.HasSuffix(filename, "."+format) {
		filename += "." + format
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	disposition := "attachment"
	if format == "json" {
		disposition = "inline"
	}
	h.Set("Content-Disposition", ContentDisposition(disposition, filename))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")

	rw := &responseWriter{w: w}
	// Buffered: the writers' small writes (zip headers first) reach the
	// response in 32 KiB pieces, and a failure before the first rows finds
	// nothing sent yet.
	bw := bufio.NewWriterSize(rw, 32<<10)
	err := Write(bw, format, &committingSource{Source: src, rw: rw}, meta)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		rw.commit()
		return false
	}
	logFailure(r, format, rw.started, err)
	if !rw.started {
		h.Del("Content-Disposition")
		h.Del("Cache-Control")
		http.Error(w, serverErrorText, http.StatusInternalServerError)
		return false
	}
	return true
}

const serverErrorText = "Lỗi máy chủ khi xuất dữ liệu, xin thử lại sau / Server error while exporting, please try again later"

func logFailure(r *http.Request, format string, sent bool, err error) {
	slog.Default().Error("export failed", "path", r.URL.Path, "format", format, "sent", sent, "err", err)
}

// abortResponse breaks a response that has begun: the connection is
// closed without the end of the body (HTTP/1.x), then the handler panics
// with http.ErrAbortHandler (net/http resets an HTTP/2 stream).
func abortResponse(w http.ResponseWriter) {
	// The innermost writer is net/http's own: wrappers may refuse to
	// hijack once the body began (gin's does), net/http does not.
	for {
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			break
		}
		w = u.Unwrap()
	}
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
		}
	}
	panic(http.ErrAbortHandler)
}

// responseWriter sends the status and headers on the first write or when
// the source's first rows arrive, whichever comes first.
type responseWriter struct {
	w       http.ResponseWriter
	started bool
}

func (rw *responseWriter) commit() {
	if rw.started {
		return
	}
	rw.started = true
	rw.w.WriteHeader(http.StatusOK)
	http.NewResponseController(rw.w).Flush() // headers out now; an unflushable writer is fine
}

func (rw *responseWriter) Write(p []byte) (int, error) {
	rw.commit()
	return rw.w.Write(p)
}

// committingSource tells the response writer when the first rows arrived
// (pump calls firstRow on the writer's goroutine).
type committingSource struct {
	Source
	rw *responseWriter
}

func (s *committingSource) firstRow() { s.rw.commit() }

// ContentDisposition builds an RFC 6266 header value: an ASCII filename
// (Vietnamese letters without diacritics, other characters as "_") for old
// clients and filename* with the UTF-8 name.
func ContentDisposition(disposition, filename string) string {
	var ascii strings.Builder
	for _, r := range norm.NFD.String(filename) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			ascii.WriteByte('d')
		case r == 'Đ':
			ascii.WriteByte('D')
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._-()", r)):
			ascii.WriteRune(r)
		default:
			ascii.WriteByte('_')
		}
	}
	fallback := ascii.String()
	if fallback == "" {
		fallback = "download"
	}
	v := disposition + `; filename="` + fallback + `"`
	if fallback != filename {
		v += "; filename*=UTF-8''" + attrEscape(filename)
	}
	return v
}

// attrEscape percent-encodes s as an RFC 8187 value (attr-char kept).
func attrEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
