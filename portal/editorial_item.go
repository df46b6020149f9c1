package portal

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// names resolves ids to what pages show: portals, channels, account names.
type names struct {
	portals  map[int64]*content.Portal
	channels map[int64]*content.Channel
	order    []*content.Channel // menu order, every portal
	accounts map[int64]string
	sources  map[int64]*content.TrustedSource
	lang     string // of the page: portal and channel names in English where they have one
}

func (s *server) loadNames(ctx context.Context, accountIDs ...int64) (*names, error) {
	n := &names{portals: map[int64]*content.Portal{}, channels: map[int64]*content.Channel{},
		accounts: map[int64]string{}, sources: map[int64]*content.TrustedSource{}, lang: langOf(ctx)}
	err := s.ed.content.Store.View(ctx, func(tx content.Tx) error {
		ps, err := tx.Portals()
		if err != nil {
			return err
		}
		for _, p := range ps {
			n.portals[p.ID] = p
		}
		if n.order, err = tx.Channels(0); err != nil {
			return err
		}
		for _, ch := range n.order {
			n.channels[ch.ID] = ch
		}
		srcs, err := tx.TrustedSources()
		if err != nil {
			return err
		}
		for _, src := range srcs {
			n.sources[src.ID] = src
		}
		for _, id := range accountIDs {
			if _, done := n.accounts[id]; done || id == 0 {
				continue
			}
			a, err := tx.Account(id)
			if content.ErrorCode(err) == content.ENOTFOUND {
				continue
			} else if err != nil {
				return err
			}
			n.accounts[id] = a.Name
		}
		return nil
	})
	return n, err
}

func (n *names) channel(id int64) string {
	if ch := n.channels[id]; ch != nil {
		return n.channelName(ch)
	}
	return ""
}

func (n *names) portal(id int64) string {
	if p := n.portals[id]; p != nil {
		return n.portalName(p)
	}
	return ""
}

// channelName and portalName are the names in the page's language; the
// Vietnamese name stands in for a missing English one.
func (n *names) channelName(ch *content.Channel) string {
	if n.lang == "en" && strings.TrimSpace(ch.NameEN) != "" {
		return ch.NameEN
	}
	return ch.NameVI
}

func (n *names) portalName(p *content.Portal) string {
	if n.lang == "en" && strings.TrimSpace(p.NameEN) != "" {
		return p.NameEN
	}
	return p.NameVI
}

// itemRow is an item in a list of the editorial pages.
type itemRow struct {
	*content.Item
	Href    string
	Channel string
	Portal  string
	Author  string
}

func (n *names) rows(items []*content.Item) []itemRow {
	out := make([]itemRow, 0, len(items))
	for _, it := range items {
		out = append(out, itemRow{Item: it, Href: itemHref(it.ID), Channel: n.channel(it.ChannelID),
			Portal: n.portal(it.PortalID), Author: n.accounts[it.AuthorID]})
	}
	return out
}

func itemHref(id int64) string { return fmt.Sprintf("/quan-tri/bai-viet/%d", id) }

// ---- worklist

type worklistPage struct {
	adminPage
	Mine, Review  []itemRow
	Notifications []*content.Notification
}

// worklist is what waits for the viewer: their unpublished items (with the
// reason of any rejection), the items to review in their channels, and
// unread notifications.
func (s *server) worklist(c *gin.Context) {
	ctx, v := c.Request.Context(), currentViewer(c)
	mine, review, err := s.ed.content.Worklist(ctx, v.Actor)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	notes, err := s.ed.content.Notifications(ctx, v.Actor, true)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	var authors []int64
	for _, it := range append(slices.Clone(mine), review...) {
		authors = append(authors, it.AuthorID)
	}
	n, err := s.loadNames(ctx, authors...)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	s.renderAdmin(c, http.StatusOK, "worklist", worklistPage{adminPage: newAdminPage(c, "title_worklist"),
		Mine: n.rows(mine), Review: n.rows(review), Notifications: notes})
}

