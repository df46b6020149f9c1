package portal

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

type directoryPage struct {
	adminPage
	// Review: generated addresses that collided and got a number, waiting
	// for the office to confirm they are the people's real addresses.
	Review  []staffRow
	Units   []unitRow
	NewUnit unitRow
	Staff   []staffRow
	New     staffForm
	Message string
	Example string // the convention, worked through
}

type unitRow struct {
	content.StaffUnit
	Depth   int
	Action  string
	Parents []formOption
	Message string
}

type staffRow struct {
	*content.Staff
	Unit, Href, Confirm string
}

type staffForm struct {
	content.Staff
	Action string
	Units  []formOption
}

// unitTree orders units as a tree (parents first, then their units, by
// position), with each unit's depth.
func unitTree(units []*content.StaffUnit) ([]*content.StaffUnit, map[int64]int) {
	children := map[int64][]*content.StaffUnit{}
	known := map[int64]bool{}
	for _, u := range units {
		known[u.ID] = true
	}
	for _, u := range units {
		p := u.ParentID
		if !known[p] {
			p = 0
		}
		children[p] = append(children[p], u)
	}
	var out []*content.StaffUnit
	depth := map[int64]int{}
	var walk func(p int64, d int)
	walk = func(p int64, d int) {
		for _, u := range children[p] {
			if _, seen := depth[u.ID]; seen {
				continue
			}
			depth[u.ID] = d
			out = append(out, u)
			walk(u.ID, d+1)
		}
	}
	walk(0, 0)
	return out, depth
}

func unitOptions(units []*content.StaffUnit, depth map[int64]int, selected, except int64, none string) []formOption {
	opts := []formOption{{Value: "0", Label: none, Selected: selected == 0}}
	for _, u := range units {
		if u.ID == except {
			continue
		}
		opts = append(opts, formOption{Value: strconv.FormatInt(u.ID, 10), Label: strings.Repeat("— ", depth[u.ID]) + u.Name, Selected: u.ID == selected})
	}
	return opts
}

// directoryData builds the directory page; typedUnit and typedStaff (when
// not nil) are forms the service refused, shown again with msg.
func (s *server) directoryData(c *gin.Context, typedUnit *content.StaffUnit, typedStaff *content.Staff, msg string) (any, error) {
	units, staff, err := s.ed.content.Directory(c.Request.Context())
	if err != nil {
		return nil, err
	}
	tree, depth := unitTree(units)
	names := map[int64]string{}
	for _, u := range units {
		names[u.ID] = u.Name
	}
	example, _ := content.StaffEmail("Đặng Xuân Phong", 1)
	p := &directoryPage{adminPage: newAdminPage(c, "title_directory"), Example: example}
	for _, u := range tree {
		r := unitRow{StaffUnit: *u, Depth: depth[u.ID], Action: fmt.Sprintf("/quan-tri/danh-ba/don-vi/%d", u.ID)}
		if typedUnit != nil && typedUnit.ID == u.ID {
			r.StaffUnit, r.Message = *typedUnit, msg
		}
		r.Parents = unitOptions(tree, depth, r.ParentID, u.ID, at(p.Lang, "dir_top_unit"))
		p.Units = append(p.Units, r)
	}
	p.NewUnit = unitRow{Action: "/quan-tri/danh-ba/don-vi", StaffUnit: content.StaffUnit{Position: len(units) + 1}}
	if typedUnit != nil && typedUnit.ID == 0 {
		p.NewUnit.StaffUnit, p.NewUnit.Message = *typedUnit, msg
	}
	p.NewUnit.Parents = unitOptions(tree, depth, p.NewUnit.ParentID, 0, at(p.Lang, "dir_top_unit"))
	for _, st := range staff {
		r := staffRow{Staff: st, Unit: names[st.UnitID], Href: fmt.Sprintf("/quan-tri/danh-ba/can-bo/%d", st.ID)}
		if st.EmailReview {
			r.Confirm = r.Href + "/xac-nhan"
			p.Review = append(p.Review, r)
		}
		p.Staff = append(p.Staff, r)
	}
	nf := content.Staff{}
	if typedStaff != nil {
		nf, p.Message = *typedStaff, msg
	}
	p.New = staffForm{Staff: nf, Action: "/quan-tri/danh-ba/can-bo", Units: unitOptions(tree, depth, nf.UnitID, 0, at(p.Lang, "dir_no_unit"))}
	return p, nil
}

// directoryPage: the organisation units and the staff, with the addresses
// the convention generated; those that collided are listed first for the
// office to confirm.
func (s *server) directoryPage(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	s.renderForm(c, nil, "directory", func(string) (any, error) { return s.directoryData(c, nil, nil, "") })
}

func readUnit(c *gin.Context, u *content.StaffUnit) error {
	parent, err := formInt(c, "parent", "Đơn vị cấp trên", "Parent unit")
	if err != nil {
		return err
	}
	pos, err := formInt(c, "position", "Thứ tự", "Order")
	if err != nil {
		return err
	}
	u.Name, u.Phone, u.Email, u.ParentID, u.Position = c.PostForm("name"), c.PostForm("phone"), c.PostForm("email"), parent, int(pos)
	return nil
}

