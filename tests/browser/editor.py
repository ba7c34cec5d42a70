"""The rich-text editor as the browser tests use it: its editable area and a clipboard paste."""

from pathlib import Path

EDITABLE = ".prose-editor .ProseMirror[contenteditable=true]"
WORD_PASTE = Path(__file__).resolve().parent.parent / "fixtures" / "word_paste.html"

_PASTE = """([selector, html, text]) => {
  const target = document.querySelector(selector);
  target.focus();
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", text);
  const options = {clipboardData: data, bubbles: true, cancelable: true};
  target.dispatchEvent(new ClipboardEvent("paste", options));
}"""


def paste(page, html, text=None):
    """Paste HTML into the editor as a browser does from the clipboard (Word puts both)."""
    page.evaluate(_PASTE, [EDITABLE, html, html if text is None else text])
