//! The `motion` command: parse arguments, run, exit with the documented code.

fn main() -> std::process::ExitCode {
    motion::cli::main()
}
