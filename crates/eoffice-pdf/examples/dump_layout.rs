//! Prints the layout the field rules see, and the fields; OCR for scans.
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
    let layout = if r.needs_ocr() {
        let o =
            eoffice_pdf::ocr::ocr_pdf(&bytes, r.page_count, &Default::default(), &mut |_, _| {})
                .unwrap();
        println!("{:?}", o.pages);
        o.layout
    } else {
        r.layout
    };
    for (i, p) in layout.pages.iter().enumerate() {
        println!("=== page {} {}x{}", i + 1, p.width, p.height);
        for l in &p.lines {
            let parts: Vec<String> = l
                .chunks
                .iter()
                .map(|c| {
                    format!(
                        "[{:.0}-{:.0} s{:.1} c{:.2}] {}",
                        c.x0, c.x1, c.size, c.conf, c.text
                    )
                })
                .collect();
            println!("y{:.0}: {}", l.y, parts.join(" | "));
        }
    }
    println!("{:#?}", eoffice_pdf::extract_fields(&layout));
}
