//! Helpers shared by the CLI tests: run the real binary from `tests/`.
#![allow(dead_code)]

use std::process::Command;

/// The `motion` binary, run from the `tests/` folder so paths in messages are short.
pub fn motion() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_motion"));
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests"));
    cmd.env_remove("NO_COLOR");
    cmd.env("SOURCE_DATE_EPOCH", "1485216000");
    cmd
}

/// What a run printed and how it exited.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run motion");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
