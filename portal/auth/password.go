// Package auth signs people in: argon2id password hashes in PHC strings,
// login throttling per account and per client address, and server-side
// sessions (random tokens, only their SHA-256 stored, rotated at login,
// ended at logout, disable and password change). It also holds the account
// life cycle: created by the office, approved by the director, disabled by
// an administrator.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"

	"github.com/laocai-dpi/dpi/portal/content"
)

// Params are argon2id's cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// DefaultParams follow RFC 9106's second recommendation (64 MiB, 3 passes)
// with 2 lanes: about 0.1 s on the department's server.
var DefaultParams = Params{Memory: 64 * 1024, Time: 3, Threads: 2, SaltLen: 16, KeyLen: 32}

// Password limits: long passphrases are welcome (argon2 has no 72-byte
// limit); the upper bound only stops abuse.
const (
	MinPasswordRunes = 10
	MaxPasswordBytes = 1024
)

// normalize puts a password in Unicode NFC: Vietnamese keyboards (Telex,
// VNI, macOS, Windows) may send the same letter precomposed or decomposed,
// and the person must not be locked out by their keyboard.
func normalize(pw string) string { return norm.NFC.String(pw) }

// CheckPasswordPolicy says whether pw may become a password.
func CheckPasswordPolicy(pw string) error {
	pw = normalize(pw)
	switch {
	case !utf8.ValidString(pw):
		return content.Errorf(content.EINVALID, "Mật khẩu không phải UTF-8", "The password is not valid UTF-8")
	case utf8.RuneCountInString(pw) < MinPasswordRunes:
		return content.Errorf(content.EINVALID, "Mật khẩu cần ít nhất %d ký tự (nên dùng một câu dài)",
			"The password needs at least %d characters (a long sentence is best)", MinPasswordRunes)
	case len(pw) > MaxPasswordBytes:
		return content.Errorf(content.EINVALID, "Mật khẩu dài quá %d byte", "The password is longer than %d bytes", MaxPasswordBytes)
	case strings.TrimSpace(pw) == "":
		return content.Errorf(content.EINVALID, "Mật khẩu toàn khoảng trắng", "The password is all spaces")
	}
	return nil
}

var b64 = base64.RawStdEncoding

// HashPassword returns the PHC string of pw:
// $argon2id$v=19$m=65536,t=3,p=2$<salt>$<hash> (unpadded base64).
func HashPassword(pw string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(normalize(pw)), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ParseHash reads a PHC argon2id string.
func ParseHash(phc string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, fmt.Errorf("auth: not an argon2id PHC string")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, fmt.Errorf("auth: unsupported argon2 version %q", parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("auth: bad argon2 parameters %q", parts[3])
	}
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, nil, nil, fmt.Errorf("auth: bad salt: %w", err)
	}
	if key, err = b64.DecodeString(parts[5]); err != nil {
		return p, nil, nil, fmt.Errorf("auth: bad hash: %w", err)
	}
	if p.Memory == 0 || p.Time == 0 || p.Threads == 0 || len(key) < 16 || p.Memory > 4<<20 || p.Time > 100 {
		return p, nil, nil, fmt.Errorf("auth: argon2 parameters out of range")
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// VerifyPassword says whether pw matches the PHC string, in constant time;
// rehash says the hash was made with other parameters than want.
func VerifyPassword(phc, pw string, want Params) (ok, rehash bool, err error) {
	p, salt, key, err := ParseHash(phc)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey([]byte(normalize(pw)), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	ok = subtle.ConstantTimeCompare(got, key) == 1
	rehash = p.Memory != want.Memory || p.Time != want.Time || p.Threads != want.Threads || p.KeyLen != want.KeyLen
	return ok, rehash, nil
}
