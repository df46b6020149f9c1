package content

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FilesDir is the attachments folder inside the data folder.
const FilesDir = "files"

// DefaultMaxUpload is the size limit of one attachment.
const DefaultMaxUpload = 25 << 20

// Files keeps attachments in one folder outside any web root, each under a
// random name with no extension; the name, format and checksum live in the
// store.
type Files struct {
	Dir     string
	MaxSize int64 // default DefaultMaxUpload
}

// NewFiles returns the attachment folder of the data folder dataDir.
func NewFiles(dataDir string) *Files { return &Files{Dir: filepath.Join(dataDir, FilesDir)} }

func (f *Files) maxSize() int64 {
	if f.MaxSize > 0 {
		return f.MaxSize
	}
	return DefaultMaxUpload
}

// Path is where the file of an attachment lives; the stored name is checked
// to be one Files made, so it can never leave the folder.
func (f *Files) Path(stored string) (string, error) {
	if len(stored) != 32 {
		return "", notFound("tệp", "File", stored)
	}
	if _, err := hex.DecodeString(stored); err != nil {
		return "", notFound("tệp", "File", stored)
	}
	return filepath.Join(f.Dir, stored), nil
}

// Open opens an attachment's file for reading.
func (f *Files) Open(stored string) (*os.File, error) {
	p, err := f.Path(stored)
	if err != nil {
		return nil, err
	}
	fh, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, notFound("tệp", "File", stored)
	}
	return fh, err
}

// put copies r into the folder under a new random name, at most MaxSize
// bytes, and detects its format from the content.
func (f *Files) put(r io.Reader) (att *Attachment, err error) {
	if err := os.MkdirAll(f.Dir, 0o750); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(f.Dir, ".upload-*")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, f.maxSize()+1))
	if err != nil {
		return nil, fmt.Errorf("receive upload: %w", err)
	}
	if n > f.maxSize() {
		return nil, Errorf(EINVALID, "Tệp lớn quá %d MB", "The file is larger than %d MB", f.maxSize()>>20)
	}
	if n == 0 {
		return nil, invalid("Tệp rỗng", "The file is empty")
	}
	format, mime := DetectFormat(tmp, n)
	if format == "executable" {
		return nil, invalid("Không nhận tệp chương trình", "Program files are not accepted")
	}
	if err := tmp.Sync(); err != nil {
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	var rnd [16]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return nil, err
	}
	stored := hex.EncodeToString(rnd[:])
	if err := os.Rename(tmp.Name(), filepath.Join(f.Dir, stored)); err != nil {
		return nil, err
	}
	return &Attachment{StoredName: stored, Format: format, MIME: mime, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

func (f *Files) remove(stored string) {
	if p, err := f.Path(stored); err == nil {
		os.Remove(p)
	}
}

var mimes = map[string]string{
	FormatODT:   "application/vnd.oasis.opendocument.text",
	FormatODS:   "application/vnd.oasis.opendocument.spreadsheet",
	FormatODP:   "application/vnd.oasis.opendocument.presentation",
	FormatODG:   "application/vnd.oasis.opendocument.graphics",
	FormatPDF:   "application/pdf",
	FormatPNG:   "image/png",
	FormatJPEG:  "image/jpeg",
	FormatWebP:  "image/webp",
	FormatGIF:   "image/gif",
	FormatDOCX:  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	FormatXLSX:  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	FormatPPTX:  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	FormatDOC:   "application/x-ole-storage",
	FormatZIP:   "application/zip",
	FormatText:  "text/plain; charset=utf-8",
	FormatOther: "application/octet-stream",
}

var extensions = map[string]string{
	FormatODT: ".odt", FormatODS: ".ods", FormatODP: ".odp", FormatODG: ".odg", FormatPDF: ".pdf",
	FormatPNG: ".png", FormatJPEG: ".jpg", FormatWebP: ".webp", FormatGIF: ".gif",
	FormatDOCX: ".docx", FormatXLSX: ".xlsx", FormatPPTX: ".pptx", FormatZIP: ".zip", FormatText: ".txt",
}

// DetectFormat tells a file's format from its content, never its name: the
// magic bytes, and for zip containers the ODF "mimetype" entry or the OOXML
// parts. It returns "executable" for programs (refused) and FormatOther
// for anything unknown.
func DetectFormat(r io.ReaderAt, size int64) (format, mime string) {
	head := make([]byte, 512)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	format = FormatOther
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		format = FormatPDF
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		format = FormatPNG
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		format = FormatJPEG
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		format = FormatGIF
	case len(head) >= 12 && bytes.Equal(head[:4], []byte("RIFF")) && bytes.Equal(head[8:12], []byte("WEBP")):
		format = FormatWebP
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		format = zipFormat(r, size)
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		format = FormatDOC
	case bytes.HasPrefix(head, []byte("MZ")), bytes.HasPrefix(head, []byte("\x7fELF")),
		bytes.HasPrefix(head, []byte("#!")), bytes.HasPrefix(head, []byte{0xCF, 0xFA, 0xED, 0xFE}):
		return "executable", "application/octet-stream"
	case utf8.Valid(head) && !bytes.ContainsRune(head, 0):
		format = FormatText
	}
	return format, mimes[format]
}

