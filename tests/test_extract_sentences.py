"""Sentence splitting keeps a map to the article text whatever the layout residue."""

from __future__ import annotations

from econgraph.loaders.sentences import clean_text, split_sentences
from hypothesis import given, settings
from hypothesis import strategies as st

ALPHABET = "临清轴承有限公司的在与、，。！？；：“”（）() \n\u3000　ABC123"


@given(st.text(alphabet=ALPHABET, max_size=200))
@settings(max_examples=200, deadline=None)
def test_offsets_index_the_original_text(text: str) -> None:
    for sent in split_sentences(text):
        assert len(sent.clean) == len(sent.offsets) > 0
        assert sent.offsets == sorted(sent.offsets)
        assert text[sent.start:sent.end].strip() != ""
        for ch, off in zip(sent.clean, sent.offsets, strict=True):
            assert clean_text(text[off]) == ch


def test_hard_wraps_join_and_paragraphs_split() -> None:
    text = "　　山东泉海汽车\n科技有限公司生产车间\n　　第二段开始了。第三句"
    sentences = split_sentences(text)
    assert [s.clean for s in sentences] == ["山东泉海汽车科技有限公司生产车间", "第二段开始了。", "第三句"]
    assert text[sentences[0].start:sentences[0].end] == "山东泉海汽车\n科技有限公司生产车间"


def test_full_width_punctuation_is_normalised() -> None:
    assert [s.clean for s in split_sentences("中色正锐（山东）铜业有限公司，好！")] == ["中色正锐(山东)铜业有限公司,好!"]


def test_a_short_unterminated_line_of_an_unwrapped_text_is_its_own_sentence() -> None:
    body = "今年以来，某县坚持项目为王，" + "围绕主导产业精准招商，" * 8 + "一批项目落地开工。"
    text = "某县产业园项目工地正紧张施工\n甲乙农牧科技有限公司投资5000万元在某县建设的养殖项目\n" + body
    assert [s.clean for s in split_sentences(text)][:2] == ["某县产业园项目工地正紧张施工",
                                                            "甲乙农牧科技有限公司投资5000万元在某县建设的养殖项目"]
    wrapped = "甲乙农牧科技有\n限公司投资建设。"  # every line short: a hard wrap, joined
    assert [s.clean for s in split_sentences(wrapped)] == ["甲乙农牧科技有限公司投资建设。"]


def test_translate_is_nfkc_per_character() -> None:
    """``_translate`` (replacing only the characters NFKC changes) equals NFKC applied character by character
    wherever it keeps one character."""
    import random
    import unicodedata

    from econgraph.loaders.sentences import _translate

    def per_char(text: str) -> str:
        return "".join(n if len(n := unicodedata.normalize("NFKC", ch)) == 1 else ch for ch in text)

    rnd = random.Random(5)
    alphabet = "ab1Z 　\r\n\t，。、：；！？（）“”１２ＡＢｃ①㈠ﬁ¼ｶﾞ市县区有限公司é\u00a0\u3000"
    for _ in range(2000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 30)))
        assert _translate(text) == per_char(text), text
