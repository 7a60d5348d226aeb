package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"runtime"
	"strings"

	"github.com/switchboard/switchboard/internal/auth"
	"github.com/switchboard/switchboard/internal/config"
	"github.com/switchboard/switchboard/internal/org"
	"github.com/switchboard/switchboard/internal/problem"
)

func runMigrate(ctx context.Context, args []string, env Env) error {
	cfg, err := loadConfig("migrate", args, env, nil)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(env.Stdout, "migrations applied (%s)\n", st.Dialect())
	return nil
}

func runUser(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("%w: switchboard user create --org ORG --email E --role admin|agent (password on stdin)", errUsage)
	}
	var slug, email, role, name string
	cfg, err := loadConfig("user create", args[1:], env, func(fs *flag.FlagSet, _ *config.Config) {
		fs.StringVar(&slug, "org", "", "org slug (lower-case letters, digits, dashes); created if it does not exist")
		fs.StringVar(&email, "email", "", "the user's e-mail")
		fs.StringVar(&role, "role", "", "admin or agent")
		fs.StringVar(&name, "name", "", "the user's name (optional)")
	})
	if err != nil {
		return err
	}
	if !org.ValidSlug(slug) {
		return fmt.Errorf("%w: --org must be 2-40 lower-case letters, digits or dashes", errUsage)
	}
	password, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && password == "" {
		return fmt.Errorf("reading the password from standard input: %w", err)
	}
	password = strings.TrimRight(password, "\r\n")
	// Validate everything before writing, so a bad value creates nothing.
	var u org.User
	in := org.UserInput{Email: &email, Role: &role, Name: &name, Password: &password}
	if err := in.Apply(&u, org.DefaultSettings(), true); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, _, err := st.Credentials(ctx, u.Email); err == nil {
		return problem.Field("email", "is already used by another user")
	}
	o, err := st.OrgBySlug(ctx, slug)
	if problem.Is(err, problem.NotFound) {
		o, err = st.CreateOrg(ctx, org.Org{Slug: slug, Name: slug, Settings: org.DefaultSettings()})
		if err == nil {
			fmt.Fprintf(env.Stdout, "created org %s\n", slug)
		}
	}
	if err != nil {
		return err
	}
	hash, err := auth.NewHasher(runtime.GOMAXPROCS(0)).Hash(ctx, password)
	if err != nil {
		return err
	}
	if u, err = st.CreateUser(ctx, o.ID, u, hash); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "created %s %s (id %d) in org %s\n", u.Role, u.Email, u.ID, slug)
	return nil
}
