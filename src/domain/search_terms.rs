//! Search terms: what the `views.terms` index holds for a complaint, and how a typed query is
//! cut into the same terms, so one box finds a complaint by a surname ("Wang" finds "Mr. Wang",
//! 王 finds 王先生), the last digits of a phone, a part of its number (the serial "003", the
//! device code, the date) or a word anywhere in the product.
//!
//! A query term matches an index term it equals or starts. Because a term list holds every
//! phone suffix of at least [`MIN_PHONE_SUFFIX`] digits and every suffix of a CJK run, a prefix
//! of a term is a substring of the field: "0013" finds "138 0013 8000", 先生 finds 王先生.

/// The shortest phone suffix indexed: counter staff ask for "the last four digits".
pub const MIN_PHONE_SUFFIX: usize = 4;
/// Longer CJK runs index suffixes of their first this many characters only (a long product
/// description would otherwise make hundreds of terms).
const MAX_CJK_SUFFIXES: usize = 16;
/// A term is at most this many characters (longer words are cut; their prefix still finds them).
const MAX_TERM_CHARS: usize = 40;
/// A query uses at most this many words.
pub const MAX_QUERY_WORDS: usize = 6;

/// Chinese, Japanese and Korean characters: words of these scripts are not separated by spaces,
/// so every run of them is indexed with its suffixes.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Full-width ASCII (ＡＢＣ１２３, typed with a Chinese input method) as plain ASCII, then
/// lower case.
fn fold(c: char) -> impl Iterator<Item = char> {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    c.to_lowercase()
}

/// The words of a text: folded, lower-cased, split at everything that is not a letter or a digit
/// (spaces, punctuation, the dashes of a number), each cut to [`MAX_TERM_CHARS`].
pub fn words(text: &str) -> Vec<String> {
    let folded: String = text.chars().flat_map(fold).collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(MAX_TERM_CHARS).collect())
        .collect()
}

/// The digits of a phone number, whatever its formatting (full-width digits too).
pub fn digits(text: &str) -> String {
    text.chars().flat_map(fold).filter(char::is_ascii_digit).collect()
}

/// A word's terms: the word, and for each run of CJK characters in it the run's suffixes.
fn word_terms(word: &str, out: &mut Vec<String>) {
    out.push(word.to_string());
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_cjk(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_cjk(chars[i]) {
            i += 1;
        }
        for s in start..i.min(start + MAX_CJK_SUFFIXES) {
            out.push(chars[s..i].iter().collect());
        }
    }
}

/// The fields of a complaint that search reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Searchable<'a> {
    pub customer_name: &'a str,
    pub customer_phone: &'a str,
    pub number: &'a str,
    pub product: &'a str,
}

/// The index terms of a complaint, sorted and without repeats: the name's and the product's
/// words (with CJK suffixes), every phone suffix of [`MIN_PHONE_SUFFIX`] digits up to the whole
/// number, and the parts of the complaint number.
pub fn complaint_terms(fields: Searchable<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for w in words(fields.customer_name).iter().chain(&words(fields.product)) {
        word_terms(w, &mut out);
    }
    let phone = digits(fields.customer_phone);
    let n = phone.len();
    if n > 0 && n < MIN_PHONE_SUFFIX {
        out.push(phone.clone());
    }
    for len in MIN_PHONE_SUFFIX..=n {
        out.push(phone[n - len..].to_string());
    }
    out.extend(words(fields.number));
    crate::domain::sort::sort(&mut out);
    out.dedup();
    out
}

/// The digits a typed phone query looks for: China's country code written before the number
/// ("+86 138…", "0086 138…") is dropped, so the number is found whether it was stored with the
/// code or without (a stored "+86 138 0013 8000" has the suffix "13800138000" among its terms).
/// Without "+" or "00" the leading 86 is kept: it may be the number's own digits.
fn query_digits(text: &str) -> String {
    let marked: String = text.chars().flat_map(fold).filter(|c| c.is_ascii_digit() || *c == '+').collect();
    let national = marked.strip_prefix("+86").or_else(|| marked.strip_prefix("0086"));
    match national.map(digits) {
        Some(d) if !d.is_empty() => d,
        _ => digits(text),
    }
}

/// What a typed query looks for: the terms every result must match (each equal to or the start
/// of one of the complaint's terms), most selective (longest) first. A query of only digits and
/// phone punctuation ("138 0013-8000", "(021) 555", "+86 138…") is one run of digits (see
/// [`query_digits`]); anything else is cut into words like the index. Empty when there is
/// nothing to look for.
pub fn query_terms(text: &str) -> Vec<String> {
    let phone_like = text.chars().flat_map(fold).all(|c| c.is_ascii_digit() || " -+().".contains(c));
    let mut terms = if phone_like {
        let d = query_digits(text);
        if d.is_empty() { Vec::new() } else { vec![d] }
    } else {
        words(text)
    };
    terms.dedup();
    terms.truncate(MAX_QUERY_WORDS);
    // The longest term drives the index lookup (fewest matches); the sort is stable, so
    // terms of one length keep the order they were typed in.
    crate::domain::sort::sort_by_key(&mut terms, |t| std::cmp::Reverse(t.chars().count()));
    terms
}

