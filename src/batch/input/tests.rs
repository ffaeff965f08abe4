//! Tests of reading batch CSV files: encodings, line ends, headers, ids and line numbers.

use super::super::encoding::{
    clean_gb18030, decode, detect, mostly_utf8, EncodingChoice, LineEnds, SharedMarks,
};
use super::*;
use encoding_rs::{GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::io;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
}

fn table(bytes: &[u8], choice: EncodingChoice) -> Table<Box<dyn Read + Send>> {
    let d = decode(Box::new(io::Cursor::new(bytes.to_vec())), choice)
        .expect("in-memory read cannot fail");
    Table::decoded(d, today()).expect("valid header")
}

fn rows(bytes: &[u8], choice: EncodingChoice) -> Vec<Row> {
    let mut t = table(bytes, choice);
    let mut out = Vec::new();
    while let Some(r) = t.next_row().expect("readable") {
        out.push(r);
    }
    out
}

#[test]
fn detects_bom_utf8_and_gbk() {
    assert_eq!(detect(b"\xEF\xBB\xBFid,followers\n", true), UTF_8);
    assert_eq!(detect("id,订阅号\n".as_bytes(), true), UTF_8);
    // "订阅号,服务号,企业,个人" in GBK
    let gbk = b"id,source_kind\na,\xb6\xa9\xd4\xc4\xba\xc5\nb,\xb7\xfe\xce\xf1\xba\xc5\nc,\xc6\xf3\xd2\xb5\xb8\xf6\xc8\xcb\n";
    let enc = detect(gbk, true);
    assert_eq!(enc, GB18030, "{}", enc.name());
}

#[test]
fn a_cut_multibyte_character_at_the_sample_end_is_still_utf8() {
    let bytes = "id,订".as_bytes();
    assert_eq!(detect(&bytes[..bytes.len() - 1], false), UTF_8);
}

#[test]
fn gbk_rows_decode_to_chinese_words() {
    let gbk = b"id,followers,source_kind\nx,100,\xb7\xfe\xce\xf1\xba\xc5\n";
    let r = rows(gbk, EncodingChoice::Gbk);
    let s = r[0].parsed.as_ref().expect("valid row");
    assert_eq!(s.source_kind, crate::domain::Kind::Service);
}

#[test]
fn bom_crlf_and_quoted_newlines_keep_physical_lines() {
    let text = "\u{feff}ID,Followers\r\n\"a\nb\",100\r\nc,200\r\n";
    let r = rows(text.as_bytes(), EncodingChoice::Auto);
    assert_eq!(r.len(), 2);
    assert_eq!((r[0].line, r[0].id.as_str()), (2, "a\nb"));
    assert_eq!((r[1].line, r[1].id.as_str()), (4, "c"));
    assert!(r.iter().all(|x| x.parsed.is_ok()));
}

#[test]
fn duplicate_ids_are_rejected_after_the_first() {
    let r = rows(b"id,followers\na,1\nb,2\na,3\n", EncodingChoice::Auto);
    assert!(r[0].parsed.is_ok() && r[1].parsed.is_ok());
    let e = r[2].parsed.as_ref().expect_err("duplicate");
    assert_eq!((e[0].line, e[0].column.as_str()), (4, "id"));
}

/// A reader that hands out `chunk` bytes at a time.
struct Drip<'a>(&'a [u8], usize);
impl Read for Drip<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.1.min(self.0.len()).min(out.len());
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn lone_cr_becomes_lf_across_buffer_ends() {
    let text = b"a\r\nb\rc\r\r\nd\r\r";
    for chunk in 1..=text.len() {
        let mut got = Vec::new();
        let marks = SharedMarks::default();
        LineEnds::new(Drip(text, chunk), 0, marks.clone(), false)
            .read_to_end(&mut got)
            .expect("in memory");
        assert_eq!(got, b"a\r\nb\nc\n\r\nd\n\n", "chunk {chunk}");
        let m = marks.lock().expect("lock");
        // The CRLF after `c` ends a line of one CR (a row the table skips), not a blank line.
        assert_eq!(m.blank, [11], "chunk {chunk}");
    }
}

#[test]
fn invalid_utf8_offsets_are_found_across_buffer_ends() {
    // "茶" cut by every buffer end, a stray 0xFF at offset 8, a cut "馆" at the end.
    let text = b"ab\xe8\x8c\xb6,\r\n\xffx\xe9\xa6";
    for chunk in 1..=text.len() {
        let marks = SharedMarks::default();
        let mut got = Vec::new();
        LineEnds::new(Drip(text, chunk), 3, marks.clone(), true)
            .read_to_end(&mut got)
            .expect("in memory");
        assert_eq!(got, text, "chunk {chunk}");
        let m = marks.lock().expect("lock");
        assert_eq!(m.bad, [3 + 8, 3 + 10], "chunk {chunk}");
    }
}

