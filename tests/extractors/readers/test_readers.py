"""Input readers: web-service XML and saved HTML become text the layout parser understands."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.common.errors import MalformedPageError, NotAMeetingPageError
from extractors.dates.meeting_date import find_meeting_date
from extractors.layout import parse_page
from extractors.readers import UnsupportedFormatError, read_page

XML = Path(__file__).parents[3] / "raw" / "MAN"
HTML_PAGE = """<html><head><title>x</title><script>var a = 1;</script></head><body>
<h1 class="mgMainTitleTxt">Agenda and minutes</h1>
<h2 class="mgSubTitleTxt">Cabinet - Thursday, 16th July, 2020 10.00 am</h2>
<table class="mgItemTable">
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">1.</p></td>
<td><p class="mgAiTitleTxt">Apologies for Absence</p>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara"><p>Apologies were received from Councillor A Smith.</p></div></td></tr>
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">2.</p></td>
<td><p class="mgAiTitleTxt">Children's Services Ofsted Inspection
<span class="mgFileSize">PDF 346 KB</span></p>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara"><p>Ofsted rated services as 'good'.</p></div></td></tr>
</table></body></html>"""


def test_web_service_xml_gives_header_and_items():
    data = next(XML.glob("*.xml")).read_bytes()
    page = read_page(data, "meeting.xml")
    layout = parse_page(page.text)
    assert page.format == "xml"
    assert layout.committee == "Audit Committee"
    assert find_meeting_date(page.text, layout.header_date_text)[0].isoformat() == "2026-02-10"
    assert [(i.number, i.title) for i in layout.items] == [
        ("1", "Minutes"),
        ("9", "Work Programme"),
    ]
    assert "Councillor Basil Curley - Committee Member" in page.text
    assert "future Work Programme" in page.text and "&lt;" not in page.text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"<meeting><agendaitems><agendaitem>", MalformedPageError),
        (
            b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><meeting>&a;</meeting>',
            MalformedPageError,
        ),
        (b"<notameeting/>", NotAMeetingPageError),
    ],
    ids=["truncated", "entities", "wrong-root"],
)
def test_malformed_xml_is_refused_naming_the_file(data, error):
    with pytest.raises(error, match="bad.xml"):
        read_page(data, "bad.xml")


def test_saved_moderngov_html_gives_header_and_items():
    page = read_page(HTML_PAGE.encode("utf-8"), "page.html")
    layout = parse_page(page.text)
    assert "var a" not in page.text
    assert layout.committee == "Cabinet"
    assert layout.header_date_text.startswith("Thursday, 16th July, 2020")
    assert [(i.number, i.title) for i in layout.items] == [
        ("1", "Apologies for Absence"),
        ("2", "Children's Services Ofsted Inspection"),
    ]


def test_html_without_text_is_refused():
    with pytest.raises(MalformedPageError, match="empty.html"):
        read_page(b"<html><body><script>x()</script></body></html>", "empty.html")


def test_unknown_suffix_is_refused():
    with pytest.raises(UnsupportedFormatError, match="notes.docx"):
        read_page(b"hello", "notes.docx")
