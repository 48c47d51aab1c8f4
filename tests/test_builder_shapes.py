"""Shapes of sentences the drafter reads: whose figure it is, in what unit and at what time (kg.assist.figures),
and who works where (kg.assist.relations). Each case is a short article of our own with made-up figures and
made-up companies; a figure is (subject, value, unit, time), an affiliation (person, employer), each named by a
known id or by the first name of a proposed new entity.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from kg.assist.addsource import add_source

FACTS = {
    "metrics.yaml": """
        metrics:
          - id: users
            name: {en: users, zh-Hans: 用户数, zh-Hant: 用戶數}
            unit: person
        """,
    "entities/known.yaml": """
        entities:
          - id: china
            type: Place
            name: {en: China, zh-Hans: 中国, zh-Hant: 中國}
            aliases: {zh-Hans: [我国], zh-Hant: [我國]}
            mentions: {seed-doc: 1}
          - id: larkspur-group
            type: Company
            name: {en: Larkspur Group, zh-Hans: 云雀集团, zh-Hant: 雲雀集團}
            aliases: {en: [Larkspur]}
            mentions: {seed-doc: 1}
          - id: cloud-computing
            type: Technology
            name: {en: cloud computing, zh-Hans: 云计算, zh-Hant: 雲端運算}
            mentions: {seed-doc: 1}
          - id: quill
            type: Product
            name: {en: Quill, zh-Hans: 羽笔文档, zh-Hant: 羽筆文檔}
            mentions: {seed-doc: 1}
        """,
    "documents/seed-doc.yaml": """
        document:
          id: seed-doc
          title: {en: A seed document}
          language: en
        """,
}


def drafted(tmp_path: Path, body: str, facts: dict[str, str] = FACTS) -> tuple[dict, dict[str, str]]:
    """The draft of `body`, and the first name of each new entity by id."""
    root = tmp_path / "facts"
    for name, text in facts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    src = tmp_path / "article.txt"
    src.write_text(textwrap.dedent(body), encoding="utf-8")
    d = yaml.safe_load(add_source(src, root).draft.read_text(encoding="utf-8"))
    return d, {e["id"]: next(iter(e["name"].values())) for e in d.get("entities") or []}


def draft(tmp_path: Path, body: str, facts: dict[str, str] = FACTS) -> list[tuple]:
    """(subject, value, unit, time) of every drafted figure."""
    d, names = drafted(tmp_path, body, facts)
    return [(names.get(o["subject"], o["subject"]), o["value"], o["unit"], str(o.get("time")))
            for o in d.get("observations") or []]


def relations(tmp_path: Path, body: str) -> set[tuple[str, str, str]]:
    """(subject, property, value) of every drafted statement but job titles."""
    d, names = drafted(tmp_path, body)
    return {(names.get(st["s"], st["s"]), k, names.get(str(v), str(v))) for st in d.get("statements") or []
            for k, v in st.items() if k not in ("s", "para", "status", "confidence", "evidence", "jobTitle")}


def affiliations(tmp_path: Path, body: str) -> set[tuple[str, str]]:
    d, names = drafted(tmp_path, body)
    return {(names.get(st["s"], st["s"]), names.get(st["affiliation"], st["affiliation"]))
            for st in d.get("statements") or [] if "affiliation" in st}


CASES = {
    "a share of a named whole": ("""\
        Cloud services in numbers

        Published: 2024-03-15

        Larkspur Group noted that cloud services accounted for 7.5 percent of China's economy in 2023.
        """, ("china", 7.5, "percent", "2023")),
    "a name after 'equal to those of' is a yardstick": ("""\
        Larkspur grows

        Published: 2024-03-15

        Larkspur Group kept growing last year. By June 2023 the firm counted 40 million users, roughly equal to those of Heron Corp combined.
        """, ("larkspur-group", 40000000, "person", "2023-06")),
    "'X announced that it would' is about X, not the places it names": ("""\
        Larkspur expands

        Published: 2023-08-01

        Larkspur announced in May that it would open offices in Lisbon, Portugal, reaching its goal of 30 cities by the end of this year.
        """, ("larkspur-group", 30, "city", "2023-12")),
    "a count 'since' a year holds at the article's date": ("""\
        Larkspur stores

        Published: 2024-03-15

        Larkspur Group has opened 150 pilot projects since 2019, the company said.
        """, ("larkspur-group", 150, "project", "2024-03-15")),
    "a single name at a sentence's start is a name the article gives elsewhere": ("""\
        Notes apps

        Published: 2024-03-15

        Popular note apps include Heronly and Finchly, both young companies.

        Finchly announced in 2023 that it had 5 million users.
        """, ("Finchly", 5000000, "person", "2023")),
    "a forecast 'within five years' of the year named": ("""\
        中国在线办公市场

        发布日期：2024-04-02

        中国在线办公市场规模预计将从2023年的10亿元，在5年内增长至30亿元。
        """, ("china", 3000000000, "cny", "2028")),
    "a forecast 'within five years' (Traditional)": ("""\
        中國線上辦公市場

        發布日期：2024-04-02

        中國線上辦公市場規模預計將從2023年的10億元，在5年內增長至30億元。
        """, ("china", 3000000000, "cny", "2028")),
    "employees are people": ("""\
        云雀集团员工

        发布日期：2024-04-02

        云雀集团本周表示，旗下3万名员工将在家办公。
        """, ("larkspur-group", 30000, "person", "2024-04-02")),
    "employees are people (Traditional)": ("""\
        雲雀集團員工

        發布日期：2024-04-02

        雲雀集團本周表示，旗下3萬名員工將在家辦公。
        """, ("larkspur-group", 30000, "person", "2024-04-02")),
    "people editing at once take part": ("""\
        云雀文档升级

        发布日期：2024-04-02

        云雀集团将单个文档的同时在线编辑人数提升至500人。
        """, ("larkspur-group", 500, "participant", "2024-04-02")),
    "a lunar new-year day is dated": ("""\
        云雀会议扩容

        发布日期：2020-02-20

        除夕当天，云雀集团宣布会议免费。大年初二，云雀集团已将会议规模扩容至300人。
        """, ("larkspur-group", 300, "person", "2020-01-26")),
    "Chinese names what it counts before the verb": ("""\
        云雀集团访问量

        发布日期：2024-04-02

        云雀集团表示，春节期间平台的总造访人次达到2亿。
        """, ("larkspur-group", 200000000, "session", "2024-02")),
    "a country the facts do not know yet is proposed and counted": ("""\
        日本远程办公

        发布日期：2024-04-02

        日本的远程办公用户已达500万人。
        """, ("Japan", 5000000, "person", "2024-04-02")),
    "a country the facts do not know yet (English)": ("""\
        Remote work in Europe

        Published: 2024-03-15

        Germany had 3 million remote workers in 2023.
        """, ("Germany", 3000000, "person", "2023")),
    "a name inside a ', which ...' aside is not the subject": ("""\
        Larkspur ranks

        Published: 2024-03-15

        Larkspur Group, which runs the country's busiest notes app Quillpad, had 9 million users in 2023.
        """, ("larkspur-group", 9000000, "person", "2023")),
    "a plan named without title marks (Traditional)": ("""\
        遠端教學新進展

        發布日期：2024-04-02

        官方表示，目前遠端教學計畫已涵蓋3萬多間學校。
        """, ("遠端教學計畫", 30000, "school", "2024-04-02")),
    "a level of a ranked list": ("""\
        日本旅游提示等级

        发布日期：2024-04-02

        日本近期被列为第一级旅游提示地区。
        """, ("Japan", 1, "rank", "2024-04-02")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_figure_shape(tmp_path: Path, case: str):
    body, expected = CASES[case]
    assert expected in draft(tmp_path, body)


def test_the_size_of_a_top_list_is_no_figure(tmp_path: Path):
    got = draft(tmp_path, """\
        Rankings

        Published: 2024-03-15

        Larkspur Group ranked among the top 10 note apps in 2023, with 2 million users.
        """)
    assert [f[1] for f in got] == [2000000]


def test_the_start_of_a_span_is_no_time(tmp_path: Path):
    got = draft(tmp_path, """\
        Larkspur users

        Published: 2024-03-15

        Since 2019 Larkspur Group has gained 8 million users.
        """)
    assert got == [("larkspur-group", 8000000, "person", "2024-03-15")]


ROLES = {
    "en: 'Name, <title> of <employer>, said'": ("""\
        Larkspur hires

        Published: 2024-03-15

        Mara Quist, chief executive of Larkspur Group, said the company would hire 500 engineers this year.
        """, ("Mara Quist", "larkspur-group")),
    "en: the first employer after 'at', not a region before it": ("""\
        Notes apps in Asia

        Published: 2024-03-15

        Tomas Rell, Asia-Pacific research head at Larkspur Group, told reporters that demand was rising.
        """, ("Tomas Rell", "larkspur-group")),
    "en: '<employer> <title> Name'": ("""\
        Larkspur view

        Published: 2024-03-15

        "Demand keeps rising," said Larkspur Group partner Ivo Tanaka.
        """, ("Ivo Tanaka", "larkspur-group")),
    "zh: '<known name>研究院<title><name>表示' is an institute of its own": ("""\
        云雀集团研究观点

        发布日期：2024-04-02

        云雀集团研究院高级研究员林晓帆表示，协同办公将继续增长。
        """, ("林晓帆", "云雀集团研究院")),
    "zh-Hant: '<known name>研究院<title><name>表示'": ("""\
        雲雀集團研究觀點

        發布日期：2024-04-02

        雲雀集團研究院高級研究員林曉帆表示，協同辦公將繼續增長。
        """, ("林曉帆", "雲雀集團研究院")),
}


@pytest.mark.parametrize("case", sorted(ROLES))
def test_affiliation_shape(tmp_path: Path, case: str):
    body, expected = ROLES[case]
    assert expected in affiliations(tmp_path, body)


RELATIONS = {
    "zh-Hant: '<company>的<product>' touching each other is the product's owner; a word between them is not": ("""\
        三強

        發布日期：2024-09-10

        雲雀集團的羽筆文檔、騰訊與飛書三強之外，雲雀集團在2020年發布的報告中提到的羽筆文檔也很多。
        """, {("quill", "ownedBy", "larkspur-group")}),
    "zh: '<company>旗下<technology words>产品<product>' steps over the technology": ("""\
        云雀集团新品

        发布日期：2024-04-02

        云雀集团旗下在线文档产品《云简文档》已向所有用户免费开放。
        """, {("云简文档", "ownedBy", "larkspur-group")}),
    "zh: '<product>是<company>于<year>推出的…' gives its maker and launch": ("""\
        云简文档的来历

        发布日期：2024-04-02

        据介绍，《云简文档》是云雀集团于2019年推出的协作产品，目前用户众多。
        """, {("云简文档", "developer", "larkspur-group"), ("云简文档", "launchDate", "2019")}),
    "zh-Hant: '<product>是<company>於<year>推出的…'": ("""\
        雲簡文檔的來歷

        發布日期：2024-04-02

        據介紹，《雲簡文檔》是雲雀集團於2019年推出的協作產品，目前用戶眾多。
        """, {("雲簡文檔", "developer", "larkspur-group"), ("雲簡文檔", "launchDate", "2019")}),
    "en: what was launched is the object, a capitalised common noun part of its name": ("""\
        Cloud policy

        Published: 2024-03-15

        China officially launched the Internet Bridge initiative in 2019, the ministry said.
        """, {("Internet Bridge", "launchDate", "2019")}),
    "en: '<Place>-based <noun> X' and 'X, ... based in <Place>' locate X": ("""\
        Startups

        Published: 2025-03-10

        Shenzhen-based startup Kestrel Labs hired 40 engineers. Heron Data, a research firm based in Wuhan, counted them.
        """, {("Kestrel Labs", "location", "Shenzhen"), ("Heron Data", "location", "Wuhan")}),
    "en: 'X, the healthcare arm of Y' and 'X, a unit of Y': Y is X's parent": ("""\
        Health apps

        Published: 2025-03-10

        Heron Health, the healthcare arm of Larkspur Group, opened 12 clinics.
        """, {("Heron Health", "parentOrganization", "larkspur-group")}),
    "en: 'X, the <Place>-based maker of Y' locates X, not Y; a name opening with a place is there": ("""\
        Startups

        Published: 2025-03-10

        Heron Data, the Chengdu-based developer of Quill, said in Wuhan that Wuhan Kestrel Technology competes with Larkspur Group and Heron Data.
        """, {("Heron Data", "location", "Chengdu"), ("Wuhan Kestrel Technology", "location", "Wuhan"),
              ("Wuhan Kestrel Technology", "competitor", "larkspur-group"), ("Wuhan Kestrel Technology", "competitor", "Heron Data")}),
    "a new place of the gazetteer lies in the nearest place holding it that the draft or the facts know": ("""\
        Startups

        Published: 2025-03-10

        Xiamen-based Heron Data opened an office in China's Fujian province, and another in Tseung Kwan O.
        """, {("Heron Data", "location", "Xiamen"), ("Xiamen", "locatedIn", "Fujian"), ("Fujian", "locatedIn", "china"),
              ("Tseung Kwan O", "locatedIn", "china")}),
    "a report's publisher: X发布的《…报告》, 'a report published by X'": ("""\
        协同办公市场

        发布日期：2024-05-08

        鹭语咨询最新发布的《2024中国协同办公市场报告》指出，市场规模为372亿元。
        """, {("2024中国协同办公市场报告", "publisher", "鹭语咨询")}),
    "zh: 总部位于<地>的…<公司> locates the company; 竞争对手 lists rivals": ("""\
        协同办公

        发布日期：2025-03-10

        总部位于成都的协同办公服务商鹭语科技表示，鹭语科技的竞争对手包括云雀集团和羽笔文档。
        """, {("鹭语科技", "location", "Chengdu"), ("鹭语科技", "competitor", "larkspur-group"), ("鹭语科技", "competitor", "quill")}),
}


@pytest.mark.parametrize("case", sorted(RELATIONS))
def test_relation_shape(tmp_path: Path, case: str):
    body, expected = RELATIONS[case]
    assert expected <= relations(tmp_path, body)


def test_a_phone_line_is_page_furniture_but_mobile_phone_users_are_a_figure():
    from kg.assist.reading import furniture

    assert furniture("咨询电话：010-6652 8888") and furniture("热线 400 820 8820") and furniture("Tel 852 2345 6789")
    assert not furniture("截至2024年12月，我国5G移动电话用户达10.14亿户。")


def test_someone_elses_survey_is_not_the_report_named_before(tmp_path: Path):
    got = draft(tmp_path, """\
        遠距辦公

        發布日期：2022-05-10

        鷺港研究中心今年2月發布的《協作報告》顯示，截至2021年12月，羽筆文檔用戶規模達4.69億；一年內增加逾1.3億。

        雲雀集團今年3月針對台灣1,105家企業的調查發現，有41%的企業在2021年使用羽筆文檔。
        """)
    assert [f[3] for f in got if f[1] in (469000000, 130000000)] == ["2021-12", "2021-12"]  # 一年内: no forecast


def test_a_place_or_a_technology_has_no_launch_date(tmp_path: Path):
    got = relations(tmp_path, """\
        Cloud

        Published: 2025-03-10

        Revenue from the cloud computing package for companies that was launched in April 2024 rose 41 percent.
        Larkspur Group launched Quill in 2019.
        """)
    assert ("quill", "launchDate", "2019") in got
    assert not [r for r in got if r[1] == "launchDate" and r[0] in ("cloud-computing", "Singapore")]


def test_a_name_opening_with_a_country_is_not_located_by_it(tmp_path: Path):
    got = relations(tmp_path, """\
        Startups

        Published: 2025-03-10

        China Kestrel Technology and Wuhan Heron Technology signed a deal with Larkspur Group in Wuhan.
        """)
    assert ("Wuhan Heron Technology", "location", "Wuhan") in got
    assert not [r for r in got if r[0] == "China Kestrel Technology" and r[1] == "location"]


def test_an_earlier_value_after_up_from_is_the_same_figure_a_year_before(tmp_path: Path):
    got = draft(tmp_path, """\
        Larkspur customers

        Published: 2023-05-02

        Larkspur Group now serves some 2,100 companies, up from 1,500 a year earlier.
        """)
    assert got == [("larkspur-group", 2100, "company", "2023-05-02"), ("larkspur-group", 1500, "company", "2022")]


def test_a_place_inside_a_longer_name_is_not_proposed_on_its_own(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        Bright news

        Published: 2023-05-02

        Hangzhou Bright Software Co., Ltd said it had hired 300 engineers in Berlin.
        """)
    assert sorted(names.values()) == ["Berlin", "Hangzhou Bright Software Co., Ltd"]
    assert {e["name"]["en"]: e["type"] for e in d["entities"]}["Berlin"] == "Place"


