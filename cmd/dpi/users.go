package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
)

// newUsersCmd manages portal accounts from the command line: the first
// administrator, and scripts. The operator acts as the system (audited as
// "cli:<os user>"); approving acts as the director named by --by.
func newUsersCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Tài khoản cổng thông tin / portal accounts (add, approve, disable, passwd, list)",
		Long: `Quản lý tài khoản cổng thông tin. Tài khoản đầu tiên (quản trị) có hiệu lực ngay;
mọi tài khoản sau chờ Giám đốc phê duyệt.
Manages portal accounts. The very first account (an administrator) is active at
once; every later one waits for the director's approval.`,
	}
	cmd.AddCommand(newUsersAddCmd(g), newUsersApproveCmd(g), newUsersDisableCmd(g), newUsersPasswdCmd(g), newUsersListCmd(g))
	return cmd
}

func cliActor() content.Actor {
	name := "operator"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	a := content.System("cli:" + name)
	a.IP = "cli"
	return a
}

func openAuth(ctx context.Context, g *globals) (*sqlite.DB, *auth.Service, error) {
	db, err := sqlite.Open(ctx, g.dataDir)
	if err != nil {
		return nil, nil, err
	}
	return db, auth.New(db), nil
}

// domainExit turns an input or permission error into exit 1 with its message.
func domainExit(err error) error {
	if err == nil {
		return nil
	}
	var ce *content.Error
	if errors.As(err, &ce) {
		return &exitError{code: 1, err: ce}
	}
	return err
}

func newUsersAddCmd(g *globals) *cobra.Command {
	var name, email, roles, channels, dept string
	cmd := &cobra.Command{
		Use:   "add --name NAME [--email EMAIL] --role ROLE[,ROLE] [--channels PORTAL/SLUG,...] [--department UNIT]",
		Short: "Tạo tài khoản / create an account (pending until the director approves, except the first administrator)",
		Long: `Tạo tài khoản. Không có --email thì địa chỉ được tạo theo quy ước hodemten-skhdt@laocai.gov.vn.
Vai trò: contributor, reviewer, administrator, director. --channels (cho reviewer): mã số
hoặc cổng/đường-dẫn, ví dụ department/tin-tuc-su-kien. Đặt mật khẩu bằng "dpi users passwd".
Creates an account. Without --email the address follows the convention
hodemten-skhdt@laocai.gov.vn. Set the password with "dpi users passwd".`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			if name == "" || roles == "" {
				return &exitError{code: 2, err: fmt.Errorf("--name và --role là bắt buộc / --name and --role are required\n%s", c.UsageString())}
			}
			var rs []content.Role
			for _, r := range strings.Split(roles, ",") {
				role, err := content.ParseRole(r)
				if err != nil {
					return &exitError{code: 2, err: err}
				}
				rs = append(rs, role)
			}
			ctx := c.Context()
			db, svc, err := openAuth(ctx, g)
			if err != nil {
				return err
			}
			defer db.Close()
			chans, err := resolveChannels(ctx, db, channels)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			a, err := svc.CreateAccount(ctx, cliActor(), auth.NewAccount{Name: name, Email: email, Department: dept, Roles: rs, Channels: chans})
			if err != nil {
				return domainExit(err)
			}
			fmt.Fprintf(os.Stdout, "%d\t%s\t%s\n", a.ID, a.Email, a.Status)
			if a.Status == content.AccountPending {
				fmt.Fprintf(os.Stderr, "Tài khoản chờ Giám đốc phê duyệt / pending the director's approval: dpi users approve %s --by DIRECTOR_EMAIL\n", a.Email)
			}
			fmt.Fprintf(os.Stderr, "Đặt mật khẩu / set the password: dpi users passwd %s\n", a.Email)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&name, "name", "", "họ và tên / full name")
	f.StringVar(&email, "email", "", "địa chỉ thư (mặc định theo quy ước) / email (default: the convention)")
	f.StringVar(&roles, "role", "", "contributor,reviewer,administrator,director")
	f.StringVar(&channels, "channels", "", "chuyên mục được duyệt / reviewed channels: ID or portal/slug, comma-separated")
	f.StringVar(&dept, "department", "", "đơn vị / department")
	return cmd
}

// resolveChannels reads "12,department/tin-tuc-su-kien" into channel ids.
func resolveChannels(ctx context.Context, db *sqlite.DB, list string) ([]int64, error) {
	var out []int64
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	err := db.View(ctx, func(tx content.Tx) error {
		for _, s := range strings.Split(list, ",") {
			s = strings.TrimSpace(s)
			if id, err := strconv.ParseInt(s, 10, 64); err == nil {
				if _, err := tx.Channel(id); err != nil {
					return err
				}
				out = append(out, id)
				continue
			}
			portalKey, slug, ok := strings.Cut(s, "/")
			if !ok {
				return fmt.Errorf("chuyên mục %q: dùng mã số hoặc cổng/đường-dẫn / channel %q: use an id or portal/slug", s, s)
			}
			p, err := tx.PortalByKey(portalKey)
			if err != nil {
				return err
			}
			ch, err := tx.ChannelBySlug(p.ID, slug)
			if err != nil {
				return err
			}
			out = append(out, ch.ID)
		}
		return nil
	})
	return out, err
}

