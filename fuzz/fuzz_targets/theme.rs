#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| motion::fuzzing::theme(data));
