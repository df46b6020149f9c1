package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/laocai-dpi/dpi/ingest/business"
)

func newGenerateCmd(_ *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Sinh tệp dữ liệu MẪU để thử nghiệm / generate SAMPLE files for tests and demos",
		Long: `Sinh tệp dữ liệu mẫu (do máy tạo, không phải số liệu thật) để thử nghiệm việc nạp dữ liệu.
Generates sample files (machine-made, not real figures) to exercise ingest.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			return &exitError{code: 2, err: fmt.Errorf("cần một loại dữ liệu, ví dụ businesses / a kind of data is needed, e.g. businesses\n%s", c.UsageString())}
		},
	}
	cmd.AddCommand(newGenerateBusinessesCmd())
	return cmd
}

func newGenerateBusinessesCmd() *cobra.Command {
	var (
		rows     int
		quarter  string
		quarters int
		kind     string
		seed     uint64
		untidy   string
		format   string
	)
	cmd := &cobra.Command{
		Use:   "businesses --rows N --quarter 2025Q3 [--quarters K] [--kind snapshot|new] [--seed 1] [--untidy LIST|all] [--format csv|xlsx] OUT",
		Short: "Sinh danh sách doanh nghiệp Lào Cai (dữ liệu mẫu) / generate Lào Cai enterprise lists (sample data)",
		Long: `Sinh danh sách doanh nghiệp của tỉnh Lào Cai như Phòng Đăng ký kinh doanh xuất ra, theo quý:
một quần thể doanh nghiệp bịa ra (tên, người đại diện, điện thoại đều không có thật) thay đổi qua các quý
(thành lập mới, tạm ngừng, hoạt động trở lại, giải thể, thay đổi vốn, chuyển địa chỉ).
Cùng --seed và tùy chọn cho cùng một tệp, từng byte (csv).

  --rows      số doanh nghiệp trong sổ ở quý cuối (gần đúng, sai lệch vài %; tệp đếm thì chính xác)
  --quarter   quý cuối, ví dụ 2025Q3; --quarters K: K quý liên tiếp kết thúc ở quý đó, mỗi quý một tệp
              (tên tệp thêm _2025Q2 ... trước phần mở rộng)
  --kind      snapshot: cả sổ cuối quý (gồm cả đơn vị giải thể trong quý, trạng thái "Đã giải thể";
              bỏ các đơn vị đã giải thể ở quý trước); new: chỉ doanh nghiệp thành lập mới trong quý
  --untidy    title,textdates,dotted,zeros,total,blank,vsicnames hoặc all: dòng tiêu đề, ngày dạng chữ,
              vốn "1.500.000.000", mã số thuế dạng số (mất số 0 đầu), dòng tổng cộng, dòng trống,
              ngành nghề "4933 - tên ngành"
  --format    csv (UTF-8 có BOM) hoặc xlsx; mặc định theo phần mở rộng của OUT. Khi không có textdates,
              ngày là kiểu ngày của Excel trong xlsx và yyyy-mm-dd trong csv; vốn là số

Trước quý 3/2025 địa chỉ ghi theo đơn vị cũ (tỉnh, huyện, xã); từ quý 3/2025 theo đơn vị mới (tỉnh, xã).
Số liệu đếm của chính bộ sinh được ghi vào OUT.counts.json để đối chiếu với "dpi sql".

Generates the province's enterprise register as the registration office exports it, quarter by
quarter: an invented population (names, representatives, phones are not real) that evolves
(registrations, suspensions, resumptions, dissolutions, capital changes, moves). Same --seed and
options, same bytes (csv). --rows is the register's size at the last quarter (approximate, within a
few per cent; the counts file is exact). --quarters K writes K consecutive quarters ending at
--quarter, one file each, named by inserting _2025Q2 etc. before the extension. --kind snapshot
lists the whole register at quarter end (units dissolved during the quarter included with status
"Đã giải thể", those dissolved earlier left out); new lists the quarter's registrations only.
--untidy switches on the untidiness of real files (see above), all for every one; without
textdates, dates are Excel dates in xlsx and yyyy-mm-dd in csv. Addresses use
pre-2025 units before 2025Q3 and 2025 units (province, commune; district blank) from 2025Q3. The
generator's own counts go to OUT.counts.json, to compare with "dpi sql".`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			usage := func(err error) error {
				return &exitError{code: 2, err: fmt.Errorf("%w\n%s", err, c.UsageString())}
			}
			out := args[0]
			if rows < 1 {
				return usage(fmt.Errorf("--rows phải lớn hơn 0 / --rows must be at least 1"))
			}
			if quarters < 1 {
				return usage(fmt.Errorf("--quarters phải lớn hơn 0 / --quarters must be at least 1"))
			}
			q, err := business.ParseQuarter(quarter)
			if err != nil {
				return usage(err)
			}
			k, err := business.ParseKind(kind)
			if err != nil {
				return usage(err)
			}
			u, err := business.ParseUntidy(untidy)
			if err != nil {
				return usage(err)
			}
			ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
			if format == "" {
				format = ext
			}
			if format != "csv" && format != "xlsx" {
				return usage(fmt.Errorf("--format phải là csv hoặc xlsx / --format must be csv or xlsx, not %q", format))
			}
			if ext != format {
				return usage(fmt.Errorf("tệp %q không có đuôi .%s / file %q does not end in .%s", out, format, out, format))
			}
			counts, err := business.GenerateFiles(business.GenOptions{Seed: seed, Rows: rows, Last: q, Quarters: quarters, Kind: k, Untidy: u}, format, out)
			if err != nil {
				return err
			}
			dir := filepath.Dir(out)
			for _, qc := range counts.Quarters {
				fmt.Fprintf(c.OutOrStdout(), "%s\t%s\t%d dòng / rows\t%d doanh nghiệp trong sổ / in the register\t%d mới / new\n",
					qc.Quarter, filepath.Join(dir, qc.File), qc.RowsWritten, qc.RegisterSize, qc.NewRegistration)
			}
			fmt.Fprintf(c.OutOrStdout(), "số liệu đếm / counts: %s\n", out+".counts.json")
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&rows, "rows", 0, "số doanh nghiệp trong sổ ở quý cuối / register size at the last quarter")
	f.StringVar(&quarter, "quarter", "", "quý cuối, ví dụ 2025Q3 / last quarter, e.g. 2025Q3")
	f.IntVar(&quarters, "quarters", 1, "số quý, kết thúc ở --quarter / number of quarters ending at --quarter")
	f.StringVar(&kind, "kind", "snapshot", "snapshot | new")
	f.Uint64Var(&seed, "seed", 1, "hạt giống ngẫu nhiên / random seed")
	f.StringVar(&untidy, "untidy", "", "title,textdates,dotted,zeros,total,blank,vsicnames | all")
	f.StringVar(&format, "format", "", "csv | xlsx (mặc định theo đuôi tệp / default: the file's extension)")
	return cmd
}
