// Links lay from LAY_LIB_DIR (when set and not empty), else from LIBRARY_FOLDER (where the library was when
// this crate was generated, relative to the crate), else from the folder the crate was generated in.
// The folder is passed on to the build scripts of crates that depend on this one as
// DEP_LAY_LIB_DIR, e.g. for an rpath:
//     println!("cargo:rustc-link-arg=-Wl,-rpath,{}", std::env::var("DEP_LAY_LIB_DIR").unwrap());
use std::path::PathBuf;

const LIBRARY_FOLDER: &str = "../../lib";

fn main() {
    println!("cargo:rerun-if-env-changed=LAY_LIB_DIR");
    let dir = match std::env::var_os("LAY_LIB_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => {
            let file = match std::env::var("CARGO_CFG_TARGET_OS").as_deref() {
                Ok("windows") => "lay.dll",
                Ok("macos") | Ok("ios") => "liblay.dylib",
                _ => "liblay.so",
            };
            let crate_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
            let candidates = [crate_dir.join(LIBRARY_FOLDER), crate_dir.join("..")];
            let dir = match candidates.iter().find(|dir| dir.join(file).exists()) {
                Some(dir) => dir.clone(),
                None => {
                    println!("cargo:warning={file} is not in {} or {}: set LAY_LIB_DIR to its folder", candidates[0].display(), candidates[1].display());
                    candidates[0].clone()
                }
            };
            println!("cargo:rerun-if-changed={}", dir.join(file).display());
            dir.canonicalize().unwrap_or(dir)
        }
    };
    println!("cargo:rustc-link-search=native={}", dir.display());
    println!("cargo:rustc-link-lib=dylib=lay");
    println!("cargo:lib_dir={}", dir.display());
}
