"""The v1 reaction rules: weighted regular expressions per label (docs/reactions.md).

Each rule adds its weight, in logit units, to its label's score when it matches the lower-cased, normalized
comment; a label's probability is ``sigmoid(BIAS + sum of fired weights)`` with each rule counted once. With
``BIAS = -4``: one strong rule (5.5) gives 0.82, one medium rule (4.3) gives 0.57, one weak rule (2.5) 0.18, so a
weak rule needs a second cue. Negative weights encode the exceptions that decide hard cases (indifference,
negation, sarcasm quotes). ``only_title`` / ``unless_title`` make a rule depend on the headline or video
title, which the guide uses as context.

Patterns never contain capturing groups (the matcher names each rule's group to know which one fired), and
are written for text that is already NFKC-normalized with elongations collapsed (ㅋㅋㅋ, ㅠㅠ, !!!, soo).
Korean verbs have no morphological analyser here, so stems are spelled with their common inflections.
"""
from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    pattern: str
    weight: float
    only_title: str | None = None
    unless_title: str | None = None


BIAS = -4.0
STRONG, MEDIUM, WEAK = 5.5, 4.3, 2.5

# Korean stems with their usual inflections.
SAGWI = r"(?:사귀|사겨|사귄|사귈|사겼)"                                 # 사귀다: 사귀어/사겨/사귄다/사귈/사겼다
MARRY = r"결혼"
SUIT = r"어울(?:려|린|리|림|렸|릴)"                               # 어울리다
NOT_BEFORE = r"(?<!안)(?<!안 )(?<!못)(?<!못 )"                     # "안 사귀어" is not a wish or a claim

# Headlines that report a confirmed relationship, wedding, birth or break-up (context for congrats / "I knew it").
NEWS_WEDDING = (
    r"결혼(?:식|한다|합니다|했|발표|소식| ?골인| ?앞둔| ?\d)|\d+[월일] ?결혼|(?:과|와|랑) ?결혼|재혼|웨딩|백년가약|장가|시집"
    r"|wedding|married|engaged"
)
NEWS_CONFIRMED = (
    NEWS_WEDDING + r"|열애 ?(?:인정|공개|중)|공개 ?열애|럽스타|교제 ?(?:중|인정)|커플 ?등극|득남|득녀|출산|임신|아빠 ?(?:됐|된)"
    r"|엄마 ?(?:됐|된)|탄생|품절|are dating|confirm|baby|pregnan"
)

# Well-known couples that fans invoke: (Hangul a, Hangul b, Hangul nickname, romanized a, romanized b, nickname).
FAMOUS_COUPLES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("송중기", "송혜교", "송송 ?커플|송송", "song joong ?ki", "song hye ?kyo", "song ?-?song"),
    ("현빈", "손예진", "빈진 ?커플|현손 ?커플", "hyun ?bin", "son ye ?jin", "binjin"),
    ("비", "김태희", "비태희", "rain", "kim tae ?hee", "rain ?-?tae ?hee"),
    ("장동건", "고소영", "장고 ?커플", "jang dong ?gun", "ko so ?young", "jang-ko"),
    ("이병헌", "이민정", "병헌 ?민정", "lee byung ?hun", "lee min ?jung", "byunghun-minjung"),
    ("권상우", "손태영", "권손 ?커플", "kwon sang ?woo", "son tae ?young", "kwon-son"),
    ("지성", "이보영", "지보 ?커플", "ji sung", "lee bo ?young", "jisung-boyoung"),
    ("연정훈", "한가인", "정훈 ?가인", "yeon jung ?hoon", "han ga ?in", "junghoon-gain"),
    ("원빈", "이나영", "원빈 ?이나영", "won ?bin", "lee na ?young", "wonbin-nayoung"),
    ("안재현", "구혜선", "안구 ?커플", "ahn jae ?hyun", "ku hye ?sun", "ahn-ku"),
    ("이상순", "이효리", "효리 ?상순", "lee sang ?soon", "lee hyo ?ri", "hyori-sangsoon"),
    ("최수종", "하희라", "수종 ?희라", "choi soo ?jong", "ha hee ?ra", "soojong-heera"),
    ("박서준", "박민영", "서준 ?민영", "park seo ?joon", "park min ?young", "seojoon-minyoung"),
    ("이종석", "아이유", "종석 ?아이유", "lee jong ?suk", "iu", "jongsuk-iu"),
)


