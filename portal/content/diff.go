package content

import "strings"

// DiffOp is what happened to a line between two texts.
type DiffOp byte

const (
	DiffSame   DiffOp = ' '
	DiffDelete DiffOp = '-'
	DiffInsert DiffOp = '+'
)

// DiffLine is one line of a diff.
type DiffLine struct {
	Op   DiffOp
	Text string
	A, B int // 1-based line numbers in the old and new text (0 when absent)
}

// Diff is the shortest line diff from a to b (Myers' O(ND) algorithm):
// every line of both texts once, in order, marked same, deleted or inserted.
func Diff(a, b string) []DiffLine {
	x, y := splitLines(a), splitLines(b)
	// Trim the common head and tail: edits are usually local.
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var out []DiffLine
	for i := 0; i < pre; i++ {
		out = append(out, DiffLine{Op: DiffSame, Text: x[i], A: i + 1, B: i + 1})
	}
	for _, l := range myers(x[pre:len(x)-suf], y[pre:len(y)-suf]) {
		if l.A > 0 {
			l.A += pre
		}
		if l.B > 0 {
			l.B += pre
		}
		out = append(out, l)
	}
	for i := 0; i < suf; i++ {
		ai, bi := len(x)-suf+i, len(y)-suf+i
		out = append(out, DiffLine{Op: DiffSame, Text: x[ai], A: ai + 1, B: bi + 1})
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	s = strings.TrimSuffix(s, "\n")
	return strings.Split(s, "\n")
}

// maxEdits bounds the work of myers: texts further apart than this get a
// coarse diff (all old lines deleted, all new ones inserted) instead of
// spending quadratic memory.
const maxEdits = 4000

// myers returns the edit script from x to y.
func myers(x, y []string) []DiffLine {
	n, m := len(x), len(y)
	if n == 0 && m == 0 {
		return nil
	}
	max := n + m
	off := max + 2
	v := make([]int, 2*max+5)
	// trace[d] keeps v[k] for k in [-d-1, d+1] as it was when step d began.
	var trace [][]int
	dEnd := -1
search:
	for d := 0; d <= max && d <= maxEdits; d++ {
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				i = v[off+k+1] // down: insertion
			} else {
				i = v[off+k-1] + 1 // right: deletion
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i++
				j++
			}
			v[off+k] = i
			if i >= n && j >= m {
				dEnd = d
				break search
			}
		}
	}
	if dEnd < 0 {
		out := make([]DiffLine, 0, n+m)
		for i, l := range x {
			out = append(out, DiffLine{Op: DiffDelete, Text: l, A: i + 1})
		}
		for j, l := range y {
			out = append(out, DiffLine{Op: DiffInsert, Text: l, B: j + 1})
		}
		return out
	}
	// Walk back through the saved frontiers.
	var rev []DiffLine
	i, j := n, m
	for d := dEnd; d > 0; d-- {
		w := trace[d]
		vp := func(k int) int { return w[k+d+1] }
		k := i - j
		var pk int
		if k == -d || (k != d && vp(k-1) < vp(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		pi := vp(pk)
		pj := pi - pk
		// The edit from (pi, pj) lands on (mi, mj); a diagonal follows it.
		mi, mj := pi+1, pj
		if pk == k+1 {
			mi, mj = pi, pj+1
		}
		for i > mi && j > mj {
			rev = append(rev, DiffLine{Op: DiffSame, Text: x[i-1], A: i, B: j})
			i--
			j--
		}
		if pk == k+1 {
			rev = append(rev, DiffLine{Op: DiffInsert, Text: y[j-1], B: j})
			j--
		} else {
			rev = append(rev, DiffLine{Op: DiffDelete, Text: x[i-1], A: i})
			i--
		}
	}
	for i > 0 && j > 0 {
		rev = append(rev, DiffLine{Op: DiffSame, Text: x[i-1], A: i, B: j})
		i--
		j--
	}
	out := make([]DiffLine, len(rev))
	for k := range rev {
		out[k] = rev[len(rev)-1-k]
	}
	return out
}

// UnifiedDiff renders lines as text: "  same", "- deleted", "+ inserted".
func UnifiedDiff(lines []DiffLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteByte(byte(l.Op))
		b.WriteByte(' ')
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}
