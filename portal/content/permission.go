package content

import "slices"

// Action is a step of the editorial workflow. Each has its own permission
// (Can) and, for transitions, the states it starts from and the state it
// leads to.
type Action string

const (
	ActionCreate        Action = "create"
	ActionEdit          Action = "edit"
	ActionSubmit        Action = "submit"
	ActionWithdraw      Action = "withdraw"
	ActionApprove       Action = "approve"
	ActionReject        Action = "reject"
	ActionSchedule      Action = "schedule"
	ActionUnschedule    Action = "unschedule"
	ActionPublish       Action = "publish"
	ActionSendBack      Action = "send_back"
	ActionArchive       Action = "archive"
	ActionPublishDirect Action = "publish_direct"
)

// Transition is an action that moves an item between states.
type Transition struct {
	From []State
	To   State
}

// Transitions is the workflow's state machine.
var Transitions = map[Action]Transition{
	ActionSubmit:        {From: []State{StateDraft}, To: StateInReview},
	ActionWithdraw:      {From: []State{StateInReview, StateApproved, StateScheduled}, To: StateDraft},
	ActionApprove:       {From: []State{StateInReview}, To: StateApproved},
	ActionReject:        {From: []State{StateInReview, StateApproved, StateScheduled}, To: StateDraft},
	ActionSchedule:      {From: []State{StateInReview, StateApproved}, To: StateScheduled},
	ActionUnschedule:    {From: []State{StateScheduled}, To: StateApproved},
	ActionPublish:       {From: []State{StateApproved}, To: StatePublished},
	ActionSendBack:      {From: []State{StatePublished}, To: StateInReview},
	ActionArchive:       {From: []State{StatePublished}, To: StateArchived},
	ActionPublishDirect: {From: []State{StateDraft, StateInReview}, To: StatePublished},
}

// WorkflowActions lists the actions on an existing item, in the order a page
// shows their buttons.
var WorkflowActions = []Action{ActionEdit, ActionSubmit, ActionWithdraw, ActionApprove, ActionReject,
	ActionSchedule, ActionUnschedule, ActionPublish, ActionSendBack, ActionArchive, ActionPublishDirect}

// Can says whether account a may take action act on item it (nil for
// ActionCreate): nil, or an *Error with EFORBIDDEN (the account may not) or
// ECONFLICT (not from the item's present state). The services call it inside
// the transaction that makes the change; pages call it to show buttons.
//
// The rules:
//   - every action needs an active account;
//   - create: contributors and administrators;
//   - edit: the author while a draft; the author or a reviewer of the item's
//     channel while in review, approved or scheduled (the edit voids the
//     approval: the item goes back to review); never once published
//     (send it back to review first);
//   - submit and withdraw: the author;
//   - approve, reject, schedule: a reviewer of the channel who is neither
//     the author nor the one who saved the revision being approved — even
//     holding both roles, nobody approves their own text;
//   - unschedule, publish: a reviewer of the channel (publish needs the
//     approval of the current revision);
//   - send back to review, archive: a reviewer of the channel or an
//     administrator;
//   - publish directly: an administrator, for an item marked with a trusted
//     source.
func Can(a *Account, act Action, it *Item) error {
	if !a.Active() {
		return forbidden("Tài khoản không hoạt động", "The account is not active")
	}
	if act == ActionCreate {
		if a.Has(RoleContributor) || a.Has(RoleAdministrator) {
			return nil
		}
		return forbidden("Chỉ người viết hoặc quản trị được tạo bài", "Only contributors and administrators create items")
	}
	if it == nil {
		return invalid("Thiếu bài viết", "No item")
	}
	author := it.AuthorID == a.ID
	reviewer := a.Reviews(it.ChannelID)
	if act == ActionEdit {
		switch it.State {
		case StateDraft:
			if author {
				return nil
			}
			return forbidden("Chỉ tác giả được sửa bản nháp", "Only the author edits a draft")
		case StateInReview, StateApproved, StateScheduled:
			if author || reviewer {
				return nil
			}
			return forbidden("Chỉ tác giả hoặc người duyệt chuyên mục được sửa bài", "Only the author or a reviewer of the channel edits this item")
		default:
			return Errorf(ECONFLICT, "Bài ở trạng thái %s không sửa được; hãy trả về duyệt lại trước",
				"An item in state %s cannot be edited; send it back to review first", it.State)
		}
	}
	tr, ok := Transitions[act]
	if !ok {
		return Errorf(EINVALID, "Thao tác không hợp lệ: %s", "Unknown action %s", act)
	}
	if !slices.Contains(tr.From, it.State) {
		return Errorf(ECONFLICT, "Không thể %s bài ở trạng thái %s", "Cannot %s an item in state %s", act, it.State)
	}
	switch act {
	case ActionSubmit, ActionWithdraw:
		if author {
			return nil
		}
		return forbidden("Chỉ tác giả được gửi hoặc rút bài", "Only the author submits or withdraws an item")
	case ActionApprove, ActionReject, ActionSchedule:
		if !reviewer {
			return forbidden("Chỉ người duyệt của chuyên mục được thao tác này", "Only a reviewer of the item's channel may do this")
		}
		if author {
			return forbidden("Không ai được tự duyệt bài của mình", "Nobody approves their own item")
		}
		if act != ActionReject && it.RevisedBy == a.ID {
			return forbidden("Người sửa phiên bản này không được tự duyệt nó", "Whoever saved this revision cannot approve it")
		}
		return nil
	case ActionUnschedule, ActionPublish:
		if reviewer {
			return nil
		}
		return forbidden("Chỉ người duyệt của chuyên mục được thao tác này", "Only a reviewer of the item's channel may do this")
	case ActionSendBack, ActionArchive:
		if reviewer || a.Has(RoleAdministrator) {
			return nil
		}
		return forbidden("Chỉ người duyệt chuyên mục hoặc quản trị được thao tác này", "Only a reviewer of the channel or an administrator may do this")
	case ActionPublishDirect:
		if !a.Has(RoleAdministrator) {
			return forbidden("Chỉ quản trị được đăng trực tiếp", "Only administrators publish directly")
		}
		if it.SourceID == 0 {
			return forbidden("Chỉ tin từ nguồn chính thức được đăng trực tiếp", "Only items from a trusted source may be published directly")
		}
		return nil
	}
	return Errorf(EINVALID, "Thao tác không hợp lệ: %s", "Unknown action %s", act)
}

// Allowed lists the actions account a may take on item it now.
func Allowed(a *Account, it *Item) []Action {
	var out []Action
	for _, act := range WorkflowActions {
		if Can(a, act, it) == nil {
			out = append(out, act)
		}
	}
	return out
}

// CanView says whether a may read item it before it is published: its
// author, reviewers of its channel, administrators.
func CanView(a *Account, it *Item) bool {
	if it.State == StatePublished {
		return true
	}
	return a.Active() && (it.AuthorID == a.ID || a.Reviews(it.ChannelID) || a.Has(RoleAdministrator))
}
