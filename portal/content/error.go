package content

import (
	"errors"
	"fmt"
)

// Error codes. The HTTP layer maps them to statuses (see HTTPStatus); any
// other error is internal: logged, never shown.
const (
	ECONFLICT     = "conflict"     // 409: the state changed, a duplicate, a stale approval
	EFORBIDDEN    = "forbidden"    // 403: signed in, but this account may not do this
	EINVALID      = "invalid"      // 400 (422 for forms): the input is wrong
	ENOTFOUND     = "not_found"    // 404
	EUNAUTHORIZED = "unauthorized" // 401: not signed in, or wrong credentials
	ETHROTTLED    = "throttled"    // 429: too many attempts; try again later
	EINTERNAL     = "internal"     // 500
)

// Error is an error the person acting can understand and act on, in both
// languages of the portal.
type Error struct {
	Code string
	VI   string
	EN   string
}

func (e *Error) Error() string {
	if e.EN == "" || e.EN == e.VI {
		return e.VI
	}
	return e.VI + " / " + e.EN
}

// Errorf returns an *Error; vi and en are fmt formats sharing args.
func Errorf(code, vi, en string, args ...any) *Error {
	return &Error{Code: code, VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}
}

// ErrorCode is the code of an *Error in err's chain, EINTERNAL for any other
// error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage is the message to show for err in lang ("vi" or "en"); an
// internal error gets a generic message (its text may name files or queries).
func ErrorMessage(err error, lang string) string {
	var e *Error
	if !errors.As(err, &e) {
		if lang == "en" {
			return "Server error, please try again later"
		}
		return "Lỗi máy chủ, xin thử lại sau"
	}
	if lang == "en" && e.EN != "" {
		return e.EN
	}
	return e.VI
}

// HTTPStatus maps an error code to the HTTP status the portal answers with.
func HTTPStatus(code string) int {
	switch code {
	case "":
		return 200
	case EINVALID:
		return 400
	case EUNAUTHORIZED:
		return 401
	case EFORBIDDEN:
		return 403
	case ENOTFOUND:
		return 404
	case ECONFLICT:
		return 409
	case ETHROTTLED:
		return 429
	default:
		return 500
	}
}

// notFound names what was not found in both languages ("tệp", "file").
func notFound(vi, en string, id any) *Error {
	return &Error{Code: ENOTFOUND, VI: fmt.Sprintf("Không tìm thấy %s %v", vi, id), EN: fmt.Sprintf("%s %v not found", en, id)}
}

func forbidden(vi, en string) *Error { return &Error{Code: EFORBIDDEN, VI: vi, EN: en} }

func invalid(vi, en string) *Error { return &Error{Code: EINVALID, VI: vi, EN: en} }
