package content

import (
	"context"
	"fmt"
	"time"
)

// Service is the domain's services over a Store: the workflow, uploads, the
// library, feedback, the directory, royalties and reports. Every method that
// changes something takes the Actor, checks its permission inside the same
// transaction as the change, and writes an audit row in it.
type Service struct {
	Store Store
	Files *Files // attachments; nil when the caller never uploads
	// Now is the clock (UTC is taken of it); default time.Now.
	Now func() time.Time
	// LateAfter: a scheduled item published more than this after its time is
	// marked late. Default 5 minutes (the server runs PublishDue every minute).
	LateAfter time.Duration
}

// NewService returns a Service with default settings.
func NewService(store Store, files *Files) *Service {
	return &Service{Store: store, Files: files}
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Service) lateAfter() time.Duration {
	if s.LateAfter > 0 {
		return s.LateAfter
	}
	return 5 * time.Minute
}

// ActorAccount loads the account acting inside tx: nil for the system, an
// EUNAUTHORIZED error for an unknown account, EFORBIDDEN for one that is not
// active (pending or disabled since the session began).
func ActorAccount(tx Tx, actor Actor) (*Account, error) {
	if actor.IsSystem() {
		return nil, nil
	}
	if actor.AccountID == 0 {
		return nil, Errorf(EUNAUTHORIZED, "Cần đăng nhập", "Please sign in")
	}
	a, err := tx.Account(actor.AccountID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(EUNAUTHORIZED, "Cần đăng nhập", "Please sign in")
	} else if err != nil {
		return nil, err
	}
	if !a.Active() {
		return nil, forbidden("Tài khoản không hoạt động", "The account is not active")
	}
	return a, nil
}

// personal is ActorAccount for actions only a person may take.
func personal(tx Tx, actor Actor) (*Account, error) {
	if actor.IsSystem() {
		return nil, forbidden("Thao tác này cần một tài khoản cá nhân", "This needs a personal account")
	}
	return ActorAccount(tx, actor)
}

// administrator allows the system (the operator's command line) and active
// administrators.
func administrator(tx Tx, actor Actor) (*Account, error) {
	a, err := ActorAccount(tx, actor)
	if err != nil || a == nil {
		return a, err
	}
	if !a.Has(RoleAdministrator) {
		return nil, forbidden("Chỉ quản trị được thao tác này", "Only administrators may do this")
	}
	return a, nil
}

// Label is how the audit log names the actor.
func Label(actor Actor, a *Account) string {
	if a != nil {
		return a.Email
	}
	if actor.Label != "" {
		return actor.Label
	}
	return "system"
}

// Audit writes one audit row in tx.
func Audit(tx Tx, actor Actor, a *Account, at time.Time, action, objType string, objID int64, detail string) error {
	e := &AuditEvent{Time: at.UTC(), AccountID: actor.AccountID, Actor: Label(actor, a), IP: actor.IP,
		Action: action, ObjectType: objType, ObjectID: objID, Detail: detail}
	if err := tx.AddAudit(e); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// RecordAudit writes one audit row in its own transaction: for events outside
// the services (exports, downloads of reports). who may be the system.
func (s *Service) RecordAudit(ctx context.Context, actor Actor, action, objType string, objID int64, detail string) error {
	return s.Store.Update(ctx, func(tx Tx) error {
		var a *Account
		if actor.AccountID != 0 {
			var err error
			if a, err = tx.Account(actor.AccountID); err != nil && ErrorCode(err) != ENOTFOUND {
				return err
			}
		}
		return Audit(tx, actor, a, s.now(), action, objType, objID, detail)
	})
}

// AuditLog lists audit rows; administrators and directors only.
func (s *Service) AuditLog(ctx context.Context, actor Actor, f AuditFilter) ([]*AuditEvent, error) {
	var out []*AuditEvent
	err := s.Store.View(ctx, func(tx Tx) error {
		a, err := ActorAccount(tx, actor)
		if err != nil {
			return err
		}
		if a != nil && !a.Has(RoleAdministrator) && !a.Has(RoleDirector) {
			return forbidden("Chỉ quản trị và lãnh đạo xem nhật ký", "Only administrators and the director read the audit log")
		}
		out, err = tx.Audit(f)
		return err
	})
	return out, err
}

func isNotFound(err error) bool { return ErrorCode(err) == ENOTFOUND }
