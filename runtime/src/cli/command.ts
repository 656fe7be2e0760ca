/** A subcommand of `alur`: one file in cli/commands/, named as the command. */
export interface Command {
  /** One line for `alur --help`. */
  summary: string;
  /** Full usage text for `alur <command> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}
