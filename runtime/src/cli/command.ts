/** A subcommand of `alur`: one file in cli/commands/, named as the command. */
export interface Command {
  /** One line for `alur --help`. */
  summary: string;
  /** Full usage text for `alur <command> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Runs one loaded command: its usage for --help, else the command with errors turned into exit 1. */
export async function runCommand(name: string, command: Command, rest: string[]): Promise<number> {
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    console.error(`alur ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
