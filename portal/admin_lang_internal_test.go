package portal

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template/parse"
	"time"
	"unicode"

	"github.com/laocai-dpi/dpi/portal/content"
)

// vietnameseLetter finds a letter outside ASCII: Vietnamese text (ă, đ,
// ơ, tone marks) always has one, English UI text never does.
func vietnameseLetter(s string) (rune, bool) {
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return r, true
		}
	}
	return 0, false
}

// namesInEnglish are proper names an English message may carry as they
// are written.
var namesInEnglish = []string{"Lào Cai", "Đặng Xuân Phong", "95/QĐ-SKH", "Tiếng Việt"}

func TestAdminMessagesSameKeys(t *testing.T) {
	vi, en := slices.Sorted(maps.Keys(adminMessages["vi"])), slices.Sorted(maps.Keys(adminMessages["en"]))
	if !slices.Equal(vi, en) {
		for _, k := range vi {
			if _, ok := adminMessages["en"][k]; !ok {
				t.Errorf("en lacks %q", k)
			}
		}
		for _, k := range en {
			if _, ok := adminMessages["vi"][k]; !ok {
				t.Errorf("vi lacks %q", k)
			}
		}
	}
	for _, k := range vi {
		v, e := adminMessages["vi"][k], adminMessages["en"][k]
		if v == "" {
			t.Errorf("vi %q is empty", k)
		}
		// An English message is left empty only where the Vietnamese page
		// already carries English alongside (and the English page must not
		// say it twice).
		if _, viet := vietnameseLetter(v); e == "" && viet {
			t.Errorf("en %q is empty", k)
		}
		if strings.Count(v, "%")-strings.Count(v, "%%") == 0 && strings.Count(e, "%") > 0 {
			t.Errorf("en %q has a verb the vi message lacks: %q / %q", k, v, e)
		}
	}
}

func TestAdminEnglishMessagesAreEnglish(t *testing.T) {
	for k, m := range adminMessages["en"] {
		for _, n := range namesInEnglish {
			m = strings.ReplaceAll(m, n, "")
		}
		if r, ok := vietnameseLetter(m); ok {
			t.Errorf("en %q has Vietnamese (%c): %q", k, r, adminMessages["en"][k])
		}
	}
}

// No admin template carries text of its own: every text node and string
// constant is free of Vietnamese, and every "t" key exists in both
// languages. The templates' parse trees are walked, so text in any branch
// counts, rendered by a test or not.
func TestAdminTemplatesCarryNoText(t *testing.T) {
	files, err := filepath.Glob("templates/admin/*.html")
	if err != nil || len(files) != len(adminPageNames)+1 {
		t.Fatalf("%d admin templates for %d pages + layout (%v)", len(files), len(adminPageNames), err)
	}
	keys := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		trees, err := parse.Parse(f, string(src), "{{", "}}", adminFuncs("vi"), builtins)
		if err != nil {
			t.Fatal(err)
		}
		for name, tree := range trees {
			walk(tree.Root, func(n parse.Node) {
				switch n := n.(type) {
				case *parse.TextNode:
					if r, ok := vietnameseLetter(string(n.Text)); ok {
						t.Errorf("%s (%s): text of its own (%c): %q", f, name, r, strings.TrimSpace(string(n.Text)))
					}
				case *parse.StringNode:
					if r, ok := vietnameseLetter(n.Text); ok {
						t.Errorf("%s (%s): string of its own (%c): %q", f, name, r, n.Text)
					}
				case *parse.CommandNode:
					if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == "t" {
						key, ok := n.Args[1].(*parse.StringNode)
						if !ok {
							t.Errorf("%s: t with a computed key: %s", f, n)
							return
						}
						keys++
						for _, lang := range adminLangs {
							if _, ok := adminMessages[lang][key.Text]; !ok {
								t.Errorf("%s: no %s message %q", f, lang, key.Text)
							}
						}
					}
				}
			})
		}
	}
	if keys < 300 {
		t.Errorf("only %d message keys found in the templates: is the walk working?", keys)
	}
}

// builtins are text/template's own functions, for the parser's check.
var builtins = map[string]any{}

func init() {
	for _, b := range strings.Fields("and or not len index slice print printf println html js urlquery call eq ne lt le gt ge") {
		builtins[b] = fmt.Sprint // any non-nil value: the parser only checks the name
	}
}

