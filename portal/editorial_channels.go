package portal

import (
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// channelKinds are the kinds a channel may have, in the form's order; their
// labels are the messages "chkind_"+kind.
var channelKinds = []string{content.ChannelNews, content.ChannelPage, content.ChannelDocuments, content.ChannelDirectory,
	content.ChannelFeedback, content.ChannelData, content.ChannelLink}

type channelsPage struct {
	adminPage
	Portal   *content.Portal
	Channels []channelRow
	New      channelForm // the new-channel form
	Message  string
}

type channelRow struct {
	*content.Channel
	KindLabel, Href string
}

type channelForm struct {
	content.Channel
	Action string
	Kinds  []formOption
}

func newChannelForm(lang string, ch content.Channel, action string) channelForm {
	f := channelForm{Channel: ch, Action: action}
	for _, k := range channelKinds {
		f.Kinds = append(f.Kinds, formOption{Value: k, Label: labelIn(lang, "chkind_", k), Selected: k == ch.Kind})
	}
	return f
}

// readChannel reads the channel form into ch (its ID and portal kept).
func readChannel(c *gin.Context, ch *content.Channel) error {
	pos, err := formInt(c, "position", "Thứ tự", "Order")
	if err != nil {
		return err
	}
	ch.Slug, ch.NameVI, ch.NameEN = c.PostForm("slug"), c.PostForm("name_vi"), c.PostForm("name_en")
	ch.Kind, ch.Target, ch.Position = c.PostForm("kind"), c.PostForm("target"), int(pos)
	ch.Hidden = c.PostForm("visible") == ""
	return nil
}

func (s *server) portalOf(c *gin.Context) (*content.Portal, bool) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return nil, false
	}
	ps, err := s.ed.content.Portals(c.Request.Context())
	if err != nil {
		s.editorialFail(c, err)
		return nil, false
	}
	for _, p := range ps {
		if p.ID == id {
			return p, true
		}
	}
	s.editorialNotFound(c)
	return nil, false
}

func (s *server) channelsData(c *gin.Context, p *content.Portal, typed *content.Channel, msg string) (any, error) {
	chans, err := s.ed.content.Channels(c.Request.Context(), p.ID)
	if err != nil {
		return nil, err
	}
	action := fmt.Sprintf("/quan-tri/cong-thong-tin/%d/chuyen-muc", p.ID)
	lang := adminLang(c)
	page := &channelsPage{adminPage: newAdminPage(c, "title_channels", portalNameIn(lang, p)), Portal: p, Message: msg,
		New: newChannelForm(lang, content.Channel{Kind: content.ChannelNews, Position: len(chans) + 1}, action)}
	if typed != nil {
		page.New = newChannelForm(lang, *typed, action)
	}
	for _, ch := range chans {
		page.Channels = append(page.Channels, channelRow{Channel: ch, KindLabel: labelIn(lang, "chkind_", ch.Kind), Href: fmt.Sprintf("/quan-tri/chuyen-muc/%d", ch.ID)})
	}
	return page, nil
}

// channelsPage lists a portal's channels in menu order, with the form for
// a new one.
func (s *server) channelsPage(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	p, ok := s.portalOf(c)
	if !ok {
		return
	}
	s.renderForm(c, nil, "channels", func(string) (any, error) { return s.channelsData(c, p, nil, "") })
}

func (s *server) channelCreate(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	p, ok := s.portalOf(c)
	if !ok {
		return
	}
	ch := &content.Channel{PortalID: p.ID}
	err := readChannel(c, ch)
	typed := *ch
	if err == nil {
		err = s.ed.content.SaveChannel(c.Request.Context(), currentViewer(c).Actor, ch)
	}
	if err != nil {
		s.renderForm(c, err, "channels", func(msg string) (any, error) { return s.channelsData(c, p, &typed, msg) })
		return
	}
	seeOther(c, fmt.Sprintf("/quan-tri/cong-thong-tin/%d/chuyen-muc?ok=channel", p.ID))
}

type channelEditPage struct {
	adminPage
	Portal  *content.Portal
	Form    channelForm
	Back    string
	Message string
}

func (s *server) channelOf(c *gin.Context) (*content.Channel, *content.Portal, bool) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return nil, nil, false
	}
	n, err := s.loadNames(c.Request.Context())
	if err != nil {
		s.editorialFail(c, err)
		return nil, nil, false
	}
	ch := n.channels[id]
	if ch == nil {
		s.editorialNotFound(c)
		return nil, nil, false
	}
	return ch, n.portals[ch.PortalID], true
}

func (s *server) renderChannelEdit(c *gin.Context, err error, p *content.Portal, ch content.Channel) {
	s.renderForm(c, err, "channel_form", func(msg string) (any, error) {
		lang := adminLang(c)
		name := strings.TrimSpace(ch.NameVI)
		if en := strings.TrimSpace(ch.NameEN); lang == "en" && en != "" {
			name = en
		}
		return channelEditPage{adminPage: newAdminPage(c, "title_channel_edit", name), Portal: p,
			Form: newChannelForm(lang, ch, fmt.Sprintf("/quan-tri/chuyen-muc/%d", ch.ID)),
			Back: fmt.Sprintf("/quan-tri/cong-thong-tin/%d/chuyen-muc", p.ID), Message: msg}, nil
	})
}

func (s *server) channelEdit(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	ch, p, ok := s.channelOf(c)
	if !ok {
		return
	}
	s.renderChannelEdit(c, nil, p, *ch)
}

func (s *server) channelSave(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	ch, p, ok := s.channelOf(c)
	if !ok {
		return
	}
	err := readChannel(c, ch)
	typed := *ch
	if err == nil {
		err = s.ed.content.SaveChannel(c.Request.Context(), currentViewer(c).Actor, ch)
	}
	if err != nil {
		s.renderChannelEdit(c, err, p, typed)
		return
	}
	seeOther(c, fmt.Sprintf("/quan-tri/cong-thong-tin/%d/chuyen-muc?ok=channel", p.ID))
}
