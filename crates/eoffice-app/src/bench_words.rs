//! The words of the benchmark corpus: the syllables of real administrative
//! text (the text layers of the fixture letters), ranked by how often they
//! occur and drawn Zipf–Mandelbrot, followed by a tail of rarer syllables
//! of Vietnamese shape, people's names, places and numbers.
//!
//! A vocabulary of a hundred words puts every word in most documents and
//! flatters an index; real text has a few very common syllables ("của",
//! "và", "thực hiện") and thousands that occur in few documents.

use crate::bench::Rng;
use crate::{AppError, AppResult};
use std::collections::HashMap;
use std::path::Path;

/// Precomposed vowels by tone: ngang, huyền, sắc, hỏi, ngã, nặng.
const TONED: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

const ONSETS: [&str; 25] = [
    "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r",
    "s", "t", "th", "tr", "v", "x", "k",
];

const RHYMES: [&str; 96] = [
    "a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "ac", "ach", "at", "ap", "ăm", "ăn",
    "ăng", "ăc", "ăt", "âm", "ân", "âng", "âu", "ây", "âc", "ât", "e", "em", "en", "eng", "eo",
    "et", "ep", "ec", "ê", "êm", "ên", "ênh", "êu", "êt", "êch", "i", "im", "in", "inh", "iu",
    "it", "ich", "ip", "o", "oi", "om", "on", "ong", "oc", "ot", "op", "ô", "ôi", "ôm", "ôn",
    "ông", "ôc", "ôt", "ơ", "ơi", "ơm", "ơn", "ơt", "u", "ui", "um", "un", "ung", "uc", "ut", "up",
    "ư", "ưa", "ưng", "ưc", "ưt", "iêm", "iên", "iêng", "iêu", "iêt", "uôi", "uôn", "uông", "uôc",
    "ươi", "ươn", "ương", "ươc", "oa", "oan",
];

const SURNAMES: [&str; 16] = [
    "Nguyễn", "Hoàng", "Nông", "Lương", "Trần", "Lê", "Vi", "Lăng", "Triệu", "Phạm", "Hà", "Vũ",
    "Đặng", "Bế", "Lộc", "Chu",
];
const MIDDLE: [&str; 10] = [
    "Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Quang", "Ngọc", "Xuân", "Thu",
];

fn base_index(c: char) -> Option<usize> {
    TONED.iter().position(|row| row[0] == c)
}