def test_chinese_bodies_and_listed_companies_and_what_is_no_name(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        中小企业借助政府资助上云

        2024年9月16日

        香港数码发展促进局今年以问卷访问了600间本地中小企。创新发展署资料显示，去年批出约3,000宗申请。

        同日，青禾网络（688123.SH）宣布完成电子签署系统部署。
        """)
    kinds = {name: next(e["type"] for e in d["entities"] if e["id"] == i) for i, name in names.items()}
    assert kinds.get("香港数码发展促进局") == "GovernmentBody"  # opened by a place, ended by 局
    assert kinds.get("创新发展署") == "GovernmentBody"  # common words, but a body's ending
    assert kinds.get("青禾网络") == "Company"  # before a stock code
    assert not [n for n in names.values() if n.startswith("借助") or n.endswith(("签署", "部署")) or "SH" in n]
    d, names = drafted(tmp_path / "again", """\
        季绩

        2024年11月14日

        青禾网络昨日收市后公布业绩。包括云端在内的企业服务分部收入增长4%，截至季末用户超过1亿。
        """)
    assert not [n for n in names.values() if "收市" in n or n.endswith("分部") or n.startswith("截至")]
    d, names = drafted(tmp_path / "third", """\
        信创

        2025年3月12日

        其中，青鸾易连成立于2014年，总部位于北京。部分地方政府已将协同办公列入政府采购目录。
        """)
    assert "青鸾易连" in names.values()
    assert not [n for n in names.values() if n.endswith("政府")]


def test_people_after_long_titles_and_double_family_names_are_people_not_names_of_firms(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        港企推協作平台

        2024年6月5日

        行政總裁司徒嘉欣接受本報訪問時表示，標準版每名用戶每月收費港幣45元。雲雀集團總裁葉明遠在會上表示，專業版每年收費680元起。
        """)
    kinds = {name: next(e["type"] for e in d["entities"] if e["id"] == i) for i, name in names.items()}
    assert kinds.get("司徒嘉欣") == "Person" and kinds.get("葉明遠") == "Person"
    assert "行政" not in names.values()
    assert not [o for o in d.get("observations") or [] if names.get(o["subject"]) in ("司徒嘉欣", "葉明遠")]  # who says it


def test_a_plan_with_its_years_its_short_name_and_each_of_its_targets(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        三部门印发方案

        2025年2月18日

        工业和信息化部、财政部近日联合印发《中小企业上云行动方案（2025—2027年）》（以下简称《方案》），提出到2027年底，推动8万家以上中小企业上云，云服务使用率达到60%。

        在回答记者提问时，有关负责人表示，《方案》将分批推进，同时鼓励企业采用成熟的解决方案。
        """)
    plan = next(e for e in d["entities"] if e["type"] == "GovernmentPlan")
    assert plan["name"]["zh-Hans"] == "中小企业上云行动方案（2025—2027年）" and plan["para"] == [3, 4]
    assert {o["subject"] for o in d["observations"]} == {plan["id"]}
    assert {"miit", "ministry-of-finance"} <= {e["id"] for e in d["entities"]}
    assert not [n for n in names.values() if n.endswith("时")]


def test_chinese_quoted_names_by_what_surrounds_them_and_slogans_that_are_none(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        政务服务

        2025年1月16日

        “青川通办”累计注册用户突破3200万。依托“蜀企汇”企业综合服务平台，全省推行“免申即享”。“全程网办”事项占比达到76%。
        """)
    assert {"青川通办", "蜀企汇"} <= set(names.values())
    assert not {"全程网办", "免申即享"} & set(names.values())


