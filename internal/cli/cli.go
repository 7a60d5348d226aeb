// Package cli implements the switchboard subcommands. Run is the whole
// program; main only supplies the process environment, so tests run it
// in-process.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

// Env is what the program takes from its process: environment variables and
// standard streams.
type Env struct {
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

const usage = `usage: switchboard <command> [flags]

commands:
  serve        start the server (API, web app, webhooks, health, metrics)
  migrate      apply database migrations and exit
  user create  create a user (password read from standard input)
  sim          place a simulated inbound call through the sandbox carrier

Run "switchboard <command> --help" for a command's flags.
`

// Run runs the command named by args and returns the process exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return 2
	}
	err := dispatch(ctx, args[0], args[1:], env)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(env.Stderr, err)
		return 2
	default:
		fmt.Fprintln(env.Stderr, "switchboard:", err)
		return 1
	}
}

var errUsage = errors.New("usage error")

func dispatch(ctx context.Context, cmd string, args []string, env Env) error {
	switch cmd {
	case "serve":
		return runServe(ctx, args, env)
	case "migrate":
		return runMigrate(ctx, args, env)
	case "user":
		return runUser(ctx, args, env)
	case "sim":
		return runSim(ctx, args, env)
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, usage)
		return nil
	}
	return fmt.Errorf("%w: unknown command %q\n\n%s", errUsage, cmd, usage)
}
