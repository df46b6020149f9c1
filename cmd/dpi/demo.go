package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/business"
	"github.com/laocai-dpi/dpi/ingest/pci"
	"github.com/laocai-dpi/dpi/portal/demo"
	"github.com/laocai-dpi/dpi/portal/sqlite"
	"github.com/laocai-dpi/dpi/warehouse"
)

func newDemoCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Nạp dữ liệu MẪU (không phải số liệu thật) / load SAMPLE data (not real figures)",
		Long: `Nạp dữ liệu mẫu do máy sinh ra (PCI 2017–2019; sổ đăng ký doanh nghiệp Lào Cai
các quý 2025Q1–2026Q3), đánh dấu "mẫu" ở mọi nơi hiển thị.
Chạy lại nhiều lần không thay đổi gì; không bao giờ ghi đè số liệu thật.
Nội dung biên tập mẫu (tin, thông cáo, văn bản, danh bạ, góp ý) được ghi qua quy trình
duyệt thật, chỉ vào kho nội dung chưa có nội dung thật; không tạo tài khoản đăng nhập được.
Loads generated sample data (PCI 2017–2019; a Lào Cai enterprise register for
2025Q1–2026Q3), marked as sample wherever shown. Idempotent; never overwrites
real figures. Sample editorial content (news, press releases, documents,
directory, feedback) goes through the real workflow, only into a content
store without content of its own; no account anyone can sign in with.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			ctx := c.Context()
			parser, wh, err := openForPCILoad(ctx, g)
			if err != nil {
				return err
			}
			defer wh.Close()
			if err := demoPCI(ctx, wh, parser); err != nil {
				return err
			}
			if err := demoBusinesses(ctx, wh); err != nil {
				return err
			}
			return demoContent(ctx, g)
		},
	}
}

// demoPCI loads the sample PCI years unless a real release holds one of them.
func demoPCI(ctx context.Context, wh *warehouse.Warehouse, parser *pci.Parser) error {
	real, err := wh.RealPCIYears(ctx)
	if err != nil {
		return err
	}
	for _, y := range pci.SampleYears {
		if real[y] {
			fmt.Printf("PCI %d đã có số liệu thật, bỏ qua dữ liệu mẫu / PCI %d has real figures: sample not loaded\n", y, y)
			return nil
		}
	}
	data := parser.SampleCSV()
	rels, err := parser.Parse(pci.SampleFileName, data, 0)
	if err != nil {
		return err
	}
	res, err := wh.LoadPCI(ctx, warehouse.PCILoad{FileName: pci.SampleFileName, Data: data,
		SHA256: ingest.SHA256(data), Releases: rels, LoadedBy: "dpi demo", IsSample: true})
	if err != nil {
		return err
	}
	fmt.Printf("Dữ liệu MẪU / SAMPLE data: %s %s years=%v\n", pci.SampleFileName, res.Outcome, res.Years)
	return nil
}

// Sample register: a fixed seed, so every run writes the same bytes and a
// second `dpi demo` finds every quarter unchanged.
var demoRegister = business.GenOptions{Seed: 20251, Rows: 4000, Last: business.Quarter{Year: 2026, Q: 3}, Quarters: 7, Kind: business.Snapshot}

// demoBusinesses generates the sample register into a temporary folder and
// loads each quarter as sample data, skipping quarters that hold other data.
func demoBusinesses(ctx context.Context, wh *warehouse.Warehouse) error {
	ref, err := business.LoadRef()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "dpi-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	opt := demoRegister
	opt.Ref = ref
	counts, err := business.GenerateFiles(opt, "csv", filepath.Join(dir, "mau_so_dang_ky_doanh_nghiep.csv"))
	if err != nil {
		return err
	}
	parser := business.NewParser(ref)
	for _, qc := range counts.Quarters {
		q, err := business.ParseQuarter(qc.Quarter)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, qc.File)
		sha, err := ingest.SHA256File(path)
		if err != nil {
			return err
		}
		if have, ok, err := wh.BusinessLoadCurrent(ctx, q, business.Snapshot); err != nil {
			return err
		} else if ok && have != sha {
			fmt.Printf("Quý %s đã có số liệu khác, bỏ qua dữ liệu mẫu / %s holds other data: sample not loaded\n", q, q)
			continue
		}
		res, _, err := loadBusinessFile(ctx, wh, parser, business.Options{Path: path, FileName: qc.File, Quarter: q, Kind: business.Snapshot}, "dpi demo", true)
		if err != nil {
			return err
		}
		fmt.Printf("Dữ liệu MẪU / SAMPLE data: %s %s rows=%d\n", qc.File, res.Outcome, res.Rows)
	}
	return nil
}

// demoContent writes the sample editorial content into the content store
// (portal/demo), unless it holds content already.
func demoContent(ctx context.Context, g *globals) error {
	db, err := sqlite.Open(ctx, g.dataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := demo.Seed(ctx, db, cliActor())
	if err != nil {
		return err
	}
	switch res.Outcome {
	case demo.SkippedReal:
		fmt.Println("Kho nội dung đã có nội dung thật, không thêm nội dung mẫu / the content store holds real content: sample content not added")
	case demo.Unchanged:
		fmt.Println("Nội dung MẪU đã có, không thay đổi / SAMPLE content already there: unchanged")
	case demo.Seeded:
		fmt.Printf("Nội dung MẪU / SAMPLE content: %d bài / items, %d văn bản / documents, %d cán bộ / staff, %d góp ý / feedback\n",
			res.Items, res.Documents, res.Staff, res.Feedback)
		fmt.Printf("Tài khoản mẫu (đã khoá, không có mật khẩu) / sample accounts (disabled, no password): %s\n", strings.Join(res.Accounts, ", "))
	}
	if !res.RealAccounts {
		fmt.Println(`Tạo quản trị đầu tiên / create the first administrator:
  dpi --data ` + g.dataDir + ` users add --name "Họ và tên" --email EMAIL --role administrator
  dpi --data ` + g.dataDir + ` users passwd EMAIL`)
	}
	return nil
}
