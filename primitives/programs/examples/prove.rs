//! Prove a job on the command line, as a prover's node would, and print what `submit_proof`
//! takes; or write the proof fixtures the jobs pallet's benchmarks verify.
//!
//! ```text
//! cargo run --release -p sortition-programs --features prover --example prove -- \
//!     <program> <steps> <96|128> [seed...]          # one JSON line on stdout
//! cargo run --release -p sortition-programs --features prover --example prove -- \
//!     --fixtures <dir>                               # every program and level, 2^10..2^20
//! ```
//!
//! The JSON line has the inputs and output as @polkadot/api takes them, and the proof in hex.
//! A fixture file is the SCALE encoding of `(Inputs, SecurityLevel, Output, Vec<u8>)`.

use codec::Encode;
use sortition_programs::{prove, Inputs, Output, Program, SecurityLevel};
use std::{process::ExitCode, time::Instant};

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
				let (output, proof) = prove(&inputs, level).map_err(|e| format!("{e:?}"))?;
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
		_ => parse(&args).and_then(|(inputs, level)| {
			let start = Instant::now();
			let (output, proof) = prove(&inputs, level).map_err(|e| format!("{e:?}"))?;
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