#[test]
fn rows_start_at_their_physical_line_with_any_line_ends() {
    for eol in ["\n", "\r\n", "\r"] {
        let text = ["id,followers", "", "a,1", "\"b", "c\",2", "", "", "d,3", ""].join(eol);
        let r = rows(text.as_bytes(), EncodingChoice::Auto);
        let got: Vec<(u64, &str)> = r.iter().map(|x| (x.line, x.id.as_str())).collect();
        // A lone CR inside quotes is read as LF, like every other lone CR.
        let b = format!("b{}c", eol.replace('\r', "\n").replace("\n\n", "\r\n"));
        assert_eq!(got, vec![(3, "a"), (4, b.as_str()), (8, "d")], "{eol:?}");
        assert!(r.iter().all(|x| x.parsed.is_ok()), "{eol:?}");
    }
}

#[test]
fn empty_rows_are_skipped_and_counted() {
    let mut t = table(
        b"id,followers,overlap\r\na,1,\r\n,,\r\n , ,\r\nb,2,\r\n,,\r\n\r\n",
        EncodingChoice::Auto,
    );
    let mut lines = Vec::new();
    while let Some(r) = t.next_row().expect("readable") {
        assert!(r.parsed.is_ok());
        lines.push(r.line);
    }
    assert_eq!(lines, vec![2, 5]);
    assert_eq!(t.empty_rows(), 3);
}

#[test]
fn a_stray_byte_rejects_its_row_only_naming_the_offset() {
    let mut text = b"\xEF\xBB\xBFid,followers\n".to_vec();
    for i in 0..200 {
        text.extend_from_slice(format!("茶馆{i},{}\n", 100 + i).as_bytes());
    }
    // Line 152 holds row 150; put a stray byte in its followers cell.
    let line_start = text
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(150)
        .map_or(0, |(i, _)| i + 1);
    let comma = line_start
        + text[line_start..]
            .iter()
            .position(|b| *b == b',')
            .unwrap_or(0);
    text.insert(comma + 1, 0xFF);
    assert_eq!(detect(&text, true), UTF_8);
    let r = rows(&text, EncodingChoice::Auto);
    assert_eq!(r.len(), 200);
    let bad: Vec<&Row> = r.iter().filter(|x| x.parsed.is_err()).collect();
    assert_eq!(bad.len(), 1);
    let e = &bad[0].parsed.as_ref().expect_err("bad row")[0];
    assert_eq!(
        (e.line, e.id.as_str(), e.column.as_str()),
        (152, "茶馆150", "followers")
    );
    assert_eq!(
        e.problem,
        RowProblem::NotUtf8 {
            offset: Some(comma as u64 + 1)
        }
    );
}

#[test]
fn a_gbk_file_with_a_broken_byte_is_not_taken_for_utf8() {
    // Each line: "茶馆" in GBK, then a byte no encoding of the family allows at the end.
    let mut text = b"id,followers\n".to_vec();
    for i in 0..30 {
        text.extend_from_slice(b"\xb2\xe8\xb9\xdd");
        text.extend_from_slice(format!("{i},{}\n", 100 + i).as_bytes());
    }
    text.push(0xFF);
    assert!(!clean_gb18030(&text, true));
    assert!(!mostly_utf8(&text));
    assert_ne!(detect(&text, true), UTF_8);
}

#[test]
fn short_gbk_files_are_read_as_gb18030() {
    // "茶馆" and "订阅" in GBK: two characters, which a generic detector misreads.
    for id in [&b"\xb2\xe8\xb9\xdd"[..], b"\xb6\xa9\xd4\xc4"] {
        let mut text = b"id,followers\r\n".to_vec();
        text.extend_from_slice(id);
        text.extend_from_slice(b",100\r\n");
        assert_eq!(detect(&text, true), GB18030);
        let r = rows(&text, EncodingChoice::Auto);
        let want = GB18030.decode_without_bom_handling(id).0;
        assert_eq!(r[0].id, want);
    }
}

#[test]
fn an_explicit_gbk_choice_wins_over_a_utf8_bom() {
    let r = rows(
        b"\xEF\xBB\xBFid,followers\n\xb2\xe8\xb9\xdd,1\n",
        EncodingChoice::Gbk,
    );
    assert_eq!(r[0].id, "茶馆");
    assert!(r[0].parsed.is_ok());
}

#[test]
fn utf16_without_bom_is_recognised() {
    let text = "id,followers\r\n茶馆,100\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(detect(&le, true), UTF_16LE);
    assert_eq!(detect(&be, true), UTF_16BE);
    for bytes in [le, be] {
        let r = rows(&bytes, EncodingChoice::Auto);
        assert_eq!((r[0].id.as_str(), r[0].line), ("茶馆", 2));
    }
}

#[test]
fn seen_ids_survive_merges() {
    let mut seen = SeenIds::default();
    let n = (RECENT_IDS * 2 + 123) as u64;
    for i in 0..n {
        assert!(seen.insert(id_hash(&i.to_string())), "{i}");
    }
    assert!(seen.sorted.windows(2).all(|w| w[0] < w[1]));
    for i in [0, 1, n / 2, n - 1] {
        assert!(!seen.insert(id_hash(&i.to_string())), "{i}");
    }
    assert!(seen.insert(id_hash("new")));
}

#[test]
fn id_hash_separates_similar_ids() {
    let ids: HashSet<u64> = (0..10_000).map(|i| id_hash(&format!("acc-{i}"))).collect();
    assert_eq!(ids.len(), 10_000);
    assert_ne!(id_hash("a"), id_hash("a\0"));
}
