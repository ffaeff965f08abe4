//! The reader's language and the words in it.
//!
//! The language comes from `--lang`, else from the environment (SPEC §7):
//! `FANPLAN_LANG`, `LC_ALL`, `LC_MESSAGES`, `LANG`; the first of them that is
//! set and not empty decides, and a value starting with `zh` means Chinese.
//! Everything else is English.
//!
//! The words live in Project Fluent files, one per language (`locales/en.ftl`,
//! `locales/zh-CN.ftl`), embedded in the binary. [`Messages::msg`] formats one
//! message by id with its arguments. Fluent's bidi isolation marks
//! (U+2068/U+2069 around every argument) are turned off: the output is plain
//! text for terminals and charts, not for a mixed-direction web page.

use chrono::NaiveDate;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// English translation file.
pub const EN_FTL: &str = include_str!("../locales/en.ftl");
/// Simplified Chinese translation file.
pub const ZH_FTL: &str = include_str!("../locales/zh-CN.ftl");

/// A language fanplan speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese, as used on the WeChat platform.
    Zh,
}

/// The environment variables that choose the language, in order of precedence.
pub const LANG_VARS: [&str; 4] = ["FANPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"];

impl Lang {
    /// The language to use: `flag` when given, else the first of [`LANG_VARS`]
    /// that `var` finds set and not empty (a value starting with `zh` is
    /// Chinese, any other English), else English. `var` looks a variable up:
    /// `|k| std::env::var(k).ok()` at the edge, a table in tests.
    pub fn resolve(flag: Option<Lang>, var: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        LANG_VARS
            .iter()
            .filter_map(|k| var(k))
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| {
                if v.to_ascii_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                }
            })
    }

    /// The translation file of this language.
    fn ftl(self) -> &'static str {
        match self {
            Lang::En => EN_FTL,
            Lang::Zh => ZH_FTL,
        }
    }

    /// The BCP 47 tag of this language.
    fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// The English messages, for the words JSON and CSV carry (they never change with the
/// language).
pub fn english() -> &'static Messages {
    static EN: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
    EN.get_or_init(|| Messages::new(Lang::En))
}

