fn main() {
    let path = std::env::args().nth(1).expect("path");
    let bytes = std::fs::read(path).unwrap();
    let r = eoffice_pdf::extract_layout(&bytes, Default::default()).unwrap();
    println!(
        "pages={} images={} ocr={}",
        r.page_count,
        r.has_images,
        r.needs_ocr()
    );
    for (i, p) in r.layout.pages.iter().enumerate() {
        println!("=== page {} {}x{}", i + 1, p.width, p.height);
        for l in &p.lines {
            let parts: Vec<String> = l
                .chunks
                .iter()
                .map(|c| format!("[{:.0}-{:.0} s{:.1}] {}", c.x0, c.x1, c.size, c.text))
                .collect();
            println!("y{:.0}: {}", l.y, parts.join(" | "));
        }
    }
}