func newUsersApproveCmd(g *globals) *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "approve EMAIL --by DIRECTOR_EMAIL",
		Short: "Giám đốc phê duyệt tài khoản / the director approves an account",
		Long: `Phê duyệt tài khoản đang chờ, nhân danh Giám đốc (--by). Chỉ khi chưa có Giám đốc nào,
tài khoản Giám đốc đầu tiên được phê duyệt không cần --by.
Approves a pending account on behalf of the director (--by). Only while there is
no active director may the first director's account be approved without --by.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			db, svc, err := openAuth(ctx, g)
			if err != nil {
				return err
			}
			defer db.Close()
			a, err := svc.AccountByEmail(ctx, args[0])
			if err != nil {
				return domainExit(err)
			}
			actor := cliActor()
			if by != "" {
				d, err := svc.AccountByEmail(ctx, by)
				if err != nil {
					return domainExit(err)
				}
				actor = content.Actor{AccountID: d.ID, Label: d.Email, IP: actor.Label}
			}
			if a, err = svc.ApproveAccount(ctx, actor, a.ID); err != nil {
				return domainExit(err)
			}
			fmt.Fprintf(os.Stdout, "%d\t%s\t%s\n", a.ID, a.Email, a.Status)
			return nil
		},
	}
	cmd.Flags().StringVar(&by, "by", "", "địa chỉ thư của Giám đốc / the director's email")
	return cmd
}

func newUsersDisableCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "disable EMAIL",
		Short: "Khoá tài khoản và kết thúc mọi phiên / disable an account and end its sessions",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			db, svc, err := openAuth(ctx, g)
			if err != nil {
				return err
			}
			defer db.Close()
			a, err := svc.AccountByEmail(ctx, args[0])
			if err != nil {
				return domainExit(err)
			}
			if a, err = svc.DisableAccount(ctx, cliActor(), a.ID); err != nil {
				return domainExit(err)
			}
			fmt.Fprintf(os.Stdout, "%d\t%s\t%s\n", a.ID, a.Email, a.Status)
			return nil
		},
	}
}

func newUsersPasswdCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "passwd EMAIL",
		Short: "Đặt mật khẩu (đọc từ bàn phím hoặc stdin) / set a password (read from the terminal or stdin)",
		Long: `Đặt mật khẩu cho tài khoản. Mật khẩu được đọc từ bàn phím (gõ hai lần, không hiện) hoặc
dòng đầu của stdin; không bao giờ từ tham số dòng lệnh. Mọi phiên của tài khoản kết thúc.
Sets an account's password, read from the terminal (twice, not echoed) or the
first line of stdin — never from a flag. Every session of the account ends.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			db, svc, err := openAuth(ctx, g)
			if err != nil {
				return err
			}
			defer db.Close()
			a, err := svc.AccountByEmail(ctx, args[0])
			if err != nil {
				return domainExit(err)
			}
			pw, err := readPassword(os.Stdin, os.Stderr)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			if err := svc.SetPassword(ctx, cliActor(), a.ID, pw); err != nil {
				return domainExit(err)
			}
			fmt.Fprintf(os.Stderr, "Đã đặt mật khẩu cho %s / password set\n", a.Email)
			return nil
		},
	}
}

// readPassword reads a new password from the terminal (twice, not echoed)
// or, when stdin is not a terminal, its first line.
func readPassword(in *os.File, prompt io.Writer) (string, error) {
	if term.IsTerminal(int(in.Fd())) {
		fmt.Fprint(prompt, "Mật khẩu mới / new password: ")
		a, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(prompt)
		if err != nil {
			return "", err
		}
		fmt.Fprint(prompt, "Nhập lại / again: ")
		b, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(prompt)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("hai lần nhập khác nhau / the two entries differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(io.LimitReader(in, auth.MaxPasswordBytes+2)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("không đọc được mật khẩu từ stdin / no password on stdin")
	}
	return line, nil
}

func newUsersListCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "Liệt kê tài khoản / list accounts",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			ctx := c.Context()
			db, svc, err := openAuth(ctx, g)
			if err != nil {
				return err
			}
			defer db.Close()
			accts, err := svc.Accounts(ctx, cliActor(), content.AccountFilter{})
			if err != nil {
				return domainExit(err)
			}
			tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "id\temail\tname\tstatus\troles\tchannels\tdepartment")
			for _, a := range accts {
				var rs []string
				for _, r := range a.Roles {
					rs = append(rs, string(r))
				}
				var cs []string
				for _, ch := range a.Channels {
					cs = append(cs, strconv.FormatInt(ch, 10))
				}
				status := string(a.Status)
				if a.Sample {
					status += " (mẫu/sample)"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", a.ID, a.Email, a.Name, status, strings.Join(rs, ","), strings.Join(cs, ","), a.Department)
			}
			return tw.Flush()
		},
	}
}
