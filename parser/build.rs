//! Embeds every module in `stdlib/` into the library: generates a sorted
//! table of (module name, source) pairs.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("stdlib");
    println!("cargo:rerun-if-changed=stdlib");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("parser/stdlib exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            if p.extension()? != "tla" {
                return None;
            }
            Some(p.file_stem()?.to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    let mut out = String::from("/// Every bundled module, sorted by name, with its source.\npub static BUNDLED: &[(&str, &str)] = &[\n");
    for n in &names {
        let path = std::fs::canonicalize(dir.join(format!("{n}.tla"))).expect("file exists");
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({n:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("stdlib_table.rs");
    std::fs::write(dest, out).expect("write table");
}
