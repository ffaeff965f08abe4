//! `--rules NAME|FILE`: a built-in rulebook by name (`seed`, the default, or `observed`) or a
//! TOML file, kept with the text it was read from (`fanplan rules --toml` prints that text).

use super::{Failure, Reason};
use crate::rules::builtin::{builtin, Builtin, BUILTINS};
use crate::rules::Rulebook;
use std::borrow::Cow;
use std::path::Path;

/// A loaded rulebook and the TOML text it came from.
#[derive(Debug)]
pub struct Loaded {
    /// The validated rulebook.
    pub book: Rulebook,
    /// The text, exactly as embedded or as read from the file.
    pub text: Cow<'static, str>,
}

/// Load the rulebook `--rules` names: the default built-in without it, a built-in by its name,
/// else a file. A file whose name is a built-in's is read with a path (`./seed`).
pub fn load(spec: Option<&Path>) -> anyhow::Result<Loaded> {
    let Some(p) = spec else {
        return load_builtin(&BUILTINS[0]);
    };
    if let Some(b) = p.to_str().and_then(builtin) {
        return load_builtin(b);
    }
    let shown = p.display();
    let bytes = std::fs::read(p).map_err(|e| {
        let names: Vec<&str> = BUILTINS.iter().map(|b| b.name).collect();
        Failure::io("error-rulebook-read", e)
            .arg("path", &shown)
            .arg("names", names.join(", "))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::invalid("error-rulebook-not-utf8")
            .arg("path", &shown)
            .arg("byte", e.utf8_error().valid_up_to())
    })?;
    let book = Rulebook::from_toml(&text).map_err(|e| {
        Failure::invalid("error-rulebook")
            .arg("path", &shown)
            .reason(Reason::Rulebook(e))
    })?;
    Ok(Loaded {
        book,
        text: Cow::Owned(text),
    })
}

fn load_builtin(b: &Builtin) -> anyhow::Result<Loaded> {
    let book = b.load().map_err(|e| {
        Failure::invalid("error-rulebook-builtin")
            .arg("name", b.name)
            .reason(Reason::Rulebook(e))
    })?;
    Ok(Loaded {
        book,
        text: Cow::Borrowed(b.toml),
    })
}
