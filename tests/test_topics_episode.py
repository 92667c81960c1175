"""A matter that rose and ended reads so; a salient term's 议题 holds the measures of its years; a title that names the
matter is not replaced by one item of it or a numbered slogan. Built from the lists of 湖北 (set I), 河南 (G), 甘肃 (H)
and 云南 read while tuning (docs/figures/topics12.md)."""

from __future__ import annotations

import jieba
import numpy as np

from topicmine.topics.episode import extend_episode
from topicmine.topics.shares import YearSeries, _widen, count_trend
from topicmine.topics.titles import make_titles

YEARS = list(range(2015, 2027))


def _series(k: list[int], n: int = 300) -> YearSeries:
    return YearSeries(YEARS, [x / n for x in k], k, [n] * len(k))


def test_a_matter_that_rose_and_ended_is_not_new() -> None:
    # 湖北's 疫情防控: clauses 2020–2023, none since — it read "2020年起出现" (new)
    tr = count_trend(_series([0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0]))
    assert tr.kind == "episodic"
    assert tr.text.startswith("2020–2023年集中提及") and tr.text.endswith("2024年后基本不再提及")
    # 万企万亿技改: 2017–2023 then 0 (it read "2017年起出现，此后平均占篇幅0.3%")
    tr = count_trend(_series([0, 0, 2, 1, 1, 2, 1, 2, 1, 0, 0, 0]))
    assert tr.kind == "episodic" and "2024年后基本不再提及" in tr.text
    # a matter present to the last year stays new; one absent only in the last year is not ended
    assert count_trend(_series([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1])).kind == "new"
    assert count_trend(_series([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0])).kind == "new"


def test_a_burst_window_takes_the_neighbouring_years_as_high() -> None:
    # 甘肃's 脱贫攻坚 read "2016–2018年集中提及（峰值2017年2.0%）" with 2019 at 1.4 % and 2021 at 1.1 % (2018: 1.1 %)
    y = np.array([.005, .013, .020, .011, .014, .003, .011, 0, 0, .005, 0, 0])
    i, j = _widen(y, 1, 3)
    assert (YEARS[i], YEARS[j]) == (2016, 2021)
    assert max(np.r_[y[:i], y[j + 1:]]) < min(y[1:4])  # no year outside the window as high as the burst's lowest
    # 湖北's 互联网+: "2016–2018年集中提及" with 2020 at 1.2 %, nothing since 2021
    k = [1, 4, 2, 3, 2, 4, 0, 0, 0, 0, 0, 0]
    tr = count_trend(YearSeries(YEARS, [x / 300 for x in k], k, [300] * 12))
    assert tr.text.startswith("2016–2020年") and tr.text.endswith("2021年后基本不再提及")


# 湖北 2020–2023 clauses naming 疫情 or following one (set I, as the clause splitter gives them)
CLAUSES = [
    ("加强重大动植物疫情防控", 2020, 0, 0, 0),  # the year before the epidemic: another matter said with the word
    ("强化前瞻性思考、全局性谋划、战略性布局、整体性推进，统筹疫情防控和经济社会发展、供给侧和需求侧、市场和政府、发展和安全",
     2021, -1, 1, 1),
    ("当前，全球疫情加速蔓延，国内呈现多地局部暴发和零星散发状态，防控任务依然艰巨繁重", 2021, 6, 6, 2),
    ("慎终如始抓好常态化科学精准防控，压实“四方责任”，严格落实“四早”要求，加强监测预警、核酸检测、隔离管控、消毒消杀、"
     "流调溯源等工作，做好新冠疫苗免费接种工作，确保防控不松懈、疫情不反弹、发展不停步", 2021, -1, 6, 2),
    ("科学精准抓好常态化疫情防控，织密扎牢疫情防护网，堵住一切可能导致疫情反弹的窟窿和漏洞", 2022, 6, 6, 3),
    ("盯紧重点地区来鄂返鄂人员和进口冷链食品、高风险货物等重点环节，关口前移、闭环管理", 2022, 6, 6, 3),
    ("扎实推进新冠疫苗接种", 2022, 6, 6, 3),
    ("完善应急处置预案和物资储备，提高基层防控能力", 2022, 6, 6, 3),
    ("分类施策、精准拆弹，稳妥有效化解地方政府隐性债务、金融、房地产等领域风险", 2022, 6, 6, 3),
    ("稳步提高城乡低保人员、特困人员、残疾人等保障水平", 2023, 3, 3, 4),
    ("全面落实新冠病毒感染“乙类乙管”，扎实做好老年人和患基础性疾病人群的健康服务，加强农村地区疫情防控和医疗救治", 2023, 3, 3, 4),
    ("深入开展爱国卫生运动，大力推动全民健身，促进群众体育和竞技体育全面发展", 2023, 3, 3, 4),
]
BY_YEAR = {2019: 0.0, 2020: 0.024, 2021: 0.173, 2022: 0.141, 2023: 0.122, 2024: 0.015, 2025: 0.0}