/// A syllable of Vietnamese shape: onset, rhyme and a tone on the vowel
/// that takes it (the marked one of a diphthong, else the second of
/// "oa", else the first). Stop-final rhymes take only sắc or nặng.
fn syllable(onset: &str, rhyme: &str, tone: usize) -> Option<String> {
    let stop = ["c", "ch", "p", "t"].iter().any(|s| rhyme.ends_with(s));
    if stop && tone != 2 && tone != 5 {
        return None;
    }
    let first = rhyme.chars().next()?;
    // "k" stands before e, ê, i; "c" before the others.
    if (onset == "k") != matches!(first, 'e' | 'ê' | 'i') && (onset == "k" || onset == "c") {
        return None;
    }
    if onset == "qu" && matches!(first, 'u' | 'ư' | 'o' | 'ô' | 'ơ') {
        return None;
    }
    let chars: Vec<char> = rhyme.chars().collect();
    let vowels: Vec<usize> = (0..chars.len())
        .filter(|i| base_index(chars[*i]).is_some())
        .collect();
    let marked = vowels
        .iter()
        .rev()
        .find(|i| matches!(chars[**i], 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư'))
        .copied()
        .or_else(|| (rhyme.starts_with("oa")).then_some(1))
        .or_else(|| vowels.first().copied())?;
    let mut out = String::from(onset);
    for (i, c) in chars.iter().enumerate() {
        match (i == marked, base_index(*c)) {
            (true, Some(b)) => out.push(TONED[b][tone]),
            _ => out.push(*c),
        }
    }
    Some(out)
}

/// Syllables of text: runs of letters, lowercased; numbers are left out
/// (the corpus writes its own).
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
}

/// Tail syllables after the fixture words: thousands of distinct words in
/// all, most of them rare.
pub const TAIL_WORDS: usize = 4_000;

pub struct Vocabulary {
    words: Vec<String>,
    /// Cumulative Zipf–Mandelbrot weights, for drawing by rank.
    cdf: Vec<f64>,
    /// For each fixture word, the words seen after it, with repeats: a
    /// first-order chain keeps real phrases ("dịch vụ công") together.
    follow: Vec<Vec<u32>>,
    from_texts: usize,
}

impl Vocabulary {
    /// The PDFs of `dir` read through the app's own text extraction.
    pub fn from_folder(dir: &Path, tail: usize) -> AppResult<Vocabulary> {
        let mut texts = Vec::new();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            AppError::invalid(
                format!("Không đọc được thư mục {}.", dir.display()),
                format!("cannot read {}: {e}", dir.display()),
            )
        })?;
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f)?;
            if let Ok(read) =
                eoffice_pdf::extract_layout(&bytes, eoffice_pdf::ExtractLimits::default())
            {
                texts.push(read.layout.text());
            }
        }
        if texts.is_empty() {
            return Err(AppError::invalid(
                format!("Thư mục {} không có tệp PDF đọc được chữ.", dir.display()),
                format!("{} holds no PDF with a text layer", dir.display()),
            ));
        }
        Ok(Vocabulary::from_texts(&texts, tail))
    }

    pub fn from_texts(texts: &[String], tail: usize) -> Vocabulary {
        let mut counts: HashMap<String, u64> = HashMap::new();
        for t in texts {
            for w in words_of(t) {
                *counts.entry(w).or_default() += 1;
            }
        }
        let mut ranked: Vec<(String, u64)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut words: Vec<String> = ranked.into_iter().map(|(w, _)| w).collect();
        let from_texts = words.len();
        let index: HashMap<String, u32> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        let mut follow = vec![Vec::new(); from_texts];
        for t in texts {
            let ids: Vec<u32> = words_of(t).filter_map(|w| index.get(&w).copied()).collect();
            for pair in ids.windows(2) {
                follow[pair[0] as usize].push(pair[1]);
            }
        }
        // The tail in a fixed shuffled order, so that its ranks do not
        // follow the alphabet.
        let mut shapes = Vec::new();
        for o in ONSETS {
            for r in RHYMES {
                for tone in 0..6 {
                    if let Some(s) = syllable(o, r, tone) {
                        if !index.contains_key(&s) {
                            shapes.push(s);
                        }
                    }
                }
            }
        }
        let mut rng = Rng(0x005e_ed0f_70a1);
        for i in (1..shapes.len()).rev() {
            shapes.swap(i, rng.below(i + 1));
        }
        words.extend(shapes.into_iter().take(tail));
        // Zipf–Mandelbrot, s = 1, q = 2.7: the shape of word ranks in
        // running text.
        let mut cdf = Vec::with_capacity(words.len());
        let mut sum = 0.0;
        for r in 0..words.len() {
            sum += 1.0 / (r as f64 + 1.0 + 2.7);
            cdf.push(sum);
        }
        Vocabulary {
            words,
            cdf,
            follow,
            from_texts,
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How many words came from the real texts (the rest is the tail).
    pub fn text_words(&self) -> usize {
        self.from_texts
    }

    pub fn rank(&self, r: usize) -> &str {
        &self.words[r.min(self.words.len() - 1)]
    }

    fn draw_rank(&self, rng: &mut Rng) -> usize {
        let total = *self.cdf.last().unwrap_or(&1.0);
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cdf
            .partition_point(|c| *c < u)
            .min(self.words.len() - 1)
    }

    /// One word by its Zipf weight.
    pub fn word(&self, rng: &mut Rng) -> &str {
        &self.words[self.draw_rank(rng)]
    }

    /// `n` words: each follows the one before as in the real texts half the
    /// time, and is drawn afresh otherwise.
    pub fn run(&self, rng: &mut Rng, n: usize, out: &mut String) {
        let mut prev = self.draw_rank(rng);
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&self.words[prev]);
            prev = match self.follow.get(prev) {
                Some(next) if !next.is_empty() && rng.below(2) == 0 => {
                    next[rng.below(next.len())] as usize
                }
                _ => self.draw_rank(rng),
            };
        }
    }

    /// A person: surname, middle name and a given name from the tail, so
    /// that most names are rare.
    pub fn person(&self, rng: &mut Rng) -> String {
        let given = self.rank(self.from_texts + rng.below(self.len() - self.from_texts + 1));
        format!(
            "{} {} {}",
            SURNAMES[rng.skewed(SURNAMES.len())],
            MIDDLE[rng.below(MIDDLE.len())],
            capitalised(given)
        )
    }

    /// A village or commune named by two tail syllables ("thôn Khuổi Mạ").
    pub fn place(&self, rng: &mut Rng) -> String {
        let tail = self.len() - self.from_texts;
        let a = self.rank(self.from_texts + rng.below(tail + 1));
        let b = self.rank(self.from_texts + rng.below(tail + 1));
        let kind = ["thôn", "xã", "bản", "khu"][rng.below(4)];
        format!("{kind} {} {}", capitalised(a), capitalised(b))
    }
}

pub fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_syllables_have_one_tone_on_the_right_vowel() {
        assert_eq!(syllable("ng", "ươi", 1).as_deref(), Some("người"));
        assert_eq!(syllable("h", "oa", 5).as_deref(), Some("hoạ"));
        assert_eq!(syllable("t", "iêng", 2).as_deref(), Some("tiếng"));
        assert_eq!(syllable("c", "ông", 0).as_deref(), Some("công"));
        // A stop-final rhyme takes only sắc or nặng; "k" goes before e, ê, i.
        assert_eq!(syllable("b", "at", 1), None);
        assert_eq!(syllable("c", "em", 0), None);
        assert_eq!(syllable("k", "em", 2).as_deref(), Some("kém"));
    }

    #[test]
    fn ranks_follow_the_texts_then_the_tail() {
        let texts = vec!["của của của và và dịch vụ công, dịch vụ 2026".to_string()];
        let v = Vocabulary::from_texts(&texts, 500);
        assert_eq!(v.text_words(), 5);
        assert_eq!(v.rank(0), "của");
        assert_eq!(v.rank(1), "dịch");
        assert_eq!(v.len(), 505);
        // Zipf–Mandelbrot: the first word is drawn as often as its weight
        // says (1/3.7 of the sum over 505 ranks, about 5.5%), the tail
        // words far less.
        let mut rng = Rng(9);
        let n = 20_000;
        let drawn: Vec<String> = (0..n).map(|_| v.word(&mut rng).to_string()).collect();
        let weight: f64 = (0..505).map(|r| 1.0 / (r as f64 + 3.7)).sum();
        let expected = n as f64 / 3.7 / weight;
        let top = drawn.iter().filter(|w| *w == "của").count() as f64;
        assert!(
            (top - expected).abs() < expected * 0.15,
            "{top} vs {expected}"
        );
        let last = v.rank(504).to_string();
        let tail = drawn.iter().filter(|w| **w == last).count() as f64;
        assert!(tail * 20.0 < top, "{tail} {top}");
        let mut seen = std::collections::HashSet::new();
        for _ in 0..n {
            seen.insert(v.word(&mut rng).to_string());
        }
        assert!(seen.len() > 400, "{}", seen.len());
    }
}