func zipFormat(r io.ReaderAt, size int64) string {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return FormatOther
	}
	has := func(prefix string) bool {
		for _, f := range zr.File {
			if strings.HasPrefix(f.Name, prefix) {
				return true
			}
		}
		return false
	}
	for _, f := range zr.File {
		if f.Name != "mimetype" || f.UncompressedSize64 > 200 {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return FormatOther
		}
		b, _ := io.ReadAll(io.LimitReader(rc, 200))
		rc.Close()
		switch strings.TrimSpace(string(b)) {
		case mimes[FormatODT]:
			return FormatODT
		case mimes[FormatODS]:
			return FormatODS
		case mimes[FormatODP]:
			return FormatODP
		case mimes[FormatODG]:
			return FormatODG
		}
	}
	if has("[Content_Types].xml") {
		switch {
		case has("word/"):
			return FormatDOCX
		case has("xl/"):
			return FormatXLSX
		case has("ppt/"):
			return FormatPPTX
		}
	}
	return FormatZIP
}

// flag says why a format needs the reviewer's attention ("" = it does not):
// the department's rule is ODF (ISO/IEC 26300) or PDF for documents.
func flag(format, name string) string {
	switch format {
	case FormatODT, FormatODS, FormatODP, FormatODG, FormatPDF, FormatPNG, FormatJPEG, FormatWebP, FormatGIF:
		ext := strings.ToLower(filepath.Ext(name))
		want := extensions[format]
		if ext != "" && ext != want && !(format == FormatJPEG && ext == ".jpeg") {
			return fmt.Sprintf("tên tệp có đuôi %s nhưng nội dung là %s / named %s but the content is %s", ext, format, ext, format)
		}
		return ""
	case FormatDOCX, FormatXLSX, FormatPPTX, FormatDOC:
		return fmt.Sprintf("định dạng %s không phải định dạng mở (ODF, PDF) / %s is not an open format (ODF, PDF)", format, format)
	default:
		return fmt.Sprintf("định dạng không rõ (%s), không phải ODF hay PDF / unknown format (%s), not ODF or PDF", format, format)
	}
}

// SafeName makes an uploaded name fit for a Content-Disposition header and
// a file system: no folders, no control or shell characters, at most 120
// runes, the extension of the detected format when it has one.
func SafeName(name, format string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	var b strings.Builder
	for _, r := range stem {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-', r == '_', r == '.', r == '(', r == ')':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune('_')
		}
	}
	stem = strings.Trim(strings.Join(strings.Fields(b.String()), " "), ". ")
	if utf8.RuneCountInString(stem) > 120 {
		stem = string([]rune(stem)[:120])
	}
	if stem == "" {
		stem = "tep"
	}
	if e, ok := extensions[format]; ok {
		return stem + e
	}
	e := strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return unicode.ToLower(r)
		}
		return -1
	}, ext)
	if e == "" || len(e) > 8 {
		return stem + ".bin"
	}
	return stem + "." + e
}

// Upload stores a file sent by the actor and returns its attachment, to be
// named in an item (ItemInput.Attachments, CoverID) or a document. The type
// is taken from the content; anything but ODF, PDF and images is flagged for
// the reviewer. The upload is audited with the client address.
func (s *Service) Upload(ctx context.Context, actor Actor, name string, r io.Reader) (*Attachment, error) {
	if s.Files == nil {
		return nil, errors.New("content: Service.Files not set")
	}
	// Check the account before reading the body.
	if err := s.Store.View(ctx, func(tx Tx) error {
		_, err := personal(tx, actor)
		return err
	}); err != nil {
		return nil, err
	}
	att, err := s.Files.put(r)
	if err != nil {
		return nil, err
	}
	att.Name = SafeName(name, att.Format)
	att.FlagReason = flag(att.Format, name)
	att.Flagged = att.FlagReason != ""
	err = s.Store.Update(ctx, func(tx Tx) error {
		a, err := personal(tx, actor)
		if err != nil {
			return err
		}
		att.UploadedBy, att.UploadedAt = a.ID, s.now()
		if err := tx.CreateAttachment(att); err != nil {
			return err
		}
		d := fmt.Sprintf("%q %s %d bytes sha256 %s", att.Name, att.Format, att.Size, att.SHA256)
		if att.Flagged {
			d += "; flagged: " + att.FlagReason
		}
		return Audit(tx, actor, a, att.UploadedAt, "upload", "attachment", att.ID, d)
	})
	if err != nil {
		s.Files.remove(att.StoredName)
		return nil, err
	}
	return att, nil
}

// OpenAttachment returns attachment id and its file: to anyone when it is
// on a published item or in the library; otherwise to the system, to the
// account that uploaded it, to administrators, and to whoever may read an
// item that names it (now or in a revision: its author, the channel's
// reviewers). Anyone else is told it does not exist. The caller closes the
// file and serves it as a download named att.Name.
func (s *Service) OpenAttachment(ctx context.Context, actor Actor, id int64) (*Attachment, *os.File, error) {
	var att *Attachment
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		if att, err = tx.Attachment(id); err != nil {
			return err
		}
		public, err := tx.AttachmentPublic(id)
		if err != nil || public {
			return err
		}
		a, err := ActorAccount(tx, actor)
		if err != nil || (a == nil && !actor.IsSystem()) {
			return notFound("tệp", "File", id)
		}
		if a == nil || att.UploadedBy == a.ID || a.Has(RoleAdministrator) {
			return nil
		}
		items, err := tx.AttachmentItems(id)
		if err != nil {
			return err
		}
		for _, itemID := range items {
			it, err := tx.Item(itemID)
			if err != nil {
				return err
			}
			if CanView(a, it) {
				return nil
			}
		}
		return notFound("tệp", "File", id)
	})
	if err != nil {
		return nil, nil, err
	}
	f, err := s.Files.Open(att.StoredName)
	return att, f, err
}
