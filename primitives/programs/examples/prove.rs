//! Prove a job on the command line, as a prover's node would, and print what `submit_proof`
//! takes; or write the proof fixtures the jobs pallet's benchmarks verify.
//!
//! ```text
//! cargo run --release -p sortition-programs --features prover --example prove -- \
//!     [--prover 0x<32 bytes>] <program> <steps> <96|128> [seed...]   # one JSON line on stdout
//! cargo run --release -p sortition-programs --features prover --example prove -- \
//!     --fixtures <dir>                               # every program and level, 2^10..2^20
//! ```
//!
//! Every proof is bound to a prover (`--prover`: its `ProverId`, which for a Sortition account
//! is its 32-byte public key; zeros if not given): it verifies for that prover only.
//!
//! The JSON line has the inputs and output as @polkadot/api takes them, and the proof in hex.
//! A fixture file is the SCALE encoding of `(Inputs, SecurityLevel, Output, Vec<u8>)`, bound to
//! [`FIXTURE_PROVER`].

use codec::Encode;
use sortition_programs::{prove, Inputs, Output, Program, ProverId, SecurityLevel};
use std::{process::ExitCode, time::Instant};

/// The prover the fixtures are bound to: `0x01` followed by 31 zero bytes, the `ProverId` of
/// account 1 in the jobs pallet's tests and of the account `0x0100..00` in the runtime (the
/// benchmarks' `fixture_prover`).
const FIXTURE_PROVER: ProverId = {
	let mut id = [0u8; 32];
	id[0] = 1;
	id
};

/// `0x` and 64 hex digits.
fn parse_prover(text: &str) -> Result<ProverId, String> {
	let digits = text.strip_prefix("0x").unwrap_or(text);
	let bad = || format!("--prover takes 0x and 64 hex digits, not {text:?}");
	if digits.len() != 64 {
		return Err(bad());
	}
	let mut id = [0u8; 32];
	for (i, byte) in id.iter_mut().enumerate() {
		*byte = u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
	}
	Ok(id)
}

fn hex(bytes: &[u8]) -> String {
	let mut out = String::with_capacity(2 + 2 * bytes.len());
	out.push_str("0x");
	for byte in bytes {
		out.push_str(&format!("{byte:02x}"));
	}
	out
}

/// `inputs` as the polkadot.js JSON of the `Inputs` enum (u64s as strings).
fn inputs_json(inputs: &Inputs) -> String {
	match inputs {
		Inputs::Fibonacci { steps } => format!(r#"{{"Fibonacci":{{"steps":{steps}}}}}"#),
		Inputs::RescueChain { seed, steps } => {
			format!(r#"{{"RescueChain":{{"seed":["{}","{}"],"steps":{steps}}}}}"#, seed[0], seed[1])
		},
		Inputs::MimcVdf { seed, steps } => {
			format!(r#"{{"MimcVdf":{{"seed":"{seed}","steps":{steps}}}}}"#)
		},
	}
}

fn output_json(output: &Output) -> String {
	match output {
		Output::Fibonacci(x) => format!(r#"{{"Fibonacci":"{x}"}}"#),
		Output::MimcVdf(x) => format!(r#"{{"MimcVdf":"{x}"}}"#),
		Output::RescueChain(d) => {
			format!(r#"{{"RescueChain":["{}","{}","{}","{}"]}}"#, d[0], d[1], d[2], d[3])
		},
	}
}

fn parse(args: &[String]) -> Result<(Inputs, SecurityLevel), String> {
	let [program, steps, level, seed @ ..] = args else {
		return Err(
			"usage: prove <fibonacci|rescue-chain|mimc-vdf> <steps> <96|128> [seed...]".into()
		);
	};
	let program = Program::from_name(program).ok_or(format!("unknown program {program:?}"))?;
	let steps: u32 = steps.parse().map_err(|_| format!("steps must be a number: {steps:?}"))?;
	let level = level
		.parse()
		.ok()
		.and_then(SecurityLevel::from_bits)
		.ok_or(format!("the level is 96 or 128, not {level:?}"))?;
	let seed = seed
		.iter()
		.map(|s| s.parse::<u64>().map_err(|_| format!("a seed is a u64: {s:?}")))
		.collect::<Result<Vec<_>, _>>()?;
	let inputs = match (Inputs::sample(program, steps), seed.as_slice()) {
		(inputs, []) => inputs,
		(Inputs::MimcVdf { .. }, [seed]) => Inputs::MimcVdf { seed: *seed, steps },
		(Inputs::RescueChain { .. }, [a, b]) => Inputs::RescueChain { seed: [*a, *b], steps },
		_ => return Err(format!("wrong number of seed elements for {}", program.name())),
	};
	Ok((inputs, level))
}

fn fixtures(dir: &str) -> Result<(), String> {
	std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
	for program in Program::ALL {
		for level in SecurityLevel::ALL {
			for log2 in [10, 14, 16, 18, 20] {
				let inputs = Inputs::sample(program, 1 << log2);
				let start = Instant::now();
				let (output, proof) =
					prove(&inputs, level, &FIXTURE_PROVER).map_err(|e| format!("{e:?}"))?;
				let path = format!("{dir}/{}-{}-{log2}.scale", program.name(), level.bits());
				std::fs::write(&path, (inputs, level, output, proof.clone()).encode())
					.map_err(|e| e.to_string())?;
				eprintln!("{path}: {} bytes, {:.2?}", proof.len(), start.elapsed());
			}
		}
	}
	Ok(())
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let result = match args.as_slice() {
		[flag, dir] if flag == "--fixtures" => fixtures(dir),
		_ => {
			let (prover, rest) = match args.as_slice() {
				[flag, id, rest @ ..] if flag == "--prover" => (parse_prover(id), rest),
				rest => (Ok([0; 32]), rest),
			};
			prover.and_then(|prover| Ok((prover, parse(rest)?)))
		}
		.and_then(|(prover, (inputs, level))| {
			let start = Instant::now();
			let (output, proof) = prove(&inputs, level, &prover).map_err(|e| format!("{e:?}"))?;
			println!(
				r#"{{"inputs":{},"security":"Bits{}","output":{},"proof":"{}","proofSize":{},"provingMs":{}}}"#,
				inputs_json(&inputs),
				level.bits(),
				output_json(&output),
				hex(&proof),
				proof.len(),
				start.elapsed().as_millis()
			);
			Ok(())
		}),
	};
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("prove: {error}");
			ExitCode::FAILURE
		},
	}
}