/// The messages of one language, ready to format.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Messages {
    /// Parses the embedded translation file of `lang`. The files are checked by
    /// the tests (they parse without errors and define the same messages with
    /// the same placeholders), so a message that fails to parse cannot ship; a
    /// missing message would be shown by its id.
    pub fn new(lang: Lang) -> Messages {
        let resource = FluentResource::try_new(lang.ftl().to_string()).unwrap_or_else(|(r, _)| r);
        let id = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        bundle.set_use_isolating(false);
        // Only a message defined twice is refused; the tests rule that out.
        let _ = bundle.add_resource(resource);
        Messages { lang, bundle }
    }

    /// The language of these messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id` with its placeholders (`$name`) filled from `args`.
    /// An unknown id gives the id itself, so a gap shows instead of hiding.
    pub fn msg(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    /// A message without placeholders.
    pub fn text(&self, id: &str) -> String {
        self.msg(id, &[])
    }

    /// A full date as the reader writes it (`2026-12-01`, `2026年12月1日`).
    pub fn date(&self, d: NaiveDate) -> String {
        self.strftime(d, "date-format")
    }

    /// A short date for axis ticks (`2026-12-01`, `12月1日`).
    pub fn axis_date(&self, d: NaiveDate) -> String {
        self.strftime(d, "date-format-axis")
    }

    /// A date within a known year (`12-01`, `12月1日`).
    pub fn short_date(&self, d: NaiveDate) -> String {
        self.strftime(d, "date-format-short")
    }

    /// `d` formatted with the strftime pattern held by message `id`; ISO 8601
    /// if the pattern is not one chrono understands.
    fn strftime(&self, d: NaiveDate, id: &str) -> String {
        use std::fmt::Write;
        let pattern = self.text(id);
        let mut out = String::new();
        if write!(out, "{}", d.format(&pattern)).is_err() {
            return d.format("%Y-%m-%d").to_string();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn the_flag_wins_then_the_variables_in_order() {
        let zh = [("FANPLAN_LANG", "zh"), ("LANG", "zh_CN.UTF-8")];
        assert_eq!(Lang::resolve(Some(Lang::En), env(&zh)), Lang::En);
        assert_eq!(Lang::resolve(Some(Lang::Zh), env(&[])), Lang::Zh);
        assert_eq!(Lang::resolve(None, env(&zh)), Lang::Zh);
        // FANPLAN_LANG before the locale variables, LC_ALL before LC_MESSAGES before LANG.
        let fan_en = [("FANPLAN_LANG", "en"), ("LC_ALL", "zh_CN.UTF-8")];
        assert_eq!(Lang::resolve(None, env(&fan_en)), Lang::En);
        let all_c = [("LC_ALL", "C"), ("LC_MESSAGES", "zh_CN"), ("LANG", "zh_CN")];
        assert_eq!(Lang::resolve(None, env(&all_c)), Lang::En);
        let messages_zh = [("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "en_US.UTF-8")];
        assert_eq!(Lang::resolve(None, env(&messages_zh)), Lang::Zh);
        assert_eq!(
            Lang::resolve(None, env(&[("LANG", "zh_CN.UTF-8")])),
            Lang::Zh
        );
        assert_eq!(Lang::resolve(None, env(&[("LANG", "ZH_cn")])), Lang::Zh);
        // Empty values are skipped, as unset ones.
        let empty = [("FANPLAN_LANG", ""), ("LC_ALL", ""), ("LANG", "zh_CN")];
        assert_eq!(Lang::resolve(None, env(&empty)), Lang::Zh);
        assert_eq!(Lang::resolve(None, env(&[])), Lang::En);
        assert_eq!(
            Lang::resolve(None, env(&[("LANG", "en_GB.UTF-8")])),
            Lang::En
        );
    }

    /// Message id → its placeholders, for every message and attribute of a file.
    fn placeholders(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
        fn inline(e: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
            match e {
                ast::InlineExpression::VariableReference { id } => {
                    vars.insert(id.name.to_string());
                }
                ast::InlineExpression::Placeable { expression } => expr(expression, vars),
                ast::InlineExpression::FunctionReference { arguments, .. } => {
                    for a in &arguments.positional {
                        inline(a, vars);
                    }
                }
                _ => {}
            }
        }
        fn expr(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
            match e {
                ast::Expression::Inline(i) => inline(i, vars),
                ast::Expression::Select { selector, variants } => {
                    inline(selector, vars);
                    for v in variants {
                        pattern(&v.value, vars);
                    }
                }
            }
        }
        fn pattern(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
            for el in &p.elements {
                if let ast::PatternElement::Placeable { expression } = el {
                    expr(expression, vars);
                }
            }
        }
        let res = match fluent_syntax::parser::parse(ftl) {
            Ok(r) => r,
            Err((_, errors)) => panic!("translation file does not parse: {errors:?}"),
        };
        let mut out = BTreeMap::new();
        for entry in &res.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(v) = &m.value {
                    pattern(v, &mut vars);
                }
                for a in &m.attributes {
                    pattern(&a.value, &mut vars);
                }
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "message {} defined twice",
                    m.id.name
                );
            }
        }
        out
    }

    #[test]
    fn both_files_have_the_same_messages_with_the_same_placeholders() {
        let en = placeholders(EN_FTL);
        let zh = placeholders(ZH_FTL);
        let en_ids: BTreeSet<_> = en.keys().collect();
        let zh_ids: BTreeSet<_> = zh.keys().collect();
        assert_eq!(
            en_ids.difference(&zh_ids).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "in en.ftl only"
        );
        assert_eq!(
            zh_ids.difference(&en_ids).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "in zh-CN.ftl only"
        );
        for (id, vars) in &en {
            assert_eq!(Some(vars), zh.get(id), "placeholders of {id} differ");
        }
        assert!(en.len() > 10, "the files hold the chart messages");
    }

    #[test]
    fn the_checker_sees_a_missing_message_and_a_renamed_placeholder() {
        let a = placeholders("a = x { $n }\nb = y\n");
        let b = placeholders("a = x { $m }\n");
        assert!(!b.contains_key("b"));
        assert_ne!(a.get("a"), b.get("a"));
    }

    #[test]
    fn messages_format_without_isolation_marks() {
        for lang in [Lang::En, Lang::Zh] {
            let m = Messages::new(lang);
            let s = m.msg("chart-runs", &[("n", "10,000".into())]);
            assert!(s.contains("10,000"), "{s}");
            assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "{s:?}");
            assert_eq!(m.text("no-such-message"), "no-such-message");
        }
    }

    #[test]
    fn plurals_follow_the_count() {
        let m = Messages::new(Lang::En);
        let warn = |n: usize| {
            m.msg(
                "warn-missing-glyphs",
                &[
                    ("file", "a.png".into()),
                    ("chars", "x".into()),
                    ("count", n.into()),
                ],
            )
        };
        assert!(warn(1).contains("it is drawn as a box"), "{}", warn(1));
        assert!(warn(2).contains("they are drawn as boxes"), "{}", warn(2));
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let en = Messages::new(Lang::En);
        let zh = Messages::new(Lang::Zh);
        assert_eq!(en.date(d), "2026-12-01");
        assert_eq!(en.axis_date(d), "2026-12-01");
        assert_eq!(zh.date(d), "2026年12月1日");
        assert_eq!(zh.axis_date(d), "12月1日");
        assert_eq!(en.short_date(d), "12-01");
        assert_eq!(zh.short_date(d), "12月1日");
    }
}
