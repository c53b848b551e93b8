"""``loaders.wordcut.lcut`` gives jieba's own words (``jieba.lcut(text, HMM=False)``), ties and ASCII runs included."""

from __future__ import annotations

import random

import jieba
import pytest
from econgraph.loaders.wordcut import lcut

INVENTED = [
    "",
    "某某市新材料有限公司与某县人民政府签约年产10万吨项目",
    "ABC科技集团在示例县投资2.5亿元,建设5G智能制造基地。",
    "甲乙丙丁企业\r\n联合 申报“专精特新”小巨人,含Wi-Fi模组及AI芯片。",
    "长江大桥南京市长江大桥研究生命起源",
    "  \t中国人民银行１２３ＡＢ　示例路100号#2_楼%  ",
    "é漢字𠀀混合ab12cd,。、",
]


@pytest.mark.parametrize("text", INVENTED)
def test_invented_sentences(text: str) -> None:
    assert lcut(text) == jieba.lcut(text, HMM=False)


def test_random_strings() -> None:
    rnd = random.Random(7)
    alphabet = "ab1Z 　\r\n\t-_.%#&+,。、“”市县区镇中国人民银行有限公司科技新材料长江大桥研究生命ＡＢ１２é"
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 30)))
        assert lcut(text) == jieba.lcut(text, HMM=False), text


def test_block_patterns_are_jiebas() -> None:
    from econgraph.loaders import wordcut

    assert wordcut._RE_HAN.pattern == jieba.re_han_default.pattern
    assert wordcut._RE_SKIP.pattern == jieba.re_skip_default.pattern
    assert wordcut._RE_HAN.flags == jieba.re_han_default.flags and wordcut._RE_SKIP.flags == jieba.re_skip_default.flags
