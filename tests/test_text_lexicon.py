"""Lexicon, word lists and names (topicmine.text.lexicon / wordlists / names); drafting uses the office's
user dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest

from topicmine.config import Settings
from topicmine.errors import ConfigError
from topicmine.records import DocType
from topicmine.text.lexicon import Lexicon, read_user_dict, read_word_list
from topicmine.text.names import DOC_TYPE_ZH, GENRE_ZH

ROOT = Path(__file__).resolve().parent.parent
#: a term only corpus/dicts/user_dict.txt knows: jieba's default dictionary cuts it
OFFICE_TERM = "低空经济"


def test_read_word_list_skips_comments(tmp_path: Path) -> None:
    p = tmp_path / "w.txt"
    p.write_text("# 注释\n营商环境\n\n 一老一小 \n#另一条注释\n", encoding="utf-8")
    assert read_word_list(p) == ["营商环境", "一老一小"]


def test_read_word_list_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="missing.txt"):
        read_word_list(tmp_path / "missing.txt")
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("营商环境".encode("gbk"))
    with pytest.raises(ConfigError, match="UTF-8"):
        read_word_list(bad)


def test_user_dict_lines(tmp_path: Path) -> None:
    p = tmp_path / "u.txt"
    p.write_text("# 注释\n新质生产力 5000 nz\n一老一小\n", encoding="utf-8")
    assert read_user_dict(p) == [("新质生产力", 5000, "nz"), ("一老一小", None, None)]


def test_from_settings_once_and_office_words() -> None:
    s = Settings()
    lex = Lexicon.from_settings(s)
    assert Lexicon.from_settings(Settings()) is lex  # cached per settings
    assert lex.user_dict and lex.user_dict.endswith("user_dict.txt")
    assert OFFICE_TERM in lex.dict_terms
    assert OFFICE_TERM in lex.words(f"关于加快{OFFICE_TERM}发展的提案")
    assert OFFICE_TERM not in Lexicon().words(f"关于加快{OFFICE_TERM}发展的提案")
    assert "进一步" in lex.stopword_set  # from stopwords.txt
    assert "发展" in lex.label_stopword_set  # from label_stopwords.txt
    assert "机遇" in lex.framing and "建议" in lex.generic and "发展" in lex.label_generic


def test_drafting_uses_the_office_dictionary() -> None:
    """split_report with the office lexicon keeps 低空经济 whole in key terms — also by default (drafting has one
    lexicon, the settings'); a bare jieba without the dictionary cuts it."""
    from topicmine.drafts import split_report

    text = ("一、存在问题\n苏州市低空经济起步较晚，低空经济基础设施不足，低空经济应用场景偏少。\n"
            "二、对策建议\n建议加快低空经济基础设施建设，统筹布局低空经济起降场站，拓展低空经济应用场景。")
    office = split_report(text, lexicon=Lexicon.from_settings(Settings()))
    default = split_report(text)
    bare = split_report(text, lexicon=Lexicon())
    terms = {name: [t for u in r.analysis.units for t in u.key_terms]
             for name, r in (("office", office), ("default", default), ("bare", bare))}
    assert OFFICE_TERM in terms["office"]
    assert OFFICE_TERM in terms["default"]
    assert OFFICE_TERM not in terms["bare"]


def test_names_from_records() -> None:
    assert GENRE_ZH == {"motion": "建议案", "proposal": "提案", "opinion": "社情民意信息", "keep": "保留在报告中"}
    assert all(DOC_TYPE_ZH[d.value] == d.label_zh for d in DocType if d is not DocType.other)
    from topicmine.dedup.explain import DOC_TYPE_ZH as dedup_names
    from topicmine.drafts.genre import GENRE_ZH as genre_names

    assert dedup_names is DOC_TYPE_ZH and genre_names is GENRE_ZH