def test_a_place_prefix_and_a_date_after_a_name_are_no_part_of_it(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        Notes

        Published: 2023-05-02

        Xiamen-based Brightfern Technology told its product event in Hangzhou on April 18 that it had 2,000 customers.
        """)
    assert "Brightfern Technology" in names.values()
    assert not [n for n in names.values() if "based" in n or "April" in n]


def test_the_markets_organisations_come_with_their_names_in_three_scripts(tmp_path: Path):
    d, _names = drafted(tmp_path, """\
        运营商上云

        2024年5月20日

        中国联通去年云业务收入达到510亿元，金蝶则表示订阅收入增长。
        """)
    found = {e["id"]: e for e in d["entities"]}
    assert found["china-unicom"]["type"] == "Company"
    assert found["china-unicom"]["name"] == {"en": "China Unicom", "zh-Hans": "中国联通", "zh-Hant": "中國聯通"}
    assert found["kingdee"]["name"]["en"] == "Kingdee International Software Group"
    assert [m["id"] for m in d.get("mentions") or []] == []  # not 中国 inside 中国联通
    assert [(o["subject"], o["value"]) for o in d["observations"]] == [("china-unicom", 51000000000)]


def test_we_in_an_interview_is_the_company_named_most_not_one_in_an_aside(tmp_path: Path):
    got = draft(tmp_path, """\
        专访

        2024年6月18日

        星河协同专注为制造企业提供协同平台。星河协同去年营收约3.1亿元。

        星河协同创始人张伟曾在金蝶工作多年，离开金蝶后创业。

        张伟：我们去年新增付费企业客户800家。
        """)
    assert ("星河协同", 800, "organization", "2023") in got


def test_an_edition_word_the_facts_know_still_makes_an_edition(tmp_path: Path):
    facts = dict(FACTS)
    facts["entities/ai.yaml"] = """
        entities:
          - id: ai
            type: Technology
            name: {en: AI, zh-Hans: 人工智能, zh-Hant: 人工智慧}
            mentions: {seed-doc: 1}
        """
    got = draft(tmp_path, """\
        羽笔文档

        2024年8月22日

        他透露，Quill AI自去年底开启商业化以来，已覆盖超过1,500万月活用户。
        """, facts)
    assert [f[0] for f in got] == ["Quill AI"]


QINGNIAO = {
    "zh-Hans": """\
        青鸟协作用户数突破五千万

        发布日期：2024-09-18

        北京青鸟网络科技有限公司15日宣布，旗下协同办公平台“青鸟协作”的注册用户已突破5000万。

        据星图咨询发布的《2024年中国协同办公行业研究报告》显示，截至2024年6月底，中国协同办公市场规模达到386亿元。

        青鸟协作于2021年3月上线，目前已服务超过12万家企业，其中中小企业占比较高。

        公司表示，下一步将新设三个研发中心。
        """,
    "zh-Hant": """\
        青鳥協作用戶數突破五千萬

        發布日期：2024-09-18

        北京青鳥網路科技有限公司15日宣布，旗下協同辦公平台「青鳥協作」的註冊用戶已突破5000萬。

        據星圖諮詢發布的《2024年中國協同辦公行業研究報告》顯示，截至2024年6月底，中國協同辦公市場規模達到386億元。

        青鳥協作於2021年3月上線，目前已服務超過12萬家企業，其中中小企業佔比較高。

        公司表示，下一步將新設三個研發中心。
        """,
}


METRICS = {"zh-Hans": ["协同办公市场规模", "企业", "研发中心"], "zh-Hant": ["協同辦公市場規模", "企業", "研發中心"]}
NAMES = {"zh-Hans": ["2024年中国协同办公行业研究报告", "北京青鸟网络科技有限公司", "星图咨询", "青鸟协作", "协同办公"],
         "zh-Hant": ["2024年中國協同辦公行業研究報告", "北京青鳥網路科技有限公司", "星圖諮詢", "青鳥協作", "協同辦公"]}


@pytest.mark.parametrize("lang", sorted(QINGNIAO))
def test_a_chinese_article_names_and_figures(tmp_path: Path, lang: str):
    d, names = drafted(tmp_path, QINGNIAO[lang])
    # a company name opened by a known place, a quoted product after 平台, a consultancy, a title holding known names
    # and a sector named by its market (协同办公市场)
    assert sorted(names.values()) == sorted(NAMES[lang])
    ids = {v: k for k, v in names.items()}
    report, company, firm, product, _sector = (ids[n] for n in NAMES[lang])
    got = [(o["subject"], o["value"], o["unit"], str(o.get("time")), o.get("statedBy")) for o in d["observations"]]
    assert (product, 50000000, "person", "2024-09-15", company) in got  # 15日: the 15th of the article's month
    assert ("china", 38600000000, "cny", "2024-06", firm) in got
    assert (product, 120000, "company", "2024-09-18", None) in got
    statements = {(st["s"], k, str(v)) for st in d["statements"] for k, v in st.items() if k in ("launchDate", "ownedBy")}
    assert statements == {(product, "launchDate", "2021-03"), (product, "ownedBy", company)}
    # new metrics named by the words before the number, or by what is counted after it
    assert [m["name"][lang] for m in d["metrics"]] == METRICS[lang]


ORBIT = """\
    Remote meeting apps keep growing

    Updated: 2025-03-10

    Orbit Meeting, a video conferencing app developed by Shenzhen-based startup Kestrel Labs, said its monthly active users reached 28 million in February.

    The app ranked second among domestic meeting tools by downloads last year, according to a survey.

    Kestrel Labs' revenue rose 25 percent to 3.2 billion yuan in 2024.
    """


def test_an_english_article_asides_ranks_and_new_metrics(tmp_path: Path):
    d, names = drafted(tmp_path, ORBIT)
    ids = {v: k for k, v in names.items()}
    assert {e["name"]["en"]: e["type"] for e in d["entities"]}["Orbit Meeting"] == "Product"  # ', a ... app'
    orbit, kestrel = ids["Orbit Meeting"], ids["Kestrel Labs"]
    assert {"s": orbit, "developer": kestrel} in [{k: st[k] for k in ("s", "developer") if k in st} for st in d["statements"]]
    got = [(o["subject"], o["metric"], o["value"], o["unit"], str(o.get("time"))) for o in d["observations"]]
    assert (orbit, "users", 28000000, "person", "2025-02") in got  # not the startup named in its aside
    assert [(f[0], f[2], f[4]) for f in got if f[3] == "rank"] == [(orbit, 2, "2024")]  # 'ranked second ... last year'
    assert (kestrel, "revenue", 3200000000, "cny", "2024") in got  # the noun before 'rose 25 percent to'


@pytest.mark.parametrize("body", ["""\
    Larkspur users

    Published: 2024-03-15

    Larkspur Group said its users reached 9 million in 2023, up 35 percent year on year.
    """, """\
    云雀集团用户

    发布日期：2024-04-02

    云雀集团表示，2023年其用户数达到900万，同比增长35%。
    """])
def test_a_percentage_after_up_is_the_growth_of_the_measure(tmp_path: Path, body: str):
    d, _names = drafted(tmp_path, body)
    got = {(o["metric"], o["value"], o["unit"]) for o in d["observations"]}
    assert got == {("users", 9000000, "person"), ("users-growth", 35, "percent")}
    assert [m["id"] for m in d["metrics"]] == ["users-growth"]


MORE = {
    "an aside opened by 'the' after a name; 'the end of May'; 'up from ... a year earlier'": ("""\
        Larkspur grows

        Published: 2025-06-12

        Quill, the note-taking app owned by Larkspur Group, said this week that more than 26 million organizations were using it as of the end of May, up from 23 million a year earlier.
        """, [("quill", 26000000, "organization", "2025-05"), ("quill", 23000000, "organization", "2024")]),
    "'The platform said its ...' is about the main name of the sentence before": ("""\
        Notes apps

        Published: 2025-03-03

        Quill, the notes app run by Beijing-based Larkspur Group, is among the winners. The platform said its users reached 86 million as of December 31, 2024.
        """, [("quill", 86000000, "person", "2024-12-31")]),
    "a province the facts do not know yet": ("""\
        Online approvals

        Published: 2025-09-20

        Guangdong province said 98 percent of its approvals could be completed online by the end of August.
        """, [("Guangdong", 98, "percent", "2025-08")]),
    "zh: a Latin edition of a known product (羽笔文档 AI)": ("""\
        云雀集团新品

        发布日期：2025-05-22

        云雀集团日前公布，旗下Quill AI自2023年11月上线以来，月活跃用户已突破2,800万。
        """, [("Quill AI", 28000000, "person", "2025-05-22")]),
    "zh: an edition of a known product (羽笔文档轻享版)": ("""\
        云雀集团新品定价

        发布日期：2025-04-18

        据介绍，羽笔文档轻享版单个组织最多支持200人使用。
        """, [("羽笔文档轻享版", 200, "person", "2025-04-18")]),
    "zh-Hant: the noun after the measure word gives the unit (120家網路醫院); 今年前九個月": ("""\
        上海數位醫療進展

        發布日期：2025-11-03

        上海目前已有逾120家網路醫院。今年前九個月，羽筆文檔日均訪問量約為1,200萬次。
        """, [("Shanghai", 120, "organization", "2025-11-03"), ("quill", 12000000, "session", "2025-09")]),
    "zh: 旗下的 names the owner, not the topic; 排名第二 is a rank": ("""\
        协同办公市场格局

        发布日期：2025-07-08

        云雀集团旗下的羽笔文档仍是最大玩家。羽笔文档在国内政务协同市场排名第二。
        """, [("quill", 1, "rank", "2025-07-08"), ("quill", 2, "rank", "2025-07-08")]),
    "'the market' points back to the market of the figure before": ("""\
        Notes market

        Published: 2025-06-12

        According to a report by Heron Research, China's online office software market reached 36.4 billion yuan in 2024. The consultancy expects the market to exceed 60 billion yuan by 2027.
        """, [("online office software", 36400000000, "cny", "2024"), ("online office software", 60000000000, "cny", "2027")]),
    "a share of a sector in a province is the province's": ("""\
        Tools in Zhejiang

        Published: 2025-06-12

        An analyst said nearly 40% of small businesses in Zhejiang province now pay for a collaboration tool.
        """, [("Zhejiang", 40, "percent", "2025-06-12")]),
    "zh: companies counted 在<platform>上 are the platform's": ("""\
        羽笔文档客户

        发布日期：2025-04-18

        云雀集团副总裁表示，目前已有三千多家制造企业在羽笔文档上搭建生产管理系统。
        """, [("quill", 3000, "company", "2025-04-18")]),
    "the head noun of the counted phrase gives the unit ('user requests')": ("""\
        Larkspur assistant

        Published: 2025-06-12

        Larkspur Group said its assistant handled about 1.8 billion user requests in 2024.
        """, [("larkspur-group", 1800000000, "session", "2024")]),
    "zh-Hant: 穩居第一 is a rank, dated by 去年底 before it": ("""\
        協同辦公市場

        發布日期：2025-07-08

        據業界估算，去年底羽筆文檔的市佔率約為35%，穩居第一。
        """, [("quill", 1, "rank", "2024-12")]),
    "'the industry's revenue' is the revenue of the industry named before": ("""\
        Cloud industry

        Published: 2025-09-20

        Demand for cloud computing kept rising last year.

        The ministry said the industry's revenue reached 828 billion yuan in 2024.
        """, [("cloud-computing", 828000000000, "cny", "2024")]),
    "a wire day with no year in an undated results story: the year after the one told whole; a list after 'from' is no subject": ("""\
        Larkspur Group fourth-quarter revenue climbs

        NORLAND CITY, March 20 (Wire) - Larkspur Group said revenue for the three months ended December 31 rose 16% to 1.47 billion yuan. For the whole of 2024, revenue reached 5.26 billion yuan. It had 3.2 million paying users as of March 1.

        Subscription revenue from schools, cloud computing firms and banks grew 21% to 1.29 billion yuan.
        """, [("larkspur-group", 1470000000, "cny", "2024-12-31"), ("larkspur-group", 5260000000, "cny", "2024"),
              ("larkspur-group", 3200000, "person", "2025-03-01"), ("larkspur-group", 1290000000, "cny", "2024-12-31")]),
    "the rows of a table give its caption's measure, each value at the caption's time in order": ("""\
        Share table

        Heron Research | Sector note | 8 November 2024

        Table 1: Revenue share of China's collaboration software market, 1H24 (1H23 in brackets)

        Quill (Larkspur Group): 24.6% (26.1%)

        Larkspur Group: 18.3% (17.5%)
        """, [("quill", 24.6, "percent", "2024-06"), ("quill", 26.1, "percent", "2023-06"),
              ("larkspur-group", 18.3, "percent", "2024-06"), ("larkspur-group", 17.5, "percent", "2023-06")]),
    "zh-Hant: user counts in a results story hold at the period its lede names": ("""\
        雲雀集團第三季業績

        發布日期：2024-11-14

        【本報訊】雲雀集團昨日公佈截至2024年9月30日止第三季業績，收入按年增長8%至1,672億元人民幣。

        雲雀集團第三季資本開支按年增長114%至171億元人民幣。

        用戶數據方面，羽筆文檔月活躍用戶達2.05億，按年增長約10%。羽筆文檔於2019年12月上線。
        """, [("quill", 205000000, "person", "2024-09")]),
    "a survey's findings hold when it was carried out, in its paragraph and the next that speaks of it": ("""\
        AI at work

        Published: 2025-02-18

        A survey by Heron Research found that 26.3% of firms in China use Quill. The survey was conducted in November and December 2024.

        Among respondents, 52.4% said the tools cost too much.
        """, [("china", 26.3, "percent", "2024-12"), ("china", 52.4, "percent", "2024-12")]),
    "zh: a report's findings hold when its survey was done, though the article says so after them": ("""\
        办公AI调研

        发布日期：2024-12-05

        鹭语咨询12月3日发布的《2024年中国智能办公助手用户调研报告》显示，58.7%的受访员工使用过办公软件内置的AI助手。

        报告显示，本次调研于2024年10月通过线上问卷进行。

        从具体产品看，羽笔文档的使用率为34.5%。
        """, [("quill", 34.5, "percent", "2024-10")]),
    "zh: places a company's customers are gathered in set the scene; the figures stay the company's": ("""\
        鹭语科技专访

        发布日期：2024-06-18

        鹭语科技表示，付费企业客户超过1,300家。客户主要集中在长三角和珠三角。去年客户续约率是92%。
        """, [("鹭语科技", 1300, "organization", "2024-06-18"), ("鹭语科技", 92, "percent", "2023")]),
    "a change told as lower, or by a verb's plain form, is a fall": ("""\
        Listed makers

        Published: 2024-03-14

        Larkspur Group closed 1.4% lower in Shanghai. Quill saw first-half revenue fall 9%.
        """, [("larkspur-group", -1.4, "percent", "2024-03-14"), ("quill", -9, "percent", "2024-03-14")]),
    "words that by themselves put someone first are a rank of 1": ("""\
        协同办公市场

        发布日期：2024-05-08

        报告指出，若以营收计算，云雀集团以22.4%的市占率居首。
        """, [("larkspur-group", 1, "rank", "2024-05-08"), ("larkspur-group", 22.4, "percent", "2024-05-08")]),
    "a wire day falls after the past it tells ('as of the end of December 2023' told on March 22: 2024)": ("""\
        Quill passes half a billion

        NORLAND CITY, March 22 (Wire) - Quill had 541 million users as of the end of December 2023. It added 12 million users this year.
        """, [("quill", 541000000, "person", "2023-12"), ("quill", 12000000, "person", "2024")]),
    "zh-Hant: an undated results story is from after the year whose total it tells (2022年規模達…)": ("""\
        雲雀集團中期業績

        雲雀集團昨日公布截至6月30日止六個月的中期業績，收入按年增長11%至人民幣47.6億元。2020年推出的羽筆文檔早已停售。

        2022年內地協作軟件市場規模達326億元。
        """, [("larkspur-group", 11, "percent", "2023-06-30"), ("larkspur-group", 4760000000, "cny", "2023-06-30")]),
    "a section's label ('Heron Docs. Revenue rose …') names what its sentences are about": ("""\
        Sector note

        Published: 2024-11-20

        Larkspur Group. Third-quarter revenue rose 11.2 percent to 1.22 billion yuan.

        Heron Docs. Revenue rose 9 percent to 300 million yuan.
        """, [("larkspur-group", 1220000000, "cny", "2024-09"), ("Heron Docs", 300000000, "cny", "2024-09")]),
    "headcount is the company's, not the product named before": ("""\
        Larkspur results

        Published: 2025-03-20

        Larkspur Group said revenue for 2024 rose 8%.

        Li said Quill had 18 million monthly users at the end of 2024.

        Headcount rose to 4,920 staff at the end of 2024, Li said.
        """, [("larkspur-group", 4920, "person", "2024-12")]),
    "zh: 'now' in an official's words is the article's time, not the year named before": ("""\
        试点进展

        发布日期：2024-03-28

        合肥市经信局有关负责人表示，2023年中央财政下达合肥的试点资金为1.5亿元，目前已带动1860家企业完成改造。
        """, [("Hefei", 150000000, "cny", "2023"), ("Hefei", 1860, "company", "2024-03-28")]),
    "a figure dated only by what it is compared with holds a year on from it": ("""\
        Quill users

        Published: 2024-03-22

        Quill's users reached 1.1 billion, up 26 million from December 2022. Larkspur Group's revenue rose 9% from 2025.
        """, [("quill", 1100000000, "person", "2023-12"), ("quill", 26000000, "person", "2023-12"),
              ("larkspur-group", 9, "percent", "2024-03-22")]),  # a year alone is no month-on-month yardstick
    "zh-Hant: an undated story of what came after a launch ('自…推出以來') has its yearless months after it": ("""\
        羽筆文檔用戶破億

        【雲雀日報 記者王小明】羽筆文檔自2019年12月25日推出以來，在疫情下用戶急增，成為最受歡迎的協作工具之一。

        羽筆文檔3月20日用戶已逾1億人。
        """, [("quill", 100000000, "person", "2020-03-20")]),
    "'N percent of its revenue': its owner's share, not the region's": ("""\
        Regions

        Published: 2024-03-10

        Larkspur Group said China generated about 13 percent of its revenue of $4.39 billion in 2023.
        """, [("larkspur-group", 13, "percent", "2023"), ("larkspur-group", 4390000000, "usd", "2023")]),
    "zh: 全市 is the city the notice speaks for, not the province named since": ("""\
        杭州市人民政府办公厅关于印发数字办公行动方案的通知

        发布日期：2024-04-12

        近年来，浙江省大力推进数字政府建设。

        2023年，全市数字经济核心产业增加值达5,675亿元。
        """, [("Hangzhou", 567500000000, "cny", "2023")]),
    "zh: a lede opening on its day (7月23日，…) dates an undated article": ("""\
        云雀集团举行发布会

        7月23日，云雀集团举行新闻发布会，介绍2024年上半年运行情况。目前羽笔文档用户达1.2亿。
        """, [("quill", 120000000, "person", "2024-07-23")]),
    "'In its report, the centre put …': an opening phrase, then the subject, no aside hiding the date": ("""\
        Quill users

        Published: 2024-03-22

        In its annual Heron Report on Office Software, the state-backed centre put Quill's users at 541 million as of the end of December 2023, or 49.6 percent of all internet users.
        """, [("quill", 541000000, "person", "2023-12"), ("quill", 49.6, "percent", "2023-12")]),
    "'Shares of X rose' is X's": ("""\
        Larkspur results

        Published: 2024-08-22

        Shares of Larkspur Group rose 4.6% to 298.50 yuan in Shanghai on Thursday.
        """, [("larkspur-group", 4.6, "percent", "2024-08-22"), ("larkspur-group", 298.5, "cny", "2024-08-22")]),
    "a broker's target price 'on the stock' is the story company's, not the broker's": ("""\
        Larkspur results

        Published: 2024-08-22

        Larkspur Group posted a net profit of 46.8 million yuan for the six months to June 30.

        Heron Securities raised its target price on the stock to HK$6.80 and kept a buy rating.
        """, [("larkspur-group", 6.8, "hkd", "2024-08-22")]),
    "a platform's client firms are organisations; firms as such stay companies": ("""\
        羽笔文档客户

        发布日期：2025-04-18

        羽笔文档表示，付费企业客户超过1,300家。全省已有约3,000家公司使用羽笔文档。
        """, [("quill", 1300, "organization", "2025-04-18"), ("quill", 3000, "company", "2025-04-18")]),
    "zh: figures told at a launch event take its day; a price per user holds at the article's date, not the results year": ("""\
        羽笔文档新品

        发布日期：2025-09-12

        9月11日，云雀集团在杭州举行秋季发布会。2024财年，云雀集团营收为6.8亿元。

        云雀集团董事长在发布会上介绍，累计服务企业客户已达9.3万家。专业版为每人每年599元。
        """, [("larkspur-group", 93000, "organization", "2025-09-11"), ("larkspur-group", 599, "cny", "2025-09-12")]),
    "the half-year a results story opens with holds for the figures after it; an aside's year does not": ("""\
        Larkspur results

        Published: 2025-08-21

        Larkspur Group reported a net profit of 12.5 million yuan for the six months to June 30, against a loss of 3.2 million yuan a year earlier.

        Revenue rose 18 percent to 640 million yuan. Licence income - which it stopped selling as a one-off in 2020 - fell 9 percent to 75 million yuan.
        """, [("larkspur-group", 12500000, "cny", "2025-06-30"), ("larkspur-group", 640000000, "cny", "2025-06-30"),
              ("larkspur-group", 75000000, "cny", "2025-06-30")]),
}


@pytest.mark.parametrize("case", sorted(MORE))
def test_more_figure_shapes(tmp_path: Path, case: str):
    body, expected = MORE[case]
    got = draft(tmp_path, body)
    assert [f for f in expected if f not in got] == []


def test_a_tables_rest_row_is_no_ones_figure_and_a_rating_is_no_name(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        Share table

        Heron Research | Sector note | 8 November 2024

        Table 1: Revenue share of China's collaboration software market, 1H24 (1H23 in brackets)

        Quill (Larkspur Group): 24.6% (26.1%)

        Others: 16.2% (17.4%)

        Ratings and targets: Buy on Larkspur Group (target price 320 yuan); Hold on Quill (target 45 yuan).
        """)
    assert not [o for o in d["observations"] if o["value"] in (16.2, 17.4)]
    assert not [n for n in names.values() if n.startswith(("Buy", "Hold", "Others"))]


