"""The v1 sentiment lexicon: weighted terms, negators and intensifiers (Korean, English, emoji, a few others).

A comment's score is ``tanh(sum of term weights / SCALE)``. Korean predicates (``KO_PREDICATES``) also match in
their negated forms, ``안/못 + stem`` and ``stem + 지 않/못/마``, with the sign flipped; English terms are flipped
when a negator sits just before them ("not good", "don't like"). An intensifier just before a term
(너무, 진짜, so, really) multiplies it. ㅠㅠ is sad on its own but deepens the feeling of a comment that already
has one ("너무 좋아요ㅠㅠ" is moved, not sad).
"""
from __future__ import annotations

SCALE = 2.0
NEGATED = -0.8          # a negated term keeps most of its strength with the sign flipped
INTENSIFIED = 1.5
CRYING_ALONE = -0.5     # ㅠㅠ with nothing else to colour it
CRYING_BOOST = 1.25

# Korean predicate stems (verbs/adjectives) that take 안/못 and -지 않다 negation.
KO_PREDICATES: tuple[tuple[str, float], ...] = (
    (r"좋(?!아하)", 1.0), (r"좋아하", 0.8), (r"멋(?:지|있|져)", 1.2), (r"예쁘|이쁘|예뻐|이뻐|예쁜|이쁜", 1.2), (r"잘생", 1.2),
    (r"귀엽|귀여", 1.0), (r"재밌|재미있|재밋|재미나", 1.2), (r"훌륭", 1.2), (r"아름답|아름다", 1.2), (r"설레|설렌|설렘", 1.0),
    (r"행복", 1.0), (r"사랑스", 1.2), (r"웃기", 0.5), (r"부럽|부러", 0.6), (r"대단", 0.8), (r"어울리|어울려|어울린", 1.0),
    (r"고맙|감사", 1.0), (r"기대(?:되|돼|된|하)", 0.8), (r"잘 ?(?:하|한|해|했)", 0.8), (r"따뜻|훈훈|다정", 1.0),
    (r"싫", -1.2), (r"지루", -1.2), (r"짜증", -1.5), (r"답답", -1.0), (r"역겹|역겨", -2.0), (r"더럽", -1.5), (r"불쌍", -0.6),
    (r"한심", -1.5), (r"어이(?:없|가 ?없)", -1.2), (r"유치", -1.0), (r"아깝|아까", -0.8), (r"실망", -1.5), (r"불편", -1.0),
    (r"불쾌", -1.5), (r"슬프|슬퍼", -0.6), (r"아쉽|아쉬", -0.6), (r"무섭|무서", -0.4), (r"후회", -1.2), (r"오글", -1.0),
    (r"구리|구려|구림", -1.2), (r"못생", -1.5), (r"재미없|재미 ?없|재미가 ?없", -1.5), (r"뻔하|뻔한|뻔해", -1.0),
)

# Korean nouns, slang and fixed expressions (no negated form).
KO_TERMS: tuple[tuple[str, float], ...] = (
    (r"최고", 1.5), (r"짱", 1.2), (r"대박", 1.0), (r"사랑(?:해|합니다|해요|함|한다)", 1.5), (r"축하", 1.5), (r"감동", 1.2),
    (r"꿀잼", 1.5), (r"명작|수작|인생 ?(?:드라마|작|영화)|레전드|걸작", 1.5), (r"존잘|존예|훈남|미남|미녀|여신|남신", 1.2),
    (r"완벽", 1.2), (r"응원", 1.0), (r"힐링", 1.2), (r"케미", 0.8), (r"비주얼", 1.0), (r"추천", 0.8), (r"믿고 ?보", 1.2), (r"굿", 0.8),
    (r"축복|꽃길|백년해로", 1.2), (r"소름", 0.4), (r"갓", 0.6), (r"잘 ?(?:어울|사세요|살아|되길|됐)", 1.0), (r"멋쟁이|천재", 0.8),
    (r"최악", -2.0), (r"별로", -1.2), (r"노잼", -1.5), (r"쓰레기", -2.0), (r"망작|졸작|망했|망함|망하|폭망", -1.5), (r"발연기", -1.5),
    (r"개연성", -0.8), (r"억지", -1.0), (r"비호감|극혐|혐오", -2.0), (r"ㅉ|쯧", -1.2), (r"어쩌라고", -1.0), (r"그닥|그다지", -0.8),
    (r"엉망", -1.5), (r"시간 ?낭비|돈 ?아까|시간 ?아까", -1.5), (r"1점|빵점|0점", -1.2), (r"욕(?:나|먹|하)", -0.8), (r"악플", -0.6),
    (r"씨발|시발|ㅅㅂ|ㅆㅂ|병신|ㅂㅅ|ㅄ|지랄|존나|좆|새끼|미친(?:년|놈)|꺼져|닥쳐|등신|멍청|찐따|한남|김치녀|꼴페미|돼지", -2.0),
    (r"기레기|퇴물|듣보|관종|가식|거짓말|사기|논란|쯧쯧|에휴|헐", -1.0), (r"ㅡㅡ|-_-|;;", -0.6),
)

