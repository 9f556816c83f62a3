fn main() {
	#[cfg(feature = "std")]
	{
		// The target directory may live outside the workspace (the scripts and CI put it under
		// `~/.cache` so fresh clones reuse it). The wasm builder looks for `Cargo.lock` upwards
		// from the target directory; point it at our workspace so the wasm runtime is built with
		// exactly the locked dependency versions.
		// Read the manifest directory when the script runs, not when it was compiled: cargo may
		// reuse a build script compiled in another clone of the repository.
		if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
			if let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
				let workspace = std::path::Path::new(&manifest_dir).join("..");
				std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
			}
		}

		#[cfg(feature = "metadata-hash")]
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_metadata_hash("SORT", 12)
			.build();

		#[cfg(not(feature = "metadata-hash"))]
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
	}
}