func (s *server) saveUnit(c *gin.Context, u *content.StaffUnit) {
	err := readUnit(c, u)
	typed := *u
	if err == nil {
		err = s.ed.content.SaveStaffUnit(c.Request.Context(), currentViewer(c).Actor, u)
	}
	if err != nil {
		s.renderForm(c, err, "directory", func(msg string) (any, error) { return s.directoryData(c, &typed, nil, msg) })
		return
	}
	seeOther(c, "/quan-tri/danh-ba?ok=unit")
}

func (s *server) unitCreate(c *gin.Context) {
	if s.officeOnly(c) {
		s.saveUnit(c, &content.StaffUnit{})
	}
}

func (s *server) unitSave(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	if !s.officeOnly(c) {
		return
	}
	units, _, err := s.ed.content.Directory(c.Request.Context())
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	for _, u := range units {
		if u.ID == id {
			s.saveUnit(c, u)
			return
		}
	}
	s.editorialNotFound(c)
}

func readStaff(c *gin.Context) (content.StaffInput, error) {
	unit, err := formInt(c, "unit", "Đơn vị", "Unit")
	if err != nil {
		return content.StaffInput{}, err
	}
	pos, err := formInt(c, "position", "Thứ tự", "Order")
	if err != nil {
		return content.StaffInput{}, err
	}
	return content.StaffInput{UnitID: unit, FullName: c.PostForm("full_name"), Title: c.PostForm("title"),
		Phone: c.PostForm("phone"), Email: c.PostForm("email"), Position: int(pos)}, nil
}

func typedStaff(in content.StaffInput, id int64) *content.Staff {
	return &content.Staff{ID: id, UnitID: in.UnitID, FullName: in.FullName, Title: in.Title, Phone: in.Phone, Email: in.Email, Position: in.Position}
}

// staffCreate adds a person; a blank address is generated by the
// convention, and the person's page shows it (and asks for a confirmation
// when it collided with another).
func (s *server) staffCreate(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	in, err := readStaff(c)
	var st *content.Staff
	if err == nil {
		st, err = s.ed.content.CreateStaff(c.Request.Context(), currentViewer(c).Actor, in)
	}
	if err != nil {
		s.renderForm(c, err, "directory", func(msg string) (any, error) { return s.directoryData(c, nil, typedStaff(in, 0), msg) })
		return
	}
	seeOther(c, fmt.Sprintf("/quan-tri/danh-ba/can-bo/%d?ok=staff_create", st.ID))
}

type staffEditPage struct {
	adminPage
	Form    staffForm
	Saved   *content.Staff // as stored: the address and its flags
	Confirm string
	Message string
}

func (s *server) staffOf(c *gin.Context) (*content.Staff, []*content.StaffUnit, bool) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return nil, nil, false
	}
	units, staff, err := s.ed.content.Directory(c.Request.Context())
	if err != nil {
		s.editorialFail(c, err)
		return nil, nil, false
	}
	for _, st := range staff {
		if st.ID == id {
			return st, units, true
		}
	}
	s.editorialNotFound(c)
	return nil, nil, false
}

func (s *server) renderStaffEdit(c *gin.Context, err error, saved *content.Staff, typed content.Staff, units []*content.StaffUnit) {
	s.renderForm(c, err, "staff_form", func(msg string) (any, error) {
		tree, depth := unitTree(units)
		href := fmt.Sprintf("/quan-tri/danh-ba/can-bo/%d", saved.ID)
		p := staffEditPage{adminPage: newAdminPage(c, "plain", saved.FullName), Saved: saved, Message: msg}
		p.Form = staffForm{Staff: typed, Action: href, Units: unitOptions(tree, depth, typed.UnitID, 0, at(p.Lang, "dir_no_unit"))}
		if saved.EmailReview {
			p.Confirm = href + "/xac-nhan"
		}
		return p, nil
	})
}

func (s *server) staffEdit(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	if st, units, ok := s.staffOf(c); ok {
		s.renderStaffEdit(c, nil, st, *st, units)
	}
}

func (s *server) staffSave(c *gin.Context) {
	if !s.officeOnly(c) {
		return
	}
	st, units, ok := s.staffOf(c)
	if !ok {
		return
	}
	in, err := readStaff(c)
	if err == nil {
		_, err = s.ed.content.UpdateStaff(c.Request.Context(), currentViewer(c).Actor, st.ID, in)
	}
	if err != nil {
		s.renderStaffEdit(c, err, st, *typedStaff(in, st.ID), units)
		return
	}
	seeOther(c, fmt.Sprintf("/quan-tri/danh-ba/can-bo/%d?ok=staff", st.ID))
}

func (s *server) staffConfirm(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		s.editorialNotFound(c)
		return
	}
	if !s.officeOnly(c) {
		return
	}
	if _, err := s.ed.content.ConfirmStaffEmail(c.Request.Context(), currentViewer(c).Actor, id); err != nil {
		s.editorialFail(c, err)
		return
	}
	seeOther(c, fmt.Sprintf("/quan-tri/danh-ba/can-bo/%d?ok=staff_confirm", id))
}