def test_a_salient_terms_matter_holds_the_measures_of_its_years() -> None:
    texts = [c[0] for c in CLAUSES]
    made = [0, 2, 4, 10]  # what the salient rule made: four clauses, two no measure of the episode
    held = {5: "药品安全", 7: "应急", 8: "债务", 9: "社会救助"}
    rows = extend_episode("疫情", made, texts, [c[2] for c in CLAUSES], [c[3] for c in CLAUSES],
                          [c[4] for c in CLAUSES], [None] * len(CLAUSES), [c[1] for c in CLAUSES], BY_YEAR, held=held)
    got = [texts[i][:8] for i in rows]
    assert got == ["慎终如始抓好常态", "科学精准抓好常态", "盯紧重点地区来鄂", "扎实推进新冠疫苗", "全面落实新冠病毒"]
    # held by its own anchor ("应急"), a 民生 paragraph's next line and another 议题's measure stay where they are
    assert not {7, 8, 9, 11} & set(rows)


def _title(clauses: list[str], anchor: str) -> str:
    return make_titles({0: clauses}, {0: [f"d{k}" for k in range(len(clauses))]}, jieba.lcut, anchors={0: anchor})[0]


# 河南's grain clauses (set G, as the second fit grouped them): 16 of 28 say 高标准农田, 3 粮食安全, 2 "高标准农田示范区"
GRAIN = [
    '启动实施农业强市行动，新建高标准农田25万亩，粮食总产303.16万吨，实现种植面积、单产、总产“三增长”',
    '和美乡村建设做法入选全国首批“千万工程”典型案例，“四好农村路”、高标准农田建设、农业社会化服务成为全国示范',
    '实施粮油单产提升行动，推进现代化大型灌区与高标准农田建设有效衔接，建成高标准农田15万亩以上，力争粮食总产量308万吨',
    '深入实施“三农”四大工程，发放粮食直补等惠农补贴150亿元，奖励产粮大县40.6亿元，新建高标准粮田952万亩，新增省级示范性现代农业产业化集群25个，120万农村贫困人口稳定脱贫，“三山”地区5.15万贫困群众搬出深山',
    '加快高标准粮田“百千万”工程建设，全面开展永久基本农田划定工作，加强农业综合开发和中低产田改造，持续开展高产创建，再建成高标准粮田900万亩',
    '深入推进农村集体产权制度改革，完成4000万亩左右农村土地承包经营权确权登记颁证',
    '大力推进高标准粮田建设，实施耕地质量保护与提升行动，新建高标准粮田700万亩',
    '整合高标准农田建设项目，探索不同层级整合涉农资金的有效方式',
    '加强高标准粮田建设，持续提升粮食产能，发展高效节水灌溉面积130万亩',
    '稳定粮食生产能力，新建高标准农田590万亩，粮食总产达到1339亿斤，创历史新高',
    '深入实施优质粮食工程，开展耕地保护提质行动，新建高标准农田660万亩，建设40个优质粮源基地示范县，优质专用小麦发展到1500万亩，打造一批粮食产业示范链',
    '稳定提高粮食生产能力，新建高标准农田660万亩，粮食产量达到1365亿斤，再创历史新高',
    '新建高标准农田750万亩，确保粮食种植面积稳定在1.6亿亩以上',
    '认真落实粮食安全责任制，提升收储调控能力，深入推进优质粮食工程，延伸粮食产业链、提升价值链、打造供应链',
    '积极构建现代农业生产体系，大力发展智慧农业，提升农业技术装备水平，推进作物种植自动化、精细化',
    '建成高标准农田750万亩，完成农田水利设施排查整改任务',
    '启动实施新时期粮食生产核心区建设工程，新建高标准农田756万亩',
    '确保粮食产量1300亿斤以上',
    '连续6年粮食总产稳定在1300亿斤以上，播种面积保持在1.6亿亩',
    '扛稳粮食安全重任，对接国家新一轮千亿斤粮食产能提升行动，确保粮食播种面积稳定在1.61亿亩以上，力争到2025年建成1500万亩高标准农田示范区，粮食产能达到1400亿斤',
    '构建多元化食物供给体系，发展设施蔬菜410万亩、设施食用菌180万吨、设施渔业7万吨，稳定生猪、畜禽和油料生产',
    '实施粮食单产提升工程，推进良田良种良法良机良制融合共促',
    '新建高标准农田示范区450万亩',
    '扛牢粮食安全重任，严守耕地红线，深入推进主要粮油作物大面积单产提升行动，建设1500万亩小麦、2000万亩玉米高产示范区，新建和改造提升高标准农田500万亩',
    '耕地面积净增212万亩，新建改造高标准农田3167万亩，开挖疏浚沟渠11.76万公里',
    '实施百亿斤粮食产能提升工程，推进66个粮食产能提升重点县和豫东平原200万亩整区域工程化建设高标准农田项目，新建改造高标准农田400万亩以上',
    '落实最严格耕地保护制度，扎实完成好高标准农田建设任务，确保粮食面积稳定在990万亩，粮食产量保持在86亿斤以上',
    '严格落实耕地保护和粮食安全责任制，推进粮食单产提升行动，新建和改造提升高标准农田22.83万亩，粮食播种面积稳定在462.5万亩以上',
]