def test_research_firms_and_government_bodies_state_figures_and_are_none_of_their_subjects(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        Office suites

        Published: 2024-03-20

        Heron Research Institute estimated that the collaboration software market reached 35.2 billion yuan in 2023. WPS Office had 602 million monthly active devices, the General Office of the State Council said.
        """)
    kinds = {name: next(e["type"] for e in d["entities"] if e["id"] == i) for i, name in names.items()}
    assert kinds.get("WPS Office") == "Product" and kinds.get("General Office of the State Council") == "GovernmentBody"
    subjects = {names.get(o["subject"], o["subject"]) for o in d["observations"]}
    assert "WPS Office" in subjects and not subjects & {"Heron Research Institute", "General Office of the State Council"}


def test_scope_words_and_verbs_before_a_market_are_no_sectors(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        季绩

        2024年11月14日

        云雀集团本土市场游戏收入增长14%，表现胜过市场预期。管理层表示，云雀集团付费用户按年增长一倍，以满足不同行业的需求。
        """)
    assert not {"本土", "胜过", "管理层", "以满足不同"} & set(names.values())


def test_a_clause_with_a_verb_is_no_name_and_a_describing_noun_is_left_off(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        云雀集团扩张

        2024年11月14日

        云雀集团去年在苏州设立子公司，愿意付费的企业约占两成。协作软件商星拓科技今年营收3亿元，本地初创汇思科技获得2000万元融资。
        """)
    assert not {"苏州设立子公司", "愿意付费"} & set(names.values())
    assert {"星拓科技", "汇思科技"} <= set(names.values())


def test_date_words_verbs_and_common_nouns_open_no_chinese_name(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        云雀集团激励

        2024年11月14日

        云雀集团2023年推出限制性股票激励计划，授予价格为每股150元。有关官员提出，相关企业应重视数据安全。
        """)
    assert "限制性股票激励计划" in names.values()
    assert not {n for n in names.values() if n.startswith("年") or "提出" in n or n == "官员"}


def test_an_investor_is_no_subject_of_the_round(tmp_path: Path):
    got = draft(tmp_path, """\
        Funding

        Published: 2024-11-20

        Quill closed a $68 million Series C in September led by Heron Capital at a post-money valuation of $410 million.
        羽笔文档完成6亿元C轮融资，由鹭港资本领投，投后估值约45亿元。
        """)
    assert ("quill", 410000000, "usd", "2024-09") in got and ("quill", 4500000000, "cny", "2024-11-20") in got
    assert not [f for f in got if f[0] in ("Heron Capital", "鹭港资本")]


