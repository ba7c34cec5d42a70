"""Excerpts with marks: long texts (a PDF's text) are folded a piece at a time, with the
same excerpt as if folded whole."""

from portal.text import highlight

FILLER = "Nội dung tổng hợp về dịch vụ công trực tuyến và kỹ năng số. " * 2000
MATCH = "Triển khai chuyển đổi số ở thôn Đông, 2.945 hồ sơ. "


def test_a_match_deep_in_a_long_text_is_excerpted_and_marked():
    html = str(highlight(FILLER + MATCH + FILLER, ["chuyen", "2945"], 240))
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>chuyển</mark> đổi số ở thôn Đông, <mark>2.945</mark> hồ sơ" in html
    assert len(html) < 400


def test_a_long_text_gives_the_excerpt_a_short_one_gives():
    short = "Mở đầu phiên họp. " * 40 + MATCH + "Kết luận. " * 80
    long = short + FILLER
    assert str(highlight(long, ["chuyen"], 240)).rstrip("…") == str(
        highlight(short, ["chuyen"], 240)
    ).rstrip("…")


def test_a_long_text_without_a_match_shows_its_start():
    html = str(highlight(FILLER, ["chuyen"], 240))
    assert html.startswith("Nội dung") and html.endswith("…") and "<mark>" not in html
