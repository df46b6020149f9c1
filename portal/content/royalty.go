package content

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
)

// ICT is the time zone the portals show (UTC+7, no daylight saving).
var ICT = time.FixedZone("ICT", 7*3600)

// MonthOf is the month ("2026-03") of t in ICT.
func MonthOf(t time.Time) string { return t.In(ICT).Format("2006-01") }

// MonthRange is [from, to) in UTC of a month "2026-03" in ICT.
func MonthRange(month string) (from, to time.Time, err error) {
	t, err := time.ParseInLocation("2006-01", month, ICT)
	if err != nil {
		return from, to, Errorf(EINVALID, "Tháng phải có dạng 2026-03, không phải %q", "The month must look like 2026-03, not %q", month)
	}
	return t.UTC(), t.AddDate(0, 1, 0).UTC(), nil
}

// RoyaltyInput records a royalty for a published item.
type RoyaltyInput struct {
	ItemID      int64
	CategoryID  int64
	Recipient   string // default: the item's author's name
	AccountID   int64
	Coefficient float64
	Note        string
}

// AddRoyalty records a royalty line (administrators): the category's base
// amount × the coefficient, for a published item, in the month of its
// publication.
func (s *Service) AddRoyalty(ctx context.Context, actor Actor, in RoyaltyInput) (*Royalty, error) {
	if !(in.Coefficient > 0 && in.Coefficient <= 100) || math.IsNaN(in.Coefficient) {
		return nil, invalid("Hệ số phải lớn hơn 0 và không quá 100", "The coefficient must be above 0 and at most 100")
	}
	var r *Royalty
	err := s.Store.Update(ctx, func(tx Tx) error {
		a, err := administrator(tx, actor)
		if err != nil {
			return err
		}
		it, err := tx.Item(in.ItemID)
		if err != nil {
			return err
		}
		if it.PublishedAt.IsZero() {
			return invalid("Chỉ tính nhuận bút cho bài đã đăng", "Royalties are for published items only")
		}
		cat, err := tx.RoyaltyCategory(in.CategoryID)
		if err != nil {
			return err
		}
		if !cat.Active {
			return Errorf(EINVALID, "Loại %q không còn dùng", "Category %q is no longer used", cat.Name)
		}
		recipient := strings.TrimSpace(in.Recipient)
		accountID := in.AccountID
		if recipient == "" {
			author, err := tx.Account(it.AuthorID)
			if err != nil {
				return err
			}
			recipient, accountID = author.Name, author.ID
		}
		r = &Royalty{ItemID: it.ID, CategoryID: cat.ID, Recipient: recipient, AccountID: accountID,
			Coefficient: in.Coefficient, BaseAmount: cat.BaseAmount,
			Amount: int64(math.Round(float64(cat.BaseAmount) * in.Coefficient)),
			Month:  MonthOf(it.PublishedAt), Note: strings.TrimSpace(in.Note), CreatedAt: s.now()}
		if a != nil {
			r.CreatedBy = a.ID
		}
		if err := tx.CreateRoyalty(r); err != nil {
			return err
		}
		return Audit(tx, actor, a, r.CreatedAt, "royalty.add", "item", it.ID,
			fmt.Sprintf("%s: %s × %g = %d VND (%s)", recipient, cat.Name, in.Coefficient, r.Amount, r.Month))
	})
	return r, err
}

// RoyaltySummary is the month's royalties per recipient and category
// (administrators and the director).
func (s *Service) RoyaltySummary(ctx context.Context, actor Actor, month string) ([]*RoyaltySummaryRow, error) {
	if _, _, err := MonthRange(month); err != nil {
		return nil, err
	}
	var out []*RoyaltySummaryRow
	err := s.Store.View(ctx, func(tx Tx) error {
		if err := boardOrOffice(tx, actor); err != nil {
			return err
		}
		var err error
		out, err = tx.RoyaltySummary(month)
		return err
	})
	return out, err
}

// SaveRoyaltyCategory creates (ID 0) or updates a royalty category.
func (s *Service) SaveRoyaltyCategory(ctx context.Context, actor Actor, c *RoyaltyCategory) error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" || c.BaseAmount < 0 {
		return invalid("Cần tên và mức tiền không âm", "A name and a non-negative amount are required")
	}
	return s.Store.Update(ctx, func(tx Tx) error {
		a, err := administrator(tx, actor)
		if err != nil {
			return err
		}
		action := "royalty_category.update"
		if c.ID == 0 {
			action = "royalty_category.create"
			err = tx.CreateRoyaltyCategory(c)
		} else {
			err = tx.UpdateRoyaltyCategory(c)
		}
		if err != nil {
			return err
		}
		return Audit(tx, actor, a, s.now(), action, "royalty_category", c.ID, fmt.Sprintf("%s %d VND", c.Name, c.BaseAmount))
	})
}

// boardOrOffice allows the system, administrators, reviewers (the board)
// and the director: who reads reports.
func boardOrOffice(tx Tx, actor Actor) error {
	a, err := ActorAccount(tx, actor)
	if err != nil || a == nil {
		return err
	}
	if a.Has(RoleAdministrator) || a.Has(RoleDirector) || a.Has(RoleReviewer) {
		return nil
	}
	return forbidden("Chỉ ban biên tập, văn phòng và lãnh đạo xem báo cáo", "Only the board, the office and the director read reports")
}
