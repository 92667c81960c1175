"""The page shows the overlap hint above the drafts ("第1份与第2份事项相近……，可考虑合并或分工"), in headless Chromium
against a real server, on a small synthetic report with two 常泰 matters and one unrelated one."""

from __future__ import annotations

import pytest

from service_server import LiveServer
from test_web_page import _split, browser, page_server  # noqa: F401  (module fixtures: the server and Chromium)

pytestmark = pytest.mark.browser

REPORT = """关于我省区域协调发展若干问题的调研报告
一、基本情况
（一）常泰跨江融合
常州、泰州隔江相望，常泰长江大桥已开工建设，两地过江通道、跨江产业合作不断加强。
（二）常泰中轴崛起
常泰过江通道建成后，常州、泰州将串联淮安、宿迁，形成全省发展中轴，跨江融合基础较好。
（三）农村饮水安全
全省农村自来水普及率达到98%，但部分山区供水管网老化。
二、存在的主要问题
（一）常泰跨江融合不够
常泰两地过江通道不足，跨江产业合作层次不高，规划衔接不够。
（二）中轴城市发展滞后
常泰过江通道建设滞后，中轴城市跨江融合不够，产业协作不紧密。
（三）农村供水管网老化
部分山区供水管网老化，漏损率超过20%，水质检测不到位。
三、对策建议
（一）推动常泰跨江融合发展
1．加快常泰过江通道建设，推动常泰长江大桥早日建成通车。2．共建常泰跨江产业合作园区，推进两地规划衔接。
（二）推动常泰中轴崛起
1．加快常泰过江通道及中轴铁路建设，推动常泰跨江融合。2．共建常泰跨江产业园区，推进中轴城市规划衔接。
（三）保障农村饮水安全
1．实施山区供水管网改造，降低漏损率。2．加强农村水质检测，每季度公布检测结果。"""


def test_the_page_shows_the_overlap_hint(page_server: LiveServer, browser) -> None:  # noqa: F811
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(page_server.url + "/")
    _split(page, REPORT)
    page.wait_for_selector("article.draft", timeout=60_000)
    hints = page.locator("#drafts p.overlap").all_inner_texts()
    assert len(hints) == 1, hints
    assert hints[0].startswith("第1份与第2份事项相近（共同：") and "可考虑合并或分工" in hints[0]
    assert "《关于推动常泰跨江融合发展的提案》" in hints[0] and "饮水" not in hints[0]
    ctx.close()
