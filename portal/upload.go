package portal

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// DefaultMaxUploadBody is the size limit of a whole form that carries files
// (the text fields and every file); one file is limited by content.Files.
const DefaultMaxUploadBody = 100 << 20

// maxFormFields caps the text of a multipart form: an item's body and the
// small fields around it.
const maxFormFields = content.MaxBody + 64<<10

// upload is one file of a multipart form, kept in a temporary file until
// the handler stores it (content.Upload), so that a request refused half
// way stores nothing.
type upload struct {
	Field  string
	Name   string // as the browser sent it
	Path   string // the temporary file
	Size   int64
	Format string // detected from the content
}

const uploadsKey = "dpi.uploads"

// uploadReadTime bounds reading one form with files (100 MB at 200 kB/s).
const uploadReadTime = 10 * time.Minute

// receiveMultipart reads the forms that may carry files, in place of
// limitBody: the request body is capped with http.MaxBytesReader before
// anything is read, the parts are streamed in order (text fields into
// PostForm, files into temporary files), and the form token is checked
// before the first file is received: our forms put it first, as browsers
// send fields in document order. Anonymous requests and other bodies pass
// on to requireViewer, which refuses them or checks their token as usual.
func (s *server) receiveMultipart(c *gin.Context) {
	v := currentViewer(c)
	if c.ContentType() != "multipart/form-data" || v == nil {
		limitBody(c)
		return
	}
	limit := s.ed.maxUploadBody
	// The server's ReadTimeout fits ordinary forms; a signed-in editor's
	// 100 MB upload over a slow provincial line gets longer, this request only.
	if err := http.NewResponseController(c.Writer).SetReadDeadline(time.Now().Add(uploadReadTime)); err != nil {
		s.log.Warn("upload read deadline", "err", err)
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		s.uploadFail(c, http.StatusBadRequest, "Biểu mẫu gửi lên không đọc được", "The form could not be read")
		return
	}
	var files []*upload
	defer func() {
		for _, f := range files {
			os.Remove(f.Path)
		}
	}()
	values := url.Values{}
	var fieldBytes int64
	checked := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.uploadReadFail(c, err, "", limit)
			return
		}
		name := part.FormName()
		if part.FileName() == "" && !strings.HasSuffix(name, "_file") {
			b, err := io.ReadAll(io.LimitReader(part, maxFormFields-fieldBytes+1))
			if err != nil {
				s.uploadReadFail(c, err, "", limit)
				return
			}
			if fieldBytes += int64(len(b)); fieldBytes > maxFormFields {
				s.uploadFail(c, http.StatusRequestEntityTooLarge, "Nội dung biểu mẫu quá dài", "The form's text is too long")
				return
			}
			values.Add(name, string(b))
			continue
		}
		if !checked {
			if !validCSRF(v.Token, values.Get("csrf")) {
				s.fail(c, errBadToken)
				return
			}
			checked = true
		}
		f, err := s.receiveFile(part)
		if f != nil {
			files = append(files, f)
		}
		if err != nil {
			s.uploadReadFail(c, err, part.FileName(), limit)
			return
		}
	}
	c.Request.PostForm = values
	// An empty file input is sent as a part with no name and no bytes.
	var kept []*upload
	for _, f := range files {
		if f.Name == "" && f.Size == 0 {
			continue
		}
		kept = append(kept, f)
	}
	c.Set(uploadsKey, kept)
	c.Next()
}

// errFileTooLarge: one file is over content.Files' limit.
var errFileTooLarge = errors.New("file too large")

// receiveFile streams one file part to a temporary file, at most the
// limit of one file.
func (s *server) receiveFile(part *multipart.Part) (*upload, error) {
	tmp, err := os.CreateTemp("", "dpi-upload-*")
	if err != nil {
		return nil, err
	}
	f := &upload{Field: part.FormName(), Name: part.FileName(), Path: tmp.Name()}
	max := s.ed.content.Files.Limit()
	f.Size, err = io.Copy(tmp, io.LimitReader(part, max+1))
	if err == nil && f.Size > max {
		err = errFileTooLarge
	}
	if err == nil {
		f.Format, _ = content.DetectFormat(tmp, f.Size)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	return f, err
}

// uploadReadFail says why the body could not be read, naming the file being
// received and the limit that was passed.
func (s *server) uploadReadFail(c *gin.Context, err error, file string, limit int64) {
	var tooLarge *http.MaxBytesError
	fileLimit := s.ed.content.Files.Limit()
	switch {
	case errors.As(err, &tooLarge) && file != "":
		s.uploadFail(c, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("Tệp “%s”: tổng dung lượng gửi lên vượt quá %s (mỗi tệp tối đa %s); không tệp nào được lưu", file, megabytes(limit), megabytes(fileLimit)),
			fmt.Sprintf("File “%s”: the upload is larger than %s in all (at most %s a file); no file was stored", file, megabytes(limit), megabytes(fileLimit)))
	case errors.As(err, &tooLarge):
		s.uploadFail(c, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("Dữ liệu gửi lên vượt quá %s", megabytes(limit)), fmt.Sprintf("The upload is larger than %s", megabytes(limit)))
	case errors.Is(err, errFileTooLarge):
		s.uploadFail(c, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("Tệp “%s” lớn quá %s; không tệp nào được lưu", file, megabytes(fileLimit)),
			fmt.Sprintf("File “%s” is larger than %s; no file was stored", file, megabytes(fileLimit)))
	default:
		s.log.Warn("upload interrupted", "path", c.Request.URL.Path, "file", file, "err", err)
		s.uploadFail(c, http.StatusBadRequest, "Việc gửi tệp bị gián đoạn; xin gửi lại", "The upload was interrupted; please send it again")
	}
}

func (s *server) uploadFail(c *gin.Context, status int, vi, en string) {
	if status == http.StatusRequestEntityTooLarge {
		// The rest of the body is not read: the client must not reuse the connection.
		c.Header("Connection", "close")
	}
	p := newAdminPage(c, "title_error")
	s.renderAdmin(c, status, "error", adminErrorPage{adminPage: p,
		Status: status, Message: errorIn(p.Lang, &content.Error{Code: content.EINVALID, VI: vi, EN: en}), Back: backLink(c)})
	c.Abort()
}

// megabytes shows a limit the way people read it: "25 MB".
func megabytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// uploadsOf are the files received for field.
func uploadsOf(c *gin.Context, field string) []*upload {
	v, _ := c.Get(uploadsKey)
	all, _ := v.([]*upload)
	var out []*upload
	for _, f := range all {
		if f.Field == field {
			out = append(out, f)
		}
	}
	return out
}

// store saves a received file through the content service (which checks
// the account, keeps the file under a random name and audits the upload).
func (s *server) store(c *gin.Context, f *upload) (*content.Attachment, error) {
	fh, err := os.Open(f.Path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	att, err := s.ed.content.Upload(c.Request.Context(), currentViewer(c).Actor, f.Name, fh)
	return att, namingFile(err, f.Name)
}

// namingFile puts the file's name in front of an error's message.
func namingFile(err error, name string) error {
	var e *content.Error
	if !errors.As(err, &e) {
		return err
	}
	return &content.Error{Code: e.Code, VI: fmt.Sprintf("Tệp “%s”: %s", name, e.VI), EN: fmt.Sprintf("File “%s”: %s", name, e.EN)}
}
