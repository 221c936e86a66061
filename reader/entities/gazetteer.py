"""Names whose type the models often get wrong: countries, cities, regions, bodies.

Kept small and general (the places and organisations news in these three languages keeps
naming); an entry fixes a label or lets a rule accept a word, never invents text.
Ukrainian entries are lemmas (lower case, nominative) matched through pymorphy3.
"""

from __future__ import annotations

_COUNTRIES_EN = """
Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Belarus Belgium Bolivia
Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chile China Colombia Croatia Cuba Cyprus Czechia
Denmark Egypt Estonia Ethiopia Finland France Georgia Germany Ghana Greece Hungary Iceland India
Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan
Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mali Malta Mexico Moldova Mongolia Montenegro
Morocco Myanmar Nepal Netherlands Nigeria Norway Pakistan Palestine Peru Philippines Poland Portugal
Qatar Romania Russia Rwanda Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland
Syria Taiwan Tajikistan Thailand Tunisia Turkey Turkmenistan Uganda Ukraine Uruguay Uzbekistan
Venezuela Vietnam Yemen Zambia Zimbabwe Europe Asia Africa America Crimea Donbas Donbass Gaza
"""
_MULTI_EN = [
    "United States", "United Kingdom", "South Africa", "South Korea", "North Korea", "New Zealand",
    "Saudi Arabia", "United Arab Emirates", "Czech Republic", "Hong Kong", "Sri Lanka", "West Bank",
    "Latin America", "North America", "South America", "Middle East", "Black Sea", "Baltic Sea",
    "the US", "U.S.", "UK", "US", "USA", "EU", "Britain", "Great Britain", "Earth",
]
_CITIES_EN = """
Kyiv Kiev Kharkiv Odesa Odessa Lviv Dnipro Zaporizhzhia Mariupol Donetsk Luhansk Kherson Mykolaiv
Bakhmut Avdiivka Sumy Chernihiv Poltava Vinnytsia Zhytomyr Bucha Irpin Sevastopol Simferopol
Moscow Minsk Warsaw Berlin Paris London Brussels Vienna Rome Madrid Lisbon Prague Budapest
Bucharest Sofia Athens Ankara Istanbul Vilnius Riga Tallinn Helsinki Stockholm Oslo Copenhagen
Amsterdam Geneva Davos Munich Hamburg Milan Washington Beijing Shanghai Tokyo Seoul Delhi Mumbai
Tehran Baghdad Damascus Jerusalem Cairo Dubai Doha Riyadh Ottawa Toronto Sydney Brisbane Melbourne
Glasgow Edinburgh Manchester Dublin Chicago Boston Texas California Florida
"""
_ORG_EN = [
    "NATO", "UN", "United Nations", "European Union", "European Commission", "European Parliament",
    "Pentagon", "Kremlin", "White House", "State Department", "Congress", "Senate", "Verkhovna Rada",
    "IMF", "World Bank", "OSCE", "IAEA", "WHO", "G7", "G20", "FBI", "CIA", "SBU", "Reuters",
    "Associated Press", "BBC", "CNN", "Google", "Facebook", "Twitter", "Meta", "Microsoft", "Apple",
    "Amazon", "Gazprom", "Naftogaz", "Armed Forces",
    # the largest companies and platforms the news names alone (the model takes many for people)
    "Alphabet", "YouTube", "Instagram", "WhatsApp", "TikTok", "Telegram", "Netflix", "Spotify", "Reddit",
    "Uber", "PayPal", "eBay", "Alibaba", "Tencent", "Huawei", "Samsung", "Sony", "Toyota", "Volkswagen",
    "Nvidia", "Intel", "IBM", "Oracle", "Boeing", "Airbus", "Walmart", "Nike", "Pfizer", "Moderna",
    "ExxonMobil", "Rosneft", "Lukoil", "Disney", "OpenAI", "SpaceX", "Starlink",
]

EN_LOC = frozenset(_COUNTRIES_EN.split()) | frozenset(_CITIES_EN.split()) | frozenset(_MULTI_EN) - {"EU"}
EN_ORG = frozenset(_ORG_EN) | {"EU"}

#: Ukrainian lemmas of countries, regions, cities and rivers the news keeps naming.
UK_LOC = frozenset("""
україна росія білорусь польща молдова румунія угорщина словаччина литва латвія естонія грузія
вірменія азербайджан казахстан німеччина франція італія іспанія британія англія велика-британія
нідерланди бельгія австрія швейцарія швеція фінляндія норвегія данія чехія туреччина ізраїль
іран китай японія індія сша америка канада європа азія африка крим донбас кавказ сибір
київ львів харків одеса дніпро запоріжжя донецьк луганськ херсон миколаїв маріуполь бахмут
суми чернігів полтава вінниця житомир черкаси кропивницький кіровоград рівне луцьк тернопіль
ужгород чернівці івано-франківськ хмельницький краматорськ слов'янськ севастополь сімферополь
ірпінь буча мелітополь бердянськ кривий-ріг нікополь енергодар ізюм куп'янськ авдіївка
москва мінськ варшава берлін париж лондон брюссель відень рим мадрид прага будапешт бухарест
вільнюс рига таллінн гельсінкі стокгольм вашингтон нью-йорк пекін токіо анкара стамбул
дніпро дністер дунай десна прип'ять буг карпати поділля галичина волинь буковина закарпаття
""".split())
UK_ORG = frozenset("""
нато оон євросоюз мвф сбу збу нбу ввс зсу мзс мвс мон моз нафтогаз укрзалізниця укренерго
альянс укрпошта укрнафта укрексімбанк приватбанк ощадбанк кмда верховна-рада кабмін уряд
""".split())


def label_for(surface: str, lang: str) -> str | None:
    """The label a known English name always has, or None."""
    key = " ".join(surface.split())
    if lang == "en":
        if key in EN_ORG:
            return "ORG"
        if key in EN_LOC:
            return "LOC"
    return None