func (s *server) notificationRead(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	if err := s.ed.content.MarkNotificationRead(c.Request.Context(), currentViewer(c).Actor, id); err != nil {
		s.editorialFail(c, err)
		return
	}
	seeOther(c, "/quan-tri/")
}

// ---- one item

type itemPage struct {
	adminPage
	Item                           *content.Item
	Channel, Portal                string
	Author, RevisedBy, ApprovedBy  string
	Source                         *content.TrustedSource
	Body                           template.HTML
	CanEdit                        bool
	Actions                        []actionForm
	Revisions                      []*content.Revision
	PublicHref                     string
	ScheduleMin                    string
	NeedsApprovalOfCurrentRevision bool
	Cover                          *content.Attachment
	Files                          []*content.Attachment
	Flagged                        int  // attachments not in an open format
	CanRemoveFiles                 bool // a draft the viewer may edit
	CanRoyalty                     bool // administrators record royalties of published items
}

// actionForm is one button of the item page: only actions content.Can
// allows the viewer now are shown (the server checks again on POST).
type actionForm struct {
	Action   content.Action
	Label    string
	Path     string
	Reason   bool // needs a reason (reject, send back)
	Time     bool // needs a time (schedule)
	Revision int  // the revision read (approve, schedule)
}

func (s *server) itemView(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	ctx, v := c.Request.Context(), currentViewer(c)
	it, err := s.ed.content.ViewItem(ctx, v.Actor, id)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	if it.State == content.StatePublished && !content.CanView(v.Account, it) {
		// Anyone may read a published item, but its editorial page is for
		// the people who may work on it.
		s.editorialFail(c, content.Errorf(content.ENOTFOUND, "Không tìm thấy bài %d", "Item %d not found", id))
		return
	}
	revs, err := s.ed.content.Revisions(ctx, v.Actor, id)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	n, err := s.loadNames(ctx, it.AuthorID, it.RevisedBy, it.ApprovedBy)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	p := itemPage{adminPage: newAdminPage(c, "plain", it.Title), Item: it, Channel: n.channel(it.ChannelID), Portal: n.portal(it.PortalID),
		Author: n.accounts[it.AuthorID], RevisedBy: n.accounts[it.RevisedBy], ApprovedBy: n.accounts[it.ApprovedBy],
		Source: n.sources[it.SourceID], Body: renderMarkdown(it.Body), Revisions: revs,
		ScheduleMin: inputICT(time.Now().Add(5 * time.Minute))}
	slices.Reverse(p.Revisions) // newest first
	if p.Cover, p.Files, err = s.itemFiles(c, it.CoverID, it.Attachments); err != nil {
		s.editorialFail(c, err)
		return
	}
	for _, f := range p.Files {
		if f.Flagged {
			p.Flagged++
		}
	}
	p.CanRoyalty = v.Account.Has(content.RoleAdministrator) && !it.PublishedAt.IsZero()
	for _, act := range content.Allowed(v.Account, it) {
		if act == content.ActionEdit {
			p.CanEdit = true
			p.CanRemoveFiles = it.State == content.StateDraft
			continue
		}
		f := actionForm{Action: act, Label: labelIn(p.Lang, "action_", string(act)), Path: fmt.Sprintf("%s/%s", itemHref(id), act)}
		switch act {
		case content.ActionReject, content.ActionSendBack:
			f.Reason = true
		case content.ActionSchedule:
			f.Time, f.Revision = true, it.CurrentRevision
		case content.ActionApprove:
			f.Revision = it.CurrentRevision
		}
		p.Actions = append(p.Actions, f)
	}
	if it.State == content.StatePublished {
		p.PublicHref = s.articlePath(n.portals[it.PortalID], it, "vi")
	}
	s.renderAdmin(c, http.StatusOK, "item", p)
}

