//! The modules bundled with tlatrace, so that specs load with no extra
//! files: TLC's standard modules (Naturals, Integers, Sequences, FiniteSets,
//! Bags, TLC, ...), the TLAPS library, and the widely used community
//! modules. They are tlatrace's own renditions (in `parser/stdlib/`), with
//! the same public names and arities as the originals; operators that TLC
//! implements natively are implemented natively by the evaluator too.

include!(concat!(env!("OUT_DIR"), "/stdlib_table.rs"));

/// The source of the bundled module `module`, if there is one.
pub fn source(module: &str) -> Option<&'static str> {
    BUNDLED
        .binary_search_by(|(n, _)| (*n).cmp(module))
        .ok()
        .map(|i| BUNDLED[i].1)
}

/// The names of every bundled module, sorted.
pub fn modules() -> impl Iterator<Item = &'static str> {
    BUNDLED.iter().map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_bundled_module_declares_its_name() {
        assert!(super::BUNDLED.len() >= 10);
        for (name, src) in super::BUNDLED {
            let header = format!("MODULE {name}");
            assert!(src.contains(&header), "{name}.tla lacks `{header}`");
        }
    }
}
