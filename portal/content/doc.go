// Package content is the domain of the department's portals: accounts and
// roles, the three portals and their channels, news items and press
// releases with their revisions and the editorial workflow, attachments,
// the document library, public feedback, the staff directory, royalties,
// notifications, the audit log and the weekly and monthly reports.
//
// It depends on no database: Store and Tx are the storage interfaces
// (portal/sqlite implements them; a PostgreSQL store can replace it). The
// Service runs every change in one Store.Update, loading the acting account
// there, checking its permission (Can) and writing the audit row in the same
// transaction. Errors the person acting can understand are *Error values
// with a code (ENOTFOUND, EFORBIDDEN, ECONFLICT, EINVALID, EUNAUTHORIZED,
// ETHROTTLED) and a message in Vietnamese and English; the HTTP layer maps
// them with HTTPStatus(ErrorCode(err)) and shows ErrorMessage(err, lang).
//
// Times are stored in UTC; pages show them in ICT (the ICT zone here).
package content
