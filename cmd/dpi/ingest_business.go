package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/business"
	"github.com/laocai-dpi/dpi/warehouse"
)

func newIngestBusinessesCmd(g *globals) *cobra.Command {
	var quarter, kind, by string
	var warnings int
	cmd := &cobra.Command{
		Use:   "businesses FILE...",
		Short: "Nạp danh sách doanh nghiệp theo quý (xlsx, csv) / load quarterly enterprise lists",
		Long: `Nạp danh sách doanh nghiệp do Phòng Đăng ký kinh doanh xuất ra (xlsx hoặc csv).
Quý lấy từ --quarter, hoặc từ tên tệp / dòng tiêu đề nếu ghi rõ (2025Q3, "Quý 3/2025").
--kind snapshot: toàn bộ sổ đăng ký cuối quý (mặc định); new: doanh nghiệp thành lập mới trong quý.
Mỗi tệp nạp trọn vẹn hoặc không nạp gì; nạp lại cùng tệp không đổi gì; tệp sửa cho một quý
thay thế quý đó và giữ bản cũ làm lịch sử. Mọi lỗi ghi rõ tệp, trang, dòng, cột, giá trị, lý do.

Loads the enterprise lists the business-registration office exports (xlsx or csv).
The quarter comes from --quarter, or from the file name or title rows when they say it.
--kind snapshot: the whole register at quarter end (default); new: the quarter's
new registrations. Each file loads whole or not at all; the same file twice
changes nothing; a corrected file for a quarter replaces it and keeps the old
rows as history. Every problem names file, sheet, row, column, value and reason.

Exit: 0 all loaded, 1 some file rejected (reasons on stderr), 2 usage error.`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			var opt business.Options
			if quarter != "" {
				q, err := business.ParseQuarter(quarter)
				if err != nil {
					return &exitError{code: 2, err: err}
				}
				opt.Quarter = q
			}
			if kind != "" {
				k, err := business.ParseKind(kind)
				if err != nil {
					return &exitError{code: 2, err: err}
				}
				opt.Kind = k
			}
			return runIngestBusinesses(c.Context(), g, args, opt, by, warnings)
		},
	}
	cmd.Flags().StringVar(&quarter, "quarter", "", "quý của danh sách, ví dụ 2025Q3 / the list's quarter, e.g. 2025Q3")
	cmd.Flags().StringVar(&kind, "kind", "", "snapshot (toàn bộ sổ / whole register) hoặc/or new (thành lập mới / new registrations)")
	cmd.Flags().StringVar(&by, "by", currentUser(), "người nạp (ghi vào nhật ký) / who loads (for the ingest log)")
	cmd.Flags().IntVar(&warnings, "show-warnings", 10, "số cảnh báo in ra mỗi tệp / warnings printed per file")
	return cmd
}

func runIngestBusinesses(ctx context.Context, g *globals, files []string, opt business.Options, by string, showWarnings int) error {
	ref, err := business.LoadRef()
	if err != nil {
		return err
	}
	// One DuckDB thread: while the load's INSERT waits for the parser's next
	// Arrow batch, more threads only busy-wait (about as much CPU again as
	// the insert itself), taking the core the parser needs; one thread
	// inserts the same rows as fast.
	wh, err := warehouse.Open(ctx, g.dataDir, warehouse.Options{Threads: 1})
	if err != nil {
		return err
	}
	defer wh.Close()
	parser := business.NewParser(ref)
	rejected := 0
	for _, path := range files {
		o := opt
		o.Path, o.FileName = path, filepath.Base(path)
		res, scan, err := loadBusinessFile(ctx, wh, parser, o, by, false)
		if err != nil {
			rejected++
			fmt.Fprintf(os.Stderr, "TỪ CHỐI / REJECTED %s\n", err)
			continue
		}
		fmt.Printf("%s\t%s\tquarter=%s\tkind=%s\trows=%d\twarnings=%d\n", o.FileName, res.Outcome, scan.quarter, scan.kind, res.Rows, scan.WarningCount)
		for i, w := range scan.Warnings {
			if i >= showWarnings {
				fmt.Fprintf(os.Stderr, "  … %d cảnh báo khác trong nhật ký nạp / %d more warnings in the ingest log\n", scan.WarningCount-i, scan.WarningCount-i)
				break
			}
			fmt.Fprintf(os.Stderr, "  cảnh báo / warning: %s\n", w.Format(o.FileName))
		}
	}
	if rejected > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%d/%d tệp bị từ chối, kho dữ liệu không đổi với các tệp đó / %d of %d files rejected; the warehouse is unchanged by them", rejected, len(files), rejected, len(files))}
	}
	return nil
}

// scanSummary is what the CLI prints of a scan.
type scanSummary struct {
	warehouse.BusinessScan
	quarter business.Quarter
	kind    business.Kind
}

// loadBusinessFile opens, validates and loads one register file in one
// transaction, and records the attempt whatever happens.
func loadBusinessFile(ctx context.Context, wh *warehouse.Warehouse, parser *business.Parser, opt business.Options, by string, sample bool) (res warehouse.LoadResult, sum scanSummary, err error) {
	defer func() {
		sha := res.SHA256
		if sha == "" { // refused before the load had hashed it
			sha, _ = ingest.SHA256File(opt.Path)
		}
		a := warehouse.Attempt{Kind: "business", File: opt.FileName, SHA256: sha, By: by, Outcome: res.Outcome, IngestID: res.IngestID}
		if err != nil {
			a.Outcome, a.Message = warehouse.OutcomeRejected, err.Error()
		}
		if aerr := warehouse.Audit(wh.Dir(), a); aerr != nil && err == nil {
			err = aerr
		}
	}()
	f, err := parser.Open(opt)
	if err != nil {
		return res, sum, err
	}
	defer f.Close()
	sum.quarter, sum.kind = f.Quarter, f.Kind
	res, err = wh.LoadBusinesses(ctx, warehouse.BusinessLoad{
		// No SHA256: the load hashes the file as it copies the original,
		// while the rows load, instead of in a pass of its own before.
		FileName: opt.FileName, Path: opt.Path, Quarter: f.Quarter, Kind: f.Kind,
		LoadedBy: by, IsSample: sample,
		Scan: func(emit func(*business.Enterprise) error) (warehouse.BusinessScan, error) {
			r, err := f.Scan(emit)
			sum.BusinessScan = warehouse.BusinessScan{RowsRead: r.RowsRead, RowsSkipped: r.RowsSkipped,
				Warnings: r.Warnings, WarningCount: r.WarningCount, Notes: r.Notes}
			return sum.BusinessScan, err
		},
	})
	var rej *business.RejectError
	if errors.As(err, &rej) {
		err = rej // the list of problems is the message; no wrapping prefix
	}
	return res, sum, err
}
