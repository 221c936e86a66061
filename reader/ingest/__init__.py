"""Sources → Articles: decode files, tell text from HTML, run the cleaners."""
