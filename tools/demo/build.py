"""Build the Shipwatch demo corpus from comments_src.txt (hand-written comments + intended labels).

Deterministic: the same source gives byte-identical output. Not part of the package."""
import json, random, re, sys
from datetime import datetime, timezone
from pathlib import Path

SRC = Path(__file__).with_name("comments_src.txt")
OUT = Path(sys.argv[1])
TITLE = "[BTS] Summer Static: Tae-oh and Ha-rin can't stop laughing | 여름의 잡음 비하인드"
VIDEO_ID = "sUmMeRsTaT1"
ABBR = {"s": "ship", "d": "dating_claim", "n": "denial", "cc": "couple_comparison", "ch": "chemistry",
        "v": "visuals", "a": "acting", "cg": "congrats", "h": "hate", "sp": "spam", "o": "other"}
NAMES = {"T": "민태오", "H": "서하린"}
PUBLISHED = datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc).timestamp()      # 18:00 KST
RUMOUR = datetime(2026, 10, 6, 1, 0, tzinfo=timezone.utc).timestamp()         # 10:00 KST, day 6
SCRAPED = datetime(2026, 10, 11, 3, 0, tzinfo=timezone.utc).timestamp()
ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
rng = random.Random(20261001)

def rid(n):
    return "".join(rng.choice(ID_CHARS) for _ in range(n))

HANDLE_A = ["summer", "static", "yeoreum", "taerin", "doyun", "hanyeoreum", "kdrama", "dorama", "mint", "peach",
            "moonlight", "seoul", "busan", "latte", "noona", "unnie", "sunny", "drama", "bts", "puddle", "script",
            "saranghae", "jagiya", "binge", "ost", "rain", "honey", "lovely", "cozy", "midnight"]
HANDLE_B = ["lover", "addict", "girl", "fan", "days", "nights", "vibes", "diary", "holic", "watcher", "stan",
            "bean", "cat", "tea", "mood", "life", "world", "notes", "heart", "corner"]
HANDLE_KO = ["태린러", "여름바라기", "도윤이최고", "드라마중독", "본방사수러", "하린덕후", "태오사랑해", "케미수집가",
             "주말드라마", "감자칩", "밤샘정주행", "설렘주의보", "비하인드장인", "귤껍질", "솜사탕구름"]

def random_handle(lang):
    if lang in ("ko", "mixed") and rng.random() < 0.6:
        return "@" + rng.choice(HANDLE_KO) + str(rng.randint(1, 999))
    sep = rng.choice(["_", "", ".", "-"])
    tail = rng.choice(["", str(rng.randint(1, 99)), str(rng.randint(1990, 2009))])
    return "@" + rng.choice(HANDLE_A) + sep + rng.choice(HANDLE_B) + tail

def votes_display(n):
    if n < 1000:
        return str(n)
    k = round(n / 1000, 1)
    return f"{k:g}K"

