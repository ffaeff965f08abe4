//! The rulebooks embedded in the binary, by name: `seed` (the article, the default) and
//! `observed` (public reports). Each is kept as the text of its file, comments included, so that
//! `fanplan rules --toml` prints it exactly as written.

use super::{Rulebook, RulebookError};

/// The embedded `observed` rulebook (TOML text).
pub const OBSERVED_TOML: &str = include_str!("../../data/rulebooks/observed.toml");

/// A rulebook embedded in the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtin {
    /// The name `--rules` takes.
    pub name: &'static str,
    /// The file it was built from, relative to the repository.
    pub file: &'static str,
    /// The TOML text, exactly as in the file.
    pub toml: &'static str,
}

/// The built-in rulebooks, the default first.
pub const BUILTINS: [Builtin; 2] = [
    Builtin {
        name: "seed",
        file: "data/rulebooks/seed.toml",
        toml: super::SEED_TOML,
    },
    Builtin {
        name: "observed",
        file: "data/rulebooks/observed.toml",
        toml: OBSERVED_TOML,
    },
];

/// The built-in rulebook of a name, if there is one.
pub fn builtin(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

impl Builtin {
    /// Parse and validate the embedded text.
    pub fn load(&self) -> Result<Rulebook, RulebookError> {
        Rulebook::from_toml(self.toml)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_loads_under_its_own_name() {
        for b in BUILTINS {
            let book = b.load().expect("embedded rulebooks are valid");
            assert_eq!(book.rulebook.name, b.name);
        }
        assert_eq!(BUILTINS[0].name, "seed");
        assert_eq!(builtin("observed").map(|b| b.toml), Some(OBSERVED_TOML));
        assert!(builtin("mine.toml").is_none());
    }
}