/// Whether a complaint's `terms` (sorted) match a query term: one equals it or starts with it.
pub fn matches(terms: &[String], query_term: &str) -> bool {
    let from = terms.partition_point(|t| t.as_str() < query_term);
    terms.get(from).is_some_and(|t| t.starts_with(query_term))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(name: &str, phone: &str, number: &str, product: &str) -> Vec<String> {
        complaint_terms(Searchable { customer_name: name, customer_phone: phone, number, product })
    }

    fn finds(all: &[String], query: &str) -> bool {
        let q = query_terms(query);
        !q.is_empty() && q.iter().all(|t| matches(all, t))
    }

    #[test]
    fn a_surname_finds_a_titled_name_in_either_script() {
        let t = terms("Mr. Wang", "", "", "");
        assert!(finds(&t, "Wang"));
        assert!(finds(&t, "wa"));
        assert!(finds(&t, "mr wang"));
        assert!(!finds(&t, "ang"), "latin words match from their start only");
        let t = terms("王先生", "", "", "");
        assert!(finds(&t, "王"));
        assert!(finds(&t, "先生"));
        assert!(finds(&t, "王先生"));
        assert!(!finds(&t, "李"));
    }

    #[test]
    fn the_last_digits_of_a_phone_find_it_whatever_its_formatting() {
        let t = terms("", "138 0013-8000", "", "");
        for q in ["8000", "13-8000", "138", "13800138000", "00138000", "０１３８"] {
            assert!(finds(&t, q), "{q}");
        }
        assert!(!finds(&t, "9000"));
        // Short phone numbers are still found whole.
        assert!(finds(&terms("", "110", "", ""), "110"));
    }

    #[test]
    fn a_number_with_chinas_country_code_finds_it_stored_with_or_without_the_code() {
        let plain = terms("", "138 0013-8000", "", "");
        let coded = terms("", "+86 138 0013 8000", "", "");
        for q in ["+86 138 0013 8000", "+86-13800138000", "(+86) 138", "0086 138 0013 8000", "＋８６ １３８", "+8613800138000"] {
            assert!(finds(&plain, q), "{q} in the plain number");
            assert!(finds(&coded, q), "{q} in the number with the code");
        }
        assert!(!finds(&plain, "+86 139"));
        assert_eq!(query_terms("+86 138 0013 8000"), vec!["13800138000"]);
        // Without "+" or "00" the 86 is the number's own: a number starting 86 is still found.
        assert_eq!(query_terms("8613"), vec!["8613"]);
        assert!(finds(&terms("", "8613 5555", "", ""), "8613"));
        // Another country's code stays: it is found where it was stored with it.
        assert_eq!(query_terms("+1 555 0100"), vec!["15550100"]);
        // The code alone is looked for as it is typed.
        assert_eq!(query_terms("+86"), vec!["86"]);
    }

    #[test]
    fn each_part_of_a_number_finds_it() {
        let t = terms("", "", "20261125-TEL-K7Q-003", "");
        for q in ["003", "K7Q", "k7q", "20261125", "2026", "tel", "20261125-TEL-K7Q-003", "K7Q-003"] {
            assert!(finds(&t, q), "{q}");
        }
        assert!(!finds(&t, "004"));
    }

    #[test]
    fn a_word_in_the_middle_of_a_product_finds_it() {
        let t = terms("", "", "", "Washing machine WM-8");
        assert!(finds(&t, "machine"));
        assert!(finds(&t, "wm-8"));
        assert!(finds(&t, "MACH"));
        let t = terms("", "", "", "空调 KFR-35GW");
        assert!(finds(&t, "调"));
        assert!(finds(&t, "35gw"));
        assert!(finds(&t, "ＫＦＲ"), "full-width letters are folded");
    }

    #[test]
    fn every_query_word_must_match() {
        let t = terms("Li Na", "13900001002", "20261125-TEL-K7Q-003", "Kettle");
        assert!(finds(&t, "li kettle"));
        assert!(!finds(&t, "li washer"));
    }

    #[test]
    fn terms_are_sorted_unique_and_bounded() {
        let long = "很".repeat(200);
        let t = terms(&long, "+86 (138) 0013 8000 1234 5678", "", &long);
        let mut sorted = t.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(t, sorted);
        assert!(t.len() <= 1 + MAX_CJK_SUFFIXES + 30, "{}", t.len());
        assert!(t.iter().all(|x| x.chars().count() <= MAX_TERM_CHARS));
    }

    #[test]
    fn queries_are_cut_like_the_index_longest_first() {
        assert_eq!(query_terms("  Mr. WANG "), vec!["wang", "mr"]);
        assert_eq!(query_terms("138 0013-8000"), vec!["13800138000"]);
        assert_eq!(query_terms("20261125-TEL"), vec!["20261125", "tel"]);
        assert!(query_terms("  -- ").is_empty());
        assert!(query_terms("").is_empty());
        assert_eq!(query_terms("a b c d e f g h").len(), MAX_QUERY_WORDS);
    }
}