// itemAction runs one workflow transition. The service checks the
// permission in the transaction that makes the change; a refusal is
// answered 403 and written to the audit log.
func (s *server) itemAction(act content.Action) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := idParam(c, "id")
		if !ok {
			s.editorialNotFound(c)
			return
		}
		ctx, actor, svc := c.Request.Context(), currentViewer(c).Actor, s.ed.content
		revision, _ := strconv.Atoi(c.PostForm("revision"))
		var err error
		switch act {
		case content.ActionSubmit:
			_, err = svc.Submit(ctx, actor, id)
		case content.ActionWithdraw:
			_, err = svc.Withdraw(ctx, actor, id)
		case content.ActionApprove:
			_, err = svc.Approve(ctx, actor, id, revision)
		case content.ActionReject:
			_, err = svc.Reject(ctx, actor, id, c.PostForm("reason"))
		case content.ActionSchedule:
			var at time.Time
			if at, err = parseICT(c.PostForm("at")); err == nil {
				_, err = svc.Schedule(ctx, actor, id, revision, at)
			}
		case content.ActionUnschedule:
			_, err = svc.Unschedule(ctx, actor, id)
		case content.ActionPublish:
			_, err = svc.Publish(ctx, actor, id)
		case content.ActionSendBack:
			_, err = svc.SendBack(ctx, actor, id, c.PostForm("reason"))
		case content.ActionArchive:
			_, err = svc.Archive(ctx, actor, id)
		case content.ActionPublishDirect:
			_, err = svc.PublishDirect(ctx, actor, id)
		default:
			err = content.Errorf(content.EINVALID, "Thao tác không hợp lệ", "Unknown action")
		}
		if err != nil {
			if content.ErrorCode(err) == content.EFORBIDDEN {
				if aerr := svc.RecordAudit(ctx, actor, "item.denied", "item", id,
					string(act)+": "+content.ErrorMessage(err, "en")); aerr != nil {
					s.log.Error("audit refusal", "err", aerr)
				}
			}
			s.editorialFail(c, err)
			return
		}
		seeOther(c, fmt.Sprintf("%s?ok=%s", itemHref(id), act))
	}
}

// ---- the item form

type itemFormPage struct {
	adminPage
	Action   string // where the form posts
	Item     *content.Item
	Base     int
	In       itemForm
	Portals  []channelGroup
	Sources  []formOption
	Kinds    []formOption
	Langs    []formOption
	Message  string
	IsNew    bool
	CanTrust bool // administrators: the trusted-source fields
	// The files the form carries, and the limits the form states.
	Cover            *content.Attachment
	Files            []*content.Attachment
	MaxFile, MaxBody string
}

type itemForm struct {
	ChannelID                        int64
	Kind, Title, Summary, Body, Tags string
	Lang, SourceURL, Note            string
	SourceID                         int64
	// Files: the cover (with its text alternative) and the attachments the
	// form carries; files uploaded with a form that is shown again (an
	// error) stay in it.
	CoverID     int64
	CoverAlt    string
	RemoveCover bool
	Attachments []int64
}

type channelGroup struct {
	Name     string
	Channels []formOption
}

type formOption struct {
	Value, Label string
	Selected     bool
}

func formOf(it *content.Item) itemForm {
	return itemForm{ChannelID: it.ChannelID, Kind: it.Kind, Title: it.Title, Summary: it.Summary, Body: it.Body,
		Tags: strings.Join(it.Tags, ", "), Lang: it.Lang, SourceID: it.SourceID, SourceURL: it.SourceURL,
		CoverID: it.CoverID, CoverAlt: it.CoverAlt, Attachments: slices.Clone(it.Attachments)}
}