def test_common_acronyms_are_no_names(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        Room boom

        Published: 2025-05-12

        Shipments of room kits and USB cameras reached 2.4 million units, and SaaS spending by SMEs rose.
        """)
    assert not {"USB", "SaaS", "SMEs"} & set(names.values())
    d, names = drafted(tmp_path / "again", """\
        Networks

        Published: 2024-03-22

        Citing the Heron Institute, the report said Quill had around 27 percent of the market.
        """)
    assert not [n for n in names.values() if n.startswith(("Citing", "Around"))]


def test_a_time_ago_is_no_figure_and_jobs_are_people(tmp_path: Path):
    got = draft(tmp_path, """\
        Room boom

        Published: 2025-05-12

        Three years ago a meeting room meant a projector. Quill cut 60 jobs and two years later hired 110 engineers. 三年前，羽笔文档只有5名员工。
        """)
    assert ("quill", 60, "person", "2025-05-12") in got and ("quill", 110, "person", "2025-05-12") in got
    assert not [f for f in got if f[2] == "year"]
    assert ("quill", 180, "person", "2025-05") in draft(tmp_path / "zh", """\
        羽笔文档调整

        发布日期：2025-05-12

        羽笔文档本月确认，公司裁撤约180个岗位。
        """)


def test_the_earlier_end_of_a_change_holds_before_the_later_one(tmp_path: Path):
    got = draft(tmp_path, """\
        Larkspur results

        Published: 2025-03-20

        Larkspur Group said revenue for 2024 rose 8% to 4.1 billion yuan. Licensing income slipped to 210 million yuan from 260 million yuan.
        The annual Quill plan will go up to 299 yuan from 259 yuan on May 1.
        Quill's paying users rose to 41.2 million from 35.5 million at the end of 2023.
        """)
    assert ("larkspur-group", 210000000, "cny", "2024") in got and ("larkspur-group", 260000000, "cny", "2023") in got
    assert ("quill", 299, "cny", "2025-05-01") in got and ("quill", 259, "cny", "2025-04") in got
    assert ("quill", 35500000, "person", "2023-12") in got and ("quill", 41200000, "person", "2023-12") not in got
    got = draft(tmp_path / "hans", """\
        云雀集团调价

        发布日期：2024-10-28

        自2024年11月1日起，羽笔文档专业版年费由每个组织9800元上调至11800元。员工人数由年初的180人增至260人。
        """)
    assert ("羽笔文档专业版", 9800, "cny", "2024-10") in got and ("羽笔文档专业版", 11800, "cny", "2024-11-01") in got
    assert [f[3] for f in got if f[1] in (180, 260)] == ["2024-10-28", "2024-10-28"]  # 年初: no year apart
    got = draft(tmp_path / "hant", """\
        雲雀集團業績

        發布日期：2025-03-20

        雲雀集團2024年營收41億元。授權收入由2.6億元減少至2.1億元。
        """)
    assert ("larkspur-group", 260000000, "cny", "2023") in got and ("larkspur-group", 210000000, "cny", "2024") in got


def test_last_years_results_in_a_later_story_are_background_not_its_year(tmp_path: Path):
    got = draft(tmp_path, """\
        云雀集团发布新品

        发布日期：2024-09-12

        云雀集团在杭州举行发布会，推出羽笔文档5.0。2023年，云雀集团营收为6.8亿元。
        目前羽笔文档研发团队约460人，占公司员工总数的58%。
        """)
    assert ("larkspur-group", 680000000, "cny", "2023") in got
    assert [f[3] for f in got if f[1] == 58] == ["2024-09-12"]


def test_a_plan_named_with_its_years(tmp_path: Path):
    _d, names = drafted(tmp_path, """\
        Cloud plan

        Published: 2025-09-20

        The ministry issued the Action Plan for Cloud Adoption (2025-2027) in September, aiming at 80 percent by 2027.
        """)
    assert "Action Plan for Cloud Adoption (2025-2027)" in names.values()


def test_only_what_the_shapes_allow_states_a_figure(tmp_path: Path):
    d, _names = drafted(tmp_path, """\
        Larkspur users

        Published: 2025-03-10

        According to figures from Shanghai, Larkspur Group had 5 million users in 2024.
        """)
    assert [o.get("statedBy") for o in d["observations"]] == [None]  # a place states nothing (shapes.ttl)


CLAUSES = {
    "zh-Hant: 分別 aligns the names since the sentence's figure of another kind": ("""\
        招聘市場

        發布日期：2025-03-10

        據業界估算，2024年中國線上招聘市場規模約為900億元，其中雲雀集團和羽筆文檔的份額分別約為31%和12%。
        """, [("larkspur-group", 31, "percent", "2024"), ("quill", 12, "percent", "2024")]),
    "zh: N%的X is a share of X": ("""\
        中小企业调查

        发布日期：2025-03-10

        云雀集团的一项调查显示，约42%的羽笔文档用户每天都会打开它。
        """, [("quill", 42, "percent", "2025-03-10")]),
    "zh: a plan that 提出 a target holds the target": ("""\
        政策动态

        发布日期：2025-03-10

        云雀集团今年发布的《远程办公普及行动方案》提出，到2028年，中小企业远程办公普及率要达到65%。
        """, [("远程办公普及行动方案", 65, "percent", "2028")]),
    "zh: the name after 旗下的 is a product of the owner": ("""\
        云盘新品

        发布日期：2025-03-10

        云雀集团旗下的雀云盘于2024年上线，目前已接入超过250个政务和企业系统。
        """, [("雀云盘", 250, "item", "2025-03-10")]),
}



ENGLISH_CLAUSES = {
    "'a report by X' names a source, not the subject; a sector opening the clause is the subject": ("""\
        Cloud abroad

        Published: 2025-06-12

        Demand grew abroad. According to a new study by Larkspur Group, cloud computing vendors earned 2.5 billion dollars overseas in 2024.
        """, [("cloud-computing", 2500000000, "usd", "2024")]),
    "'up 35 percent from a year earlier' keeps the figure's own time": ("""\
        Quill customers

        Published: 2025-06-12

        Larkspur Group said that as of the end of May it served 42,000 customers, up 35 percent from a year earlier.
        """, [("larkspur-group", 35, "percent", "2025-05")]),
    "'three times their 2023 level' is a baseline, not the figure's time": ("""\
        Quill usage

        Published: 2025-06-12

        Larkspur Group said Quill now handled 900 projects, three times their 2023 level.
        """, [("quill", 900, "project", "2025-06-12")]),
    "places after a preposition only set the scene": ("""\
        Quill abroad

        Published: 2025-06-12

        Larkspur Group said its Quill suite, well liked by students in Vietnam and Thailand, passed 30 million users.
        """, [("quill", 30000000, "person", "2025-06-12")]),
}



SECTORS = {
    "en: a sector named by its market": ("""\
        Hiring online

        Published: 2025-03-10

        According to Larkspur Group, the online recruitment market reached 90 billion yuan in 2024.
        """, [("online recruitment", 90000000000, "cny", "2024")]),
    "zh: a sector named by its market after a place": ("""\
        招聘市场

        发布日期：2025-03-10

        据云雀集团估算，2024年中国网络招聘市场规模约为900亿元。
        """, [("网络招聘", 90000000000, "cny", "2024")]),
    "zh: a sector named with its 服务业 ending": ("""\
        行业数据

        发布日期：2025-03-10

        2024年，全国软件和信息技术服务业实现业务收入12万亿元。
        """, [("软件和信息技术服务业", 12000000000000, "cny", "2024")]),
    "zh-Hant: a sector's name may hold 會; 中國大陸 only says where": ("""\
        視訊會議

        發布日期：2025-03-10

        據雲雀集團統計，2024年中國大陸視訊會議市場規模約為218億元。
        """, [("視訊會議", 21800000000, "cny", "2024")]),
    "zh: a national platform's name (国家…平台) keeps its 家": ("""\
        教育平台

        发布日期：2025-03-10

        截至2024年底，国家智慧学习公共服务平台的注册用户超过1.6亿。
        """, [("国家智慧学习公共服务平台", 160000000, "person", "2024-12")]),
    "zh: a market after 在 is the scope of a rank, not its subject": ("""\
        市场格局

        发布日期：2025-03-10

        羽笔文档在国内政务协同市场排名第二。
        """, [("quill", 2, "rank", "2025-03-10")]),
}


WITH_MARKET_SIZE = {**FACTS, "metrics.yaml": FACTS["metrics.yaml"].rstrip(" ") + """\
          - id: market-size
            name: {en: market size, zh-Hans: 市场规模, zh-Hant: 市場規模}
            unit: cny
        """}


@pytest.mark.parametrize("case", sorted(SECTORS))
def test_sectors_named_by_their_market(tmp_path: Path, case: str):
    body, expected = SECTORS[case]
    got = draft(tmp_path, body, WITH_MARKET_SIZE)
    assert [f for f in expected if f not in got] == [], got


NAMES_AND_UNITS = {
    "a known name with a class word is a name of its own ('Larkspur Cloud's')": ("""\
        Partners

        Published: 2025-06-12

        Mia Chen, president of Larkspur Cloud's overseas business, said the unit had signed 1,500 partners by May.
        """, [("Larkspur Cloud", 1500, "company", "2025-05")]),
    "a product name opening in lower case (iQuill) after 'product'": ("""\
        Security

        Published: 2025-06-12

        Larkspur Group said its security product iQuill is now used by more than 8,000 organizations.
        """, [("iQuill", 8000, "organization", "2025-06-12")]),
    "'security firm X Y Z' is an organisation, and 'Hangzhou-based' only places it": ("""\
        Phishing

        Published: 2025-06-12

        Hangzhou-based security firm Wu Bai Li said it blocked 4.6 million phishing emails in 2024.
        """, [("Wu Bai Li", 4600000, "item", "2024")]),
    "'enterprise customers' are companies; 'the number of devices' counts items": ("""\
        Larkspur customers

        Published: 2025-06-12

        Larkspur Group said it served 60,000 enterprise customers, and that the number of devices it manages exceeds 5 million.
        """, [("larkspur-group", 60000, "company", "2025-06-12"), ("larkspur-group", 5000000, "item", "2025-06-12")]),
    "zh-Hant: 總部位於<place>的 opens a company's name": ("""\
        電子簽名

        發布日期：2025-08-05

        總部位於杭州的e簽雀則把目光投向海外，公司今年上半年海外收入約為3億元。
        """, [("e簽雀", 300000000, "cny", "2025-06")]),
}



LISTS_AND_CLAUSES = {
    "a list of shares goes to the names listed, owners left out": ("""\
        Shares

        Published: 2025-06-12

        Spending on notes apps reached 9 billion yuan in 2024, up 12% on the year, with Quill, Heron's Finchly and Larkspur Group taking 28%, 24% and 11% of the total respectively.
        """, [("quill", 28, "percent", "2024"), ("Finchly", 24, "percent", "2024"), ("larkspur-group", 11, "percent", "2024")]),
    "an aside opened by ', which' is not the subject, nor its date the figure's time": ("""\
        Quill base

        Published: 2025-06-12

        Quill kept growing. The app, which Larkspur Group launched in 2015, counts about 26 million organisations among its users.
        """, [("quill", 26000000, "organization", "2025-06-12")]),
    "a date in a clause after 'while' is that clause's": ("""\
        Suppliers

        Published: 2025-06-12

        Larkspur Group says it serves more than 600 local governments, while Quill had 9 million seats by March.
        """, [("larkspur-group", 600, "organization", "2025-06-12")]),
    "manufacturers are companies; public servants are people": ("""\
        Pilots

        Published: 2025-06-12

        Larkspur Group ran a pilot with 300 manufacturers. Quill now links about 1.7 million public servants.
        """, [("larkspur-group", 300, "company", "2025-06-12"), ("quill", 1700000, "person", "2025-06-12")]),
}



CHINESE_SCOPES = {
    "zh: 今年3月 is a month of the article's year": ("""\
        企业用户

        发布日期：2026-05-21

        截至今年3月，已有约1300万家企业使用羽笔文档。
        """, [("quill", 13000000, "company", "2026-03")]),
    "zh: 全国 only gives the scope of what the speaker's product serves": ("""\
        学校用户

        发布日期：2026-01-15

        云雀集团方面称，全国已有超过20万所中小学使用其家校沟通功能。
        """, [("larkspur-group", 200000, "school", "2026-01-15")]),
    "zh: a sector after 其 is part of the speaker's own figure": ("""\
        制造业客户

        发布日期：2026-05-21

        云雀集团当天表示，其制造业付费客户数较一年前增长了68%。
        """, [("larkspur-group", 68, "percent", "2026-05-21")]),
    "zh: devices counted with 台 are items; courses with 门": ("""\
        设备与课程

        发布日期：2026-05-21

        截至2025年底，羽笔文档月活跃设备数达到6.6亿台。云雀集团目前上线课程已超过1.2万门。
        """, [("quill", 660000000, "item", "2025-12"), ("larkspur-group", 12000, "course", "2026-05-21")]),
}



SOURCES_AND_SHARES = {
    "zh: 最高下调 is 'up to', not a rank": ("""\
        降价

        发布日期：2025-12-08

        云雀集团8日宣布，旗下多款云服务器价格最高下调55%。
        """, [("larkspur-group", 55, "percent", "2025-12-08")], [("larkspur-group", 1, "rank", "2025-12-08")]),
    "zh: a date right before a figure is its own even after 高于": ("""\
        调查

        发布日期：2026-09-15

        报告显示，47.6%的受访企业已使用羽笔文档，明显高于2024年的35.2%。
        """, [("quill", 47.6, "percent", "2026-09-15"), ("quill", 35.2, "percent", "2024")]),
    "zh: a name before 数据显示 is a source, not the subject": ("""\
        算力

        发布日期：2025-10-15

        云雀集团数据显示，截至2025年9月，我国在用标准机架超过900万架。
        """, [("china", 9000000, "item", "2025-09")]),
    "a survey's sample belongs to the survey": ("""\
        Hybrid work

        Published: 2026-03-10

        Larkspur Group published the Hybrid Work Report on Monday. In a survey of 1,500 office workers, 46% of respondents said they used Quill daily.
        """, [("Hybrid Work Report", 1500, "person", "2026-03-09")]),  # published on Monday, the day before
    "zh: 占X的N% is a share of X": ("""\
        收入结构

        发布日期：2025-12-08

        云雀集团分析师估计，到2026年，AI相关收入将占云计算总收入的25%左右。
        """, [("cloud-computing", 25, "percent", "2026")]),
}



OPENING_NAMES = {
    "a sentence opening on a name with ', whose' names it": ("""\
        Meetings

        Published: 2026-03-10

        Rivals are busy. Kestrava, whose Kestrava Meet is popular with banks, said it had signed 3,600 customers.
        """, [("Kestrava", 3600, "person", "2026-03-10")]),
    "zh: the name after 旗下的 drops its describing noun and stops at 同样": ("""\
        课程平台

        发布日期：2026-01-15

        云雀集团旗下的雀学MOOC平台同样在扩张，目前上线课程已超过1.2万门。
        """, [("雀学MOOC", 12000, "course", "2026-01-15")]),
    "zh: a bare name heading its clause before an actor's cue is a company's": ("""\
        协作软件

        发布日期：2026-04-02

        墨笺宣布完成新一轮融资，其企业客户已超过2.6万家。2025年青鸾互联营收达到8.4亿元，同比增长7%。

        纸鸢签的年签约量突破3亿份。
        """, [("墨笺", 26000, "organization", "2026-04-02"), ("青鸾互联", 840000000, "cny", "2025"),
              ("纸鸢签", 300000000, "item", "2026-04-02")],
        [("墨笺", 840000000, "cny", "2025")]),
    "zh-Hant: a bare name before a chairman's title; a common noun heading a clause is none": ("""\
        雲端辦公

        發布日期：2026-05-20

        雲杉網絡董事長林啟明表示，公司去年服務的企業達到4,200家。業內人士表示，遠端辦公需求仍在增長。
        """, [("雲杉網絡", 4200, "company", "2025")]),
    "a one-word name opening a sentence before a verb an actor takes, or an apposition naming a firm": ("""\
        Results

        Published: 2026-02-11

        Veltrix posted revenue of 3.1 billion yuan in 2025.

        Orrindo, a Suzhou-based software maker, said it had 18,000 paying customers.
        """, [("Veltrix", 3100000000, "cny", "2025"), ("Orrindo", 18000, "person", "2026-02-11")]),
}



COUNTED = {
    "things no unit names are items; a date in a 'since' clause is not the figure's": ("""\
        Agents

        Published: 2025-11-19

        Quill said on Wednesday that companies had built more than 1.2 million AI agents on it since it opened its tools in April.
        """, [("quill", 1200000, "item", "2025-11-19")]),
    "'small and medium-sized enterprises' are companies": ("""\
        Protection

        Published: 2025-09-03

        Larkspur Group aims to bring its services to 100,000 small and medium-sized enterprises.
        """, [("larkspur-group", 100000, "company", "2025-09-03")]),
    "the one who 'estimates that' is a source": ("""\
        Spending

        Published: 2025-09-03

        Demand keeps rising. Larkspur Group estimates that the notes market reached 40 billion yuan in 2024.
        """, [("notes", 40000000000, "cny", "2024")]),
}



def test_a_reports_findings_hold_at_its_date_and_belong_to_the_place_it_covers(tmp_path: Path):
    got = draft(tmp_path, """\
        远程办公调查

        发布日期：2026-09-15

        星图研究院14日发布《2026年中国远程办公研究报告》。报告基于对2800家企业的问卷调查。

        报告显示，受访企业的远程办公比例为47.6%。
        """)
    assert ("2026年中国远程办公研究报告", 2800, "company", "2026-09-14") in got, got  # the sample: the survey's
    assert ("china", 47.6, "percent", "2026-09-14") in got, got  # the title's year is no figure's time


def test_names_in_a_persons_aside_are_not_the_subject_but_an_appositive_superlative_is_theirs(tmp_path: Path):
    got = draft(tmp_path, """\
        Partners

        Published: 2025-06-12

        Larkspur Group is taking a different route. Mia Chen, president of Quill's business in Vietnam, said the unit had signed about 1,500 partners.

        Tom Reed, head of Heronfield Systems, Britain's largest notes maker, said demand was strong.
        """)
    assert ("larkspur-group", 1500, "company", "2025-06-12") in got, got
    assert ("Heronfield Systems", 1, "rank", "2025-06-12") in got, got


OWNED = {
    "zh: a product after 旗下的 may open on 百 (百度网盘…), a count may not": ("""\
        网盘

        发布日期：2025-03-18

        云雀集团旗下的百雀网盘企业版是老牌玩家，目前付费企业客户已超过12万家。
        """, [("百雀网盘企业版", 120000, "organization", "2025-03-18")]),
    "zh: a quoted product holding its owner's name": ("""\
        新品

        发布日期：2025-03-18

        云雀集团旗下的“云雀集团企业空间”于2024年9月上线，上线半年来已有约3.5万家企业开通使用。
        """, [("云雀集团企业空间", 35000, "company", "2025-03-18")]),
}


PERIODS_AND_POINTERS = {
    "a quarter or a half named without a year is of the article's year": ('''\
        Quarterly

        Published: 2026-07-09

        Veltrix Cloud earned 1.4 billion yuan in the first quarter. Its rival Orrindo Group earned 0.9 billion yuan in the first half of the year.
        ''', [("Veltrix Cloud", 1400000000, "cny", "2026-03"), ("Orrindo Group", 900000000, "cny", "2026-06")]),
    "zh: 一季度 alone is of the article's year": ('''\
        季报

        发布日期：2026-07-09

        青鸾集团一季度营收为6.2亿元。
        ''', [("青鸾集团", 620000000, "cny", "2026-03")]),
    "'X expects the market to reach': the market named before, not the one who expects": ('''\
        Outlook

        Published: 2026-07-09

        The Ardenne market for team software reached 40 billion yuan in 2025.

        Brightwell Research expects the market to reach 70 billion yuan by 2028.
        ''', [("Ardenne", 70000000000, "cny", "2028")], [("Brightwell Research", 70000000000, "cny", "2028")]),
}

GOVERNMENT_NEWS = {
    "an aside after 'The platform' hides its name; 'within five years' gives way to the clause's own year": ('''\
        Cloud office

        Published: 2026-09-05

        The Lanxi Work platform connects 900,000 civil servants.

        The platform, built with Orrindo Group, cut the average approval time to 0.8 days.

        Wen Hao, a researcher at the Academy of Office Studies, said the Lanxi Work platform handled 14 million documents in 2025 and could double that within five years.
        ''', [("Lanxi Work", 0.8, "day", "2026-09-05"), ("Lanxi Work", 14000000, "item", "2025")],
        [("Orrindo Group", 0.8, "day", "2026-09-05")]),
    "'Nationwide' opening a sentence is China, not the one who says so after the figure": ('''\
        Systems

        Published: 2026-09-05

        Nationwide, 29 provinces had built unified office systems by the end of 2025, the Office Bureau said.
        ''', [("china", 29, "item", "2025-12")]),
}

REPORT_NEWS = {
    "a report's findings hold where its data stops, for 'the report said' and the paragraph after": ('''\
        Users

        Published: 2026-08-30

        The number of people in Norland who use cloud notes reached 41 million as of June 2026, an increase of 3.2 million from December 2025, according to the Cloud Census Report, which the Norland Data Office released on Monday.

        Cloud note users now make up 38.5 percent of the country's internet population, the report said.

        Mobile editing and shared folders were the most used, at 22.4 percent and 19.9 percent of users respectively.
        ''', [("Norland", 41000000, "person", "2026-06"), ("Norland", 3200000, "person", "2026-06"),
              ("Norland", 38.5, "percent", "2026-06")],
        [("Norland Data Office", 41000000, "person", "2026-06")]),
    "a list of names before as many figures pairs them, without 'respectively'": ('''\
        Shares

        Published: 2026-08-30

        Quill held 24.5 percent of the market last year, while Kestrava and Larkspur Group's Lumen accounted for 21.3 percent and 9.8 percent, Brightwell said.
        ''', [("Kestrava", 21.3, "percent", "2025"), ("Lumen", 9.8, "percent", "2025")]),
    "'now' in a dated statement is the statement's date": ('''\
        Results

        Published: 2026-08-30

        Larkspur Group said in its results on August 16 that Lumen, its note-taking app, now served more than 7 million users.
        ''', [("Lumen", 7000000, "person", "2026-08-16")]),
}

RESULTS_NEWS = {
    "an earnings story: the year carries to the next paragraph; 'the company' and a title before a name": ('''\
        Results

        Wire | March 21, 2026 7:45 PM | Reporting by Mo Lin

        Larkspur Group said on Thursday that its revenue for 2025 rose 17.3% to 4.56 billion yuan.

        Net profit grew 24.8% to 1.38 billion yuan, the Hangzhou-based company said in a filing to the Shenzhen Stock Exchange.

        Its app Lumen had 60 million monthly active devices as of Dec. 31. Its largest unit, cloud notes, brought in 2.5 billion yuan, the company's filing showed.

        Chief Financial Officer Wen Hao told analysts that the tool had more than 9 million users by the end of February.
        ''', [("larkspur-group", 4560000000, "cny", "2025"), ("larkspur-group", 1380000000, "cny", "2025"),
              ("Lumen", 60000000, "item", "2025-12-31"), ("Lumen", 9000000, "person", "2026-02")]),
    "'the market for X' names a sector; 'said on Tuesday' is the Tuesday before the article": ('''\
        Market

        Observer | 2026-11-27 08:40 | Editor: Mo Lin

        The Norland Data Center said on Tuesday that the market for government collaborative office systems reached 21.5 billion yuan in 2025.

        Officials estimate that the platform saved the province 1.3 billion yuan, the center said on Tuesday.
        ''', [("government collaborative office systems", 21500000000, "cny", "2025")]),
}

CHINESE_POLICY_NEWS = {
    "zh: 从X获悉 makes X a source; 全国 heading the figure's own clause is the subject": ('''\
        软件

        2026年11月20日 来源：测试报

        记者从云岭数据局获悉，今年前三季度，全国软件业务收入9.1万亿元。
        ''', [("china", 9100000000000, "cny", "2026-09")], [("云岭数据局", 9100000000000, "cny", "2026-09")]),
    "zh: 该省 points back to the province inside the bureau's name": ('''\
        规划

        2026年11月20日 来源：测试报

        湖南省经信厅副厅长周明远表示，该省计划到2027年培育80家数字化服务商。
        ''', [("Hunan", 80, "company", "2027")]),
    "zh: a forecast's year does not carry to the next sentence; 付费日活 is no name": ('''\
        市场

        2026年11月20日 来源：测试报

        2025年中国协同办公软件市场规模为412亿元，预计2028年将突破600亿元。报告同时指出，政府客户贡献了24.5%的份额。

        墨笺宣布，付费日活跃用户数同比增长18%。
        ''', [("china", 24.5, "percent", "2025"), ("墨笺", 18, "percent", "2026-11-20")]),
}

def test_taiwan_words_fold_to_the_mainland_s_without_moving_a_character():
    from kg.assist.folding import fold

    text = "協同辦公軟體市場規模年增13.9%，網路會議"
    folded = fold(text)
    assert folded == "协同办公软件市场规模增长13.9%,网络会议"
    assert len(folded) == len(text)


CHINESE_REPORTS = {
    "zh: the body that publishes a report is no subject of its findings, in the next sentence either": ('''\
        白皮书

        发布日期：2026-06-14

        云岭研究院今年5月发布的《协作软件白皮书（2026年）》显示，2025年我国协作软件市场规模达到41.6亿元；预计到2028年，市场规模将达到90亿元。
        ''', [("协作软件", 4160000000, "cny", "2025"), ("协作软件", 9000000000, "cny", "2028")],
        [("云岭研究院", 4160000000, "cny", "2025")]),
    "zh: names listed together take a 分别 list though another name comes after them": ('''\
        支出

        发布日期：2026-06-14

        2025年制造业、零售业与服务业是协作软件支出最多的三个领域，占全国协作软件支出的比重分别为26.1%、19.4%和12.2%。
        ''', [("制造业", 26.1, "percent", "2025"), ("零售业", 19.4, "percent", "2025"), ("服务业", 12.2, "percent", "2025")]),
    "zh: a name after what describes it, opened by a place; a person by family name before 表示; 格局 is no bureau": ('''\
        融资

        发布日期：2026-06-14

        专注物流场景的杭州青萝科技本月宣布完成2亿元B轮融资。市场格局方面，周晨阳表示，行业集中度仍在提高。
        ''', [("杭州青萝科技", 200000000, "cny", "2026-06")]),
}

SURVEY_SHARES = {
    "zh-Hant: 使用X的比例 is X's share; a report's findings hold at its data year in the next paragraph": ('''\
        調查

        2026年11月7日 星期六 來源：測試報

        睿析顧問發布的《2026協作報告》指出，2025年中國協同辦公軟體市場規模為人民幣412億元。

        報告指出，受訪企業中使用羽筆文檔的比例為71%，使用Kestrava的為58%。
        ''', [("quill", 71, "percent", "2025"), ("Kestrava", 58, "percent", "2025")]),
}

EARNINGS_ZH = {
    "zh: 公司 after a date is 'the company'; a source's 发布的数据显示; an earnings half carries on": ('''\
        业绩

        发布日期：2026-08-22

        8月21日晚，羽笔文档发布2026年半年度报告。财报显示，今年上半年公司实现营业收入14.6亿元，同比增长17.3%。

        北岭数据局21日发布的数据显示，今年1至4月，我国软件和信息技术服务业累计完成软件业务收入3.2万亿元。
        ''', [("quill", 1460000000, "cny", "2026-06"), ("软件和信息技术服务业", 3200000000000, "cny", "2026-04")],
        [("北岭数据局", 3200000000000, "cny", "2026-04")]),
}

INTERVIEWS_ZH = {
    "zh: an interview's 我们 is the company of the one interviewed; a name may end in 协同; C轮 names no one": ('''\
        专访

        2026年6月18日 09:02

        近日，青萝协同创始人兼CEO周立衡接受了本报专访。青萝协同去年完成C轮融资。

        周立衡：截至今年5月底，我们服务的付费企业客户超过1,300家。
        ''', [("青萝协同", 1300, "organization", "2026-05")]),
}

WIRE_DATES = {
    "'in the three months to June', 'second-quarter', 'end-June'; US$ is no place; a later forecast's year is not the figure's": ('''\
        Results

        By Mo Lin | Wire | Updated: 2026-08-15 07:30

        Larkspur Group said revenue from its cloud segment rose 10.2 per cent to 53.4 billion yuan in the three months to June.

        The company's total second-quarter revenue grew 7.9 per cent to 158.6 billion yuan.

        Quill had nearly 9 million users as of end-June, while Lumen earned US$4.3 billion in 2025 and would grow to US$9 billion by 2028.
        ''', [("larkspur-group", 53400000000, "cny", "2026-06"), ("larkspur-group", 158600000000, "cny", "2026-06"),
              ("quill", 9000000, "person", "2026-06"), ("Lumen", 4300000000, "usd", "2025")]),
}

SIGNS_AND_NAMES = {
    "a fall and a loss are negative; a number inside a name is none; a founding year is no figure's time": ('''\
        Results

        2026年8月20日 來源：測試報

        報告顯示，羽筆文檔今年上半年營收約人民幣8.9億元，年減約4%，錄得虧損1.2億元。

        成立於2019年的雲杉網絡表示，公司現時有約2,300家付費客戶。Kestrava 365的訂閱價格維持不變。
        ''', [("quill", -4, "percent", "2026-06"), ("quill", -120000000, "cny", "2026-06"),
              ("雲杉網絡", 2300, "organization", "2026-08-20")], [("Kestrava", 365, "item", "2026-08-20")]),
}

NOT_FIGURES = {
    "a set the article has named, and a superlative of a thing no one holds, are no figures": ('''\
        格局

        发布日期：2026-07-08

        三家运营商均在西部布局数据中心，天翼云位居三家之首。用户基础是羽笔文档最大的本钱。云雀集团计划新设三个研发中心。
        ''', [("larkspur-group", 3, "item", "2026-07-08")],
        [("quill", 1, "rank", "2026-07-08"), ("天翼云", 3, "company", "2026-07-08")]),
    "'the three leaders' is a set; 'its biggest one-day gain' ranks no one": ('''\
        Shares

        Published: 2026-07-08

        The three leaders held 60 percent of the market. Quill posted its biggest one-day gain in a year.
        ''', [], [("quill", 1, "rank", "2026-07-08"), ("quill", 3, "item", "2026-07-08")]),
}

HONG_KONG_SHAPES = {
    "zh-Hant: a name ending in 科技 after a factory; 宗 counts cases; 行政總裁 is a title": ('''\
        雲端

        2026年7月3日 來源：測試報

        國內封測廠青杉科技已率先導入羽筆文檔，全公司約6,500名員工將完成轉換。

        負責推動數碼轉型的北嶺促進局表示，「數碼轉型支援計劃」過去一年接獲的諮詢個案超過5,200宗。創辦人兼行政總裁蔡子謙表示，公司現時有約2,300家付費客戶。
        ''', [("青杉科技", 6500, "person", "2026-07-03"), ("數碼轉型支援計劃", 5200, "item", "2026-07-03")]),
}

TOPIC_OVER_SCOPE = {
    "zh: the one named before 在…市场 holds the share, not the market; 期内公司 is the company": ('''\
        份额

        2026年3月15日 來源：測試報

        羽筆文檔去年在中國企業應用SaaS市場的佔有率為11.4%。

        頭部廠商雲杉控股日前公布中期業績。期內公司總收入為4.38億元。
        ''', [("quill", 11.4, "percent", "2025"), ("雲杉控股", 438000000, "cny", "2026-03-15")]),
    "'the company's' in an aside points to the last company": ('''\
        Results

        Published: 2026-03-21

        Larkspur Group said its revenue for 2025 rose 17.3% to 4.56 billion yuan.

        Lumen had 60 million users. Individual subscriptions, the company's largest business, brought in 2.5 billion yuan.
        ''', [("larkspur-group", 2500000000, "cny", "2025")]),
}

COMPANY_WORDS = {
    "'X Technology' is a company 'the company' points to; 'Value added' is no name; 付费转化方面 is a topic": ('''\
        Local vendors

        Published: 2026-03-18

        Value added from Norland's digital industries reached 905.3 billion yuan in 2025.

        Hangzhou Yunshan Technology said it had signed up more than 38,000 paying customers. The company's revenue rose 55 percent to 420 million yuan last year.
        ''', [("Hangzhou Yunshan Technology", 420000000, "cny", "2025")], [("Value", 905300000000, "cny", "2025")]),
}

WIRE_NAMES = {
    "a wire dateline's city is no subject; a name may end on a version number": ('''\
        Software

        Published: 2026-09-02

        NORLAND CITY, Sept. 2 (Wire) -- The Lumen 365 suite earned 240 million yuan in the first half.
        ''', [("Lumen 365", 240000000, "cny", "2026-06")]),
    "zh: 新华社X月X日电 names no subject; 行业软件公司 is no company's name": ('''\
        软件

        2026年5月21日 来源：测试社

        测试社北京5月21日电（记者王晓宇）今年1至4月，我国软件业务收入3.9万亿元。

        与行业软件公司相比，羽笔文档的研发投入达1.3亿元。
        ''', [("china", 3900000000000, "cny", "2026-04"), ("quill", 130000000, "cny", "2026-05-21")]),
}

USERS_AND_POOLS = {
    "zh-Hant: counts of users go to what they use; 其 is the one named before; 受訪X中 is the group; 大陸 is China": ('''\
        協作

        2026年10月8日 來源：測試報

        Kestrava臺灣區總經理林志明表示，臺灣目前已有超過4,200家企業付費使用Kestrava服務。

        羽筆文檔則未公布整體用戶數，但其付費企業客戶數年增近40%。受訪雲雀集團客戶中，願意額外付費者僅約18%。大陸約有2,000萬家企業。
        ''', [("Kestrava", 4200, "organization", "2026-10-08"), ("quill", 40, "percent", "2026-10-08"),
              ("larkspur-group", 18, "percent", "2026-10-08"), ("china", 20000000, "company", "2026-10-08")]),
}

LAUNCHES = {
    "zh: a new product named again holds the known name inside it; its launch day carries to the next paragraph": ('''\
        发布会

        发布日期：2026-11-23

        11月22日，云雀集团在北京举行发布会，正式推出AI产品“羽笔智伴”。

        据介绍，“羽笔智伴”内测阶段共有1200家企业参与。
        ''', [("羽笔智伴", 1200, "company", "2026-11-22")]),
}

LEVELS_AND_THRESHOLDS = {
    "zh: 下滑至 is a level; 三成五 is 35%; a threshold and a stock code are no figures; a loss narrowed is a loss": ('''\
        業績

        2026年3月15日 來源：測試報

        雲雀集團（600588）今年上半年對中國的出貨占比下滑至18%，羽筆文檔約占平台型市場營收的三成五。在僱用少於10人的小型機構中，使用率只有約41%。

        羽筆文檔股東應佔虧損由前一年的3.89億元收窄至2.08億元。
        ''', [("larkspur-group", 18, "percent", "2026-06"), ("quill", 35, "percent", "2026-06"),
              ("quill", -208000000, "cny", "2026-03-15")],
        [("larkspur-group", 600588, "item", "2026-06"), ("larkspur-group", 10, "organization", "2026-06")]),
    "zh-Hant: devices counted in 台 are items, meetings counted in 场 are meetings": ('''\
        用戶規模

        發布日期：2025-03-20

        截至2024年底，羽筆文檔全球月活躍裝置數為6.02億台。羽筆文檔每天召開視訊會議超過2,000萬場。
        ''', [("quill", 602000000, "item", "2024-12"), ("quill", 20000000, "meeting", "2024-12")]),
    "zh: a threshold after its noun (员工1000人以上的企业) defines a group, no figure": ('''\
        调研

        发布日期：2025-12-05

        调研显示，羽笔文档在员工1000人以上的大型企业中使用率为41.5%。
        ''', [("quill", 41.5, "percent", "2025-12-05")], [("quill", 1000, "company", "2025-12-05")]),
    "a threshold after 'with fewer than' defines a group, no figure": ('''\
        Survey

        Published: 2025-12-05

        Among firms with fewer than 100 employees, 62 percent used Quill.
        ''', [("quill", 62, "percent", "2025-12-05")], [("quill", 100, "person", "2025-12-05")]),
}

YEARS_BEFORE = {
    "zh-Hant: 前一年 counts from the year named before it; 第二季 is a quarter (last year's, in a March story); a date after 將在 is no figure's": ('''\
        業績

        2026年3月15日 來源：測試報

        羽筆文檔昨日公布截至去年12月底止全年業績，股東應佔虧損由前一年的3.89億元收窄至2.08億元。

        雲雀集團最新公布的第二季財報顯示，營收為人民幣509億元。

        全公司約6,500名員工將在今年第三季完成轉換。
        ''', [("quill", -389000000, "cny", "2024"), ("larkspur-group", 50900000000, "cny", "2025-06"),
              ("larkspur-group", 6500, "person", "2026-03-15")]),
}

METRIC_OF = {
    "'revenue from X' and 'the usage rate of X' are X's": ('''\
        Segments

        Published: 2026-04-09

        In the Larkspur Group survey, users of cloud computing climbed to 9 million.
        ''', [("cloud-computing", 9000000, "person", "2026-04-09")]),
}

SPANS_AND_APPS = {
    "a sentence naming no one goes on with the paragraph's subject; revenue with no one named is the last company's": ('''\
        Results

        Published: 2026-10-24

        Larkspur Group's net profit reached 412 million yuan, according to a filing with the Norland Stock Exchange. Revenue climbed 17.6% to 1.38 billion yuan.

        Its Lumen Docs app had 20 million users.

        Institutional subscription revenue rose 9.3% to 398 million yuan.
        ''', [("larkspur-group", 1380000000, "cny", "2026-10-24"), ("larkspur-group", 398000000, "cny", "2026-10-24")]),
    "an undated wire story takes its year from the past years it names; 'the July-September quarter' ends in September": ('''\
        Profit jumps

        By Mo Lin

        NORLAND CITY, Oct 24 (Wire) - Larkspur Group reached 412 million yuan in net profit in the July-September quarter. It made 300 million yuan in 2025 and expects to make 500 million yuan in 2026.
        ''', [("larkspur-group", 412000000, "cny", "2025-09")]),
    "'at the end of June … doubled from a year earlier': June, the year earlier is a baseline": ('''\
        Accounts

        Published: 2026-08-15

        Paying accounts for Lumen Docs at the end of June had more than doubled from a year earlier.
        ''', [("Lumen Docs", 2, "times", "2026-06")]),
    "'between 2022 and 2026' ends in 2026; 'X said the app had' is about the app named before": ('''\
        Meetings

        Published: 2026-11-07

        The consultancy forecast a compound annual growth rate of about 15 percent between 2022 and 2026.

        Lumen Docs remains the best-known brand. Larkspur Group said the app had more than 300 million registered users.
        ''', [("Lumen Docs", 300000000, "person", "2026-11-07")]),
}

TAIWAN_SHAPES = {
    "zh-Hant: 業者X指出 names X; 數位 inside a ministry's name is no measure word; 全台 is Taiwan": ('''\
        協作

        2026/03/18 記者王小明／台北報導

        雲端通訊業者鷺洲網路指出，其企業客戶去年突破1.2萬家。

        數位治理部統計，截至2025年底，全台已有超過3,100個政府機關使用線上簽核。
        ''', [("鷺洲網路", 12000, "organization", "2025"), ("Taiwan", 3100, "organization", "2025-12")]),
}

SHARES_AND_TAILS = {
    "a date right after a figure is its own, not a forecast's later in the sentence": ("""\
        Note

        June 2, 2025

        Analysts at Heronwood put the cloud computing market at 9.4 billion yuan this year and expect it to reach 20 billion yuan by 2029.
        """, [("cloud-computing", 9400000000, "cny", "2025"), ("cloud-computing", 20000000000, "cny", "2029")]),
    "'X said …, and that the platform had …': the platform is X, not a topic named between": ("""\
        Note

        June 2, 2025

        Larkspur said in May that 1.1 million firms had tried its cloud computing bundle, and that the platform had 310 million registered users.
        """, [("larkspur-group", 310000000, "person", "2025-05")]),
    "a share of a country's firms by its demonym, and the figure it is compared with": ("""\
        Note

        June 2, 2025

        Heronwood estimates that 14.5% of Chinese companies that use cloud computing had bought an AI add-on by the end of April, up from 5.2% a year earlier.
        """, [("china", 14.5, "percent", "2025-04"), ("china", 5.2, "percent", "2024")]),
    "'the quarter' and a results story's revenue lines go back to the quarter it named; a cause's date is not theirs": ("""\
        Larkspur results

        October 20, 2025

        Larkspur said on Monday its third-quarter net profit rose 12.5% from a year earlier.

        The group's paying users rose to 8.4 million at the end of the quarter.

        Subscription revenue, most of it from state firms, rose 6.1% to 205 million yuan. Licensing income fell 9% because several tenders were pushed into next year.
        """, [("larkspur-group", 8400000, "person", "2025-09"), ("larkspur-group", 205000000, "cny", "2025-09"),
              ("larkspur-group", -9, "percent", "2025-09")]),
    "'the two-day event' points back to the summit; a weekday the sentence looks ahead to is the next one": ("""\
        Summit opens

        Published: 9:15am, 17 May 2024

        HEFEI - Cloud tools filled the halls of the Riverbend Summit, which opened in the city on Friday.

        More than 900 companies are exhibiting at the two-day event, and 80,000 visitors are expected before it closes on Saturday, according to the city government.

        Larkspur launched Quill 4.0 at the show, which can translate documents into 12 languages.
        """, [("Riverbend Summit", 900, "company", "2024-05-17"), ("Riverbend Summit", 80000, "person", "2024-05-18"),
              ("Riverbend Summit", 2, "day", "2024-05-17"), ("Quill 4.0", 12, "item", "2024-05-17")]),
    "'X showed a product … and said it had N clients' is X's; a date after 'and announced' is another clause's": ("""\
        Show notes

        Published: 6:42pm, 24 May 2024

        Start-up Brightfern Technology showed a cloud computing dashboard priced from 9,600 yuan a year and said it had 1,300 paying corporate clients.

        Larkspur said its Quill service was used by 210,000 enterprise customers, and announced that a new version would go on sale on July 1.
        """, [("Brightfern Technology", 9600, "cny", "2024-05-24"), ("Brightfern Technology", 1300, "organization", "2024-05-24"),
              ("quill", 210000, "company", "2024-05-24")]),
    "a known product's name with a version number is a product of its own": ("""\
        Launch

        March 3, 2025

        Larkspur launched Quill 4.0, which can translate documents into 12 languages.
        """, [("Quill 4.0", 12, "item", "2025-03-03")]),
    "zh-Hans: a name before a stock code is a listed company, its short name the same; a minus sign; 收窄 is a fall": ("""\
        半年报

        2025年8月28日

        8月27日晚间，青禾网络（688123.SH）披露2025年半年度报告。上半年青禾实现营业收入12.5亿元，同比增长6.2%；净利润为-1.3亿元，亏损额同比收窄18%。
        """, [("青禾网络", 1250000000, "cny", "2025-06"), ("青禾网络", -130000000, "cny", "2025-06"),
              ("青禾网络", -18, "percent", "2025-06")], [("青禾网络", 688123, "item", "2025-06")]),
    "zh-Hans: 全省 / 我省 mean the province the title names, not a city named since": ("""\
        四川数字政府建设提速

        2025年1月16日

        截至2024年底，全省政务服务事项网上可办率达到97.5%。

        成都市民使用线上办事的比例较高。

        2025年，我省将力争网上可办率达到99%。
        """, [("Sichuan", 97.5, "percent", "2024-12"), ("Sichuan", 99, "percent", "2025")]),
    "zh-Hant: a bare 元 in a Taipei paper is NT dollars, in a Hong Kong paper HK dollars with its April-March year": ("""\
        雲協作營收創新高

        2024-11-12 經濟日報／台北報導

        台灣軟體業者鷺洲雲端昨日公布10月營收1.05億元，年增12%，全台客戶已超過3,000家。
        """, [("鷺洲雲端", 105000000, "twd", "2024-10")]),
    "zh-Hant: Hong Kong": ("""\
        科技券

        2024年9月16日 明報

        本港中小企使用雲端工具的比例上升。「雲券計劃」在2023/24年度共批出約5,100宗申請，涉及資助額約4.2億元，香港政府表示會繼續推行。
        """, [("雲券計劃", 420000000, "hkd", "2024-03")]),
    "'China's X industry generated revenue of N': the industry's, not the country's, even after a speaker": ("""\
        Revenue

        June 2, 2025

        The ministry said that China's cloud computing industry generated revenue of 1.4 trillion yuan in the first five months of the year.
        """, [("cloud-computing", 1400000000000, "cny", "2025-05")], [("china", 1400000000000, "cny", "2025-05")]),
    "'now has' after 'X said on Tuesday' holds on the day said; video meetings are meetings": ("""\
        Platform

        West Observer | 2024-11-27 08:40

        The Quill platform connects 3,100 departments, Larkspur said on Tuesday.

        Quill now has 1.5 million registered users.

        Between January and October this year, 2.4 million video meetings were held on the platform.
        """, [("quill", 1500000, "person", "2024-11-26"), ("quill", 2400000, "meeting", "2024-10")]),
    "a price holds at the article's date, not at a date the paragraph gave earlier": ("""\
        Prices

        December 9, 2024

        Larkspur said in November that 1.8 million firms had used Quill. Its team edition costs 7,200 yuan a year.
        """, [("larkspur-group", 7200, "cny", "2024-12-09")]),
    "zh-Hans: 给X和Y打了一星: each is rated": ("""\
        评分

        2024年3月2日

        大批学生涌入应用商店给羽笔文档和云雀集团打了一星评分。
        """, [("quill", 1, "star", "2024-03-02"), ("larkspur-group", 1, "star", "2024-03-02")]),
    "zh-Hant: 次 counts visits, but 次媒體報導 counts reports": ("""\
        報導

        2020-02-06

        雲雀集團表示，相關貢獻引來近一千次媒體報導，影片觀看次數更達到5,600萬次。
        """, [("larkspur-group", 1000, "item", "2020-02-06"), ("larkspur-group", 56000000, "session", "2020-02-06")]),
    "a year's results story: 'than in 2023' is the baseline's date, and later lines keep the results' year": ("""\
        Results

        Source: Wire | 2025-03-27 22:41:09

        Larkspur said on Thursday that its revenue for 2024 rose 12.2 percent to 4.1 billion yuan (about 570 million U.S. dollars). Net profit came in at 900 million yuan, 15.5 percent higher than in 2023.

        Its Quill line brought in 1.2 billion yuan, up 30.1 percent.

        Quill had signed up more than 9,000 paying organisations by Dec. 31.
        """, [("larkspur-group", 570000000, "usd", "2024"), ("larkspur-group", 15.5, "percent", "2024"),
              ("quill", 1200000000, "cny", "2024"), ("quill", 30.1, "percent", "2024"),
              ("quill", 9000, "organization", "2024-12-31")]),
    "zh-Hant: （人民幣，下同） makes bare 元 yuan in a Hong Kong paper; a quarter's story keeps its quarter": ("""\
        雲雀季績

        【經濟日報】2024年11月14日 星期四　記者陳明

        雲雀集團（00777）昨日收市後公布截至9月底止第三季業績，期內總收入為820.5億元（人民幣，下同），按年增長7%。本港投資者反應正面。

        分業務看，雲端服務收入按年升9%至120.3億元。羽筆文檔截至季末月活躍用戶超過1.2億。
        """, [("larkspur-group", 82050000000, "cny", "2024-09"), ("larkspur-group", 12030000000, "cny", "2024-09"),
              ("quill", 120000000, "person", "2024-09")]),
    "'as of June' is the figure's point even when 'said in August' is nearer; 'people in the country' count the country named most; 'the segment' is the sector named before": ("""\
        Office apps

        December 5, 2024

        China's cloud computing firms kept hiring. The US company Zeta said sales in China grew.

        The regulator said in August that 480 million people in the country used cloud computing services as of June.

        Cloud computing has settled into steadier growth. The segment generated 9.1 billion yuan in 2023.
        """, [("china", 480000000, "person", "2024-06"), ("cloud-computing", 9100000000, "cny", "2023")]),
    "zh-Hant: a launch year of an earlier sentence is not a later figure's time, a results report's year is": ("""\
        出海

        2024-09-10 記者王明

        羽筆文檔早在2019年就在日本上線。據知情人士透露，羽筆文檔海外付費企業客戶已突破8,000家。

        雲雀集團發布2023年年度報告。報告期內，公司實現營業收入30.2億元。
        """, [("quill", 8000, "organization", "2024-09-10"), ("larkspur-group", 3020000000, "cny", "2023")]),
    "zh-Hans: a report story's undated paragraphs keep the report's data date; age brackets are no figures": ("""\
        报告发布

        2025年1月17日

        中国互联网络信息中心17日发布《中国互联网络发展状况统计报告》。《报告》显示，截至2024年12月，我国网民规模达11.08亿人。

        从用户结构看，30至49岁的用户占比为52.4%；50岁及以上网民占比提升至31.2%。
        """, [("china", 1108000000, "person", "2024-12"), ("china", 52.4, "percent", "2024-12")],
        [("china", 30, "year", "2024-12"), ("china", 49, "year", "2024-12"), ("china", 50, "year", "2024-12")]),
    "'last month'; 'N of those organisations'; 'X, China's … app with N'; 'Chinese companies will spend'": ("""\
        Apps

        October 14, 2024

        Quill told reporters at its event last month that it served more than 9 million organisations. Only about 400,000 of those organisations pay for a premium edition.

        Larkspur runs Quill, China's busiest notes app with 310 million monthly active accounts.

        Heronwood estimates that Chinese companies will spend 2.2 billion yuan on cloud computing tools in 2025.
        """, [("quill", 9000000, "organization", "2024-09"), ("quill", 400000, "organization", "2024-09"),
              ("quill", 310000000, "person", "2024-10-14"), ("china", 2200000000, "cny", "2025")]),
    "'a survey of N users by X found that 58 per cent …': a share of the users asked": ("""\
        Survey

        October 14, 2024

        Larkspur's Quill had 12 million users in September. A survey of 1,800 cloud computing buyers by the Heronwood Association found that 58 per cent paid for at least one add-on.
        """, [("cloud-computing", 58, "percent", "2024-09")]),
    "zh-Hans: 2024年公司… after a date is the company named before; 披露 is no name": ("""\
        年报

        2025年4月2日

        青禾网络（688123）3月28日晚间披露的年报显示，公司2024年实现营业收入9.1亿元。

        港股方面，雲杉国际（00999.HK）交出了更稳健的答卷。2024年公司总收入达6.2亿元，同比增长10.2%。
        """, [("青禾网络", 910000000, "cny", "2024"), ("雲杉国际", 620000000, "cny", "2024")]),
    "zh-Hans: the loss a loss is compared with is a loss too (较2023年的2.07亿元收窄)": ("""\
        年报

        2025年4月2日

        雲杉国际（00999.HK）全年净亏损1.12亿元，较2023年的1.87亿元收窄40.1%。更受市场关注的是订阅业务。
        """, [("雲杉国际", -112000000, "cny", "2025-04-02"), ("雲杉国际", -187000000, "cny", "2023")]),
    "'X took N percent of China's …, behind Y's M percent but up from K percent': X's, Y's, X's": ("""\
        Shares

        March 27, 2025

        Figures from Heronwood show Quill took 31.5 percent of China's notes software revenue in 2024, behind Larkspur's 44.1 percent but up from 28.9 percent a year earlier.
        """, [("quill", 31.5, "percent", "2024"), ("larkspur-group", 44.1, "percent", "2024"), ("quill", 28.9, "percent", "2023")]),
}

SHAPES = {case: value for group in (CLAUSES, ENGLISH_CLAUSES, NAMES_AND_UNITS, LISTS_AND_CLAUSES, CHINESE_SCOPES,
                                    SOURCES_AND_SHARES, OPENING_NAMES, COUNTED, OWNED, PERIODS_AND_POINTERS, TAIWAN_SHAPES,
                                    GOVERNMENT_NEWS, CHINESE_POLICY_NEWS, REPORT_NEWS,
                                    RESULTS_NEWS, CHINESE_REPORTS, SURVEY_SHARES,
                                    EARNINGS_ZH, INTERVIEWS_ZH, WIRE_DATES, SIGNS_AND_NAMES,
                                    NOT_FIGURES, HONG_KONG_SHAPES, TOPIC_OVER_SCOPE,
                                    COMPANY_WORDS, WIRE_NAMES, USERS_AND_POOLS, LAUNCHES, LEVELS_AND_THRESHOLDS,
                                    YEARS_BEFORE, METRIC_OF, SPANS_AND_APPS, SHARES_AND_TAILS)
          for case, value in group.items()}


@pytest.mark.parametrize("case", sorted(SHAPES))
def test_sentence_shapes(tmp_path: Path, case: str):
    """Each case: the figures its draft must hold, and (optionally) figures it must not."""
    body, expected, *absent = SHAPES[case]
    got = draft(tmp_path, body)
    assert [f for f in expected if f not in got] == [], got
    assert [f for f in (absent[0] if absent else []) if f in got] == [], got


def test_the_year_of_a_changes_earlier_end_does_not_date_the_next_sentence(tmp_path: Path):
    got = draft(tmp_path, """\
        Larkspur results

        Published: 2024-10-25

        Larkspur Group said its operating margin in the three months to September 30 improved to 41.2% from 39.5% a year earlier. Its marketing costs rose 9% to 120 million yuan.
        """)
    assert ("larkspur-group", 39.5, "percent", "2023-09") in got or ("larkspur-group", 39.5, "percent", "2023") in got
    assert [t[:4] for s, v, u, t in got if v in (9, 120000000)] == ["2024", "2024"]


def test_a_share_in_a_report_story_is_the_reports_finding_even_where_it_names_the_players(tmp_path: Path):
    got = draft(tmp_path, """\
        《笔记软件发展报告（2025）》发布

        2025年4月10日，雀鸟研究院发布《笔记软件发展报告（2025）》。《报告》显示，截至2024年12月，我国笔记软件用户规模达2.1亿人。

        从厂商格局看，按收入计，云雀集团以31.5%的份额排名第一，羽笔文档以22.4%的份额位列第二。
        """)
    assert sorted(t for s, v, u, t in got if u == "percent") == ["2024-12", "2024-12"]


@pytest.mark.parametrize("body", [
    "Larkspur Group was founded in 2019. Its app is now used by 2,380 schools.\n\nLarkspur's revenue last year, 2023, was 86 million yuan.",
    "云雀集团成立于2019年，目前已有2380所学校使用其应用。\n\n去年（2023年），云雀集团营收为8600万元。",
])
def test_an_undated_article_is_the_year_after_the_one_it_calls_last_year(tmp_path: Path, body: str):
    got = draft(tmp_path, "Classrooms online\n\n" + body + "\n")
    assert [t for s, v, u, t in got if v == 2380] == ["2024"]


def test_a_segments_revenue_in_a_results_story_is_the_companys_not_its_technologys(tmp_path: Path):
    got = draft(tmp_path, """\
        雲雀集團中期業績

        2024年8月28日

        雲雀集團昨日公布中期業績，期內收入按年增長18%至人民幣11億元。

        按業務劃分，雲端運算訂閱收入按年增長24%至6.8億元，佔總收入六成。
        """, {**FACTS, "metrics.yaml": FACTS["metrics.yaml"] + """
          - id: subscription-revenue
            name: {en: subscription revenue, zh-Hans: 订阅收入, zh-Hant: 訂閱收入}
            unit: cny
        """})
    assert [s for s, v, u, t in got if v in (24, 680000000)] == ["larkspur-group", "larkspur-group"]


def test_a_citys_opening_quanshi_heads_its_sentence_and_a_platform_it_works_through_is_no_subject(tmp_path: Path):
    got = draft(tmp_path, """\
        杭州市数据局关于协同办公的通知

        杭州市数据局　2025年2月14日

        一、工作基础。2024年，全市依托“羽笔文档”建设的协同办公体系持续完善，已接入市级部门52个，注册公务人员达到5.9万人。

        二、资本。从资本市场看，2024年云计算赛道融资总额约23亿元。
        """)
    assert [s for s, v, u, t in got if v in (52, 59000)] == ["Hangzhou", "Hangzhou"]  # proposed from the gazetteer
    assert [s for s, v, u, t in got if v == 2300000000] == ["cloud-computing"]  # 资本市场 holds no 本市


def test_a_fourth_quarter_is_the_last_of_the_fiscal_year_the_story_names(tmp_path: Path):
    got = draft(tmp_path, """\
        Larkspur results

        LISBON, June 12, 2025 (Lantern Wire) - Larkspur Group said revenue for the fiscal year ended March 31 rose 20 percent to 2.3 billion yuan.

        Fourth-quarter revenue rose 31 percent to 684 million yuan.
        """)
    assert [t for s, v, u, t in got if v == 684000000] == ["2025-03"]


def test_people_counted_by_a_headcount_word(tmp_path: Path):
    got = draft(tmp_path, """\
        Larkspur results

        Published: 2025-06-12

        Larkspur Group said its revenue rose 12 percent. Headcount fell to 3,950 at the end of March.
        """)
    assert {(v, u) for s, v, u, t in got} == {(12, "percent"), (3950, "person")}


def test_a_period_ending_on_a_day_and_running_back_six_months_is_what_qinei_points_to(tmp_path: Path):
    got = draft(tmp_path, """\
        雲雀集團中期業績

        2024年8月28日

        雲雀集團昨日公布截至2024年6月30日止六個月中期業績，收入按年增長18%。

        按業務劃分，訂閱收入為6.87億元。

        截至6月底，平台註冊用戶達1.36億。

        會議方面，期內平台共舉辦會議約3.9億場。

        期內毛利率為58.9%，按年上升4.2個百分點。
        """)
    assert [t for s, v, u, t in got if v in (58.9, 4.2)] == ["2024-06-30", "2024-06-30"]


def test_a_results_storys_margin_and_research_spending_are_the_companys(tmp_path: Path):
    got = draft(tmp_path, """\
        雲雀集團中期業績

        2024年8月28日

        雲雀集團昨日公布中期業績，收入按年增長18%至人民幣11億元。

        會議方面，雲端運算會議時長平均為42分鐘。

        期內毛利率為58.9%，研發開支為2.64億元。
        """)
    assert [s for s, v, u, t in got if v in (58.9, 264000000)] == ["larkspur-group", "larkspur-group"]


def test_the_undated_figures_of_a_report_on_a_year_its_title_names_are_that_years(tmp_path: Path):
    got = draft(tmp_path, """\
        云雀集团2024年发展公报

        2025年3月12日

        全年云雀集团实现营业收入63亿元，比上年增长7.1%。
        """)
    assert [t for s, v, u, t in got] == ["2024", "2024"]


def test_a_report_or_plan_name_opening_on_an_ordinal_is_proposed_and_a_places_plan_sets_the_places_targets(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        Users grow

        Published: 2025-03-21

        The number reached 57 million, according to the 55th Statistical Report on Note Apps released on Friday.

        Larkspur's 14th Five-Year Plan for Note Apps, issued in 2022, requires that 90 percent of offices use note apps by 2025.
        """, {**FACTS, "entities/place.yaml": """
        entities:
          - id: larkspur-land
            type: Place
            name: {en: Larkspur}
            mentions: {seed-doc: 1}
        """, "entities/known.yaml": FACTS["entities/known.yaml"].replace("aliases: {en: [Larkspur]}", "aliases: {en: [Larkspur Co]}")})
    assert "55th Statistical Report on Note Apps" in names.values()
    assert [o["subject"] for o in d["observations"] if o["value"] == 90] == ["larkspur-land"]