def time_text(t):
    d = SCRAPED - t
    h, days = int(d // 3600), int(d // 86400)
    if h < 1:
        m = max(1, int(d // 60))
        return f"{m} minute{'s' if m > 1 else ''} ago"
    if h < 24:
        return f"{h} hour{'s' if h > 1 else ''} ago"
    if days < 7:
        return f"{days} day{'s' if days > 1 else ''} ago"
    return "1 week ago"

def parse_source():
    threads = []
    for n, line in enumerate(SRC.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        meta, labels, sent, targets, lang, text = [p.strip() for p in re.split(r"\s*\|\s*", line, maxsplit=5)]
        c = {"src_line": n, "text": text, "lang": lang, "sentiment": int(sent),
             "labels": [ABBR[a] for a in labels.split()], "heart": False, "author": None, "phase": "b",
             "likes": None, "reply": False}
        c["targets"] = [NAMES.get(t, t) for t in targets.split()]
        for tok in meta.split():
            if tok == ">": c["reply"] = True
            elif tok in ("b", "r", "t"): c["phase"] = tok
            elif tok == "h": c["heart"] = True
            elif tok.startswith("@"): c["author"] = tok
            elif tok.isdigit(): c["likes"] = int(tok)
            else: raise SystemExit(f"{SRC}:{n}: bad meta token {tok!r}")
        assert c["likes"] is not None, n
        assert len(set(c["labels"])) == len(c["labels"]), n
        if c["reply"]:
            threads[-1]["replies"].append(c)
        else:
            c["replies"] = []
            threads.append(c)
    return threads

def top_time(phase):
    if phase == "b":      # launch burst: most in the first hours, all within two days
        return PUBLISHED + min(rng.expovariate(1 / (9 * 3600)), 47 * 3600) + rng.uniform(60, 600)
    if phase == "r":      # the rumour article: a spike on day 6, fading through the day
        return RUMOUR + min(rng.expovariate(1 / (4 * 3600)), 20 * 3600) + rng.uniform(60, 900)
    return rng.uniform(PUBLISHED + 48 * 3600, SCRAPED - 2 * 3600)

def build():
    threads = parse_source()
    authors, channels = {}, {}
    used = set()
    def author_of(c):
        a = c["author"] or random_handle(c["lang"])
        while c["author"] is None and a in used:
            a = random_handle(c["lang"])
        used.add(a)
        return a
    def channel_of(a):
        if a not in channels:
            channels[a] = "UC" + rid(22)
        return channels[a]
    rows = []
    for th in threads:
        t0 = top_time(th["phase"])
        cid = "Ug" + rng.choice("wxyz") + rid(16) + "4AaABAg"
        th["_t"], th["_cid"] = t0, cid
        prev = t0
        for i, r in enumerate(th["replies"]):
            prev = min(prev + rng.expovariate(1 / (2.5 * 3600)) + 120, SCRAPED - 600)
            r["_t"], r["_cid"] = prev, cid + "." + rng.choice("9A") + rid(21)
    # sort_by popular: the most liked threads first, replies under their parent
    threads.sort(key=lambda th: -th["likes"])
    for th in threads:
        for c in [th] + th["replies"]:
            a = author_of(c)
            rows.append((c, {
                "cid": c["_cid"], "text": c["text"], "time": time_text(c["_t"]), "author": a,
                "channel": channel_of(a), "votes": votes_display(c["likes"]),
                "replies": "0" if c["reply"] else str(len(c["replies"])), "photo": "",
                "heart": c["heart"], "reply": c["reply"], "time_parsed": round(c["_t"], 1)}))
    return rows

MOMENT = re.compile(r"(?<![\d:])(\d{1,2}):([0-5]\d)(?![\d:])|(\d{1,2})\s*분\s*(\d{1,2})\s*초")

def moments(text):
    out = []
    for m in MOMENT.finditer(text):
        mm, ss = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        out.append(int(mm) * 60 + int(ss))
    return out

def malformed(rows):
    # Four kinds of damage --skip-bad must survive; none of them is a comment.
    full = json.dumps({"cid": "Ugy" + rid(16) + "4AaABAg", "text": "4:18 두 사람 웃는 거 보고 나도 같이 웃음 ㅋㅋㅋ",
                       "time": "1 week ago", "author": "@cutoff_line", "channel": "UC" + rid(22), "votes": "3",
                       "replies": "0", "photo": "", "heart": False, "reply": False,
                       "time_parsed": PUBLISHED + 30000.0}, ensure_ascii=False)
    no_text = {"cid": "Ugx" + rid(16) + "4AaABAg", "time": "5 days ago", "author": "@empty_text_user",
               "channel": "UC" + rid(22), "votes": "0", "replies": "0", "photo": "", "heart": False,
               "reply": False, "time_parsed": RUMOUR + 5000.0}
    return [full[: len(full) * 3 // 5],
            f"Downloading Youtube comments for video: {VIDEO_ID}",
            json.dumps(no_text, ensure_ascii=False),
            json.dumps(["UgzArrayNotAnObject4AaABAg", "TaeRin forever", "12"], ensure_ascii=False)]

def main():
    rows = build()
    bad = malformed(rows)
    positions = [23, 87, 151, 214]        # 1-based physical lines of the damaged records
    lines, gold, bad_iter = [], [], iter(bad)
    ri = 0
    while ri < len(rows) or len(lines) < len(rows) + len(bad):
        if len(lines) + 1 in positions:
            lines.append(next(bad_iter))
            continue
        c, rec = rows[ri]; ri += 1
        lines.append(json.dumps(rec, ensure_ascii=False))
        gold.append({"comment": c["text"], "labels": c["labels"], "sentiment": c["sentiment"],
                     "targets": c["targets"], "context": TITLE, "cid": rec["cid"], "lang": c["lang"],
                     "moments": moments(c["text"])})
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "comments.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (OUT / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
    meta = {"title": TITLE, "video_id": VIDEO_ID, "pair": ["민태오", "서하린"], "malformed_lines": positions,
            "n_comments": len(rows), "written_by": "Shipwatch developers; every comment is invented"}
    (OUT / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(len(rows), "comments,", len(lines), "lines")

main()
