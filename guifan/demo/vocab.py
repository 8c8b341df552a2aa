"""Word lists for the synthetic procuratorate, written for Guifan (RULES-AND-PROCESS.md §6)."""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉宁鹏飞雪梅海燕晓东俊峰丹亮浩宇婷瑞琳"

PROVINCE = ("980000", "江南省人民检察院", "江南省")
CITY = ("980100", "江州市人民检察院", "江州市")
COUNTIES = (
    ("980102", "江州市临江区人民检察院", "临江"),
    ("980103", "江州市江北区人民检察院", "江北"),
    ("980104", "江州市清河区人民检察院", "清河"),
    ("980121", "云山县人民检察院", "云山"),
    ("980122", "石桥县人民检察院", "石桥"),
    ("980123", "白沙县人民检察院", "白沙"),
    ("980124", "青阳县人民检察院", "青阳"),
    ("980181", "龙泉市人民检察院", "龙泉"),
    ("980125", "安平县人民检察院", "安平"),
    ("980126", "长宁县人民检察院", "长宁"),
)

# The prefix of a procuratorate's case and document numbers (院简称 + 检): 临江检公诉受[2015]…
NUMBER_PREFIX = {"980000": "江南", "980100": "江州"}

# (line, county name, city name, county case-number code, city code, share of staff)
DEPARTMENTS = (
    ("zhenjian", "侦查监督科", "侦查监督处", "侦监", "侦监", 13),
    ("gongsu", "公诉科", "公诉处", "公诉", "公诉", 20),
    ("fantan", "反贪污贿赂局", "反贪污贿赂局", "反贪", "反贪", 12),
    ("fandu", "反渎职侵权局", "反渎职侵权局", "反渎", "反渎", 5),
    ("yufang", "职务犯罪预防科", "职务犯罪预防处", "预防", "预防", 3),
    ("jiansuo", "监所检察科", "刑事执行检察处", "监所", "刑执", 5),
    ("minxing", "民事行政检察科", "民事行政检察处", "民行", "民行", 6),
    ("kongshen", "控告申诉检察科", "控告申诉检察处", "控申", "控申", 5),
    ("weijian", "未成年人检察科", "未成年人检察处", "未检", "未检", 4),
    ("anguan", "案件管理中心", "案件管理处", "案管", "案管", 5),
    ("jijian", "纪检组（监察室）", "纪检组（监察处）", "", "", 3),
    ("zhengzhi", "政治处", "政治部", "", "", 6),
    ("bangong", "办公室", "办公室", "", "", 8),
)

# Which business lines each 副检察长 is in charge of (分管), by position.
DEPUTY_LINES = (
    ("zhenjian", "gongsu", "weijian"),
    ("fantan", "fandu", "yufang"),
    ("jiansuo", "minxing", "kongshen", "anguan"),
    ("jijian", "zhengzhi", "bangong"),
)

TITLES = (
    "检察长",
    "副检察长",
    "检察委员会专职委员",
    "部门负责人",
    "部门副职",
    "检察员",
    "助理检察员",
    "书记员",
)
LEADERS = frozenset(TITLES[:3])
PROSECUTOR_TITLES = frozenset(TITLES[:6])
