package content

import (
	"context"
	"fmt"
	"slices"
)

// Limit is the size limit of one file, in bytes.
func (f *Files) Limit() int64 {
	if f == nil {
		return DefaultMaxUpload
	}
	return f.maxSize()
}

// InputOf is the content of item it as an ItemInput: what an edit starts
// from.
func InputOf(it *Item) ItemInput {
	return ItemInput{ChannelID: it.ChannelID, Kind: it.Kind, Title: it.Title, Summary: it.Summary, Body: it.Body,
		Tags: slices.Clone(it.Tags), Lang: it.Lang, CoverID: it.CoverID, CoverAlt: it.CoverAlt,
		Attachments: slices.Clone(it.Attachments), SourceID: it.SourceID, SourceURL: it.SourceURL}
}

// Attachments returns the attachment rows of ids, in that order, for pages
// that show an item or a document the caller may already read. The files
// themselves are served only through OpenAttachment.
func (s *Service) Attachments(ctx context.Context, ids ...int64) ([]*Attachment, error) {
	out := make([]*Attachment, 0, len(ids))
	err := s.Store.View(ctx, func(tx Tx) error {
		for _, id := range ids {
			if id == 0 {
				continue
			}
			a, err := tx.Attachment(id)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// RemoveAttachment takes attachment att (a file or the cover) off item id
// while the item is a draft, as a new revision: the earlier revisions keep
// it, and the file stays (revisions and the audit log name it).
func (s *Service) RemoveAttachment(ctx context.Context, actor Actor, id, att int64) (*Item, error) {
	var it *Item
	err := s.Store.Update(ctx, func(tx Tx) error {
		a, err := personal(tx, actor)
		if err != nil {
			return err
		}
		if it, err = tx.Item(id); err != nil {
			return err
		}
		if err := Can(a, ActionEdit, it); err != nil {
			return err
		}
		if it.State != StateDraft {
			return invalid("Chỉ gỡ tệp khi bài còn là bản nháp", "Files are removed only while the item is a draft")
		}
		file, err := tx.Attachment(att)
		if err != nil {
			return err
		}
		switch {
		case it.CoverID == att:
			it.CoverID, it.CoverAlt = 0, ""
		case slices.Contains(it.Attachments, att):
			it.Attachments = slices.DeleteFunc(slices.Clone(it.Attachments), func(x int64) bool { return x == att })
		default:
			return Errorf(ENOTFOUND, "Bài %d không có tệp %d", "Item %d has no attachment %d", id, att)
		}
		now := s.now()
		it.CurrentRevision++
		it.RevisedBy, it.UpdatedAt = a.ID, now
		if err := tx.UpdateItem(it); err != nil {
			return err
		}
		note := fmt.Sprintf("Gỡ tệp %q / removed %q", file.Name, file.Name)
		if err := tx.AddRevision(revisionOf(it, a.ID, now, note)); err != nil {
			return err
		}
		return Audit(tx, actor, a, now, "item.remove_attachment", "item", it.ID,
			fmt.Sprintf("revision %d; attachment %d %q", it.CurrentRevision, file.ID, file.Name))
	})
	return it, err
}

// RoyaltyCategories lists the royalty categories (administrators and the
// board, who read the summaries).
func (s *Service) RoyaltyCategories(ctx context.Context, actor Actor) ([]*RoyaltyCategory, error) {
	var out []*RoyaltyCategory
	err := s.Store.View(ctx, func(tx Tx) error {
		if err := boardOrOffice(tx, actor); err != nil {
			return err
		}
		var err error
		out, err = tx.RoyaltyCategories()
		return err
	})
	return out, err
}

// ItemRoyalties lists the royalty lines of item id (administrators and the
// board).
func (s *Service) ItemRoyalties(ctx context.Context, actor Actor, id int64) ([]*Royalty, error) {
	var out []*Royalty
	err := s.Store.View(ctx, func(tx Tx) error {
		if err := boardOrOffice(tx, actor); err != nil {
			return err
		}
		if _, err := tx.Item(id); err != nil {
			return err
		}
		var err error
		out, err = tx.Royalties(id)
		return err
	})
	return out, err
}