# 云南's border clauses: 10 of 11 say “十县百乡千村万户”, 3 兴边富民
BORDER = [
    '继续实施“十县百乡千村万户示范”创建工程、边疆“解五难”惠民工程',
    '实施第二轮“十县百乡千村万户”示范创建三年行动计划，创建一批民族团结进步示范村、示范乡（镇）和示范社区，加强城市民族工作，大力推进少数民族聚居社区网格化服务管理模式',
    '实施好第二轮“十县百乡千村万户”示范创建工程，抓点带面推动民族团结进步示范区建设',
    '实施“国门文化”建设工程，加强对外文化交流',
    '深入实施兴边富民工程改善沿边群众生产生活条件三年行动计划，抓好新一轮“十县百乡千村万户”示范创建，促进示范区建设实体化、工程化、项目化',
    '实施“十县百乡千村万户”工程，打牢中华民族共同体思想基础',
    '实施“十县百乡千村万户”示范引领建设工程，完善转移支付和对口支援机制，支持民族地区加快发展',
    '新创建2个全国民族团结进步示范州市、10个示范县区、4个示范单位，第三轮“十县百乡千村万户”示范引领建设工程圆满完成，374个现代化边境小康村建设全面启动',
    '大力推进固边兴边富民行动，实施第四轮“十县百乡千村万户”示范引领建设工程和智慧广电固边工程，加快现代化边境小康村建设，加大对沿边地区支持力度',
    '持续实施“十县百乡千村万户”示范引领工程，高质量建设374个现代化边境幸福村',
    '赋予所有改革发展以“三个意义”，实施第五轮民族团结进步“十县百乡千村万户”示范引领工程，推进现代化边境幸福村巩固提升行动，加快兴边富民行动中心城镇和边境新村建设',
]


def test_a_matters_title_is_not_replaced_by_one_item_or_a_numbered_slogan() -> None:
    # the titles were "高标准农田示范区" (one item of the grain clauses) and “十县百乡千村万户” (a counted slogan)
    grain = _title(GRAIN, "高标准农田")
    assert grain != "高标准农田示范区" and "粮食" in grain
    border = _title(BORDER, "百乡千村万户")
    assert "十县百乡千村万户" not in border and not border.endswith("工程")


def test_a_salient_matter_keeps_its_term_as_object_when_its_measures_name_other_words() -> None:
    # 湖北's 疫情防控 with the measures of its years shares "新冠" in 3 of 7 clauses; its object read as 新冠 (0.32)
    # dropped it from rank 4 to 77 — the term the 议题 was made for is its object
    from topicmine.topics.salient import Salient, admit_salient_topics
    from topicmine.topics.specificity import Specificity

    s = Salient("疫情", 2021, 0.17, {2021: 0.17, 2022: 0.14, 2023: 0.12}, 3, status="已成议题", topic=0)
    s.coverage = 1.0  # every clause from a passage naming 疫情 (topics.episode)
    spec = {9: Specificity(9, 0.32, "新冠", 0.43, 0.75, [("新冠", 0.43, 0.75), ("接种", 0.29, 0.67)], 0.4),
            5: Specificity(5, 0.8, "高校毕业生", 0.8, 1.0, [("高校毕业生", 0.8, 1.0)], 0.8)}
    admit_salient_topics([s], {0: 9}, {}, spec)
    assert spec[9].ownership == 1.0 and spec[9].score == 0.8  # its coverage, capped at the best other 议题's
    assert spec[5].score == 0.8
