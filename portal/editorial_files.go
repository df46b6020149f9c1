package portal

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/dashboards/export"
	"github.com/laocai-dpi/dpi/portal/content"
)

// fileHref is the public download of an attachment: served only while it
// is on a published item or in the library.
func fileHref(id int64) string { return fmt.Sprintf("/tep/%d", id) }

// imageHref is a published item's cover, shown inline on its page.
func imageHref(id int64) string { return fmt.Sprintf("/anh/%d", id) }

// adminFileHref is the editorial download (signed-in staff).
func adminFileHref(id int64) string { return fmt.Sprintf("/quan-tri/tep/%d", id) }

// publicFile serves an attachment to anyone, only when public (the service
// answers not found otherwise, even to a signed-in visitor: this route
// never shows a draft's files). Downloads are audited.
func (s *server) publicFile(c *gin.Context) {
	s.serveFile(c, content.Anonymous(c.ClientIP()), "attachment", true, func(err error) { s.fail(c, siteError(err)) })
}

// publicImage serves a published item's cover inline, for its <img>; not
// audited (every page view would be a row).
func (s *server) publicImage(c *gin.Context) {
	s.serveFile(c, content.Anonymous(c.ClientIP()), "inline", false, func(err error) { s.fail(c, siteError(err)) })
}

// adminFile serves an attachment to signed-in staff (drafts included), audited.
func (s *server) adminFile(c *gin.Context) {
	s.serveFile(c, currentViewer(c).Actor, "attachment", true, func(err error) { s.editorialFail(c, err) })
}

// siteError turns a content error into the public pages' error.
func siteError(err error) error {
	switch content.ErrorCode(err) {
	case content.ENOTFOUND:
		return notFound("Không tìm thấy tệp", "File not found")
	case content.EINVALID:
		return invalid(content.ErrorMessage(err, "vi"), content.ErrorMessage(err, "en"))
	}
	return err
}

// serveFile answers with the file as a download named with its safe name,
// of the type detected from its content at upload, never sniffed.
func (s *server) serveFile(c *gin.Context, actor content.Actor, disposition string, audit bool, fail func(error)) {
	id, ok := idParam(c, "id")
	if !ok {
		fail(content.Errorf(content.ENOTFOUND, "Không tìm thấy tệp", "File not found"))
		return
	}
	ctx := c.Request.Context()
	att, f, err := s.ed.content.OpenAttachment(ctx, actor, id)
	if err == nil && disposition == "inline" && !att.IsCover() {
		f.Close()
		err = content.Errorf(content.ENOTFOUND, "Không tìm thấy ảnh %d", "Image %d not found", id)
	}
	if err != nil {
		fail(err)
		return
	}
	defer f.Close()
	if audit {
		if err := s.ed.content.RecordAudit(ctx, actor, "download", "attachment", att.ID, fmt.Sprintf("%q %s", att.Name, c.Request.URL.Path)); err != nil {
			fail(err)
			return
		}
	}
	h := c.Writer.Header()
	h.Set("Content-Type", att.MIME)
	h.Set("Content-Disposition", export.ContentDisposition(disposition, att.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, max-age=300") // a file leaves the site when its item is taken down
	}
	http.ServeContent(c.Writer, c.Request, "", att.UploadedAt, f)
}
