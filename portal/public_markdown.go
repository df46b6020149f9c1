package portal

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// Item bodies are Markdown (GitHub-flavoured: tables, strikethrough,
// autolinks). Raw HTML is let through goldmark — items copied from official
// sources often carry tables as HTML — and everything goldmark produces is
// then sanitised by bluemonday's policy for user content: no script, no
// event handlers, no style, no javascript: links, rel="nofollow" on links.
// The page's CSP (script-src 'self') is the second wall.
var (
	markdown = goldmark.New(goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(html.WithUnsafe()))
	sanitizer = bluemonday.UGCPolicy()
)

// renderMarkdown turns an item's body into HTML safe to put in a page.
func renderMarkdown(src string) template.HTML {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		return template.HTML("<pre>" + template.HTMLEscapeString(src) + "</pre>")
	}
	return template.HTML(sanitizer.SanitizeBytes(buf.Bytes()))
}
