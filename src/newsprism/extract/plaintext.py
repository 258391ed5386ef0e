from dataclasses import dataclass
@dataclass
class PlainTextArticle:
    text: str
def extract_plaintext(text: str) -> PlainTextArticle:
    return PlainTextArticle(text)