# English terms; flipped by a preceding negator.
EN_TERMS: tuple[tuple[str, float], ...] = (
    (r"love[sd]?|loving|lovely|adorable|amazing|awesome|beautiful|gorgeous|perfect|wonderful|fantastic|excellent|brilliant", 1.5),
    (r"incredible|masterpiece|stunning|handsome|precious|blessed|obsessed", 1.5),
    (r"great|good|best|cute|sweet|nice|pretty|happy|glad|favou?rite|enjoy(?:ed)?|congrat\w*|wow|cool|fun|funny|like[sd]?", 1.0),
    (r"hate[sd]?|worst|awful|terrible|horrible|disgusting|trash|pathetic|garbage", -2.0),
    (r"bad|boring|ugly|annoying|stupid|cringe|sad|sucks?|disappoint\w*|poor|waste|gross|lame|fake|dislike|meh|overrated|creepy|weird|toxic", -1.2),
    (r"fuck\w*|shit\w*|bitch\w*|idiot\w*|dumb|loser", -2.0),
    (r"hermos[oa]s?|precios[oa]s?|lind[oa]s?|bonit[oa]s?|perfeit[oa]s?|felicidades|felicitaciones|parab[ée]ns|cantik|ganteng|bagus|keren", 1.2),
    (r"fe[oa]s?|horrible|jelek|nyebelin", -1.2),
)

# Scripts without word boundaries; matched as plain substrings.
OTHER_TERMS: tuple[tuple[str, float], ...] = (
    (r"最高|大好き|可愛い|かわいい|素敵|すごい|ありがとう|おめでとう|น่ารัก|ดีมาก|ชอบ|สวย|หล่อ", 1.2),
    (r"最悪|嫌い|気持ち悪い|キモい|ひどい|ブス|เกลียด|แย่|น่าเบื่อ", -1.2),
)

EMOJI: tuple[tuple[str, float], ...] = (
    ("[😍🥰😘❤♥💕💖💗💓💞💘💝😻🤩]", 1.5), ("[😊☺😁😄😆😀🙂👍👏🎉🎊💯✨🙌🤗😃]", 1.0), ("[🥹🥺]", 0.5),
    ("[🤮🤢😡😠🤬👎💩]", -1.8), ("[😒🙄😤😞😔😩😫😑😕☹🙁😣]", -1.0),
)

KO_NEGATION_PREFIX = r"(?:안|못) ?"
KO_NEGATION_SUFFIX = r"(?:지|진|질) ?(?:않|않|못|말|마)"

EN_NEGATOR = (
    r"\b(?:not|never|no|nothing|hardly|isn'?t|wasn'?t|aren'?t|weren'?t|don'?t|doesn'?t|didn'?t|can'?t|couldn'?t"
    r"|won'?t|wouldn'?t|ain'?t|neither|nor)\b(?:\s+\w+)?\s+$"
)
INTENSIFIER = r"(?:너무|진짜|정말|완전|엄청|넘|넘나|개|존나|졸라|겁나|매우|아주|제일|가장|so|very|really|super|extremely|too|soo)\s*$"
CRYING = r"[ㅠㅜ]"