func walk(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, f)
		}
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(parse.Node)) {
	walk(b.Pipe, f)
	walk(b.List, f)
	if b.ElseList != nil {
		walk(b.ElseList, f)
	}
}

// Every message key the handlers name (titles, at(...)) and every label a
// value of the domain can ask for exists in both languages.
func TestAdminKeysInCode(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	used := regexp.MustCompile(`(?:newAdminPage\(c, |at\([^,()"]+, )"([a-z0-9_]+)"[,)]`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			n++
			for _, lang := range adminLangs {
				if _, ok := adminMessages[lang][m[1]]; !ok {
					t.Errorf("%s: no %s message %q", f, lang, m[1])
				}
			}
		}
	}
	if n < 40 {
		t.Errorf("only %d keys found in the handlers", n)
	}
	var labels []string
	for _, st := range []content.State{content.StateDraft, content.StateInReview, content.StateApproved,
		content.StateScheduled, content.StatePublished, content.StateArchived} {
		labels = append(labels, "state_"+string(st))
	}
	for _, a := range content.WorkflowActions {
		labels = append(labels, "action_"+string(a))
	}
	for _, r := range content.Roles {
		labels = append(labels, "role_"+string(r))
	}
	for _, k := range []string{content.KindNews, content.KindPressRelease, content.KindPage} {
		labels = append(labels, "kind_"+k)
	}
	for k := range flashKeys {
		labels = append(labels, "flash_"+k)
	}
	for _, k := range channelKinds {
		labels = append(labels, "chkind_"+k)
	}
	for _, k := range content.SourceCategories {
		labels = append(labels, "srccat_"+k)
	}
	for _, k := range feedbackStates {
		labels = append(labels, "fbst_"+k)
	}
	for _, k := range documentStatuses {
		labels = append(labels, "docst_"+k)
	}
	for _, k := range []string{content.ECONFLICT, content.EFORBIDDEN, content.EINVALID, content.ENOTFOUND,
		content.EUNAUTHORIZED, content.ETHROTTLED, content.EINTERNAL} {
		labels = append(labels, "error_"+k)
	}
	for _, k := range labels {
		for _, lang := range adminLangs {
			if _, ok := adminMessages[lang][k]; !ok {
				t.Errorf("no %s label %q", lang, k)
			}
		}
	}
}

func TestAdminDates(t *testing.T) {
	at := time.Date(2026, 3, 10, 7, 30, 0, 0, time.UTC) // 14:30 in Hanoi
	for _, tc := range []struct{ lang, want string }{
		{"vi", "10/03/2026 14:30 (ICT)"},
		{"en", "10 Mar 2026 14:30 ICT"},
	} {
		if got := formatICTIn(tc.lang, at); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
	if got := formatICTIn("en", time.Time{}); got != "" {
		t.Errorf("zero time: %q", got)
	}
	if got := monthIn("en", at); got != "Mar 2026" {
		t.Errorf("month: %q", got)
	}
	if got := vndIn("en", 1500000); got != "1,500,000" {
		t.Errorf("vnd: %q", got)
	}
	if got := vndIn("vi", 1500000); got != "1.500.000" {
		t.Errorf("vnd: %q", got)
	}
}

// The language switch goes back only to an editorial page of this site.
func TestAdminNext(t *testing.T) {
	for in, want := range map[string]string{
		"/quan-tri/bai-viet/5?ok=save":      "/quan-tri/bai-viet/5?ok=save",
		"/quan-tri":                         "/quan-tri",
		"":                                  "/quan-tri/",
		"//evil.example/quan-tri/":          "/quan-tri/",
		"https://evil.example/quan-tri/":    "/quan-tri/",
		"/\\evil.example":                   "/quan-tri/",
		"/quan-tri\\@evil.example":          "/quan-tri/",
		"/quan-tri/\r\nSet-Cookie: a=b":     "/quan-tri/",
		"/dang-nhap":                        "/quan-tri/",
		"/pci/ranking":                      "/quan-tri/",
		"javascript:alert(1)":               "/quan-tri/",
		"/quan-tri-evil":                    "/quan-tri/",
		"/quan-tri/../../evil.example/path": "/quan-tri/../../evil.example/path", // same site: a path, never a host
	} {
		if got := adminNext(in); got != want {
			t.Errorf("adminNext(%q) = %q, want %q", in, got, want)
		}
	}
}