def test_an_amount_written_after_a_currency_code_is_no_name(tmp_path: Path):
    d, names = drafted(tmp_path, """\
        Larkspur results

        Published: 2025-02-26

        Larkspur Group reported revenue of RMB1.46 billion, up 23.4% from RMB1.18 billion a year earlier.
        """)
    assert not [n for n in names.values() if n.startswith("RMB")]
    assert {o["subject"] for o in d["observations"]} == {"larkspur-group"}


def test_tai_counts_machines_of_any_kind_and_servers_by_their_noun(tmp_path: Path):
    got = draft(tmp_path, """\
        云雀集团

        2025年5月17日

        云雀集团今年已售出录音笔20万台。云雀集团上月新增1万台云端服务器。
        """)
    assert {(v, u) for s, v, u, t in got} == {(200000, "item"), (10000, "server")}


def test_a_lead_in_line_ending_in_a_colon_captions_the_bulleted_rows_under_it(tmp_path: Path):
    got = draft(tmp_path, """\
        Note apps

        Published: 2025-06-30

        Our checks on the note-taking market continued this quarter, with vendors cutting prices.

        Note-taking vendors, share of 2024 segment revenue (change vs 2023 in ppt):

        - Larkspur Group: 33.8% (+1.6)

        - Quill: 19.5% (-0.8)
        """)
    assert {(s, v, t) for s, v, u, t in got if u == "percent"} == {("larkspur-group", 33.8, "2024"), ("quill", 19.5, "2024")}


def test_an_investor_named_alone_is_still_no_subject_and_a_dated_earlier_end_dates_only_itself(tmp_path: Path):
    got = draft(tmp_path, """\
        Larkspur grows

        Published: 2024-10-10

        Larkspur Group's app is now used by 2,380 schools, up from 1,540 at the end of June last year, and reaches about 9,400 classrooms.

        In March the company closed a Series B round led by Heron Capital, and its staff has grown to about 320.
        """)
    assert [t for s, v, u, t in got if v == 9400] == ["2024-10-10"]
    assert [s for s, v, u, t in got if v == 320] != ["Heron Capital"]


def test_we_in_an_interviews_answers_is_the_interviewees_company_not_the_last_one_named(tmp_path: Path):
    got = draft(tmp_path, """\
        專訪雲雀集團執行長林家豪：協作軟體的下一步

        2024年11月18日

        問：競爭對手表現如何？

        答：「羽筆文檔做得很好。我們的客戶平均每家每月簽約量約310份。」
        """)
    assert [s for s, v, u, t in got if v == 310] == ["larkspur-group"]