def _couple_rules() -> list[Rule]:
    rules = []
    for a, b, nick, ea, eb, enick in FAMOUS_COUPLES:
        ko = rf"(?<![가-힣]){a}.{{0,8}}{b}|{b}.{{0,8}}(?<![가-힣]){a}(?![가-힣]{{2}})|{nick}"
        en = rf"\b(?:{ea}.{{0,8}}{eb}|{eb}.{{0,8}}{ea}|{enick})\b"
        # The couple under discussion is not a comparison: suppress when the headline names them.
        rules.append(Rule(ko, MEDIUM, unless_title=f"{a}|{b}|{nick}"))
        rules.append(Rule(en, MEDIUM, unless_title=f"{ea}|{eb}|{enick}|{a}|{b}"))
    return rules


RULES: dict[str, list[Rule]] = {
    "ship": [
        Rule(NOT_BEFORE + SAGWI + r"(?:어|여)? ?(?:라|랏|줘|주세요|주세여|주라|주면|버려|봐라|보세요|세요|자|길|기를|었으면|었음|으면|음 ?좋|면 좋겠)", STRONG),
        Rule(r"사귀어(?:요|용)?!", MEDIUM),
        Rule(NOT_BEFORE + MARRY + r" ?(?:해라|해줘|해주세요|하세요|하자|하길|하시길|했으면|하면 좋겠|해요!|해(?=$|[!~.ㅠㅋ ])|합시다|까지 가|골인|가자)", STRONG,
             unless_title=NEWS_WEDDING),
        Rule(r"겨론해|결혼 ?추진|현실 ?결혼|결혼 ?(?:해랏|해주세여|하시라|시켜야)|결혼 ?발표(?:로|하길|하세요)|(?:사귀|사겨|결혼)(?:면|도 ?하면) ?(?:어때|더 ?좋)|만나 ?보는 ?(?:게|것도) ?어떻", STRONG),
        Rule(r"현커|현실 ?커플 ?(?:가자|되|됐으면|되길|해)", STRONG),
        Rule(r"(?:현실|실제)(?:에서|로)?도? ?(?:이어|사귀|사겨|만나|커플)", STRONG),
        Rule(r"이어(?:지길|지기를|졌으면|져라|져랏|지면 좋겠|줘|주세요)", STRONG),
        Rule(r"(?:연애|열애|데이트|썸) ?(?:좀 )?(?:해라|해줘|해주세요|하세요|했으면|하길)", STRONG),
        Rule(r"(?:진짜|찐|사실|실제)(?:였|이었|이였)?(?:으면|음) ?(?:좋겠|해|한다)", MEDIUM),
        Rule(r"둘이 ?(?:잘 ?(?:되|돼)(?:길|기를|었으면|면 좋겠|라)|만나(?:라|봐|보길)|그냥)", MEDIUM),
        Rule(r"(?:제발|그냥) ?(?:둘이 )?(?:사귀|사겨|결혼|연애|만나)", MEDIUM),
        Rule(r"(?:밀당|튕기지) ?(?:그만|말고)|응하라|일 ?(?:좀 )?(?:내라|내줘|냈으면)", MEDIUM),
        Rule(r"(?:사귀|사겨|연애|결혼|만나)(?:는|기|길|면) ?(?:추천|응원|바라|바랍|기도)", STRONG),
        Rule(r"\bi (?:\w+ )?ship (?:them|it|this|these)|\bshipping (?:them|these)|\bi'?m shipping|\bship(?:ping)? them\b", STRONG),
        Rule(r"\b(?:just |please |pls |plz |go )(?:date|marry|kiss|get married)\b|\bdate already|\bmarry (?:her|him|each other) already", STRONG),
        Rule(r"\b(?:they|you two|both of them|these two) (?:should|need to|have to|must) (?:date|marry|get married|be together|be a couple)", STRONG),
        Rule(r"\bmake it real|\bplease be real|\bplease let (?:it|this|them) be (?:real|true)|\bstop being professional", STRONG),
        Rule(r"\b(?:i |we )?(?:hope|wish|want|need) (?:them|they|these two|you two) (?:to )?(?:get together|date|marry|end up|be together|are dating|'re dating)", STRONG),
        Rule(r"\botp\b|\bendgame\b|\bmy ship\b|\bsail(?:ing)? (?:this|my) ship", MEDIUM),
        Rule(r"\bget married\b|\bmarry (?:him|her)\b", WEAK),
        Rule(r"付き合って(?:ほしい|欲しい|ください)|結婚して(?:ほしい|欲しい|ください)", STRONG),
        Rule(r"\b(?:que se casen|cásense|casense|que sean novios|casem|namorem)\b", STRONG),
        Rule(r"\b(?:jadian|nikah) (?:aja|dong|deh)\b|\bsemoga (?:jadian|jodoh|beneran)", STRONG),
        Rule(r"จิ้น|อยากให้(?:คบ|แต่งงาน)", STRONG),
        # Indifference is not a wish.
        Rule(SAGWI + r"(?:든|던) ?(?:말든|말던|안|헤어지든)|who cares (?:if|who|whether)", -8.0),
    ],
    "dating_claim": [
        Rule(r"\d{2,3} ?%|찐(?:이다|이네|인듯|인 듯|이야|이에요|이구나|이었|임|커플|사랑|이라니)|빼박", STRONG),
        Rule(NOT_BEFORE + SAGWI + r"(?:는|은) ?(?:(?:거|게|것|건) ?(?:맞|같|확실|틀림|분명)|듯|중(?:이|인)|사이 ?맞)", STRONG),
        Rule(r"안 ?사귀는 ?(?:게|것도|거|건) ?(?:이상|말이|말이 ?돼)", STRONG),
        Rule(NOT_BEFORE + SAGWI + r"(?:네|는구나|는 듯|는듯|나 봄|나봄|나 보네|나보네|긴 ?한|긴 ?했|다 ?헤어|는데 ?(?:숨|왜|뭘)|었네|었구나|었을|었던 ?거|었다가|고 있(?:네|다|는|었))", STRONG),
        Rule(SAGWI + r"(?:는|은) ?(?:거|게|것|건|사이) ?아니(?:야|냐|에요|예요|니|지|겠어|신가|었)? ?\?|" + SAGWI + r"(?:는|은)? ?(?:거|게)? ?아니냐", STRONG),
        Rule(r"(?:열애설|열애|결혼 ?(?:발표|소식|기사)|발표) ?(?:곧|조만간)? ?(?:뜰|뜨|날|나겠|하겠|할 ?(?:듯|거|것)|각)|곧 ?(?:열애|결혼 ?발표|발표)", STRONG),
        Rule(r"결혼(?:하겠네|할 ?듯|할 ?거 ?같|할 ?것 ?같|하겠다|하겠구만|까지 ?가겠)", MEDIUM, unless_title=NEWS_WEDDING),
        Rule(r"부인하는 ?(?:듯|거 ?보니)|(?:뜰|발표할|터질) ?(?:것|거) ?같|(?:안|못) ?믿(?:김|겨|어|는다|음|을)|믿을 ?수가? ?없|누가 ?믿|믿는 ?사람|아니라고 ?해놓고|부인하는 ?거 ?보니|숨기는|비밀 ?연애", STRONG),
        Rule(r"연기가 ?아니|(?:눈빛|표정)(?:이|은)? ?(?:진심|찐|진짜)|진짜 ?좋아하는|좋아하는 ?게 ?(?:눈에 )?보|썸 ?(?:타|이네|맞)", STRONG),
        Rule(r"분명 ?(?:사귀|뭐 ?있|뭔가|둘이)|뭔가 ?(?:있|있다|있어|있네)|(?:같이|함께) ?(?:있는|찍힌|쇼핑|여행).{0,10}(?:사진|목격)", MEDIUM),
        Rule(r"(?:내 ?)?(?:그럴|이럴) ?(?:줄|쭐) ?알았|역시 ?(?:그렇지|사귀|둘이|맞)|예상했|촉이 ?맞", STRONG, only_title=NEWS_CONFIRMED),
        Rule(r"(?:내 ?)?(?:그럴|이럴) ?(?:줄|쭐) ?알았", WEAK),
        Rule(r"\bthey(?:'re| are|re)? (?:\d+ ?% |definitely |totally |so |obviously |100% |clearly |secretly |already |actually |really )*(?:dating|together|a couple|in love|married)\b", STRONG),
        Rule(r"\b(?:dating|wedding|marriage|engagement) (?:news|announcement|rumou?rs?) (?:in|soon|incoming|coming)|\bcalling it\b|\bmark my words", STRONG),
        Rule(r"\b(?:that'?s|that is|this is|it'?s) not (?:just )?acting|\bno way (?:they'?re|they are) (?:just )?friends|\bcan'?t be fake|\bthey must be dating|\bsecretly dating", STRONG),
        Rule(r"\bjust friends['\"”’]? my (?:foot|ass|butt)|['\"“‘]just friends['\"”’]|\byeah (?:sure|right),? (?:they'?re )?just", STRONG),
        Rule(r"\bi knew it\b|\bcalled it\b", STRONG, only_title=NEWS_CONFIRMED),
        Rule(r"\bi knew it\b", WEAK),
        Rule(r"\b(?:están|estan) saliendo|\bestão namorando|\bpacaran\b|付き合ってる|ตบแต่งกันจริง|คบกันจริง", STRONG),
        Rule(SAGWI + r"(?:든|던) ?(?:말든|말던|안|헤어지든)|who cares (?:if|who|whether)", -8.0),
    ],
    "denial": [
        Rule(r"(?:그냥|친한|좋은|직장)? ?동료(?:일 ?뿐|사이|잖|지|로|일|야)|선후배 ?사이|친한 ?(?:사이|친구|동생|오빠|누나)(?:일 ?뿐|잖|지|래|라)|친구(?:일 ?뿐|사이)", STRONG),
        Rule(r"망붕|망상 ?(?:그만|적당|좀)|소설 ?(?:쓰지|그만|쓰네|쓴다|좀)|김칫국", STRONG),
        Rule(r"엮(?:지 ?(?:좀 )?(?:마|말)|는 ?거 ?(?:그만|적당)|지좀)|(?:그만|억지로) ?(?:좀 )?(?:엮|이어 ?붙|이어)", STRONG),
        Rule(r"연기(?:를|가)? ?(?:잘 ?한 ?거|잘해서|잘했을 ?뿐|일 ?뿐|한 ?거지|였을 ?뿐|잖아)|연기는 ?연기|드라마는 ?드라마", STRONG),
        Rule(r"아니(?:라잖|래잖|라는데|라고 ?(?:하잖|했잖|하는데|하면)|랍니다|라니까|래도)|부인했(?:잖|는데)|사실무근이(?:라잖|라는데 ?(?:왜|그만))", STRONG),
        Rule(r"(?:좀 ?)?(?:놔둬|놔두|냅둬|내버려|놓아주|가만 ?(?:좀 )?(?:둬|놔|냅))|사생활(?:이|은|좀)? ?(?:존중|보호|지켜)|그만 ?(?:좀 )?(?:해|하자|들 ?하)|적당히 ?(?:좀 )?(?:해|들)", MEDIUM,
             unless_title=NEWS_CONFIRMED),
        Rule(r"안 ?사귀는 ?(?:게|것도|거|건) ?(?:이상|말이|말이 ?돼)", -9.0),
        Rule(r"(?:안|못) ?" + SAGWI + r"(?:어|는|다|잖|네|는데|는 ?거|는 ?듯|는 ?게|요)(?! ?\?)(?!\s?(?:거|게)?면)|" + SAGWI + r"(?:는|은) ?(?:거|게|건|사이) ?아니(?:다|야|래|라|에요|예요|잖|지|네|었)(?! ?\?)(?!냐)", STRONG),
        Rule(r"(?<!할 )(?<!할)일 ?없(?:다|대|다잖|다는데|음|습니다)|사이 ?아니", MEDIUM),
        Rule(r"(?:둘이|이 ?둘|둘은|절대) ?(?:안 ?돼|안 ?됨|반대)|(?:결혼|열애|연애) ?반대", STRONG),
        Rule(r"\bjust (?:good |close |best )?(?:friends|colleagues|coworkers|co-?workers|co-?stars|costars)\b", STRONG),
        Rule(r"\bstop (?:shipping|pairing|it)\b|\bit'?s (?:called |just |only )acting|\bthey'?re (?:just )?(?:professionals|actors)\b|\bdelulu|\bdelusional", STRONG),
        Rule(r"\bleave them alone|\blet them (?:be|live)|\brespect their privacy|\bthey(?:'re| are) not (?:dating|together|a couple)|\bnot dating\b", STRONG,
             unless_title=NEWS_CONFIRMED),
        Rule(r"\bjust friends['\"”’]? my (?:foot|ass|butt)|['\"“‘]just friends['\"”’]|\byeah (?:sure|right),? (?:they'?re )?just", -9.0),
        Rule(SAGWI + r"(?:든|던) ?(?:말든|말던|안|헤어지든)|who cares (?:if|who|whether)", -8.0),
    ],
    "couple_comparison": [
        *_couple_rules(),
        Rule(r"제2의|제 ?2의|(?:커플|부부)(?:처럼|같(?:이|은|다|네)|느낌|생각 ?(?:나|난)|보는 ?(?:듯|것 ?같))|전철 ?(?:밟|을)|(?:의|처럼) ?(?:뒤를|길을) ?(?:따르|걷)", MEDIUM),
        Rule(r"\bthe next [a-z]+(?: [a-z]+)? (?:and|&) [a-z]+|\bgives? (?:me )?[a-z\- ]{2,30} (?:couple )?vibes|\breminds? me of [a-z\- ]{2,30} couple|\blike [a-z\- ]{2,30} couple\b", MEDIUM),
    ],
    "chemistry": [
        Rule(r"케미|chemistry|\bchem\b|케미스트리", STRONG),
        Rule(NOT_BEFORE + r"(?:잘|너무|넘|진짜|완전|참|정말|넘나|되게|딱)? ?" + SUIT, STRONG),
        Rule(r"찰떡|달달|꿀 ?떨어|설레|설렘|설렌|심쿵|선남선녀|그림 ?같|천생연분|투샷|잘 ?맞(?:는|아|네)|궁합", MEDIUM),
        Rule(r"(?:바라보는|쳐다보는|보는) ?(?:눈빛|눈|표정)|눈빛|(?:둘이|둘|두 ?(?:분|사람)(?:이)?) ?(?:너무|넘|진짜|참)? ?(?:보기 ?좋|예쁘|이쁘|귀엽|사랑스|멋지|아름답|행복해 ?보)", MEDIUM),
        Rule(r"\bthe way (?:he|she|they) (?:looks?|stares?|smiles?) at\b|\b(?:look|looks|are) (?:so |really |very )?(?:good|great|perfect|cute|adorable|beautiful|amazing) together|\b(?:so |really )?cute together|\bperfect (?:together|couple|match)|\bsuit each other|\bmade for each other|\bcouple goals|\bsparks?\b|\bthe tension\b|\btheir (?:dynamic|energy|vibes?)\b", STRONG),
        Rule(r"お似合い|ケミ|\bcocok banget|\bserasi\b|เคมี|\bhacen (?:una )?(?:bonita )?pareja|\bcombinam\b", STRONG),
        # Denying the fit is not praise of it.
        Rule(r"(?:안|못) ?" + SUIT + r"|" + SUIT + r"지 ?(?:않|않|못)|궁합 ?(?:아니|안 ?맞)|\bdon'?t suit|\bno chemistry|\bzero chemistry", -7.0),
    ],
    "visuals": [
        Rule(r"비주얼|얼굴 ?(?:천재|합|미쳤|복지|최고)|존잘|존예|잘생(?:겼|긴|김|기|겨)|미모|미남|미녀|훈남|훈녀|여신|남신|꽃미남|외모|피지컬|(?:너무|넘|진짜|정말|참|완전|되게) (?:예쁘|이쁘|예뻐|이뻐|멋있|멋지|멋져|아름답)", STRONG),
        Rule(r"(?:예쁘|이쁘|예뻐|이뻐|멋있|멋지|멋져|아름답|귀엽|귀여|동안|잘 ?생)(?:다|네|어|요|당|고|심|세요|시|ㅠ|ㅋ|!|~|\.|$)", MEDIUM),
        Rule(r"못생|얼굴 ?(?:크|이상|왜|별로)|뚱뚱|살 ?(?:쪘|찐)|성형", MEDIUM),
        Rule(r"\bvisuals?\b|\bhandsome|\bgorgeous|\bbeautiful\b|\bpretty\b|\bstunning|\bso hot\b|\bface card|\bgood[- ]looking|\bsexy\b|\bcute\b|\bugly\b", STRONG),
        Rule(r"\bcantik|\bganteng|\bguapa|\bguapo|\blind[ao]\b|\bhermos[ao]|สวย|หล่อ|かっこいい|かわいい|可愛い|綺麗|美人|イケメン", STRONG),
    ],
    "acting": [
        Rule(r"연기|연기력|발연기|배역|캐릭터|명장면|장면|씬|\b\d+ ?화|몇 ?화|회차|결말|엔딩|시청률|대본|작가|감독|각본|연출|ost", STRONG),
        Rule(r"드라마|작품|영화|시즌 ?\d|정주행|본방|재방|몰입|스토리|전개|시리즈|극 ?중|극중|방송|프로그램|불시착|사랑불", MEDIUM),
        Rule(r"재밌|재미있|재미없|재밋|꿀잼|노잼|명작|수작|망작|졸작|인생작|믿고 ?보는", MEDIUM),
        Rule(r"\bacting\b|\bactor|\bactress|\bperformance|\bepisode|\bep ?\d+|\bscene|\bplot\b|\bstory ?line|\bscript|\bdirector|\bwriter|\bseason \d|\bratings?\b|\bk-?drama|\bdrama\b|\bseries\b|\bfinale|\bcast\b|\bost\b|\bcinematography", STRONG),
        Rule(r"演技|ドラマ|\bactuación|\bnovela\b|\bepisodio|\bepisódio|\bakting\b|\baktingnya|\bdrakor|ละคร|การแสดง", STRONG),
    ],
    "congrats": [
        Rule(r"축하|축복|결혼 ?축|득남 ?축|득녀 ?축|순산|백년해로|꽃길|예쁜 ?사랑|이쁜 ?사랑|행복(?:하세요|하게 ?(?:잘 ?)?(?:사|지내|살)|하시길|하길|하기를|하시고|하자|하셔|하소서)|잘 ?(?:사세요|살아|살길|사시길|살기를)|오래오래|건강(?:하게|히) ?(?:잘 ?)?(?:자라|크|키우|사세요|출산)|힘내(?:세요|요|시길)", STRONG),
        Rule(r"결혼 ?(?:하세요|하시길|잘 ?하)|행복하게", MEDIUM, only_title=NEWS_WEDDING),
        Rule(r"(?:응원|축하)(?:합니다|해요|할게|드려|드립|하겠)|좋은 ?소식|잘 ?됐(?:다|네|어요)|잘 ?되었네|부럽(?:다|네)|예쁘게 ?(?:사|키우)|이쁘게 ?(?:사|키우)", MEDIUM, only_title=NEWS_CONFIRMED),
        Rule(r"\bcongrat(?:s|ulations|ulation)?\b|\bcongrats\b|\bbest wishes|\bhappy for (?:them|you|both|the couple)|\bwishing (?:them|you|the couple) (?:all )?(?:the best|happiness|a happy)|\bhappily ever after|\bstay (?:happy|strong)\b|\bhang in there", STRONG),
        Rule(r"おめでとう|\bfelicidades|\bfelicitaciones|\bparab[ée]ns\b|\bselamat (?:ya|atas|menempuh|buat|untuk)|\bhappy wedding|ยินดีด้วย", STRONG),
    ],
    "hate": [
        # Group slurs and gender-hate words: the kocohub "hate" class.
        Rule(r"한남|한녀|김치녀|김치남|된장녀|꼴페미|페미(?:년|들|충|나치)|메갈|워마드|쿵쾅|보슬아치|맘충|틀딱|급식충|틀딱충|한남충|메갈충|일베충|진지충|설명충|노인충|짱깨|쪽바리|홍어|전라디언|개돼지|김치년", STRONG + 1.5),
        Rule(r"미친(?:년|놈|새끼|것)|(?:이|저|그|개|썅|씹|미친|늙은|나쁜|개같은|더러운|못생긴)(?:년|놈)(?:들|아|이)?|년들|놈들|계집|꽃뱀|창녀|걸레|창년|화냥|보지|자지|성괴|성형괴물", STRONG),
        Rule(r"씨발|시발|씨바|시바(?:알|럴|ㄹ)|씨팔|ㅅㅂ|ㅆㅂ|ㅅ ?ㅂ|ㅆㅃ|썅|씹|좆|ㅈ같|좃같|존나|졸라|ㅈㄴ|병신|븅신|빙신|ㅂㅅ|ㅄ|지랄|ㅈㄹ|개새끼|새끼|새기|쌔끼|색기|ㅅㄲ|애미|애비|느금|니미|엠창|꺼져|닥쳐|처먹|쳐먹|뒤져|뒈져|디져|죽어라|죽어버|정신병|찐따|멍청|븅|또라이|도라이|양아치|쓰레기|역겹|역겨|토나|혐오|극혐|기레기|찌질|한심|대가리|면상|꼬라지|싸가지|재수 ?없|구역질|더러운|더럽", STRONG),
        Rule(r"돼지(?!고기|국|갈비|띠|꿈|저금)|뚱뚱|돼지같|못생|오크|호박|늙은|노처녀|아줌마들|퇴물|듣보|관종|약쟁이|열폭|쯧쯧|ㅉㅉ|나대|설치|주제에|꼴 ?보기|꼴값|얼굴 ?(?:못|이상)", MEDIUM),
        Rule(r"\bf+u+c+k+|\bf\*+ck|\bsh[i1]t\b|\bbitch|\bslut|\bwhore|\bcunt|\basshole|\bidiot|\bstupid\b|\bdumb\b|\bmoron|\bloser\b|\btrash\b|\bugly\b|\bdisgusting|\bretard|\bfag|\bnigg|\bchink|\bgold ?digger|\bkys\b|\bkill (?:yourself|urself)|\bpig\b|\bhoe\b|\bpathetic|\bcreep\b|\bfat (?:pig|ass|cow|bitch)", STRONG),
        Rule(r"재앙|듣보|빠순|늙어 ?(?:보|빠)|쪽팔|제정신|자빠|열등|징그|좌빨|싼티|쳐맞|드러(?:운|워)|빨아|노망|개념 ?(?:없|좀)|수준 ?(?:떨어|낮)|정떨|뻔뻔|추하|추잡|꼴불견|사기꾼|범죄자|인성 ?(?:쓰레|보소|봐라|수준)|망해라|망하길|한심|나잇값|주제 ?파악|입 ?닥|미쳤냐|미친 ?(?:거|건|듯|짓)", MEDIUM),
        Rule(r"\bputa\b|\bpendej|\bidiota|\bvadia|\bbabaca|\banjing\b|\bbangsat|\bgoblok|\btolol\b|\bbodoh\b|ควย|เหี้ย|สัส|死ね|ブス|キモい|きもい", STRONG),
    ],
    "spam": [
        Rule(r"https?://|www\.|\b[a-z0-9\-]+\.(?:com|net|org|ly|gl|me|tv|io|kr|co)\b(?:/\S*)?", STRONG),
        Rule(r"\bsub(?:scribe|scribed|scribing|s)?\b.{0,30}\b(?:my|me|channel)|\bmy (?:youtube )?channel|\bcheck (?:out )?(?:my|this|our)\b|\bvisit my|\bfollow me\b|\bplease (?:like|share|subscribe)|\blike this comment|\bsub ?4 ?sub|\bsub for sub|\bsubscribers?\b|\bsubscribe", STRONG),
        Rule(r"\bfree\b.{0,30}\b(?:money|gift|card|iphone|followers|views)|\bmake money|\bearn \$|\bgiveaway|\bpromo ?code|\bwhatsapp|\btelegram|\bclick (?:here|the link)|\bcheck it out\b|\bdon'?t scroll|\bthumbs up so|\bgive it a chance", MEDIUM),
        Rule(r"\bmy (?:new )?(?:song|music|video|cover|mixtape|page|blog|website|instagram)\b", WEAK),
        Rule(r"^(?:i'?m |im )?(?:first|1st)(?:\s*(?:comment|lol|!|yay|yeah))*[!.\s]*$|^(?:일등|1등|첫 ?댓글?|1빠|일빠)[!.\sㅋ]*$", STRONG),
        Rule(r"구독 ?(?:하고|해 ?(?:주|줘)|부탁|좀|눌러|해요|하세요|꾹|과 ?좋아요|&|!)|맞구독|제 ?채널|채널 ?(?:놀러|방문|구경)|놀러 ?오세요|홍보|카톡 ?(?:아이디|친추|문의)|텔레그램|문의 ?(?:주세요|환영)|수익 ?(?:보장|인증)|부업|재택 ?(?:알바|근무)|링크 ?(?:클릭|들어)", STRONG),
        Rule(r"チャンネル登録|\bsuscr[ií]bete|\binscreva-se|\bsubscribe ya\b", STRONG),
    ],
}

# Per-label decision thresholds. "other" has no rules: it is "none of the above" (see LexiconReactionModel).
THRESHOLDS: dict[str, float] = {label: 0.5 for label in (*RULES, "other")}
