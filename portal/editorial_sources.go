package portal

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// The kinds of official source (DESIGN.md) are named by the messages
// "srccat_"+category.

type sourcesPage struct {
	adminPage
	Sources []sourceRow
	New     sourceForm
	Message string
}

type sourceRow struct {
	*content.TrustedSource
	CategoryLabel, Href string
}

type sourceForm struct {
	content.TrustedSource
	Action     string
	Categories []formOption
}

func newSourceForm(lang string, src content.TrustedSource, action string) sourceForm {
	f := sourceForm{TrustedSource: src, Action: action}
	for _, k := range content.SourceCategories {
		f.Categories = append(f.Categories, formOption{Value: k, Label: labelIn(lang, "srccat_", k), Selected: k == src.Category})
	}
	return f
}

func readSource(c *gin.Context, src *content.TrustedSource) {
	src.Name, src.Category, src.URL = c.PostForm("name"), c.PostForm("category"), c.PostForm("url")
	src.Active = c.PostForm("active") != ""
}

func (s *server) sourcesData(c *gin.Context, typed *content.TrustedSource, msg string) (any, error) {
	list, err := s.ed.content.TrustedSources(c.Request.Context())
	if err != nil {
		return nil, err
	}
	p := &sourcesPage{adminPage: newAdminPage(c, "title_sources"), Message: msg}
	p.New = newSourceForm(p.Lang, content.TrustedSource{Category: "ministry", Active: true}, "/quan-tri/nguon-tin")
	if typed != nil {
		p.New = newSourceForm(p.Lang, *typed, "/quan-tri/nguon-tin")
	}
	for _, src := range list {
		p.Sources = append(p.Sources, sourceRow{TrustedSource: src, CategoryLabel: labelIn(p.Lang, "srccat_", src.Category), Href: fmt.Sprintf("/quan-tri/nguon-tin/%d", src.ID)})
	}
	return p, nil
}

// sourcesPage lists the official sources whose items administrators may
// post directly, with the form for a new one. Sources are stopped, never
// deleted: items keep naming them.
func (s *server) sourcesPage(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	s.renderForm(c, nil, "sources", func(string) (any, error) { return s.sourcesData(c, nil, "") })
}

func (s *server) sourceCreate(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	src := &content.TrustedSource{}
	readSource(c, src)
	typed := *src
	if err := s.ed.content.SaveTrustedSource(c.Request.Context(), currentViewer(c).Actor, src); err != nil {
		s.renderForm(c, err, "sources", func(msg string) (any, error) { return s.sourcesData(c, &typed, msg) })
		return
	}
	seeOther(c, "/quan-tri/nguon-tin?ok=source")
}

type sourceEditPage struct {
	adminPage
	Form    sourceForm
	Message string
}

func (s *server) sourceOf(c *gin.Context) (*content.TrustedSource, bool) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return nil, false
	}
	list, err := s.ed.content.TrustedSources(c.Request.Context())
	if err != nil {
		s.editorialFail(c, err)
		return nil, false
	}
	for _, src := range list {
		if src.ID == id {
			return src, true
		}
	}
	s.editorialNotFound(c)
	return nil, false
}

func (s *server) renderSourceEdit(c *gin.Context, err error, src content.TrustedSource) {
	s.renderForm(c, err, "source_form", func(msg string) (any, error) {
		p := newAdminPage(c, "title_source_edit")
		return sourceEditPage{adminPage: p, Form: newSourceForm(p.Lang, src, fmt.Sprintf("/quan-tri/nguon-tin/%d", src.ID)), Message: msg}, nil
	})
}

func (s *server) sourceEdit(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	if src, ok := s.sourceOf(c); ok {
		s.renderSourceEdit(c, nil, *src)
	}
}

func (s *server) sourceSave(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	src, ok := s.sourceOf(c)
	if !ok {
		return
	}
	readSource(c, src)
	typed := *src
	if err := s.ed.content.SaveTrustedSource(c.Request.Context(), currentViewer(c).Actor, src); err != nil {
		s.renderSourceEdit(c, err, typed)
		return
	}
	seeOther(c, "/quan-tri/nguon-tin?ok=source")
}
