package main

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/laocai-dpi/dpi/warehouse"
)

func newSQLCmd(g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   `sql [--format csv|json|table] "SELECT ..."`,
		Short: "Truy vấn chỉ đọc trên kho dữ liệu / read-only query on the warehouse",
		Long: `Chạy một truy vấn chỉ đọc trên các view công khai (pci_scores, pci_subindex_scores, ...).
Không thể ghi, ATTACH, INSTALL hay đọc/ghi tệp.
Runs one read-only query on the public views. It cannot write, attach,
install extensions, or read or write files.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if format != "csv" && format != "json" && format != "table" {
				return &exitError{code: 2, err: fmt.Errorf("--format phải là csv, json hoặc table / --format must be csv, json or table, not %q", format)}
			}
			ctx := c.Context()
			wh, err := warehouse.Open(ctx, g.dataDir, warehouse.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer wh.Close()
			rows, err := wh.DB().QueryContext(ctx, args[0])
			if err != nil {
				return fmt.Errorf("truy vấn bị từ chối / query refused: %w", err)
			}
			defer rows.Close()
			return writeRows(os.Stdout, rows, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv | json | table")
	return cmd
}

func writeRows(out io.Writer, rows *sql.Rows, format string) error {
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var (
		cw    *csv.Writer
		tw    *tabwriter.Writer
		first = true
	)
	switch format {
	case "csv":
		cw = csv.NewWriter(out)
		cw.Write(cols)
	case "table":
		tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(cols, "\t"))
	case "json":
		io.WriteString(out, "[")
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		switch format {
		case "csv":
			rec := make([]string, len(vals))
			for i, v := range vals {
				rec[i] = text(v)
			}
			cw.Write(rec)
		case "table":
			rec := make([]string, len(vals))
			for i, v := range vals {
				rec[i] = text(v)
			}
			fmt.Fprintln(tw, strings.Join(rec, "\t"))
		case "json":
			obj := make(map[string]any, len(cols))
			for i, c := range cols {
				obj[c] = jsonValue(vals[i])
			}
			b, err := json.Marshal(obj)
			if err != nil {
				return err
			}
			if !first {
				io.WriteString(out, ",")
			}
			io.WriteString(out, "\n")
			out.Write(b)
		}
		first = false
	}
	if err := rows.Err(); err != nil {
		return err
	}
	switch format {
	case "csv":
		cw.Flush()
		return cw.Error()
	case "table":
		return tw.Flush()
	default:
		_, err := io.WriteString(out, "\n]\n")
		return err
	}
}

// text prints a value losslessly: floats in their shortest exact form.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339Nano)
	case []byte:
		return string(x)
	case *big.Int:
		return x.String()
	}
	return fmt.Sprint(v)
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case *big.Int:
		return x.String()
	case time.Time:
		return text(x)
	}
	return v
}