func readItemForm(c *gin.Context) itemForm {
	ch, _ := strconv.ParseInt(c.PostForm("channel"), 10, 64)
	src, _ := strconv.ParseInt(c.PostForm("source"), 10, 64)
	cover, _ := strconv.ParseInt(c.PostForm("cover"), 10, 64)
	f := itemForm{ChannelID: ch, Kind: c.PostForm("kind"), Title: c.PostForm("title"), Summary: c.PostForm("summary"),
		Body: c.PostForm("body"), Tags: c.PostForm("tags"), Lang: c.PostForm("lang"), SourceID: src,
		SourceURL: c.PostForm("source_url"), Note: c.PostForm("note"),
		CoverID: cover, CoverAlt: c.PostForm("cover_alt"), RemoveCover: c.PostForm("cover_remove") != ""}
	for _, v := range c.PostFormArray("attachment") {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			f.Attachments = append(f.Attachments, id)
		}
	}
	return f
}

func (f itemForm) input() content.ItemInput {
	var tags []string
	for _, t := range strings.Split(f.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	in := content.ItemInput{ChannelID: f.ChannelID, Kind: f.Kind, Title: f.Title, Summary: f.Summary, Body: f.Body,
		Tags: tags, Lang: f.Lang, SourceID: f.SourceID, SourceURL: f.SourceURL, Note: f.Note,
		CoverID: f.CoverID, CoverAlt: f.CoverAlt, Attachments: f.Attachments}
	if f.RemoveCover {
		in.CoverID, in.CoverAlt = 0, ""
	}
	return in
}

// takeItemUploads stores the files sent with the item form: a new cover
// (a PNG, JPEG or WebP image by its content, checked before anything is
// stored) and attachments of any format (the service flags those that are
// not open formats). Their ids join the form, so that a form shown again
// with an error keeps them.
func (s *server) takeItemUploads(c *gin.Context, in *itemForm) error {
	covers := uploadsOf(c, "cover_file")
	if len(covers) > 1 {
		return content.Errorf(content.EINVALID, "Chỉ một ảnh đại diện", "One cover image only")
	}
	for _, f := range covers {
		switch f.Format {
		case content.FormatPNG, content.FormatJPEG, content.FormatWebP:
		default:
			return content.Errorf(content.EINVALID, "Ảnh đại diện “%s” không phải ảnh PNG, JPEG hay WebP (nội dung tệp là %s)",
				"The cover “%s” is not a PNG, JPEG or WebP image (its content is %s)", f.Name, f.Format)
		}
	}
	for _, f := range uploadsOf(c, "attachment_file") {
		att, err := s.store(c, f)
		if err != nil {
			return err
		}
		in.Attachments = append(in.Attachments, att.ID)
	}
	for _, f := range covers {
		att, err := s.store(c, f)
		if err != nil {
			return err
		}
		in.CoverID, in.RemoveCover = att.ID, false
	}
	return nil
}

// renderItemForm shows the form for a new item (it nil) or a new revision.
func (s *server) renderItemForm(c *gin.Context, status int, it *content.Item, in itemForm, base int, msg string) {
	n, err := s.loadNames(c.Request.Context())
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	v := currentViewer(c)
	p := itemFormPage{adminPage: newAdminPage(c, "title_item_new"), Action: "/quan-tri/bai-viet", Item: it, Base: base, In: in,
		Message: msg, IsNew: it == nil, CanTrust: v.Account.Has(content.RoleAdministrator) || in.SourceID != 0,
		MaxFile: megabytes(s.ed.content.Files.Limit()), MaxBody: megabytes(s.ed.maxUploadBody)}
	if p.Cover, p.Files, err = s.itemFiles(c, in.CoverID, in.Attachments); err != nil {
		s.editorialFail(c, err)
		return
	}
	if it != nil {
		p.Title, p.Action = at(p.Lang, "title_item_edit", it.Title), itemHref(it.ID)+"/sua"
	}
	// Channels that take items, grouped by portal; once out of draft an item
	// stays in its portal.
	for _, pid := range sortedPortalIDs(n) {
		if it != nil && it.State != content.StateDraft && pid != it.PortalID {
			continue
		}
		g := channelGroup{Name: n.portalName(n.portals[pid])}
		for _, ch := range n.order {
			if ch.PortalID == pid && (ch.Kind == content.ChannelNews || ch.Kind == content.ChannelPage) {
				g.Channels = append(g.Channels, formOption{Value: strconv.FormatInt(ch.ID, 10), Label: n.channelName(ch), Selected: ch.ID == in.ChannelID})
			}
		}
		p.Portals = append(p.Portals, g)
	}
	p.Sources = []formOption{{Value: "0", Label: at(p.Lang, "item_own_source"), Selected: in.SourceID == 0}}
	for _, src := range sortedSources(n) {
		if src.Active || src.ID == in.SourceID {
			p.Sources = append(p.Sources, formOption{Value: strconv.FormatInt(src.ID, 10), Label: src.Name, Selected: src.ID == in.SourceID})
		}
	}
	for _, k := range []string{content.KindNews, content.KindPressRelease, content.KindPage} {
		p.Kinds = append(p.Kinds, formOption{Value: k, Label: at(p.Lang, "kind_"+k), Selected: in.Kind == k})
	}
	for _, l := range adminLangs {
		p.Langs = append(p.Langs, formOption{Value: l, Label: at(p.Lang, "item_lang_"+l), Selected: in.Lang == l || (in.Lang == "" && l == "vi")})
	}
	s.renderAdmin(c, status, "item_form", p)
}

func sortedPortalIDs(n *names) []int64 {
	ids := make([]int64, 0, len(n.portals))
	for id := range n.portals {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func sortedSources(n *names) []*content.TrustedSource {
	out := make([]*content.TrustedSource, 0, len(n.sources))
	for _, src := range n.sources {
		out = append(out, src)
	}
	slices.SortFunc(out, func(a, b *content.TrustedSource) int { return int(a.ID - b.ID) })
	return out
}

func (s *server) itemNew(c *gin.Context) {
	if err := content.Can(currentViewer(c).Account, content.ActionCreate, nil); err != nil {
		s.editorialFail(c, err)
		return
	}
	in := itemForm{Kind: content.KindNews, Lang: "vi"}
	in.ChannelID, _ = strconv.ParseInt(c.Query("channel"), 10, 64)
	s.renderItemForm(c, http.StatusOK, nil, in, 0, "")
}

// formFail shows the form again with the editor's text and the message for
// an error they can fix; other errors get the error page.
func (s *server) formFail(c *gin.Context, err error, it *content.Item, in itemForm, base int) {
	switch content.ErrorCode(err) {
	case content.EINVALID, content.ECONFLICT:
		status := http.StatusUnprocessableEntity
		if content.ErrorCode(err) == content.ECONFLICT {
			status = http.StatusConflict
		}
		s.renderItemForm(c, status, it, in, base, errorIn(adminLang(c), err))
	default:
		s.editorialFail(c, err)
	}
}

func (s *server) itemCreate(c *gin.Context) {
	in := readItemForm(c)
	if err := s.takeItemUploads(c, &in); err != nil {
		s.formFail(c, err, nil, in, 0)
		return
	}
	it, err := s.ed.content.CreateItem(c.Request.Context(), currentViewer(c).Actor, in.input())
	if err != nil {
		s.formFail(c, err, nil, in, 0)
		return
	}
	seeOther(c, itemHref(it.ID)+"?ok=create")
}

func (s *server) itemEdit(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	v := currentViewer(c)
	it, err := s.ed.content.ViewItem(c.Request.Context(), v.Actor, id)
	if err == nil {
		err = content.Can(v.Account, content.ActionEdit, it)
	}
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	s.renderItemForm(c, http.StatusOK, it, formOf(it), it.CurrentRevision, "")
}

// itemSave saves a new revision. base is the revision the editor opened:
// a save in between is a conflict, shown with the editor's text kept.
func (s *server) itemSave(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	ctx, v := c.Request.Context(), currentViewer(c)
	in := readItemForm(c)
	base, _ := strconv.Atoi(c.PostForm("base"))
	err := s.takeItemUploads(c, &in)
	if err == nil {
		_, err = s.ed.content.SaveItem(ctx, v.Actor, id, base, in.input())
	}
	if err != nil {
		it, verr := s.ed.content.ViewItem(ctx, v.Actor, id)
		if verr != nil {
			s.editorialFail(c, verr)
			return
		}
		s.formFail(c, err, it, in, base)
		return
	}
	seeOther(c, itemHref(id)+"?ok=save")
}

// ---- revisions

type revisionsPage struct {
	adminPage
	Item      *content.Item
	Revisions []revisionRow
	A, B      int
	Diff      []content.DiffLine
	Changed   bool
}

type revisionRow struct {
	*content.Revision
	By   string
	Href string // diff against the previous revision
}

// itemRevisions lists the revisions and shows the line diff between two of
// them (?a=&b=; default: the previous and the current).
func (s *server) itemRevisions(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	ctx, v := c.Request.Context(), currentViewer(c)
	it, err := s.ed.content.ViewItem(ctx, v.Actor, id)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	revs, err := s.ed.content.Revisions(ctx, v.Actor, id)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	b, errB := strconv.Atoi(c.DefaultQuery("b", strconv.Itoa(it.CurrentRevision)))
	a, errA := strconv.Atoi(c.DefaultQuery("a", strconv.Itoa(max(b-1, 1))))
	if errA != nil || errB != nil || a < 1 || b < 1 || a > it.CurrentRevision || b > it.CurrentRevision {
		s.fail(c, invalid("Số phiên bản không hợp lệ", "Not a revision number"))
		return
	}
	diff, err := s.ed.content.DiffRevisions(ctx, v.Actor, id, a, b)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	var by []int64
	for _, r := range revs {
		by = append(by, r.AuthorID)
	}
	n, err := s.loadNames(ctx, by...)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	p := revisionsPage{adminPage: newAdminPage(c, "title_revisions", it.Title), Item: it, A: a, B: b, Diff: diff}
	for i := len(revs) - 1; i >= 0; i-- {
		r := revs[i]
		row := revisionRow{Revision: r, By: n.accounts[r.AuthorID]}
		if r.Number > 1 {
			row.Href = fmt.Sprintf("%s/phien-ban?a=%d&b=%d", itemHref(id), r.Number-1, r.Number)
		}
		p.Revisions = append(p.Revisions, row)
	}
	for _, l := range diff {
		if l.Op != content.DiffSame {
			p.Changed = true
			break
		}
	}
	s.renderAdmin(c, http.StatusOK, "revisions", p)
}

// itemFiles loads the rows of an item's cover and attachments.
func (s *server) itemFiles(c *gin.Context, cover int64, ids []int64) (*content.Attachment, []*content.Attachment, error) {
	files, err := s.ed.content.Attachments(c.Request.Context(), ids...)
	if err != nil || cover == 0 {
		return nil, files, err
	}
	cv, err := s.ed.content.Attachments(c.Request.Context(), cover)
	if err != nil || len(cv) == 0 {
		return nil, files, err
	}
	return cv[0], files, nil
}

// itemRemoveFile takes an attachment or the cover off a draft (a new
// revision).
func (s *server) itemRemoveFile(c *gin.Context) {
	id, ok := idParam(c, "id")
	att, err := strconv.ParseInt(c.PostForm("tep"), 10, 64)
	if !ok || err != nil || att <= 0 {
		s.editorialNotFound(c)
		return
	}
	if _, err := s.ed.content.RemoveAttachment(c.Request.Context(), currentViewer(c).Actor, id, att); err != nil {
		s.editorialFail(c, err)
		return
	}
	seeOther(c, itemHref(id)+"?ok=remove_file")
}
