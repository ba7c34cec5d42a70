from pathlib import Path

import pytest

from news.models import Article
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db

WORD_PASTE = Path(__file__).resolve().parent.parent / "fixtures" / "word_paste.html"

HOSTILE = {
    "script": ("<p>a</p><script>alert(1)</script>", ["<script", "alert(1)"]),
    "onerror": ('<p>b<img src="x" onerror="alert(1)"></p>', ["onerror", "<img"]),
    "javascript link": ('<p><a href="javascript:alert(1)">c</a></p>', ["javascript:"]),
    "style": ('<p style="color:red">d</p><style>p{}</style>', ["style", "color:red"]),
    "iframe": ('<iframe src="https://example.com/"></iframe><p>e</p>', ["<iframe", "example"]),
    "onclick": ('<p onclick="steal()">f</p>', ["onclick", "steal"]),
    "data url": ('<p><a href="data:text/html;base64,PHNjcmlwdD4=">g</a></p>', ["data:"]),
}


@pytest.mark.parametrize("markup, forbidden", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_is_removed_on_save(category, markup, forbidden):
    article = make_article(category=category, body=markup)
    stored = Article.objects.get(pk=article.pk).body
    for fragment in forbidden:
        assert fragment not in stored


def test_allowed_structure_survives(category):
    body = (
        "<h2>Tiêu đề</h2><p><strong>đậm</strong> <em>nghiêng</em> "
        '<a href="https://dichvucong.gov.vn/">liên kết</a></p>'
        "<ul><li><p>một</p></li></ul><ol><li><p>hai</p></li></ol>"
        "<blockquote><p>trích</p></blockquote>"
        "<table><tbody><tr><th><p>A</p></th></tr><tr><td><p>1</p></td></tr></tbody></table>"
    )
    stored = make_article(category=category, body=body).body
    for tag in ("<h2>", "<strong>", "<em>", 'href="https://dichvucong.gov.vn/"', "<ul>", "<ol>"):
        assert tag in stored
    for tag in ("<blockquote>", "<table>", '<th scope="col">', "<td>"):
        assert tag in stored


def test_word_clipboard_html_loses_every_mso_style_and_class(category):
    """Even without the editor's paste cleaning (no JavaScript), the server strips Word's styles."""
    stored = make_article(category=category, body=WORD_PASTE.read_text()).body
    assert "mso-" not in stored and "Mso" not in stored
    assert "style=" not in stored and "class=" not in stored
    assert "<o:p>" not in stored and "@list" not in stored and "<![" not in stored
    assert "Kết quả chuyển đổi số năm 2025" in stored
    assert "<h2>Kết quả chuyển đổi số năm 2025</h2>" in stored
    assert "<strong>Nghị quyết số 57-NQ/TW</strong>" in stored
    assert "<em>triển khai nhiệm vụ năm 2026</em>" in stored
    assert "<table>" in stored and 'href="https://dichvucong.gov.vn/"' in stored


def test_table_header_cells_get_a_scope(category):
    body = (
        "<table><tbody><tr><th><p>Chỉ tiêu</p></th><th><p>2025</p></th></tr>"
        "<tr><th><p>Hồ sơ</p></th><td><p>2.945</p></td></tr></tbody></table>"
    )
    stored = make_article(category=category, body=body).body
    assert stored.count('<th scope="col">') == 2 and stored.count('<th scope="row">') == 1


def test_saving_twice_keeps_one_scope_per_header_cell(category):
    article = make_article(category=category, body="<table><tr><th>A</th></tr></table>")
    article.save()
    assert article.body.count("scope=") == 1
