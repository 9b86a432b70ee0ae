"""sentence_start: the one sentence bound every rule module shares (crawler/districts/sentences.py)."""

from crawler.districts.sentences import sentence_start

TEXT = ("서울 은평구는 지난 20일 구청 대회의실에서 협약식을 열었다. 김미경 은평구청장은 \"함께하겠다\"고 말했다.\n"
        "[사진] 협약식 모습")


def test_a_sentence_starts_at_the_full_stop_of_the_last_declarative_ending():
    position = TEXT.index("김미경")
    assert TEXT[sentence_start(TEXT, position):].startswith(". 김미경 은평구청장은")


def test_a_line_break_also_ends_a_sentence_and_the_first_starts_at_zero():
    assert TEXT[sentence_start(TEXT, TEXT.index("협약식 모습")):].startswith("[사진]")
    assert sentence_start(TEXT, TEXT.index("은평구는")) == 0
